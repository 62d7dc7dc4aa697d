import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { MediaPackagev2ChannelGroup } from "@cdktf/provider-aws/lib/media-packagev2-channel-group";
import { Mediapackagev2Channel } from "../../../.gen/providers/awscc/mediapackagev2-channel";
import { Mediapackagev2ChannelPolicy } from "../../../.gen/providers/awscc/mediapackagev2-channel-policy";
import { Mediapackagev2OriginEndpoint } from "../../../.gen/providers/awscc/mediapackagev2-origin-endpoint";
import { EndpointEncryption, Packager, PackagerProps } from "../../../modules/packager";

/** The project root (not from support/project, which loads the whole app). */
const ROOT = path.resolve(__dirname, "..", "..", "..");

// The Packager on its own, through cdktf's Testing API and matchers.

const ROLE = "arn:aws:iam::123456789012:role/ev-euw1-medialive";
const SPEKE = { spekeUrl: "https://keys.example.com/speke/v2.0", roleArn: "arn:aws:iam::123456789012:role/ev-speke" };

function synth(props: Partial<PackagerProps> = {}): { json: string; packager: Packager } {
  let packager!: Packager;
  const json = Testing.synthScope((scope) => {
    packager = new Packager(scope, "Packager", { channelGroupName: "ev", mediaLiveRoleArn: ROLE, ...props });
  });
  return { json, packager };
}

/** Every origin endpoint of a synthesis, by endpoint name. */
function endpoints(json: string): Record<string, any> {
  const all = Object.values<any>(JSON.parse(json).resource.awscc_mediapackagev2_origin_endpoint);
  return Object.fromEntries(all.map((e) => [e.origin_endpoint_name, e]));
}

/** `${type.<logical name>.attr}` of the only resource of a type. */
function ref(json: string, type: string, attr: string): string {
  const names = Object.keys(JSON.parse(json).resource[type]);
  expect(names).toHaveLength(1);
  return `\${${type}.${names[0]}.${attr}}`;
}

describe("Packager with only the required props", () => {
  const { json, packager } = synth();
  const channel = ref(json, "awscc_mediapackagev2_channel", "channel_name");

  test("a channel group named as given, and an HLS-ingest channel 'live' in it, described after the group", () => {
    expect(json).toHaveResourceWithProperties(MediaPackagev2ChannelGroup, { name: "ev", description: "ev live event" });
    expect(json).toHaveResourceWithProperties(Mediapackagev2Channel, {
      channel_group_name: ref(json, "aws_media_packagev2_channel_group", "name"),
      channel_name: "live",
      input_type: "HLS",
      description: "ev live event",
    });
    expect(json).not.toHaveResourceWithProperties(Mediapackagev2Channel, { input_switch_configuration: expect.anything() });
    expect(json).not.toHaveResourceWithProperties(Mediapackagev2Channel, { tags: expect.anything() });
  });

  test("the channel policy admits only the MediaLive role, to push", () => {
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "AllowMediaLiveToPush",
          actions: ["mediapackagev2:PutObject"],
          principals: [{ type: "AWS", identifiers: [ROLE] }],
          resources: [ref(json, "awscc_mediapackagev2_channel", "arn")],
        },
      ],
    });
    const document = Object.keys(JSON.parse(json).data.aws_iam_policy_document)[0];
    expect(json).toHaveResourceWithProperties(Mediapackagev2ChannelPolicy, { channel_name: channel, policy: `\${data.aws_iam_policy_document.${document}.json}` });
  });

  test("two endpoints, ts and cmaf, each with HLS and low-latency HLS, no DASH, 4 s segments, a 14-day start-over window and forced errors for CDN failover", () => {
    const all = endpoints(json);
    expect(Object.keys(all).sort()).toEqual(["cmaf", "ts"]);
    const manifest = { manifest_window_seconds: 60, program_date_time_interval_seconds: 60, scte_hls: { ad_marker_hls: "DATERANGE" } };
    for (const [name, container] of [
      ["ts", "TS"],
      ["cmaf", "CMAF"],
    ]) {
      expect(json).toHaveResourceWithProperties(Mediapackagev2OriginEndpoint, {
        channel_name: channel,
        origin_endpoint_name: name,
        container_type: container,
        description: `ev live event (${container})`,
        startover_window_seconds: 1209600,
        hls_manifests: [{ manifest_name: "index", ...manifest }],
        low_latency_hls_manifests: [{ manifest_name: "index-ll", ...manifest }],
        force_endpoint_error_configuration: { endpoint_error_conditions: ["STALE_MANIFEST", "INCOMPLETE_MANIFEST", "SLATE_INPUT"] },
      });
      expect(all[name].dash_manifests).toBeUndefined();
      expect(all[name].segment).toMatchObject({
        segment_duration_seconds: 4,
        segment_name: "segment",
        include_iframe_only_streams: true,
        scte: {
          scte_filter: ["SPLICE_INSERT", "BREAK", "PROVIDER_ADVERTISEMENT", "DISTRIBUTOR_ADVERTISEMENT", "PROVIDER_PLACEMENT_OPPORTUNITY", "DISTRIBUTOR_PLACEMENT_OPPORTUNITY"],
        },
      });
      expect(all[name].segment.encryption).toBeUndefined();
    }
    // TS endpoints put audio in a rendition group of its own (CMAF always does).
    expect(all.ts.segment.ts_use_audio_rendition_group).toBe(true);
    expect(all.cmaf.segment.ts_use_audio_rendition_group).toBeUndefined();
  });

  test("exposes the endpoints in name order with the manifests they serve", () => {
    expect(packager.endpoints.map((e) => [e.name, e.container, e.manifests])).toEqual([
      ["cmaf", "CMAF", ["hls", "lowLatencyHls"]],
      ["ts", "TS", ["hls", "lowLatencyHls"]],
    ]);
  });

  test("the defaults are the event schema's, so a construct used without the loader deploys what an empty packaging block does", () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "event.schema.json"), "utf8")).properties.packaging.properties;
    const ts = endpoints(json).ts;
    expect([
      ts.segment.segment_duration_seconds,
      ts.hls_manifests[0].manifest_window_seconds,
      ts.hls_manifests[0].program_date_time_interval_seconds,
      ts.startover_window_seconds,
      ts.segment.include_iframe_only_streams,
      ts.hls_manifests[0].scte_hls.ad_marker_hls,
      ts.segment.scte.scte_filter,
      ts.force_endpoint_error_configuration.endpoint_error_conditions,
    ]).toEqual(
      [
        "segmentDurationSeconds",
        "manifestWindowSeconds",
        "programDateTimeIntervalSeconds",
        "startoverWindowSeconds",
        "iframeOnlyStreams",
        "adMarkers",
        "scteFilter",
        "endpointErrorConditions",
      ].map((key) => schema[key].default),
    );
    const endpoint = schema.endpoints.additionalProperties.properties;
    expect(packager.endpoints.map((e) => e.name).sort()).toEqual(Object.keys(schema.endpoints.default).sort());
    expect(packager.endpoints[0].manifests).toEqual((["hls", "lowLatencyHls", "dash"] as const).filter((kind) => endpoint[kind].default));
  });
});

describe("Packager with every prop", () => {
  const drm: EndpointEncryption = { method: "SPEKE", drmSystems: ["FAIRPLAY", "WIDEVINE", "PLAYREADY"], ...SPEKE };
  const { json, packager } = synth({
    description: "Title fight",
    awsccTags: [{ key: "Event", value: "ev" }],
    inputType: "CMAF",
    segmentDurationSeconds: 6,
    manifestWindowSeconds: 120,
    programDateTimeIntervalSeconds: 10,
    startoverWindowSeconds: 3600,
    iframeOnlyStreams: false,
    adMarkers: "SCTE35_ENHANCED",
    scteFilter: ["SPLICE_INSERT"],
    endpointErrorConditions: ["STALE_MANIFEST"],
    endpoints: {
      "ts-fairplay": { container: "TS", lowLatencyHls: false, encryption: { method: "SPEKE", drmSystems: ["FAIRPLAY"], keyRotationIntervalSeconds: 3600, ...SPEKE } },
      "ts-aes128": { container: "TS", encryption: { method: "CLEAR_KEY_AES_128", ...SPEKE } },
      "cmaf-drm": { container: "CMAF", dash: true, encryption: { ...drm, resourceId: "ev-2026", certificateArn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" } },
      "cmaf-cenc": { container: "CMAF", hls: false, lowLatencyHls: false, dash: true, encryption: { method: "SPEKE", drmSystems: ["WIDEVINE", "PLAYREADY"], ...SPEKE } },
    },
  });
  const all = endpoints(json);
  const shared = { encryption_contract_configuration: { preset_speke_20_audio: "SHARED", preset_speke_20_video: "SHARED" } };
  const speke = { url: SPEKE.spekeUrl, role_arn: SPEKE.roleArn };

  test("CMAF ingest: MediaPackage switches inputs on MediaLive's quality score and publishes it to the CDN", () => {
    expect(json).toHaveResourceWithProperties(Mediapackagev2Channel, {
      input_type: "CMAF",
      description: "Title fight",
      input_switch_configuration: { mqcs_input_switching: true },
      output_header_configuration: { publish_mqcs: true },
      tags: [{ key: "Event", value: "ev" }],
    });
    expect(json).toHaveResourceWithProperties(MediaPackagev2ChannelGroup, { name: "ev", description: "Title fight" });
  });

  test("timing, markers and filters reach every endpoint", () => {
    const manifest = { manifest_window_seconds: 120, program_date_time_interval_seconds: 10, scte_hls: { ad_marker_hls: "SCTE35_ENHANCED" } };
    expect(all["ts-aes128"]).toMatchObject({
      startover_window_seconds: 3600,
      segment: { segment_duration_seconds: 6, include_iframe_only_streams: false, scte: { scte_filter: ["SPLICE_INSERT"] } },
      hls_manifests: [{ manifest_name: "index", ...manifest }],
      low_latency_hls_manifests: [{ manifest_name: "index-ll", ...manifest }],
      tags: [{ key: "Event", value: "ev" }],
    });
    expect(all["ts-fairplay"].low_latency_hls_manifests).toBeUndefined();
    expect(all["cmaf-cenc"].hls_manifests).toBeUndefined();
  });

  test("DASH: refreshed at most once a segment, two segments buffered, three behind live, ad breaks as periods", () => {
    expect(all["cmaf-drm"].dash_manifests).toEqual([
      {
        manifest_name: "dash",
        manifest_window_seconds: 120,
        min_update_period_seconds: 6,
        min_buffer_time_seconds: 12,
        suggested_presentation_delay_seconds: 18,
        segment_template_format: "NUMBER_WITH_TIMELINE",
        period_triggers: ["AVAILS"],
        scte_dash: { ad_marker_dash: "XML" },
      },
    ]);
  });

  test("encryption per container and DRM system: SAMPLE-AES for FairPlay and AES-128 for clear key on TS, CBCS with FairPlay and CENC without on CMAF", () => {
    expect(all["ts-fairplay"].segment.encryption).toEqual({
      encryption_method: { ts_encryption_method: "SAMPLE_AES" },
      key_rotation_interval_seconds: 3600,
      speke_key_provider: { ...speke, resource_id: "ev-ts-fairplay", drm_systems: ["FAIRPLAY"], ...shared },
    });
    expect(all["ts-aes128"].segment.encryption).toEqual({
      encryption_method: { ts_encryption_method: "AES_128" },
      speke_key_provider: { ...speke, resource_id: "ev-ts-aes128", drm_systems: ["CLEAR_KEY_AES_128"], ...shared },
    });
    expect(all["cmaf-drm"].segment.encryption).toEqual({
      encryption_method: { cmaf_encryption_method: "CBCS" },
      speke_key_provider: {
        ...speke,
        resource_id: "ev-2026",
        drm_systems: ["FAIRPLAY", "WIDEVINE", "PLAYREADY"],
        certificate_arn: "arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
        ...shared,
      },
    });
    expect(all["cmaf-cenc"].segment.encryption.encryption_method).toEqual({ cmaf_encryption_method: "CENC" });
  });

  test("an encrypted endpoint also answers an error when the key provider cannot, so the CDN fails over", () => {
    for (const e of Object.values(all)) expect(e.force_endpoint_error_configuration).toEqual({ endpoint_error_conditions: ["STALE_MANIFEST", "MISSING_DRM_KEY"] });
  });

  test("exposes every endpoint with its manifests", () => {
    expect(packager.endpoints.map((e) => [e.name, e.manifests])).toEqual([
      ["cmaf-cenc", ["dash"]],
      ["cmaf-drm", ["hls", "lowLatencyHls", "dash"]],
      ["ts-aes128", ["hls", "lowLatencyHls"]],
      ["ts-fairplay", ["hls"]],
    ]);
  });
});

test("no error conditions and no encryption: no forced errors at all", () => {
  const { json } = synth({ endpointErrorConditions: [], endpoints: { ts: { container: "TS" } } });
  expect(endpoints(json).ts.force_endpoint_error_configuration).toBeUndefined();
});

describe("Packager validation", () => {
  const rejects = (endpoints: PackagerProps["endpoints"]) => () => synth({ endpoints });

  test("rejects an empty endpoint list", () => {
    expect(rejects({})).toThrow("Packager: endpoints is empty; configure at least one origin endpoint, or leave endpoints out for the default TS and CMAF endpoints");
  });

  test("rejects an endpoint that serves no manifest", () => {
    expect(rejects({ quiet: { container: "CMAF", hls: false, lowLatencyHls: false } })).toThrow('Packager: endpoint "quiet" serves no manifest; turn on hls, lowLatencyHls or dash');
  });

  test("rejects DASH on a TS endpoint", () => {
    expect(rejects({ ts: { container: "TS", dash: true } })).toThrow('Packager: endpoint "ts" has dash on container TS; DASH needs container CMAF');
  });

  test("rejects encryption without a key provider URL or role", () => {
    expect(rejects({ ts: { container: "TS", encryption: { method: "CLEAR_KEY_AES_128", roleArn: SPEKE.roleArn } } })).toThrow(
      'Packager: endpoint "ts" encryption has no spekeUrl; MediaPackage v2 gets every key, clear-key AES-128 included, from a SPEKE v2 key provider',
    );
    expect(rejects({ ts: { container: "TS", encryption: { method: "CLEAR_KEY_AES_128", spekeUrl: SPEKE.spekeUrl } } })).toThrow('Packager: endpoint "ts" encryption has no roleArn;');
  });

  test("rejects clear-key AES-128 on CMAF", () => {
    expect(rejects({ cmaf: { container: "CMAF", encryption: { method: "CLEAR_KEY_AES_128", ...SPEKE } } })).toThrow(
      'Packager: endpoint "cmaf" uses CLEAR_KEY_AES_128 on container CMAF; clear-key AES-128 needs container TS (use method SPEKE with drmSystems on CMAF)',
    );
  });

  test("rejects SPEKE without DRM systems", () => {
    expect(rejects({ cmaf: { container: "CMAF", encryption: { method: "SPEKE", drmSystems: [], ...SPEKE } } })).toThrow(
      'Packager: endpoint "cmaf" uses method SPEKE without drmSystems; name at least one of FAIRPLAY, WIDEVINE, PLAYREADY',
    );
  });

  test("rejects Widevine or PlayReady on TS", () => {
    expect(rejects({ ts: { container: "TS", encryption: { method: "SPEKE", drmSystems: ["FAIRPLAY", "WIDEVINE"], ...SPEKE } } })).toThrow(
      'Packager: endpoint "ts" is TS with drmSystems ["FAIRPLAY","WIDEVINE"]; TS supports FAIRPLAY only (Widevine and PlayReady need CMAF)',
    );
  });
});
