import { Construct } from "constructs";
import { Fn, ITerraformDependable } from "cdktf";
import {
  MedialiveChannel,
  MedialiveChannelInputAttachmentsAutomaticInputFailoverSettingsFailoverCondition,
  MedialiveChannelInputAttachmentsInputSettings,
} from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import type { ChannelConfig, ContributionType, EncodingProfile } from "../../config/types";
import { ingestSegmentSeconds } from "../../config/profiles";
import { Naming } from "../naming";
import { AUDIO_SELECTOR, PACKAGER_DESTINATION_ID, PACKAGER_OUTPUT_GROUP, encoderSettingsFor, inputSelectorsFor } from "./encoder-settings";

/** Input types MediaLive can pair for automatic input failover: push inputs only. */
export const AUTOMATIC_FAILOVER_TYPES: ReadonlySet<ContributionType> = new Set(["MEDIACONNECT", "RTP_PUSH", "RTMP_PUSH", "INPUT_DEVICE"]);

export interface EncoderProps {
  readonly naming: Naming;
  /** The validated `channel` block. */
  readonly channel: ChannelConfig;
  readonly profile: EncodingProfile;
  /** The input type (file inputs loop, HLS pulls get network settings). */
  readonly contributionType: ContributionType;
  readonly inputs: { readonly primary: MedialiveInput; readonly backup: MedialiveInput };
  /** The MediaPackage v2 channel's ingest endpoint URLs (one per pipeline). */
  readonly ingestEndpointUrls: string[];
  /** The role MediaLive assumes, and the policy that must exist before the channel. */
  readonly roleArn: string;
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The MediaLive channel: both inputs attached with automatic failover from primary to backup,
 * the ladder from the encoding profile, and one HLS output group pushing each pipeline to its
 * own MediaPackage v2 ingest endpoint.
 */
export class Encoder extends Construct {
  public readonly channel: MedialiveChannel;
  /**
   * The name of the output group that pushes to MediaPackage, as a reference to the channel's
   * attribute: the OutputGroupName dimension of MediaLive's output metrics.
   */
  public readonly packagerOutputGroupName: string;
  /**
   * The channel's automatic input failover (primary to backup), when its input type supports it;
   * undefined for pull and file inputs, which switch by schedule.
   */
  public readonly automaticInputFailover?: { readonly preference: ChannelConfig["inputFailover"]["preference"] };

  constructor(scope: Construct, id: string, props: EncoderProps) {
    super(scope, id);
    const { channel, profile, naming } = props;
    const pipelines = channel.class === "STANDARD" ? 2 : 1;
    // Default locking: pipeline locking where there are two pipelines to lock.
    const outputLocking = channel.outputLocking ?? (channel.class === "STANDARD" ? "PIPELINE_LOCKING" : "DISABLED");
    const failover = channel.inputFailover;
    // Every selector the profile's descriptions read: audio by name (the input's default audio),
    // captions from the input's embedded CEA-608/708 captions, passed through as they are.
    const selectors = inputSelectorsFor(profile);

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

    const automaticFailover = AUTOMATIC_FAILOVER_TYPES.has(props.contributionType);
    this.automaticInputFailover = automaticFailover ? { preference: failover.preference } : undefined;
    const encoderSettings = encoderSettingsFor(profile, {
      scte35Passthrough: channel.scte35Passthrough,
      outputLocking,
      ingestSegmentSeconds: ingestSegmentSeconds(profile.video.gopSeconds),
      inputLossAction: channel.class === "STANDARD" ? "PAUSE_OUTPUT" : "EMIT_OUTPUT",
    });

    this.channel = new MedialiveChannel(this, "Resource", {
      name: naming.name("channel"),
      channelClass: channel.class,
      roleArn: props.roleArn,
      logLevel: channel.logLevel,
      startChannel: channel.start,
      inputSpecification: {
        codec: profile.inputSpecification.codec,
        inputResolution: profile.inputSpecification.resolution,
        maximumBitrate: profile.inputSpecification.maximumBitrate,
      },
      inputAttachments: [
        {
          inputAttachmentName: "primary",
          inputId: props.inputs.primary.id,
          inputSettings,
          // MediaLive fails over automatically between push inputs only; pull inputs are both
          // attached and switched with an input switch schedule action.
          automaticInputFailoverSettings: automaticFailover
            ? {
                secondaryInputId: props.inputs.backup.id,
                inputPreference: failover.preference,
                errorClearTimeMsec: failover.errorClearTimeMs,
                failoverCondition: conditions,
              }
            : undefined,
        },
        { inputAttachmentName: "backup", inputId: props.inputs.backup.id, inputSettings },
      ],
      destinations: [
        {
          id: PACKAGER_DESTINATION_ID,
          settings: Array.from({ length: pipelines }, (_, i) => ({ url: Fn.element(props.ingestEndpointUrls, i) })),
        },
      ],
      encoderSettings,
      dependsOn: props.dependsOn,
    });
    const group = (encoderSettings.outputGroups as { readonly name?: string }[]).findIndex((g) => g.name === PACKAGER_OUTPUT_GROUP);
    if (group < 0) throw new Error(`Encoder: the encoder settings have no output group named ${PACKAGER_OUTPUT_GROUP} (the MediaPackage push group the output alarms watch)`);
    this.packagerOutputGroupName = this.channel.encoderSettings.outputGroups.get(group).name;
  }
}
