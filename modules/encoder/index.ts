import { Construct } from "constructs";
import { Fn, ITerraformDependable, Token } from "cdktf";
import {
  MedialiveChannel,
  MedialiveChannelInputAttachments,
  MedialiveChannelInputAttachmentsAutomaticInputFailoverSettingsFailoverCondition,
  MedialiveChannelInputAttachmentsInputSettings,
} from "@cdktf/provider-aws/lib/medialive-channel";
import { Naming } from "../naming";
import { CmafIngestChannel } from "./cmaf-channel";
import { AUDIO_SELECTOR, EncoderSettingsOptions, PACKAGER_DESTINATION_ID, PACKAGER_OUTPUT_GROUP, encoderSettingsFor, inputSelectorsFor } from "./encoder-settings";
import { ChannelClass, ChannelOptions, FailoverCondition, IngestType, InputPreference, InputType, LogLevel, OutputLocking, ingestSegmentSeconds, outputLockingFor, outputLockingProblems, pipelinesOf } from "./options";
import type { EncodingProfile } from "./profile";

export * from "./options";
export type * from "./profile";

/** Input types MediaLive can pair for automatic input failover: push inputs only. */
export const AUTOMATIC_FAILOVER_TYPES: ReadonlySet<InputType> = new Set(["MEDIACONNECT", "RTP_PUSH", "RTMP_PUSH", "INPUT_DEVICE"]);

/** What alarms, outputs and operators need of a channel, whichever way it is deployed. */
export interface ChannelReference {
  readonly channelId: string;
  readonly arn: string;
  readonly name: string;
}

/** A MediaLive input the channel attaches (an aws_medialive_input, or its id). */
export interface EncoderInput {
  readonly id: string;
}

export interface EncoderProps {
  /** Physical names: the channel is `<event>-<region>-channel`. */
  readonly naming: Naming;
  /** The ladder the channel encodes: a profile that passed the profile checks (encoding-profiles/). */
  readonly profile: EncodingProfile;
  /** The channel's two inputs; the primary fails over to the backup where the input type allows. */
  readonly inputs: { readonly primary: EncoderInput; readonly backup: EncoderInput };
  /** The type of both inputs: decides automatic failover (push inputs), looping (files) and network settings (HLS pulls). */
  readonly contributionType: InputType;
  /** The MediaPackage v2 channel's ingest endpoint URLs, one per pipeline (a list token is fine). */
  readonly ingestEndpointUrls: string[];
  /** The role MediaLive assumes (modules/encoder/role.ts builds one). */
  readonly roleArn: string;
  /**
   * The channel's class, logging, start, output locking, SCTE-35 and input failover.
   * @default every ChannelOptions default: a STANDARD channel, not started, SCTE-35 passed through, failover on input loss
   */
  readonly channel?: ChannelOptions;
  /**
   * How the channel pushes to MediaPackage v2: an HLS output group on an aws_medialive_channel,
   * or a CMAF Ingest output group on an AWS::MediaLive::Channel in a CloudFormation stack (the
   * Terraform providers cannot express CMAF Ingest yet).
   * @default "HLS"
   */
  readonly ingest?: IngestType;
  /**
   * Tags for the channel (CMAF ingest: written into the template; HLS: the provider's default tags apply).
   * @default no tags of its own
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * What must exist before the channel, such as the role's policy (MediaLive checks the role when the channel is created).
   * @default nothing
   */
  readonly dependsOn?: ITerraformDependable[];
}

/** Encoder props with every default applied. */
interface Resolved {
  readonly channelClass: ChannelClass;
  readonly logLevel: LogLevel;
  readonly start: boolean;
  readonly outputLocking: OutputLocking;
  readonly scte35Passthrough: boolean;
  readonly failover: {
    readonly preference: InputPreference;
    readonly errorClearTimeMs: number;
    readonly inputLossThresholdMs: number;
    readonly videoBlackThresholdMs: number;
    readonly audioSilenceThresholdMs: number;
    readonly conditions: readonly FailoverCondition[];
  };
}

/**
 * The MediaLive channel: both inputs attached with automatic failover from primary to backup,
 * the ladder from the encoding profile, and one output group pushing each pipeline to its own
 * MediaPackage v2 ingest endpoint: HLS, or epoch-locked CMAF Ingest (docs/ingest.md).
 */
export class Encoder extends Construct {
  public readonly channel: ChannelReference;
  public readonly ingest: IngestType;
  /**
   * The name of the output group that pushes to MediaPackage, as a reference to what was deployed
   * (the channel's attribute, or the CMAF stack's output): the OutputGroupName dimension of
   * MediaLive's output metrics.
   */
  public readonly packagerOutputGroupName: string;
  /**
   * The channel's automatic input failover (primary to backup), when its input type supports it;
   * undefined for pull and file inputs, which switch by schedule.
   */
  public readonly automaticInputFailover?: { readonly preference: InputPreference };
  /** The CloudFormation stack holding the channel, with CMAF ingest. */
  public readonly cmafIngest?: CmafIngestChannel;

  constructor(scope: Construct, id: string, props: EncoderProps) {
    super(scope, id);
    const { profile, naming } = props;
    const ingest = (this.ingest = props.ingest ?? "HLS");
    const channel = props.channel ?? {};
    const failover = channel.inputFailover ?? {};
    const channelClass = channel.class ?? "STANDARD";
    const resolved: Resolved = {
      channelClass,
      logLevel: channel.logLevel ?? "WARNING",
      start: channel.start ?? false,
      // Derived: EPOCH_LOCKING with CMAF ingest, PIPELINE_LOCKING with HLS, DISABLED with one pipeline.
      outputLocking: outputLockingFor({ class: channelClass, outputLocking: channel.outputLocking }, ingest),
      scte35Passthrough: channel.scte35Passthrough ?? true,
      failover: {
        preference: failover.preference ?? "PRIMARY_INPUT_PREFERRED",
        errorClearTimeMs: failover.errorClearTimeMs ?? 10000,
        inputLossThresholdMs: failover.inputLossThresholdMs ?? 1000,
        videoBlackThresholdMs: failover.videoBlackThresholdMs ?? 5000,
        audioSilenceThresholdMs: failover.audioSilenceThresholdMs ?? 5000,
        conditions: failover.conditions ?? ["INPUT_LOSS"],
      },
    };
    const pipelines = pipelinesOf(channelClass);
    validate(resolved, ingest, props.ingestEndpointUrls, pipelines);

    const settings: EncoderSettingsOptions = {
      scte35Passthrough: resolved.scte35Passthrough,
      outputLocking: resolved.outputLocking,
      // Derived: the shortest whole number of seconds that holds whole GOPs.
      ingestSegmentSeconds: ingestSegmentSeconds(profile.video.gopSeconds),
      inputLossAction: channelClass === "STANDARD" ? "PAUSE_OUTPUT" : "EMIT_OUTPUT",
    };
    this.automaticInputFailover = AUTOMATIC_FAILOVER_TYPES.has(props.contributionType) ? { preference: resolved.failover.preference } : undefined;
    const inputSpecification = {
      codec: profile.inputSpecification.codec,
      inputResolution: profile.inputSpecification.resolution,
      maximumBitrate: profile.inputSpecification.maximumBitrate,
    };

    if (ingest === "CMAF") {
      this.cmafIngest = new CmafIngestChannel(this, "CmafIngest", {
        naming,
        channelClass,
        logLevel: resolved.logLevel,
        profile,
        settings,
        inputSpecification,
        inputAttachments: (ids) => inputAttachmentsFor(props, resolved, ids),
        inputIds: { primary: props.inputs.primary.id, backup: props.inputs.backup.id },
        ingestEndpointUrls: Array.from({ length: pipelines }, (_, i) => Fn.element(props.ingestEndpointUrls, i)),
        roleArn: props.roleArn,
        tags: props.tags ?? {},
        dependsOn: props.dependsOn,
      });
      this.channel = this.cmafIngest;
      this.packagerOutputGroupName = this.cmafIngest.packagerOutputGroupName;
      return;
    }

    const encoderSettings = encoderSettingsFor(profile, settings);
    const resource = new MedialiveChannel(this, "Resource", {
      name: naming.name("channel"),
      channelClass,
      roleArn: props.roleArn,
      logLevel: resolved.logLevel,
      startChannel: resolved.start,
      inputSpecification,
      inputAttachments: inputAttachmentsFor(props, resolved, { primary: props.inputs.primary.id, backup: props.inputs.backup.id }),
      destinations: [
        {
          id: PACKAGER_DESTINATION_ID,
          settings: Array.from({ length: pipelines }, (_, i) => ({ url: Fn.element(props.ingestEndpointUrls, i) })),
        },
      ],
      encoderSettings,
      dependsOn: props.dependsOn,
    });
    this.channel = resource;
    const group = (encoderSettings.outputGroups as { readonly name?: string }[]).findIndex((g) => g.name === PACKAGER_OUTPUT_GROUP);
    if (group < 0) throw new Error(`Encoder: the encoder settings have no output group named ${PACKAGER_OUTPUT_GROUP} (the MediaPackage push group the output alarms watch)`);
    this.packagerOutputGroupName = resource.encoderSettings.outputGroups.get(group).name;
  }
}

/**
 * The combinations MediaLive refuses, and a list of ingest endpoints too short for the pipelines.
 * Unresolved tokens are skipped (the usual case for the endpoint list).
 */
function validate(r: Resolved, ingest: IngestType, ingestEndpointUrls: readonly string[], pipelines: number): void {
  const problems: string[] = [];
  // One set of rules with the configuration loader (options.ts says where AWS documents them).
  const channel = { class: r.channelClass, outputLocking: r.outputLocking, scte35Passthrough: r.scte35Passthrough };
  for (const p of outputLockingProblems(channel, ingest)) problems.push(`${p.path.join(".")} ${p.text}`);
  if (r.failover.conditions.length === 0) problems.push(`channel.inputFailover.conditions is empty (got []); name at least one of INPUT_LOSS, VIDEO_BLACK, AUDIO_SILENCE`);
  if (!Token.isUnresolved(ingestEndpointUrls) && !ingestEndpointUrls.some((u) => Token.isUnresolved(u)) && ingestEndpointUrls.length < pipelines) {
    const urls = `${ingestEndpointUrls.length} URL${ingestEndpointUrls.length === 1 ? "" : "s"}`;
    problems.push(`ingestEndpointUrls has ${urls}, but a ${r.channelClass} channel has ${pipelines} pipelines, each pushing to its own endpoint (got ${JSON.stringify(ingestEndpointUrls)})`);
  }
  if (problems.length > 0) throw new Error(`Encoder: ${problems.join("\n")}`);
}

/**
 * Both inputs attached, with automatic failover from primary to backup where MediaLive supports
 * it. Provider-shaped; the CMAF ingest channel converts it (with its own input ids).
 */
function inputAttachmentsFor(props: EncoderProps, resolved: Resolved, ids: { readonly primary: string; readonly backup: string }): MedialiveChannelInputAttachments[] {
  const failover = resolved.failover;
  // Every selector the profile's descriptions read: audio by name (the input's default audio),
  // captions from the input's embedded CEA-608/708 captions, passed through as they are.
  const selectors = inputSelectorsFor(props.profile);

  const inputSettings: MedialiveChannelInputAttachmentsInputSettings = {
    // Files loop so a rehearsal source keeps playing; live sources continue.
    sourceEndBehavior: props.contributionType === "MP4_FILE" || props.contributionType === "TS_FILE" ? "LOOP" : "CONTINUE",
    inputFilter: "AUTO",
    deblockFilter: "DISABLED",
    denoiseFilter: "DISABLED",
    smpte2038DataPreference: "IGNORE",
    audioSelector: selectors.audio.map((name) => ({ name })),
    captionSelector:
      selectors.captions.length > 0
        ? selectors.captions.map((name) => ({ name, selectorSettings: { embeddedSourceSettings: { convert608To708: "DISABLED", scte20Detection: "OFF" } } }))
        : undefined,
    networkInputSettings:
      props.contributionType === "URL_PULL"
        ? { serverValidation: "CHECK_CRYPTOGRAPHY_AND_VALIDATE_NAME", hlsInputSettings: { bufferSegments: 3, retries: 10, retryInterval: 1, scte35Source: "SEGMENTS" } }
        : undefined,
  };

  const conditions: MedialiveChannelInputAttachmentsAutomaticInputFailoverSettingsFailoverCondition[] = failover.conditions.map((condition) => {
    switch (condition) {
      case "INPUT_LOSS":
        return { failoverConditionSettings: { inputLossSettings: { inputLossThresholdMsec: failover.inputLossThresholdMs } } };
      case "VIDEO_BLACK":
        return { failoverConditionSettings: { videoBlackSettings: { videoBlackThresholdMsec: failover.videoBlackThresholdMs, blackDetectThreshold: 0.1 } } };
      case "AUDIO_SILENCE":
        return { failoverConditionSettings: { audioSilenceSettings: { audioSelectorName: AUDIO_SELECTOR, audioSilenceThresholdMsec: failover.audioSilenceThresholdMs } } };
    }
  });

  return [
    {
      inputAttachmentName: "primary",
      inputId: ids.primary,
      inputSettings,
      // MediaLive fails over automatically between push inputs only; pull inputs are both
      // attached and switched with an input switch schedule action.
      automaticInputFailoverSettings: AUTOMATIC_FAILOVER_TYPES.has(props.contributionType)
        ? {
            secondaryInputId: ids.backup,
            inputPreference: failover.preference,
            errorClearTimeMsec: failover.errorClearTimeMs,
            failoverCondition: conditions,
          }
        : undefined,
    },
    { inputAttachmentName: "backup", inputId: ids.backup, inputSettings },
  ];
}
