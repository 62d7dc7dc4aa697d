// The shape of a validated event configuration and encoding profile, after ajv has applied the
// schema defaults. The JSON Schemas are the source of truth for allowed values and defaults; the
// types of what they describe are generated from them, and this file adds what the loader derives
// (EncodingProfile, LoadedEvent).

import type { AlarmsConfig } from "./alarms";
import type { EncodingProfile } from "../modules/encoder/profile";
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
export type { RateControl, VideoProfile } from "../modules/encoder/profile";

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

// What a checked profile is (EncodingProfile and its parts) is the encoder module's own type: it is
// what the Encoder construct encodes. The loader builds it; the compiler checks the two agree.
export type { AudioTrack, CaptionTrack, EncodingProfile, ImportedSettings, ProfileOutput, Rendition } from "../modules/encoder/profile";

/** A configuration that passed every check, with the profile it names. */
export interface LoadedEvent {
  readonly config: EventConfig;
  readonly profile: EncodingProfile;
  /** Things that are allowed but deserve a second look (for example an open allowlist). */
  readonly warnings: readonly string[];
  /** The signed-URL public keys (PEM), read from the files delivery.signedUrls names, by key name. */
  readonly publicKeys: Readonly<Record<string, string>>;
}
