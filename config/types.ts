// The shape of a validated event configuration and encoding profile, after ajv has applied the
// schema defaults. The JSON Schemas beside this file are the source of truth for allowed values
// and defaults; these types mirror them for the compiler.

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

export interface MediaConnectConfig {
  readonly protocol: MediaConnectProtocol;
  readonly primaryPort: number;
  readonly backupPort: number;
  readonly maxLatencyMs: number;
  readonly minLatencyMs: number;
  readonly streamId?: string;
  readonly availabilityZones?: Readonly<Record<Region, readonly [string, string]>>;
  readonly decryption?: { readonly secretArn: string; readonly algorithm: "aes128" | "aes192" | "aes256" };
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

export interface EndpointConfig {
  readonly container: Container;
  readonly hls: boolean;
  readonly lowLatencyHls: boolean;
  readonly dash: boolean;
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
  readonly corsAllowedOrigins: readonly string[];
  readonly accessLogs: { readonly enabled: boolean; readonly retentionDays: number };
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
}

export interface Rendition {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly bitrate: number;
  readonly qvbrLevel?: number;
  readonly profile: "BASELINE" | "MAIN" | "HIGH";
}

export interface AudioTrack {
  readonly name: string;
  readonly codec: "AAC";
  readonly bitrate: number;
  readonly channels: 1 | 2;
  readonly sampleRate: 32000 | 44100 | 48000;
  readonly language: string;
}

export interface EncodingProfile {
  readonly name: string;
  readonly description: string;
  readonly inputSpecification: {
    readonly codec: "AVC" | "HEVC" | "MPEG2";
    readonly resolution: "SD" | "HD" | "UHD";
    readonly maximumBitrate: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
  };
  readonly video: {
    readonly codec: "AVC" | "HEVC";
    readonly framerate: { readonly numerator: number; readonly denominator: number };
    readonly gopSeconds: number;
    readonly rateControl: "QVBR" | "CBR";
    readonly bFrames: number;
    readonly sceneChangeDetect: boolean;
  };
  readonly renditions: readonly Rendition[];
  readonly audio: readonly AudioTrack[];
}

/** A configuration that passed every check, with the profile it names. */
export interface LoadedEvent {
  readonly config: EventConfig;
  readonly profile: EncodingProfile;
  /** Things that are allowed but deserve a second look (for example an open allowlist). */
  readonly warnings: readonly string[];
}
