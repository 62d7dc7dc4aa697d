import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { MediaPackagev2ChannelGroup } from "@cdktf/provider-aws/lib/media-packagev2-channel-group";
import { Mediapackagev2Channel } from "../../.gen/providers/awscc/mediapackagev2-channel";
import { Mediapackagev2ChannelPolicy } from "../../.gen/providers/awscc/mediapackagev2-channel-policy";
import {
  Mediapackagev2OriginEndpoint,
  Mediapackagev2OriginEndpointHlsManifests,
  Mediapackagev2OriginEndpointSegmentEncryption,
} from "../../.gen/providers/awscc/mediapackagev2-origin-endpoint";
import type { Container, EndpointEncryption, IngestType, PackagingConfig } from "../../config/types";

/** The kinds of manifest an endpoint can serve, with their names and file extensions. */
export const MANIFESTS = {
  hls: { name: "index", extension: "m3u8", label: "HLS" },
  lowLatencyHls: { name: "index-ll", extension: "m3u8", label: "low-latency HLS" },
  dash: { name: "dash", extension: "mpd", label: "DASH" },
} as const;
export type ManifestKind = keyof typeof MANIFESTS;

/** The channel every event uses inside its channel group. */
export const PACKAGER_CHANNEL = "live";

export interface PackagedEndpoint {
  readonly name: string;
  readonly container: Container;
  readonly endpoint: Mediapackagev2OriginEndpoint;
  /** The manifests this endpoint serves. */
  readonly manifests: readonly ManifestKind[];
}

export interface PackagerProps {
  /**
   * The channel group name. It must be the same in every region: CloudFront fails over between
   * regions by sending the same path to the next origin, and the path carries the group,
   * channel and endpoint names. (Channel groups are regional, so equal names do not collide.)
   */
  readonly channelGroupName: string;
  readonly description: string;
  /** The validated `packaging` block. */
  readonly packaging: PackagingConfig;
  /** The role MediaLive pushes with: the only principal the channel policy admits. */
  readonly mediaLiveRoleArn: string;
  readonly awsccTags: { key: string; value: string }[];
  /**
   * What MediaLive pushes: HLS, or CMAF Ingest. With CMAF, MediaPackage switches between the two
   * pipelines' inputs on MediaLive's media quality confidence score (MQCS) and publishes the score
   * to the CDN in CMSD headers, which CloudFront's media-quality-aware origin selection reads.
   * https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_InputSwitchConfiguration.html
   * @default "HLS"
   */
  readonly inputType?: IngestType;
}

/**
 * MediaPackage v2: a channel group, an HLS- or CMAF-ingest channel that only our MediaLive role may
 * push to, and one origin endpoint per configured endpoint (TS or CMAF) with HLS, low-latency HLS and
 * DASH manifests, SCTE-35 ad markers, and manifest errors forced on stale or incomplete input so
 * that the CDN can fail over. Endpoint policies (who may read) belong with the CDN.
 */
export class Packager extends Construct {
  public readonly channelGroup: MediaPackagev2ChannelGroup;
  public readonly channel: Mediapackagev2Channel;
  public readonly endpoints: readonly PackagedEndpoint[];

  constructor(scope: Construct, id: string, props: PackagerProps) {
    super(scope, id);
    const pk = props.packaging;

    this.channelGroup = new MediaPackagev2ChannelGroup(this, "ChannelGroup", {
      name: props.channelGroupName,
      description: props.description,
    });
    this.channel = new Mediapackagev2Channel(this, "Channel", {
      channelGroupName: this.channelGroup.name,
      channelName: PACKAGER_CHANNEL,
      description: props.description,
      inputType: props.inputType ?? "HLS",
      ...(props.inputType === "CMAF"
        ? { inputSwitchConfiguration: { mqcsInputSwitching: true }, outputHeaderConfiguration: { publishMqcs: true } }
        : {}),
      tags: props.awsccTags,
    });

    const ingestPolicy = new DataAwsIamPolicyDocument(this, "IngestPolicyDocument", {
      statement: [
        {
          sid: "AllowMediaLiveToPush",
          actions: ["mediapackagev2:PutObject"],
          principals: [{ type: "AWS", identifiers: [props.mediaLiveRoleArn] }],
          resources: [this.channel.arn],
        },
      ],
    });
    new Mediapackagev2ChannelPolicy(this, "ChannelPolicy", {
      channelGroupName: this.channel.channelGroupName,
      channelName: this.channel.channelName,
      policy: ingestPolicy.json,
    });

    const hlsManifest = (kind: ManifestKind): Mediapackagev2OriginEndpointHlsManifests => ({
      manifestName: MANIFESTS[kind].name,
      manifestWindowSeconds: pk.manifestWindowSeconds,
      programDateTimeIntervalSeconds: pk.programDateTimeIntervalSeconds,
      scteHls: { adMarkerHls: pk.adMarkers },
    });

    this.endpoints = Object.entries(pk.endpoints)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, ep]) => {
        const manifests = (["hls", "lowLatencyHls", "dash"] as const).filter((kind) => ep[kind]);
        const endpoint = new Mediapackagev2OriginEndpoint(this, `Endpoint-${name}`, {
          channelGroupName: this.channel.channelGroupName,
          channelName: this.channel.channelName,
          originEndpointName: name,
          containerType: ep.container,
          description: `${props.description} (${ep.container})`,
          startoverWindowSeconds: pk.startoverWindowSeconds,
          segment: {
            segmentDurationSeconds: pk.segmentDurationSeconds,
            segmentName: "segment",
            includeIframeOnlyStreams: pk.iframeOnlyStreams,
            tsUseAudioRenditionGroup: ep.container === "TS" ? true : undefined,
            scte: { scteFilter: [...pk.scteFilter] },
            // Each endpoint its own default key id: two endpoints sharing one would share content keys.
            // The same in every region, so a viewer failing over keeps decrypting with the same keys.
            encryption: ep.encryption ? segmentEncryption(ep.container, ep.encryption, `${props.channelGroupName}-${name}`) : undefined,
          },
          hlsManifests: ep.hls ? [hlsManifest("hls")] : undefined,
          lowLatencyHlsManifests: ep.lowLatencyHls ? [hlsManifest("lowLatencyHls")] : undefined,
          dashManifests: ep.dash
            ? [
                {
                  manifestName: MANIFESTS.dash.name,
                  manifestWindowSeconds: pk.manifestWindowSeconds,
                  // A player refreshes at most once a segment and buffers two segments.
                  minUpdatePeriodSeconds: pk.segmentDurationSeconds,
                  minBufferTimeSeconds: 2 * pk.segmentDurationSeconds,
                  suggestedPresentationDelaySeconds: 3 * pk.segmentDurationSeconds,
                  segmentTemplateFormat: "NUMBER_WITH_TIMELINE",
                  periodTriggers: ["AVAILS"],
                  scteDash: { adMarkerDash: "XML" },
                },
              ]
            : undefined,
          // With DRM, a key server that cannot answer also makes the endpoint answer an error, so the
          // CDN fails over instead of serving segments no player can decrypt.
          forceEndpointErrorConfiguration: errorConditions(pk.endpointErrorConditions, ep.encryption !== undefined),
          tags: props.awsccTags,
        });
        return { name, container: ep.container, endpoint, manifests };
      });
  }
}

function errorConditions(configured: readonly string[], encrypted: boolean): { endpointErrorConditions: string[] } | undefined {
  const conditions = encrypted ? [...configured, "MISSING_DRM_KEY"] : [...configured];
  return conditions.length > 0 ? { endpointErrorConditions: conditions } : undefined;
}

/**
 * Segment encryption with keys from a SPEKE v2 key provider. TS: AES-128 for clear key, SAMPLE-AES
 * for FairPlay. CMAF: CBCS whenever FairPlay is among the systems (Widevine and PlayReady read
 * CBCS too), CENC otherwise. One key for audio and video (SPEKE v2 preset SHARED on both).
 * The resource id defaults to one per endpoint (the key provider derives content keys from it).
 */
function segmentEncryption(container: Container, e: EndpointEncryption, defaultResourceId: string): Mediapackagev2OriginEndpointSegmentEncryption {
  const clearKey = e.method === "CLEAR_KEY_AES_128";
  const drmSystems = clearKey ? ["CLEAR_KEY_AES_128"] : [...(e.drmSystems ?? [])];
  return {
    encryptionMethod:
      container === "TS"
        ? { tsEncryptionMethod: clearKey ? "AES_128" : "SAMPLE_AES" }
        : { cmafEncryptionMethod: drmSystems.includes("FAIRPLAY") ? "CBCS" : "CENC" },
    keyRotationIntervalSeconds: e.keyRotationIntervalSeconds,
    spekeKeyProvider: {
      url: e.spekeUrl,
      roleArn: e.roleArn,
      resourceId: e.resourceId ?? defaultResourceId,
      drmSystems,
      certificateArn: e.certificateArn,
      encryptionContractConfiguration: { presetSpeke20Audio: "SHARED", presetSpeke20Video: "SHARED" },
    },
  };
}
