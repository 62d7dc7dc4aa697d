// The shape of a validated event configuration and encoding profile, after ajv has applied the
// schema defaults. The JSON Schemas beside this file are the source of truth for allowed values
// and defaults; these types mirror them for the compiler.

import type { AlarmsConfig } from "./alarms";

export type Region = string;
export type ContributionType =
  | "MEDIACONNECT"
  | "RTP_PUSH"
  | "UDP_PUSH"
  | "RTMP_PUSH"
  | "RTMP_PULL"
  | "URL_PULL"
  | "MP4_FILE"
  | "TS_FILE"
  | "INPUT_DEVICE";
export type MediaConnectProtocol = "rtp" | "rtp-fec" | "rist" | "srt-listener" | "zixi-push";
export type ChannelClass = "STANDARD" | "SINGLE_PIPELINE";
export type FailoverCondition = "INPUT_LOSS" | "VIDEO_BLACK" | "AUDIO_SILENCE";
export type Container = "TS" | "CMAF";
/** How MediaLive pushes to MediaPackage v2 (docs/ingest.md). */
export type IngestType = "CMAF" | "HLS";

export interface MediaConnectConfig {
  readonly protocol: MediaConnectProtocol;
  readonly primaryPort: number;
  readonly backupPort: number;
  readonly maxLatencyMs: number;
  readonly minLatencyMs: number;
  readonly streamId?: string;
  readonly availabilityZones?: Readonly<Record<Region, readonly [string, string]>>;
  readonly decryption?: {
    readonly secretArn: string;
    readonly regionalSecretArns?: Readonly<Record<Region, string>>;
    readonly algorithm: "aes128" | "aes192" | "aes256";
  };
  readonly regionalFeed: {
    readonly mode: "direct" | "forward";
    readonly protocol: "rist" | "srt" | "zixi";
    readonly latencyMs: number;
    readonly secretArns?: Readonly<Record<Region, string>>;
  };
  readonly secondSource?: {
    readonly allowlistCidr: string;
    readonly portOffset: number;
    readonly failoverMode: "FAILOVER" | "MERGE";
    readonly recoveryWindowMs: number;
  };
}

export interface ContributionConfig {
  readonly type: ContributionType;
  readonly allowlistCidrs?: readonly string[];
  readonly mediaconnect?: MediaConnectConfig;
  readonly rtmpPush?: { readonly applicationName: string };
  readonly pull?: {
    readonly primaryUrls: readonly string[];
    readonly backupUrls: readonly string[];
    readonly username: string;
    readonly passwordParameter: string;
  };
  readonly inputDevices?: { readonly primary: readonly string[]; readonly backup: readonly string[] };
}

export interface ChannelConfig {
  readonly class: ChannelClass;
  readonly encodingProfile: string;
  readonly start: boolean;
  readonly logLevel: "ERROR" | "WARNING" | "INFO" | "DEBUG" | "DISABLED";
  /** Absent: derived from the number of regions (see ingestTypeOf in config/ingest.ts). */
  readonly ingest?: IngestType;
  readonly outputLocking?: "PIPELINE_LOCKING" | "EPOCH_LOCKING" | "DISABLED";
  readonly scte35Passthrough: boolean;
  readonly inputFailover: {
    readonly preference: "PRIMARY_INPUT_PREFERRED" | "EQUAL_INPUT_PREFERENCE";
    readonly errorClearTimeMs: number;
    readonly inputLossThresholdMs: number;
    readonly videoBlackThresholdMs: number;
    readonly audioSilenceThresholdMs: number;
    readonly conditions: readonly FailoverCondition[];
  };
}

export interface EndpointEncryption {
  readonly method: "SPEKE" | "CLEAR_KEY_AES_128";
  readonly drmSystems?: readonly ("FAIRPLAY" | "WIDEVINE" | "PLAYREADY")[];
  readonly spekeUrl?: string;
  readonly roleArn?: string;
  readonly resourceId?: string;
  readonly keyRotationIntervalSeconds?: number;
  readonly certificateArn?: string;
}

export interface EndpointConfig {
  readonly container: Container;
  readonly hls: boolean;
  readonly lowLatencyHls: boolean;
  readonly dash: boolean;
  readonly encryption?: EndpointEncryption;
}

export interface PackagingConfig {
  readonly segmentDurationSeconds: number;
  readonly manifestWindowSeconds: number;
  readonly programDateTimeIntervalSeconds: number;
  readonly startoverWindowSeconds: number;
  readonly iframeOnlyStreams: boolean;
  readonly adMarkers: "DATERANGE" | "SCTE35_ENHANCED";
  readonly scteFilter: readonly string[];
  readonly endpointErrorConditions: readonly ("STALE_MANIFEST" | "INCOMPLETE_MANIFEST" | "SLATE_INPUT")[];
  readonly endpoints: Readonly<Record<string, EndpointConfig>>;
}

export interface DeliveryConfig {
  readonly priceClass: "PriceClass_100" | "PriceClass_200" | "PriceClass_All";
  readonly originShieldRegion?: Region;
  readonly failoverStatusCodes: readonly number[];
  readonly corsAllowedOrigins: readonly string[];
  readonly accessLogs: { readonly enabled: boolean; readonly retentionDays: number };
  readonly customDomain?: { readonly domainName: string; readonly hostedZoneId?: string; readonly certificateArn?: string };
  readonly geoRestriction?: { readonly mode: "allow" | "deny"; readonly countries: readonly string[] };
  readonly waf: {
    readonly enabled: boolean;
    readonly rateLimitPer5Minutes: number;
    readonly managedRuleGroups: readonly string[];
    readonly allowCidrs: readonly string[];
    readonly denyCidrs: readonly string[];
    readonly logRetentionDays: number;
  };
  /** Key name → path of a PEM public key file, relative to the config file (read by the loader). */
  readonly signedUrls?: { readonly publicKeys: Readonly<Record<string, string>> };
}

export interface StateConfig {
  readonly backend: "local" | "s3" | "cloud";
  readonly s3?: { readonly bucket: string; readonly region: string; readonly keyPrefix: string; readonly kmsKeyArn?: string };
  readonly cloud?: { readonly organization: string; readonly hostname: string; readonly workspacePrefix: string; readonly project?: string };
}

/** CloudFront pricing zones (where viewers are billed). */
export type PricingZone = "northAmerica" | "europe" | "middleEastAfrica" | "southAmerica" | "japan" | "australia" | "asiaPacific" | "india";

/** Assumptions behind the cost and latency report; nothing here changes what is deployed. */
export interface ReportConfig {
  readonly audience: {
    readonly viewers: number;
    /** Bits per second per viewer; absent means the profile's top rendition plus its first audio track. */
    readonly averageBitrate?: number;
    /** Relative shares by zone; absent means every viewer in the first region's zone. */
    readonly locations?: Readonly<Partial<Record<PricingZone, number>>>;
    readonly playback?: "hls" | "lowLatencyHls" | "dash";
    readonly cacheHitRatio: number;
  };
  /** Bits per second of each contribution feed; absent means the input specification maximum. */
  readonly contributionBitrate?: number;
  readonly latencyTargetSeconds?: { readonly hls?: number; readonly lowLatencyHls?: number; readonly dash?: number };
  readonly player: { readonly segmentsBehindLive: number; readonly partsBehindLive: number };
}

export interface EventConfig {
  readonly event: {
    readonly name: string;
    readonly description: string;
    readonly environment: string;
    readonly costCentre: string;
  };
  readonly regions: readonly Region[];
  readonly tags: Readonly<Record<string, string>>;
  readonly contribution: ContributionConfig;
  readonly channel: ChannelConfig;
  readonly packaging: PackagingConfig;
  readonly delivery: DeliveryConfig;
  /** Exceptions to the policy pack: one rule on one resource (construct path), with the reason. */
  readonly policy: { readonly waivers: readonly { readonly rule: string; readonly resource: string; readonly reason: string }[] };
  readonly report: ReportConfig;
  readonly alarms: AlarmsConfig;
  readonly state: StateConfig;
}

// ---- Encoding profiles ----------------------------------------------------------------------
// Two file formats (encoding-profiles/<name>.json): the ladder format (ladder.schema.json) and
// MediaLive templates (medialive-template.schema.json). Both load into one EncodingProfile, checked
// the same way; the encoder module only ever sees an EncodingProfile that passed every check.

export type VideoCodec = "AVC" | "HEVC";
export type RateControl = "QVBR" | "CBR" | "VBR";
export type VideoProfile = "BASELINE" | "MAIN" | "HIGH" | "MAIN_10";

/** What the channel is provisioned (and billed) for. */
export interface InputSpecification {
  readonly codec: "AVC" | "HEVC" | "MPEG2";
  readonly resolution: "SD" | "HD" | "UHD";
  readonly maximumBitrate: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
}

export interface Framerate {
  readonly numerator: number;
  readonly denominator: number;
}

/** One rendition of a ladder file, as written (after ajv filled the schema defaults). */
export interface LadderRendition {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly bitrate: number;
  readonly qvbrLevel?: number;
  readonly profile?: VideoProfile;
  readonly level: string;
  readonly tier?: "MAIN" | "HIGH";
  readonly bFrames?: number;
}

/** One audio track of a ladder file, as written. */
export interface LadderAudioTrack {
  readonly name: string;
  readonly codec: "AAC";
  readonly bitrate: number;
  readonly channels: 1 | 2 | 6;
  readonly sampleRate: 32000 | 44100 | 48000;
  readonly language: string;
}

/** A caption channel announced in the HLS manifests. */
export interface CaptionLanguage {
  readonly channel: number;
  readonly language: string;
  readonly description: string;
}

/** A ladder file (encoding-profiles/<name>.json in the ladder format) after schema validation. */
export interface LadderFile {
  readonly name: string;
  readonly description: string;
  readonly inputSpecification: InputSpecification;
  readonly video: {
    readonly codec: VideoCodec;
    readonly framerate: Framerate;
    readonly gopSeconds: number;
    readonly rateControl: "QVBR" | "CBR";
    readonly bFrames?: number;
    readonly sceneChangeDetect: boolean;
  };
  readonly renditions: readonly LadderRendition[];
  readonly audio: readonly LadderAudioTrack[];
  /** Embedded (CEA-608/708) captions passed through, with the channels the manifests announce. */
  readonly captions?: { readonly languages: readonly CaptionLanguage[] };
}

/** One video rendition of a checked profile (a ladder rendition or a template's video description). */
export interface Rendition {
  /** The ladder's rendition name, or the template's video description name. */
  readonly name: string;
  /** The MediaLive video description name. */
  readonly descriptionName: string;
  readonly width: number;
  readonly height: number;
  readonly rateControl: RateControl;
  /** Peak bits per second: the CBR rate, or the QVBR/VBR maximum. */
  readonly bitrate: number;
  readonly qvbrLevel?: number;
  readonly profile: VideoProfile;
  /** "AUTO" or a level such as "4.1". */
  readonly level: string;
  /** HEVC only. */
  readonly tier?: "MAIN" | "HIGH";
  /** B-frames between reference frames (AVC only: the provider has no HEVC setting). */
  readonly bFrames?: number;
  readonly sceneChangeDetect: boolean;
}

/** One audio encode of a checked profile. */
export interface AudioTrack {
  readonly name: string;
  /** The MediaLive audio description name. */
  readonly descriptionName: string;
  readonly codec: "AAC" | "AC3" | "EAC3" | "EAC3_ATMOS" | "MP2" | "PASSTHROUGH" | "WAV";
  /** Bits per second; undefined for passthrough. */
  readonly bitrate?: number;
  readonly channels?: number;
  readonly sampleRate?: number;
  readonly language?: string;
  /** The input audio selector it reads; undefined means the pipeline's default selector. */
  readonly selectorName?: string;
}

/** One caption encode of a checked profile. */
export interface CaptionTrack {
  readonly name: string;
  /** The MediaLive caption description name. */
  readonly descriptionName: string;
  /** The input caption selector it reads; undefined means the pipeline's embedded-captions selector. */
  readonly selectorName?: string;
}

/** One output of the ingest output group: which descriptions it carries. */
export interface ProfileOutput {
  readonly name: string;
  /** Appended to the manifest and segment names; unique per output. */
  readonly nameModifier: string;
  /** Rendition name; undefined for an audio-only output. */
  readonly video?: string;
  readonly audio: readonly string[];
  readonly captions: readonly string[];
  /** Imported templates: output settings the pipeline keeps (cdktf binding structure). */
  readonly audioOnlyHlsSettings?: Readonly<Record<string, unknown>>;
  readonly audioRenditionSets?: string;
  readonly h265PackagingType?: string;
}

/** A MediaLive template's settings, converted to the cdktf binding structure and used as written. */
export interface ImportedSettings {
  readonly videoDescriptions: readonly Readonly<Record<string, unknown>>[];
  readonly audioDescriptions: readonly Readonly<Record<string, unknown>>[];
  readonly captionDescriptions: readonly Readonly<Record<string, unknown>>[];
  /** Other encoder settings passed through (availBlanking, nielsenConfiguration, motionGraphicsConfiguration). */
  readonly other: Readonly<Record<string, unknown>>;
  /** JSON pointers of template settings the pipeline sets itself (the template's values are not used). */
  readonly replaced: readonly string[];
}

/** An encoding profile that passed every check, whichever format it was written in. */
export interface EncodingProfile {
  readonly name: string;
  readonly description: string;
  readonly format: "ladder" | "medialive-template";
  readonly inputSpecification: InputSpecification;
  /** True when the input specification was derived from the renditions (templates). */
  readonly inputSpecificationDerived: boolean;
  /** Shared by every rendition (checked), so players can switch between them. */
  readonly video: { readonly codec: VideoCodec; readonly framerate: Framerate; readonly gopSeconds: number };
  /** Highest bitrate first. */
  readonly renditions: readonly Rendition[];
  readonly audio: readonly AudioTrack[];
  readonly captions: readonly CaptionTrack[];
  readonly outputs: readonly ProfileOutput[];
  /** Caption channels announced in the HLS manifests (none: captions are not signalled). */
  readonly captionLanguages: readonly CaptionLanguage[];
  /** Set for MediaLive templates. */
  readonly imported?: ImportedSettings;
}

/** A configuration that passed every check, with the profile it names. */
export interface LoadedEvent {
  readonly config: EventConfig;
  readonly profile: EncodingProfile;
  /** Things that are allowed but deserve a second look (for example an open allowlist). */
  readonly warnings: readonly string[];
  /** The signed-URL public keys (PEM), read from the files delivery.signedUrls names, by key name. */
  readonly publicKeys: Readonly<Record<string, string>>;
}
