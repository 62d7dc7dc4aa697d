import type {
  MedialiveChannelEncoderSettings,
  MedialiveChannelEncoderSettingsAudioDescriptions,
  MedialiveChannelEncoderSettingsCaptionDescriptions,
  MedialiveChannelEncoderSettingsOutputGroups,
  MedialiveChannelEncoderSettingsOutputGroupsOutputGroupSettingsHlsGroupSettingsCaptionLanguageMappings,
  MedialiveChannelEncoderSettingsOutputGroupsOutputs,
  MedialiveChannelEncoderSettingsOutputGroupsOutputsOutputSettingsHlsOutputSettingsHlsSettings,
  MedialiveChannelEncoderSettingsVideoDescriptions,
} from "@cdktf/provider-aws/lib/medialive-channel";
import type { OutputLocking } from "./options";
import type { AudioTrack, EncodingProfile, Rendition } from "./profile";

/** The destination id the HLS output group writes to (the MediaPackage v2 ingest endpoints). */
export const PACKAGER_DESTINATION_ID = "mediapackage";
/**
 * The name of the output group that pushes to MediaPackage. MediaLive publishes the group's HTTP
 * errors (Output4xxErrors, Output5xxErrors) under this name (dimension OutputGroupName), so the
 * alarms read it from the channel rather than repeating it.
 */
export const PACKAGER_OUTPUT_GROUP = "mediapackage";
/** The audio selector every input attachment defines and a ladder's audio descriptions read. */
export const AUDIO_SELECTOR = "program-audio";
/** The caption selector a ladder's captions read (the input's embedded CEA-608/708 captions). */
export const CAPTION_SELECTOR = "embedded-captions";
/** The HLS audio group video outputs refer to and audio-only outputs join. */
const AUDIO_GROUP = "program_audio";

// Transport stream PIDs for the HLS ingest (MediaLive's own defaults, written down so that the
// SCTE-35 PID is known and identical across regions).
const PMT_PID = "480";
const VIDEO_PID = "481";
const AUDIO_PIDS = "482-498";
const SCTE35_PID = "500";

export interface EncoderSettingsOptions {
  /** Pass SCTE-35 from the input into the ingest segments and manifests. */
  readonly scte35Passthrough: boolean;
  /** Channel-wide output locking (EPOCH_LOCKING aligns segments across regions). */
  readonly outputLocking: OutputLocking;
  /** Ingest segment length in seconds (see ingestSegmentSeconds). */
  readonly ingestSegmentSeconds: number;
  /**
   * What the ingest group does when both inputs are lost. PAUSE_OUTPUT in a STANDARD channel, so
   * MediaPackage switches to the other pipeline's ingest (filler frames would not count as lost
   * content); EMIT_OUTPUT in a single-pipeline channel, so viewers keep a stream (of filler).
   */
  readonly inputLossAction: "PAUSE_OUTPUT" | "EMIT_OUTPUT";
}

/** The input selectors the channel's input attachments must define for a profile's descriptions. */
export function inputSelectorsFor(profile: EncodingProfile): { readonly audio: string[]; readonly captions: string[] } {
  const audio = [AUDIO_SELECTOR, ...profile.audio.map((a) => a.selectorName ?? AUDIO_SELECTOR)];
  const captions = profile.captions.map((c) => c.selectorName ?? CAPTION_SELECTOR);
  return { audio: [...new Set(audio)], captions: [...new Set(captions)] };
}

/**
 * MediaLive encoder settings for a checked profile: its video, audio and caption descriptions
 * (expanded from a ladder, or an imported template's as written), and the pipeline's one HLS
 * output group that PUTs every output of the profile to MediaPackage v2.
 */
export function encoderSettingsFor(profile: EncodingProfile, options: EncoderSettingsOptions): MedialiveChannelEncoderSettings {
  return { ...sharedEncoderSettings(profile, options), outputGroups: [hlsOutputGroup(profile, options)] };
}

/**
 * Everything but the output groups: descriptions, timecode and global configuration. Both ingest
 * types encode with exactly these (CMAF ingest converts them to CloudFormation's shape).
 */
export function sharedEncoderSettings(profile: EncodingProfile, options: EncoderSettingsOptions): Omit<MedialiveChannelEncoderSettings, "outputGroups"> {
  const imported = profile.imported;
  const videoDescriptions = imported
    ? asBinding<MedialiveChannelEncoderSettingsVideoDescriptions>(imported.videoDescriptions)
    : profile.renditions.map((r) => videoDescription(profile, r));
  const audioDescriptions = imported
    ? asBinding<MedialiveChannelEncoderSettingsAudioDescriptions>(imported.audioDescriptions)
    : profile.audio.map((a) => audioDescription(a));
  const captionDescriptions: MedialiveChannelEncoderSettingsCaptionDescriptions[] = imported
    ? asBinding<MedialiveChannelEncoderSettingsCaptionDescriptions>(imported.captionDescriptions)
    : profile.captions.map((c) => ({ name: c.descriptionName, captionSelectorName: CAPTION_SELECTOR, destinationSettings: { embeddedDestinationSettings: {} } }));

  return {
    ...(imported?.other as Partial<MedialiveChannelEncoderSettings> | undefined),
    timecodeConfig: { source: "EMBEDDED" },
    globalConfiguration: {
      outputLockingMode: options.outputLocking,
      inputEndAction: "NONE",
      supportLowFramerateInputs: "DISABLED",
      // When both inputs are lost: repeat the last frame for 1 s, then black. Output pauses
      // (below), so MediaPackage flags the manifest stale and the CDN can fail over.
      inputLossBehavior: { repeatFrameMsec: 1000, blackFrameMsec: 10000, inputLossImageType: "COLOR", inputLossImageColor: "000000" },
    },
    videoDescriptions,
    audioDescriptions,
    captionDescriptions: captionDescriptions.length > 0 ? captionDescriptions : undefined,
  };
}

/** The HLS output group: every output of the profile PUT to the MediaPackage v2 ingest endpoints. */
function hlsOutputGroup(profile: EncodingProfile, options: EncoderSettingsOptions): MedialiveChannelEncoderSettingsOutputGroups {
  const hevc = profile.video.codec === "HEVC";
  const videoName = new Map(profile.renditions.map((r) => [r.name, r.descriptionName]));
  const audioName = new Map(profile.audio.map((a) => [a.name, a.descriptionName]));
  const captionName = new Map(profile.captions.map((c) => [c.name, c.descriptionName]));

  const outputs: MedialiveChannelEncoderSettingsOutputGroupsOutputs[] = profile.outputs.map((o) => {
    const hlsSettings: MedialiveChannelEncoderSettingsOutputGroupsOutputsOutputSettingsHlsOutputSettingsHlsSettings =
      o.video === undefined
        ? { audioOnlyHlsSettings: o.audioOnlyHlsSettings ?? { audioGroupId: AUDIO_GROUP, audioTrackType: "ALTERNATE_AUDIO_AUTO_SELECT" } }
        : {
            standardHlsSettings: {
              audioRenditionSets: o.audioRenditionSets ?? AUDIO_GROUP,
              m3U8Settings: {
                pmtPid: PMT_PID,
                videoPid: VIDEO_PID,
                audioPids: AUDIO_PIDS,
                pcrControl: "PCR_EVERY_PES_PACKET",
                programNum: 1,
                scte35Behavior: options.scte35Passthrough ? "PASSTHROUGH" : "NO_PASSTHROUGH",
                scte35Pid: SCTE35_PID,
                timedMetadataBehavior: "NO_PASSTHROUGH",
              },
            },
          };
    return {
      outputName: o.name,
      videoDescriptionName: o.video === undefined ? undefined : videoName.get(o.video),
      audioDescriptionNames: o.audio.length > 0 ? o.audio.map((a) => audioName.get(a) ?? a) : undefined,
      captionDescriptionNames: o.captions.length > 0 ? o.captions.map((c) => captionName.get(c) ?? c) : undefined,
      outputSettings: {
        hlsOutputSettings: {
          nameModifier: o.nameModifier,
          h265PackagingType: o.video !== undefined && hevc ? o.h265PackagingType ?? "HVC1" : undefined,
          hlsSettings,
        },
      },
    };
  });

  const captionLanguageMappings: MedialiveChannelEncoderSettingsOutputGroupsOutputGroupSettingsHlsGroupSettingsCaptionLanguageMappings[] =
    profile.captionLanguages.map((c) => ({ captionChannel: c.channel, languageCode: c.language, languageDescription: c.description }));

  return {
    name: PACKAGER_OUTPUT_GROUP,
    outputGroupSettings: {
      hlsGroupSettings: {
        destination: { destinationRefId: PACKAGER_DESTINATION_ID },
        hlsCdnSettings: [{ hlsBasicPutSettings: { connectionRetryInterval: 1, numRetries: 10, filecacheDuration: 300, restartDelay: 15 } }],
        adMarkers: options.scte35Passthrough ? ["ELEMENTAL_SCTE35"] : [],
        segmentLength: options.ingestSegmentSeconds,
        programDateTime: "INCLUDE",
        programDateTimePeriod: 1,
        programDateTimeClock: "SYSTEM_CLOCK",
        inputLossAction: options.inputLossAction,
        mode: "LIVE",
        outputSelection: "MANIFESTS_AND_SEGMENTS",
        tsFileMode: "SEGMENTED_FILES",
        manifestDurationFormat: "FLOATING_POINT",
        streamInfResolution: "INCLUDE",
        codecSpecification: "RFC_4281",
        directoryStructure: "SINGLE_DIRECTORY",
        incompleteSegmentBehavior: "AUTO",
        iframeOnlyPlaylists: "DISABLED",
        clientCache: "ENABLED",
        captionLanguageSetting: captionLanguageMappings.length > 0 ? "INSERT" : "OMIT",
        captionLanguageMappings: captionLanguageMappings.length > 0 ? captionLanguageMappings : undefined,
      },
    },
    outputs,
  };
}

/**
 * An imported template's descriptions: encoding-profiles/template-import.ts converted them into the cdktf
 * binding structure, name by name from the provider schema (a test round-trips every name).
 */
function asBinding<T>(items: readonly Readonly<Record<string, unknown>>[]): T[] {
  return items.map((item) => item as unknown as T);
}

const H264_PROFILE: Record<string, string> = { BASELINE: "BASELINE", MAIN: "MAIN", HIGH: "HIGH" };
const H265_PROFILE: Record<string, string> = { MAIN: "MAIN", MAIN_10: "MAIN_10BIT" };

function videoDescription(profile: EncodingProfile, r: Rendition): MedialiveChannelEncoderSettingsVideoDescriptions {
  const { video } = profile;
  const qvbr = r.rateControl === "QVBR";
  const level = (prefix: string) => `${prefix}_LEVEL_${r.level.replace(".", "_")}`;
  const common = {
    framerateNumerator: video.framerate.numerator,
    framerateDenominator: video.framerate.denominator,
    gopSize: video.gopSeconds,
    gopSizeUnits: "SECONDS",
    gopClosedCadence: 1,
    sceneChangeDetect: r.sceneChangeDetect ? "ENABLED" : "DISABLED",
    rateControlMode: r.rateControl,
    parNumerator: 1,
    parDenominator: 1,
    adaptiveQuantization: "AUTO",
    afdSignaling: "NONE",
    colorMetadata: "INSERT",
    flickerAq: "ENABLED",
    lookAheadRateControl: "HIGH",
    scanType: "PROGRESSIVE",
    timecodeInsertion: "PIC_TIMING_SEI",
  };
  const rate = qvbr
    ? { maxBitrate: r.bitrate, qvbrQualityLevel: r.qvbrLevel, bufSize: 2 * r.bitrate }
    : { bitrate: r.bitrate, bufSize: 2 * r.bitrate };
  const base = { name: r.descriptionName, width: r.width, height: r.height, respondToAfd: "NONE", scalingBehavior: "DEFAULT", sharpness: 50 };

  if (video.codec === "HEVC") {
    return {
      ...base,
      codecSettings: {
        h265Settings: {
          ...common,
          ...rate,
          // The provider requires an average bitrate even for QVBR, where MediaLive ignores it.
          bitrate: r.bitrate,
          profile: H265_PROFILE[r.profile],
          tier: r.tier,
          level: level("H265"),
        },
      },
    };
  }
  const bFrames = r.bFrames ?? 0;
  return {
    ...base,
    codecSettings: {
      h264Settings: {
        ...common,
        ...rate,
        framerateControl: "SPECIFIED",
        parControl: "SPECIFIED",
        profile: H264_PROFILE[r.profile],
        level: level("H264"),
        // Baseline has no CABAC (and, checked when the profile loads, no B-frames).
        entropyEncoding: r.profile === "BASELINE" ? "CAVLC" : "CABAC",
        gopNumBFrames: bFrames,
        gopBReference: bFrames === 0 ? "DISABLED" : "ENABLED",
        numRefFrames: 3,
        spatialAq: "ENABLED",
        temporalAq: "ENABLED",
        syntax: "DEFAULT",
        subgopLength: "FIXED",
      },
    },
  };
}

const CODING_MODE: Record<number, string> = { 1: "CODING_MODE_1_0", 2: "CODING_MODE_2_0", 6: "CODING_MODE_5_1" };

function audioDescription(a: AudioTrack): MedialiveChannelEncoderSettingsAudioDescriptions {
  return {
    name: a.descriptionName,
    audioSelectorName: a.selectorName ?? AUDIO_SELECTOR,
    languageCode: a.language,
    languageCodeControl: "USE_CONFIGURED",
    audioTypeControl: "FOLLOW_INPUT",
    codecSettings: {
      aacSettings: {
        bitrate: a.bitrate,
        codingMode: CODING_MODE[a.channels ?? 2],
        inputType: "NORMAL",
        profile: "LC",
        rateControlMode: "CBR",
        rawFormat: "NONE",
        sampleRate: a.sampleRate,
        spec: "MPEG4",
      },
    },
  };
}
