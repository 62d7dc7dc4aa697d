import { Construct } from "constructs";
import { Fn, ITerraformDependable } from "cdktf";
import {
  MedialiveChannel,
  MedialiveChannelInputAttachments,
  MedialiveChannelInputAttachmentsAutomaticInputFailoverSettingsFailoverCondition,
  MedialiveChannelInputAttachmentsInputSettings,
} from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import { outputLockingFor } from "../../config/ingest";
import type { ChannelConfig, ContributionType, EncodingProfile, IngestType } from "../../config/types";
import { ingestSegmentSeconds } from "../../encoding-profiles/profiles";
import { Naming } from "../naming";
import { CmafIngestChannel } from "./cmaf-channel";
import { AUDIO_SELECTOR, EncoderSettingsOptions, PACKAGER_DESTINATION_ID, PACKAGER_OUTPUT_GROUP, encoderSettingsFor, inputSelectorsFor } from "./encoder-settings";

/** Input types MediaLive can pair for automatic input failover: push inputs only. */
export const AUTOMATIC_FAILOVER_TYPES: ReadonlySet<ContributionType> = new Set(["MEDIACONNECT", "RTP_PUSH", "RTMP_PUSH", "INPUT_DEVICE"]);

/** What alarms, outputs and operators need of a channel, whichever way it is deployed. */
export interface ChannelReference {
  readonly channelId: string;
  readonly arn: string;
  readonly name: string;
}

export interface EncoderProps {
  readonly naming: Naming;
  /** The validated `channel` block. */
  readonly channel: ChannelConfig;
  readonly profile: EncodingProfile;
  /**
   * How the channel pushes to MediaPackage v2: an HLS output group on an aws_medialive_channel,
   * or a CMAF Ingest output group on an AWS::MediaLive::Channel in a CloudFormation stack (the
   * Terraform providers cannot express CMAF Ingest yet).
   * @default "HLS"
   */
  readonly ingest?: IngestType;
  /** The input type (file inputs loop, HLS pulls get network settings). */
  readonly contributionType: ContributionType;
  readonly inputs: { readonly primary: MedialiveInput; readonly backup: MedialiveInput };
  /** The MediaPackage v2 channel's ingest endpoint URLs (one per pipeline). */
  readonly ingestEndpointUrls: string[];
  /** The role MediaLive assumes, and the policy that must exist before the channel. */
  readonly roleArn: string;
  /** Tags for the channel (CMAF ingest: written into the template; HLS: the provider's default tags apply). */
  readonly tags?: Readonly<Record<string, string>>;
  readonly dependsOn: ITerraformDependable[];
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
  public readonly automaticInputFailover?: { readonly preference: ChannelConfig["inputFailover"]["preference"] };
  /** The CloudFormation stack holding the channel, with CMAF ingest. */
  public readonly cmafIngest?: CmafIngestChannel;

  constructor(scope: Construct, id: string, props: EncoderProps) {
    super(scope, id);
    const { channel, profile, naming } = props;
    const ingest = (this.ingest = props.ingest ?? "HLS");
    const pipelines = channel.class === "STANDARD" ? 2 : 1;
    const settings: EncoderSettingsOptions = {
      scte35Passthrough: channel.scte35Passthrough,
      outputLocking: outputLockingFor(channel, ingest),
      ingestSegmentSeconds: ingestSegmentSeconds(profile.video.gopSeconds),
      inputLossAction: channel.class === "STANDARD" ? "PAUSE_OUTPUT" : "EMIT_OUTPUT",
    };
    this.automaticInputFailover = AUTOMATIC_FAILOVER_TYPES.has(props.contributionType) ? { preference: channel.inputFailover.preference } : undefined;
    const inputSpecification = {
      codec: profile.inputSpecification.codec,
      inputResolution: profile.inputSpecification.resolution,
      maximumBitrate: profile.inputSpecification.maximumBitrate,
    };

    if (ingest === "CMAF") {
      this.cmafIngest = new CmafIngestChannel(this, "CmafIngest", {
        naming,
        channel,
        profile,
        settings,
        inputSpecification,
        inputAttachments: (ids) => inputAttachmentsFor(props, ids),
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
      channelClass: channel.class,
      roleArn: props.roleArn,
      logLevel: channel.logLevel,
      startChannel: channel.start,
      inputSpecification,
      inputAttachments: inputAttachmentsFor(props, { primary: props.inputs.primary.id, backup: props.inputs.backup.id }),
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
 * Both inputs attached, with automatic failover from primary to backup where MediaLive supports
 * it. Provider-shaped; the CMAF ingest channel converts it (with its own input ids).
 */
function inputAttachmentsFor(props: EncoderProps, ids: { readonly primary: string; readonly backup: string }): MedialiveChannelInputAttachments[] {
  const failover = props.channel.inputFailover;
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
