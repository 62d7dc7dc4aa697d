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

/** The kinds of manifest an endpoint can serve, with their names and file extensions. */
export const MANIFESTS = {
  hls: { name: "index", extension: "m3u8", label: "HLS" },
  lowLatencyHls: { name: "index-ll", extension: "m3u8", label: "low-latency HLS" },
  dash: { name: "dash", extension: "mpd", label: "DASH" },
} as const;
export type ManifestKind = keyof typeof MANIFESTS;

/** The channel every event uses inside its channel group. */
export const PACKAGER_CHANNEL = "live";

/** The segment container an endpoint packages into. */
export type Container = "TS" | "CMAF";
/** How MediaLive pushes to MediaPackage v2 (docs/ingest.md). */
export type IngestType = "HLS" | "CMAF";
/** How SCTE-35 ad markers appear in the HLS manifests. */
export type AdMarkers = "DATERANGE" | "SCTE35_ENHANCED";
/** SCTE-35 message types that MediaPackage turns into ad markers. */
export type ScteMessageType =
  | "SPLICE_INSERT"
  | "BREAK"
  | "PROVIDER_ADVERTISEMENT"
  | "DISTRIBUTOR_ADVERTISEMENT"
  | "PROVIDER_PLACEMENT_OPPORTUNITY"
  | "DISTRIBUTOR_PLACEMENT_OPPORTUNITY"
  | "PROVIDER_OVERLAY";
/** Input states on which an endpoint answers with an error instead of a manifest. */
export type EndpointErrorCondition = "STALE_MANIFEST" | "INCOMPLETE_MANIFEST" | "SLATE_INPUT";
export type DrmSystem = "FAIRPLAY" | "WIDEVINE" | "PLAYREADY";

/**
 * Content protection for one endpoint: keys from a SPEKE v2 key provider, either DRM or clear-key
 * AES-128. MediaPackage v2 needs the key provider's URL, a role and the DRM systems for every
 * method: https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_SpekeKeyProvider.html
 */
export interface EndpointEncryption {
  /** DRM (SPEKE with drmSystems), or clear-key AES-128 (TS only). */
  readonly method: "SPEKE" | "CLEAR_KEY_AES_128";
  /**
   * The DRM systems (method SPEKE only). A TS endpoint supports FairPlay only; CMAF uses CBCS
   * whenever FairPlay is among them, CENC otherwise.
   * @default none (required with method SPEKE)
   */
  readonly drmSystems?: readonly DrmSystem[];
  /**
   * The key provider's https:// URL.
   * @default none (required)
   */
  readonly spekeUrl?: string;
  /**
   * The IAM role MediaPackage assumes to call the key provider.
   * @default none (required)
   */
  readonly roleArn?: string;
  /**
   * The content id sent to the key provider.
   * @default `<channel group>-<endpoint name>`: one per endpoint (two endpoints sharing one would share content keys), the same in every region
   */
  readonly resourceId?: string;
  /**
   * Rotate keys this often, in seconds.
   * @default no rotation
   */
  readonly keyRotationIntervalSeconds?: number;
  /**
   * An ACM certificate ARN for encrypted content keys.
   * @default content keys are not encrypted
   */
  readonly certificateArn?: string;
}

/** One origin endpoint: its container and the manifests it serves. */
export interface PackagerEndpointProps {
  readonly container: Container;
  /** @default true */
  readonly hls?: boolean;
  /** @default true */
  readonly lowLatencyHls?: boolean;
  /**
   * A DASH manifest (CMAF endpoints only).
   * @default false
   */
  readonly dash?: boolean;
  /** @default no encryption */
  readonly encryption?: EndpointEncryption;
}

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
  /** The role MediaLive pushes with: the only principal the channel policy admits. */
  readonly mediaLiveRoleArn: string;
  /**
   * Description of the channel group, the channel and the endpoints.
   * @default "<channelGroupName> live event"
   */
  readonly description?: string;
  /**
   * Tags of the awscc resources (the aws provider tags the others through its default tags).
   * @default no tags
   */
  readonly awsccTags?: readonly { readonly key: string; readonly value: string }[];
  /**
   * What MediaLive pushes: HLS, or CMAF Ingest. With CMAF, MediaPackage switches between the two
   * pipelines' inputs on MediaLive's media quality confidence score (MQCS) and publishes the score
   * to the CDN in CMSD headers, which CloudFront's media-quality-aware origin selection reads.
   * https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_InputSwitchConfiguration.html
   * @default "HLS"
   */
  readonly inputType?: IngestType;
  /** @default 4 */
  readonly segmentDurationSeconds?: number;
  /** @default 60 */
  readonly manifestWindowSeconds?: number;
  /** @default 60 */
  readonly programDateTimeIntervalSeconds?: number;
  /**
   * How far back viewers may start over or time-shift (the CDN keeps time-shifted manifests apart).
   * @default 1209600 (14 days)
   */
  readonly startoverWindowSeconds?: number;
  /**
   * I-frame-only streams (trick play) in the HLS manifests.
   * @default true
   */
  readonly iframeOnlyStreams?: boolean;
  /** @default "DATERANGE" */
  readonly adMarkers?: AdMarkers;
  /**
   * SCTE-35 message types that become ad markers in the manifests.
   * @default every type but PROVIDER_OVERLAY
   */
  readonly scteFilter?: readonly ScteMessageType[];
  /**
   * Input states on which the endpoints answer with an error, so the CDN can fail over (with
   * encryption, MISSING_DRM_KEY is added).
   * @default ["STALE_MANIFEST", "INCOMPLETE_MANIFEST", "SLATE_INPUT"]
   */
  readonly endpointErrorConditions?: readonly EndpointErrorCondition[];
  /**
   * Origin endpoints by name (the name is part of every playback URL, and of the construct id).
   * @default { ts: { container: "TS" }, cmaf: { container: "CMAF" } }
   */
  readonly endpoints?: Readonly<Record<string, PackagerEndpointProps>>;
}

/** An endpoint with its name and defaults applied. */
interface ResolvedEndpoint extends Required<Omit<PackagerEndpointProps, "encryption">> {
  readonly name: string;
  readonly encryption?: EndpointEncryption;
}

const DEFAULT_SCTE_FILTER: readonly ScteMessageType[] = [
  "SPLICE_INSERT",
  "BREAK",
  "PROVIDER_ADVERTISEMENT",
  "DISTRIBUTOR_ADVERTISEMENT",
  "PROVIDER_PLACEMENT_OPPORTUNITY",
  "DISTRIBUTOR_PLACEMENT_OPPORTUNITY",
];
const DEFAULT_ERROR_CONDITIONS: readonly EndpointErrorCondition[] = ["STALE_MANIFEST", "INCOMPLETE_MANIFEST", "SLATE_INPUT"];
const DEFAULT_ENDPOINTS: Readonly<Record<string, PackagerEndpointProps>> = { ts: { container: "TS" }, cmaf: { container: "CMAF" } };

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
    const description = props.description ?? `${props.channelGroupName} live event`;
    const inputType = props.inputType ?? "HLS";
    const segmentDurationSeconds = props.segmentDurationSeconds ?? 4;
    const manifestWindowSeconds = props.manifestWindowSeconds ?? 60;
    const programDateTimeIntervalSeconds = props.programDateTimeIntervalSeconds ?? 60;
    const startoverWindowSeconds = props.startoverWindowSeconds ?? 1209600;
    const iframeOnlyStreams = props.iframeOnlyStreams ?? true;
    const adMarkers = props.adMarkers ?? "DATERANGE";
    const scteFilter = props.scteFilter ?? DEFAULT_SCTE_FILTER;
    const endpointErrorConditions = props.endpointErrorConditions ?? DEFAULT_ERROR_CONDITIONS;
    const endpoints = Object.entries(props.endpoints ?? DEFAULT_ENDPOINTS)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, ep]): ResolvedEndpoint => ({ name, container: ep.container, hls: ep.hls ?? true, lowLatencyHls: ep.lowLatencyHls ?? true, dash: ep.dash ?? false, encryption: ep.encryption }));
    const tags = props.awsccTags?.map((t) => ({ ...t }));
    validateEndpoints(endpoints);

    this.channelGroup = new MediaPackagev2ChannelGroup(this, "ChannelGroup", {
      name: props.channelGroupName,
      description,
    });
    this.channel = new Mediapackagev2Channel(this, "Channel", {
      channelGroupName: this.channelGroup.name,
      channelName: PACKAGER_CHANNEL,
      description,
      inputType,
      ...(inputType === "CMAF" ? { inputSwitchConfiguration: { mqcsInputSwitching: true }, outputHeaderConfiguration: { publishMqcs: true } } : {}),
      tags,
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
      manifestWindowSeconds,
      programDateTimeIntervalSeconds,
      scteHls: { adMarkerHls: adMarkers },
    });

    this.endpoints = endpoints.map((ep) => {
      const manifests = (["hls", "lowLatencyHls", "dash"] as const).filter((kind) => ep[kind]);
      const endpoint = new Mediapackagev2OriginEndpoint(this, `Endpoint-${ep.name}`, {
        channelGroupName: this.channel.channelGroupName,
        channelName: this.channel.channelName,
        originEndpointName: ep.name,
        containerType: ep.container,
        description: `${description} (${ep.container})`,
        startoverWindowSeconds,
        segment: {
          segmentDurationSeconds,
          segmentName: "segment",
          includeIframeOnlyStreams: iframeOnlyStreams,
          tsUseAudioRenditionGroup: ep.container === "TS" ? true : undefined,
          scte: { scteFilter: [...scteFilter] },
          // Each endpoint its own default key id: two endpoints sharing one would share content keys.
          // The same in every region, so a viewer failing over keeps decrypting with the same keys.
          encryption: ep.encryption ? segmentEncryption(ep.container, ep.encryption, `${props.channelGroupName}-${ep.name}`) : undefined,
        },
        hlsManifests: ep.hls ? [hlsManifest("hls")] : undefined,
        lowLatencyHlsManifests: ep.lowLatencyHls ? [hlsManifest("lowLatencyHls")] : undefined,
        dashManifests: ep.dash
          ? [
              {
                manifestName: MANIFESTS.dash.name,
                manifestWindowSeconds,
                // A player refreshes at most once a segment and buffers two segments.
                minUpdatePeriodSeconds: segmentDurationSeconds,
                minBufferTimeSeconds: 2 * segmentDurationSeconds,
                suggestedPresentationDelaySeconds: 3 * segmentDurationSeconds,
                segmentTemplateFormat: "NUMBER_WITH_TIMELINE",
                periodTriggers: ["AVAILS"],
                scteDash: { adMarkerDash: "XML" },
              },
            ]
          : undefined,
        // With DRM, a key server that cannot answer also makes the endpoint answer an error, so the
        // CDN fails over instead of serving segments no player can decrypt.
        forceEndpointErrorConfiguration: errorConditions(endpointErrorConditions, ep.encryption !== undefined),
        tags,
      });
      return { name: ep.name, container: ep.container, endpoint, manifests };
    });
  }
}

/**
 * Combinations MediaPackage v2 refuses, or that would leave an endpoint serving nothing. The
 * event loader reports the same problems with the config file's positions; this keeps the
 * construct safe on its own.
 */
function validateEndpoints(endpoints: readonly ResolvedEndpoint[]): void {
  const fail = (text: string) => {
    throw new Error(`Packager: ${text}`);
  };
  if (endpoints.length === 0) fail("endpoints is empty; configure at least one origin endpoint, or leave endpoints out for the default TS and CMAF endpoints");
  for (const ep of endpoints) {
    const at = `endpoint "${ep.name}"`;
    if (!ep.hls && !ep.lowLatencyHls && !ep.dash) fail(`${at} serves no manifest; turn on hls, lowLatencyHls or dash`);
    // https://docs.aws.amazon.com/mediapackage/latest/userguide/dash-overview.html ("DASH requires the CMAF container type")
    if (ep.dash && ep.container !== "CMAF") fail(`${at} has dash on container ${ep.container}; DASH needs container CMAF`);
    const e = ep.encryption;
    if (!e) continue;
    // https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_SpekeKeyProvider.html (Url, RoleArn and DrmSystems are required)
    for (const key of ["spekeUrl", "roleArn"] as const) {
      if (!e[key]) fail(`${at} encryption has no ${key}; MediaPackage v2 gets every key, clear-key AES-128 included, from a SPEKE v2 key provider`);
    }
    // TS encrypts with AES_128 (clear key) or SAMPLE_AES (FairPlay); CMAF with CENC or CBCS (DRM).
    // https://docs.aws.amazon.com/mediapackage/latest/APIReference/API_EncryptionMethod.html
    // https://docs.aws.amazon.com/cdk/api/v2/docs/@aws-cdk_aws-mediapackagev2-alpha.TsEncryptionMethod.html
    if (e.method === "CLEAR_KEY_AES_128") {
      if (ep.container !== "TS") fail(`${at} uses CLEAR_KEY_AES_128 on container ${ep.container}; clear-key AES-128 needs container TS (use method SPEKE with drmSystems on CMAF)`);
      continue;
    }
    const drm = e.drmSystems ?? [];
    if (drm.length === 0) fail(`${at} uses method SPEKE without drmSystems; name at least one of FAIRPLAY, WIDEVINE, PLAYREADY`);
    if (ep.container === "TS" && drm.some((d) => d !== "FAIRPLAY")) fail(`${at} is TS with drmSystems ${JSON.stringify(drm)}; TS supports FAIRPLAY only (Widevine and PlayReady need CMAF)`);
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
