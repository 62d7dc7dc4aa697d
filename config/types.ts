// The shape of a validated event configuration and encoding profile, after ajv has applied the
// schema defaults. The JSON Schemas are the source of truth for allowed values and defaults; the
// types of what they describe are generated from them, and this file adds what the loader derives
// (EncodingProfile, LoadedEvent).

import type { AlarmsConfig } from "./alarms";
import type { EventFile, Region as SchemaRegion } from "./event.generated";
import type { LadderFile as LadderFileAsWritten } from "../encoding-profiles/ladder.generated";

// The event file and ladder types are generated from the schemas (config/event.generated.ts,
// encoding-profiles/ladder.generated.ts; `npm run generate`). The names below are views of them, read-only.

/** Every value, array and object of T read-only. */
export type DeepReadonly<T> = T extends readonly (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A region the schema allows (config/event.schema.json definitions/region). */
export type SupportedRegion = SchemaRegion;
/** A region name as code passes it around (any string; the schema checks configured ones). */
export type Region = string;

/** A validated event configuration, after ajv has applied the schema defaults. */
export interface EventConfig extends DeepReadonly<Omit<EventFile, "$schema" | "alarms">> {
  readonly alarms: AlarmsConfig;
}

export type ContributionConfig = EventConfig["contribution"];
export type ContributionType = ContributionConfig["type"];
export type MediaConnectConfig = NonNullable<ContributionConfig["mediaconnect"]>;
export type MediaConnectProtocol = MediaConnectConfig["protocol"];
export type ChannelConfig = EventConfig["channel"];
export type ChannelClass = ChannelConfig["class"];
/** How MediaLive pushes to MediaPackage v2 (docs/ingest.md). */
export type IngestType = NonNullable<ChannelConfig["ingest"]>;
export type FailoverCondition = ChannelConfig["inputFailover"]["conditions"][number];
export type PackagingConfig = EventConfig["packaging"];
export type EndpointConfig = PackagingConfig["endpoints"][string];
export type EndpointEncryption = NonNullable<EndpointConfig["encryption"]>;
export type Container = EndpointConfig["container"];
export type DeliveryConfig = EventConfig["delivery"];
export type StateConfig = EventConfig["state"];
/** Assumptions behind the cost and latency report; nothing here changes what is deployed. */
export type ReportConfig = EventConfig["report"];
/** CloudFront pricing zones (where viewers are billed). */
export type PricingZone = "northAmerica" | "europe" | "middleEastAfrica" | "southAmerica" | "japan" | "australia" | "asiaPacific" | "india";

// ---- Encoding profiles ----------------------------------------------------------------------
// Two file formats (encoding-profiles/<name>.json): the ladder format (ladder.schema.json) and
// MediaLive templates (medialive-template.schema.json). Both load into one EncodingProfile, checked
// the same way; the encoder module only ever sees an EncodingProfile that passed every check.

export type VideoCodec = LadderFile["video"]["codec"];
export type RateControl = "QVBR" | "CBR" | "VBR";
export type VideoProfile = NonNullable<LadderRendition["profile"]>;

/** A ladder file (encoding-profiles/<name>.json in the ladder format) after schema validation. */
export type LadderFile = DeepReadonly<Omit<LadderFileAsWritten, "$schema">>;
/** What the channel is provisioned (and billed) for. */
export type InputSpecification = LadderFile["inputSpecification"];
export type Framerate = LadderFile["video"]["framerate"];
/** One rendition of a ladder file, as written (after ajv filled the schema defaults). */
export type LadderRendition = LadderFile["renditions"][number];
/** One audio track of a ladder file, as written. */
export type LadderAudioTrack = LadderFile["audio"][number];
/** A caption channel announced in the HLS manifests. */
export type CaptionLanguage = NonNullable<LadderFile["captions"]>["languages"][number];

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
