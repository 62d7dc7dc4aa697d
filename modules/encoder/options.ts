// How the encoder's MediaLive channel is configured, and the values derived from it. No imports:
// the configuration loader and the report read the same derivations (output locking, ingest
// segment length) from here without loading the provider bindings.
// Allowed values are MediaLive's: https://docs.aws.amazon.com/medialive/latest/apireference/channels.html

/** STANDARD runs two pipelines (redundant), SINGLE_PIPELINE one. */
export type ChannelClass = "STANDARD" | "SINGLE_PIPELINE";
export type LogLevel = "ERROR" | "WARNING" | "INFO" | "DEBUG" | "DISABLED";
/** How the pipelines' outputs are aligned (EPOCH_LOCKING also aligns them across regions). */
export type OutputLocking = "PIPELINE_LOCKING" | "EPOCH_LOCKING" | "DISABLED";
/** How MediaLive pushes to MediaPackage v2 (docs/ingest.md). */
export type IngestType = "CMAF" | "HLS";
/** The type of the channel's two MediaLive inputs. */
export type InputType = "MEDIACONNECT" | "RTP_PUSH" | "UDP_PUSH" | "RTMP_PUSH" | "RTMP_PULL" | "URL_PULL" | "MP4_FILE" | "TS_FILE" | "INPUT_DEVICE";
export type InputPreference = "PRIMARY_INPUT_PREFERRED" | "EQUAL_INPUT_PREFERENCE";
export type FailoverCondition = "INPUT_LOSS" | "VIDEO_BLACK" | "AUDIO_SILENCE";

/** Automatic input failover from the primary to the backup input (push inputs only). */
export interface InputFailoverOptions {
  /**
   * Whether the channel returns to the primary input once it is healthy again.
   * @default "PRIMARY_INPUT_PREFERRED"
   */
  readonly preference?: InputPreference;
  /**
   * How long an input must be free of the failover conditions before it counts as healthy again.
   * @default 10000
   */
  readonly errorClearTimeMs?: number;
  /**
   * No input for this long fails over (INPUT_LOSS).
   * @default 1000
   */
  readonly inputLossThresholdMs?: number;
  /**
   * Black video for this long fails over (VIDEO_BLACK).
   * @default 5000
   */
  readonly videoBlackThresholdMs?: number;
  /**
   * Silent audio for this long fails over (AUDIO_SILENCE).
   * @default 5000
   */
  readonly audioSilenceThresholdMs?: number;
  /**
   * What fails over, in this order.
   * @default ["INPUT_LOSS"]
   */
  readonly conditions?: readonly FailoverCondition[];
}

/** The MediaLive channel's settings. Every member has a default (the event file's `channel` block fits). */
export interface ChannelOptions {
  /**
   * Two pipelines (each pushing to its own MediaPackage v2 ingest endpoint) or one.
   * @default "STANDARD"
   */
  readonly class?: ChannelClass;
  /**
   * The channel's CloudWatch Logs level.
   * @default "WARNING"
   */
  readonly logLevel?: LogLevel;
  /**
   * Start the channel when it is created (a running channel bills by the hour). CloudFormation
   * creates channels idle, so a CMAF ingest channel is never started by this.
   * @default false
   */
  readonly start?: boolean;
  /**
   * How the pipelines' outputs are aligned.
   * @default EPOCH_LOCKING for a STANDARD channel with CMAF ingest, PIPELINE_LOCKING for a STANDARD channel with HLS ingest, DISABLED for SINGLE_PIPELINE (see outputLockingFor)
   */
  readonly outputLocking?: OutputLocking;
  /**
   * Pass SCTE-35 ad markers from the input to the packager.
   * @default true
   */
  readonly scte35Passthrough?: boolean;
  /**
   * Automatic failover from the primary to the backup input, for push inputs.
   * @default every InputFailoverOptions default
   */
  readonly inputFailover?: InputFailoverOptions;
}

/**
 * The channel's output locking: as written, or EPOCH_LOCKING with CMAF ingest and
 * PIPELINE_LOCKING with HLS ingest in a STANDARD channel; DISABLED in a SINGLE_PIPELINE channel,
 * which has no second pipeline to lock against.
 */
export function outputLockingFor(channel: Pick<ChannelOptions, "outputLocking" | "class">, ingest: IngestType): OutputLocking {
  if (channel.outputLocking) return channel.outputLocking;
  if ((channel.class ?? "STANDARD") !== "STANDARD") return "DISABLED";
  return ingest === "CMAF" ? "EPOCH_LOCKING" : "PIPELINE_LOCKING";
}

/**
 * How many pipelines a channel of this class runs: one in a SINGLE_PIPELINE channel, two in a
 * STANDARD channel (the default class).
 */
export function pipelinesOf(channelClass: string | undefined): 1 | 2 {
  return channelClass === "SINGLE_PIPELINE" ? 1 : 2;
}

/** One problem with the encoder's props: where (property path under the props) and what is wrong. */
export interface EncoderProblem {
  readonly path: readonly string[];
  readonly text: string;
}

/**
 * The output-locking combinations MediaLive refuses, for the channel options as written (defaults
 * applied here): the Encoder construct throws them, the configuration loader reports them at their
 * JSON pointer. Both rules are on
 * https://docs.aws.amazon.com/medialive/latest/ug/pipeline-locking-requirements.html:
 * - "The channel must be a standard channel": a SINGLE_PIPELINE channel locks nothing.
 * - epoch locking and SCTE-35 passthrough in an HLS output group: "You will get a validation error
 *   when you save the channel". A CMAF Ingest output group is neither HLS nor MediaPackage, and
 *   carries SCTE-35 as its own track, so CMAF ingest takes both.
 */
export function outputLockingProblems(channel: Pick<ChannelOptions, "class" | "outputLocking" | "scte35Passthrough">, ingest: IngestType): EncoderProblem[] {
  const problems: EncoderProblem[] = [];
  const at = ["channel", "outputLocking"];
  const channelClass = channel.class ?? "STANDARD";
  const locking = outputLockingFor({ class: channelClass, outputLocking: channel.outputLocking }, ingest);
  if (locking === "EPOCH_LOCKING" && (channel.scte35Passthrough ?? true) && ingest === "HLS") {
    problems.push({ path: at, text: `EPOCH_LOCKING cannot be combined with SCTE-35 passthrough (MediaLive rejects the channel); set channel.scte35Passthrough to false, use PIPELINE_LOCKING, or use CMAF ingest (a CMAF Ingest group carries SCTE-35 as its own track)` });
  }
  if (locking !== "DISABLED" && channelClass === "SINGLE_PIPELINE") {
    problems.push({ path: at, text: `${locking} needs a STANDARD channel (a SINGLE_PIPELINE channel has nothing to lock against); use DISABLED` });
  }
  return problems;
}

/** The longest ingest segment MediaLive sends to MediaPackage (whole seconds). */
export const MAX_INGEST_SEGMENT_SECONDS = 10;

/**
 * The length of the segments MediaLive pushes to MediaPackage: the shortest whole number of
 * seconds (1 to 10) that holds a whole number of GOPs, so every ingest segment starts on a
 * keyframe; undefined when there is none (the profile checks reject such a GOP).
 */
export function wholeGopSegmentSeconds(gopSeconds: number): number | undefined {
  for (let seconds = 1; seconds <= MAX_INGEST_SEGMENT_SECONDS; seconds++) {
    const gops = seconds / gopSeconds;
    if (Math.abs(gops - Math.round(gops)) < 1e-9) return seconds;
  }
  return undefined;
}

/**
 * The length of the segments MediaLive pushes to MediaPackage: the shortest whole number of
 * seconds (at least 1) that holds a whole number of GOPs, so every ingest segment starts on a
 * keyframe. Packaging segments must be a multiple of it. (Profiles whose GOP fits no whole number
 * of seconds up to 10 are rejected when they load.)
 */
export function ingestSegmentSeconds(gopSeconds: number): number {
  return wholeGopSegmentSeconds(gopSeconds) ?? Math.ceil(gopSeconds);
}
