import type {
  MedialiveChannelEncoderSettings,
  MedialiveChannelEncoderSettingsOutputGroupsOutputs,
  MedialiveChannelEncoderSettingsVideoDescriptions,
} from "@cdktf/provider-aws/lib/medialive-channel";
import type { EncodingProfile, Rendition } from "../../config/types";

/** The destination id the HLS output group writes to (the MediaPackage v2 ingest endpoints). */
export const PACKAGER_DESTINATION_ID = "mediapackage";
/** The audio selector every input attachment defines and every audio description reads. */
export const AUDIO_SELECTOR = "program-audio";

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
  readonly outputLocking: "PIPELINE_LOCKING" | "EPOCH_LOCKING" | "DISABLED";
  /** Ingest segment length in seconds (see ingestSegmentSeconds). */
  readonly ingestSegmentSeconds: number;
}

/**
 * Expands a ladder profile into MediaLive encoder settings: one video description per
 * rendition, one audio description per track, and one HLS output group that PUTs to
 * MediaPackage v2 with every rendition muxed with every audio track.
 */
export function encoderSettingsFor(profile: EncodingProfile, options: EncoderSettingsOptions): MedialiveChannelEncoderSettings {
  const audioNames = profile.audio.map((a) => `audio-${a.name}`);
  const outputs: MedialiveChannelEncoderSettingsOutputGroupsOutputs[] = profile.renditions.map((r) => ({
    outputName: r.name,
    videoDescriptionName: `video-${r.name}`,
    audioDescriptionNames: audioNames,
    outputSettings: {
      hlsOutputSettings: {
        nameModifier: `_${r.name}`,
        h265PackagingType: profile.video.codec === "HEVC" ? "HVC1" : undefined,
        hlsSettings: {
          standardHlsSettings: {
            audioRenditionSets: "program_audio",
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
        },
      },
    },
  }));

  return {
    timecodeConfig: { source: "EMBEDDED" },
    globalConfiguration: {
      outputLockingMode: options.outputLocking,
      inputEndAction: "NONE",
      supportLowFramerateInputs: "DISABLED",
      // When both inputs are lost: repeat the last frame for 1 s, then black. Output pauses
      // (below), so MediaPackage flags the manifest stale and the CDN can fail over.
      inputLossBehavior: { repeatFrameMsec: 1000, blackFrameMsec: 10000, inputLossImageType: "COLOR", inputLossImageColor: "000000" },
    },
    videoDescriptions: profile.renditions.map((r) => videoDescription(profile, r)),
    audioDescriptions: profile.audio.map((a, i) => ({
      name: audioNames[i],
      audioSelectorName: AUDIO_SELECTOR,
      languageCode: a.language,
      languageCodeControl: "USE_CONFIGURED",
      audioTypeControl: "FOLLOW_INPUT",
      codecSettings: {
        aacSettings: {
          bitrate: a.bitrate,
          codingMode: a.channels === 1 ? "CODING_MODE_1_0" : "CODING_MODE_2_0",
          inputType: "NORMAL",
          profile: "LC",
          rateControlMode: "CBR",
          rawFormat: "NONE",
          sampleRate: a.sampleRate,
          spec: "MPEG4",
        },
      },
    })),
    outputGroups: [
      {
        name: "mediapackage",
        outputGroupSettings: {
          hlsGroupSettings: {
            destination: { destinationRefId: PACKAGER_DESTINATION_ID },
            hlsCdnSettings: [{ hlsBasicPutSettings: { connectionRetryInterval: 1, numRetries: 10, filecacheDuration: 300, restartDelay: 15 } }],
            adMarkers: options.scte35Passthrough ? ["ELEMENTAL_SCTE35"] : [],
            segmentLength: options.ingestSegmentSeconds,
            programDateTime: "INCLUDE",
            programDateTimePeriod: 1,
            programDateTimeClock: "SYSTEM_CLOCK",
            inputLossAction: "PAUSE_OUTPUT",
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
            captionLanguageSetting: "OMIT",
          },
        },
        outputs,
      },
    ],
  };
}

function videoDescription(profile: EncodingProfile, r: Rendition): MedialiveChannelEncoderSettingsVideoDescriptions {
  const { video } = profile;
  const qvbr = video.rateControl === "QVBR";
  const common = {
    framerateNumerator: video.framerate.numerator,
    framerateDenominator: video.framerate.denominator,
    gopSize: video.gopSeconds,
    gopSizeUnits: "SECONDS",
    gopClosedCadence: 1,
    sceneChangeDetect: video.sceneChangeDetect ? "ENABLED" : "DISABLED",
    rateControlMode: video.rateControl,
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
  const base = { name: `video-${r.name}`, width: r.width, height: r.height, respondToAfd: "NONE", scalingBehavior: "DEFAULT", sharpness: 50 };

  if (video.codec === "HEVC") {
    return {
      ...base,
      codecSettings: {
        h265Settings: {
          ...common,
          ...rate,
          // The provider requires an average bitrate even for QVBR, where MediaLive ignores it.
          bitrate: r.bitrate,
          profile: "MAIN",
          tier: "HIGH",
          level: "H265_LEVEL_AUTO",
        },
      },
    };
  }
  // Baseline has no B-frames and no CABAC.
  const baseline = r.profile === "BASELINE";
  return {
    ...base,
    codecSettings: {
      h264Settings: {
        ...common,
        ...rate,
        framerateControl: "SPECIFIED",
        parControl: "SPECIFIED",
        profile: r.profile,
        level: "H264_LEVEL_AUTO",
        entropyEncoding: baseline ? "CAVLC" : "CABAC",
        gopNumBFrames: baseline ? 0 : video.bFrames,
        gopBReference: baseline || video.bFrames === 0 ? "DISABLED" : "ENABLED",
        numRefFrames: 3,
        spatialAq: "ENABLED",
        temporalAq: "ENABLED",
        syntax: "DEFAULT",
        subgopLength: "FIXED",
      },
    },
  };
}
