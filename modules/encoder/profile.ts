// What the encoder encodes: an encoding profile, whichever file format it was written in (a ladder,
// encoding-profiles/ladder.schema.json, or a MediaLive template). The encoding-profile loader
// (encoding-profiles/profiles.ts) produces it and checks it; the Encoder only reads it. The type
// lives here, beside the code that reads every field, so the module has no type from config/; the
// loader's output is checked against it by the compiler. Allowed values are MediaLive's:
// https://docs.aws.amazon.com/medialive/latest/apireference/channels.html

/** The video codec of every rendition. */
export type VideoCodec = "AVC" | "HEVC";
export type RateControl = "QVBR" | "CBR" | "VBR";
/** AVC: BASELINE, MAIN or HIGH; HEVC: MAIN or MAIN_10. */
export type VideoProfile = "BASELINE" | "MAIN" | "HIGH" | "MAIN_10";

/** What the channel is provisioned (and billed) for: MediaLive's InputSpecification. */
export interface ProfileInputSpecification {
  readonly codec: "AVC" | "HEVC" | "MPEG2";
  readonly resolution: "SD" | "HD" | "UHD";
  readonly maximumBitrate: "MAX_10_MBPS" | "MAX_20_MBPS" | "MAX_50_MBPS";
}

/** A caption channel announced in the HLS manifests. */
export interface ProfileCaptionLanguage {
  /** CEA-608 channel, 1 to 4. */
  readonly channel: number;
  /** An ISO 639-2 code such as eng. */
  readonly language: string;
  /** The name players show. */
  readonly description: string;
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
  /**
   * The QVBR quality level (QVBR only; not used by CBR and VBR).
   * @default MediaLive's default: it sets the quality from the maximum bitrate
   * (H264Settings/H265Settings qvbrQualityLevel, https://docs.aws.amazon.com/medialive/latest/apireference/channels.html)
   */
  readonly qvbrLevel?: number;
  readonly profile: VideoProfile;
  /** "AUTO" or a level such as "4.1". */
  readonly level: string;
  /**
   * HEVC only.
   * @default MediaLive's default (H265Settings tier, https://docs.aws.amazon.com/medialive/latest/apireference/channels.html)
   */
  readonly tier?: "MAIN" | "HIGH";
  /**
   * B-frames between reference frames (AVC only: the provider has no HEVC setting).
   * @default none (0, B-frame references disabled)
   */
  readonly bFrames?: number;
  readonly sceneChangeDetect: boolean;
}

/** One audio encode of a checked profile. */
export interface AudioTrack {
  readonly name: string;
  /** The MediaLive audio description name. */
  readonly descriptionName: string;
  readonly codec: "AAC" | "AC3" | "EAC3" | "EAC3_ATMOS" | "MP2" | "PASSTHROUGH" | "WAV";
  /**
   * Bits per second; undefined for passthrough.
   * @default MediaLive's default (AacSettings bitrate, https://docs.aws.amazon.com/medialive/latest/apireference/channels.html)
   */
  readonly bitrate?: number;
  /**
   * Audio channels: 1, 2 or 6 (AAC coding mode 1.0, 2.0 or 5.1).
   * @default 2 (stereo)
   */
  readonly channels?: number;
  /**
   * Samples per second.
   * @default MediaLive's default (AacSettings sampleRate, https://docs.aws.amazon.com/medialive/latest/apireference/channels.html)
   */
  readonly sampleRate?: number;
  /**
   * The ISO 639-2 language code written into the output.
   * @default none (no language code)
   */
  readonly language?: string;
  /**
   * The input audio selector it reads.
   * @default the pipeline's default selector ("program-audio")
   */
  readonly selectorName?: string;
}

/** One caption encode of a checked profile. */
export interface CaptionTrack {
  readonly name: string;
  /** The MediaLive caption description name. */
  readonly descriptionName: string;
  /**
   * The input caption selector it reads.
   * @default the pipeline's embedded-captions selector ("embedded-captions")
   */
  readonly selectorName?: string;
}

/** One output of the ingest output group: which descriptions it carries. */
export interface ProfileOutput {
  readonly name: string;
  /** Appended to the manifest and segment names; unique per output. */
  readonly nameModifier: string;
  /**
   * Rendition name.
   * @default none (an audio-only output)
   */
  readonly video?: string;
  readonly audio: readonly string[];
  readonly captions: readonly string[];
  /**
   * Imported templates: output settings the pipeline keeps (cdktf binding structure). Audio-only outputs only.
   * @default audio group "program_audio", track type ALTERNATE_AUDIO_AUTO_SELECT
   */
  readonly audioOnlyHlsSettings?: Readonly<Record<string, unknown>>;
  /**
   * Imported templates: the audio groups a video output refers to.
   * @default "program_audio" (the group audio-only outputs join)
   */
  readonly audioRenditionSets?: string;
  /**
   * Imported templates: how HEVC video is packaged (HEVC video outputs only).
   * @default "HVC1"
   */
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
  readonly inputSpecification: ProfileInputSpecification;
  /** True when the input specification was derived from the renditions (templates). */
  readonly inputSpecificationDerived: boolean;
  /** Shared by every rendition (checked), so players can switch between them. */
  readonly video: { readonly codec: VideoCodec; readonly framerate: { readonly numerator: number; readonly denominator: number }; readonly gopSeconds: number };
  /** Highest bitrate first. */
  readonly renditions: readonly Rendition[];
  readonly audio: readonly AudioTrack[];
  readonly captions: readonly CaptionTrack[];
  readonly outputs: readonly ProfileOutput[];
  /** Caption channels announced in the HLS manifests (none: captions are not signalled). */
  readonly captionLanguages: readonly ProfileCaptionLanguage[];
  /**
   * Set for MediaLive templates: their descriptions and other settings, used as written.
   * @default none (a ladder: descriptions are built from the renditions, audio and captions)
   */
  readonly imported?: ImportedSettings;
}
