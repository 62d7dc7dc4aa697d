import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import type { MedialiveChannelInputAttachments, MedialiveChannelInputSpecification } from "@cdktf/provider-aws/lib/medialive-channel";
import { Naming } from "../naming";
import { canonicalJson, ref, toCloudFormation } from "./cloudformation";
import { EncoderSettingsOptions, PACKAGER_DESTINATION_ID, PACKAGER_OUTPUT_GROUP, sharedEncoderSettings } from "./encoder-settings";
import type { ChannelClass, LogLevel } from "./options";
import type { EncodingProfile } from "./profile";

/** The template's parameters: every value that comes from another resource (so the body stays static). */
export const PARAMETERS = {
  primaryInputId: "PrimaryInputId",
  backupInputId: "BackupInputId",
  roleArn: "RoleArn",
  /** One per pipeline: IngestEndpointUrl1, IngestEndpointUrl2. */
  ingestEndpointUrl: (pipeline: number) => `IngestEndpointUrl${pipeline}`,
} as const;

/** The stack outputs Terraform reads back. */
export const OUTPUTS = { channelId: "ChannelId", channelArn: "ChannelArn", packagerOutputGroupName: "PackagerOutputGroupName" } as const;

/** The logical id of the channel inside the template. */
export const CHANNEL_LOGICAL_ID = "Channel";

export interface CmafIngestChannelProps {
  readonly naming: Naming;
  readonly channelClass: ChannelClass;
  readonly logLevel: LogLevel;
  readonly profile: EncodingProfile;
  /** The settings the HLS path would encode with (locking, segment length, SCTE-35, input loss). */
  readonly settings: EncoderSettingsOptions;
  readonly inputSpecification: MedialiveChannelInputSpecification;
  /** Provider-shaped input attachments for the given input ids (converted here). */
  readonly inputAttachments: (ids: { readonly primary: string; readonly backup: string }) => MedialiveChannelInputAttachments[];
  /** The MediaLive input ids, passed as stack parameters. */
  readonly inputIds: { readonly primary: string; readonly backup: string };
  /** One MediaPackage v2 ingest endpoint URL per pipeline, passed as stack parameters. */
  readonly ingestEndpointUrls: readonly string[];
  readonly roleArn: string;
  /** Tags written into the template (CloudFormation also propagates the stack's own tags). */
  readonly tags: Readonly<Record<string, string>>;
  /**
   * What must exist before the stack.
   * @default nothing
   */
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * A MediaLive channel with a CMAF Ingest output group, deployed as an AWS::MediaLive::Channel in a
 * CloudFormation stack that Terraform manages (aws_cloudformation_stack): neither Terraform
 * provider has the CMAF Ingest output group yet (hashicorp/terraform-provider-aws#42730; awscc has
 * no MediaLive channel). Cross-resource values arrive as stack parameters, so the template body is
 * the same for every apply of a configuration and a plan's diff shows only what the config changed.
 * The channel id and ARN come back as stack outputs.
 */
export class CmafIngestChannel extends Construct {
  public readonly stack: CloudformationStack;
  /** The template as an object (what `template_body` holds, before serialization). */
  public readonly template: Readonly<Record<string, unknown>>;
  public readonly name: string;
  public readonly channelId: string;
  public readonly arn: string;
  /** The MediaPackage push group's name, read back from the stack (OutputGroupName of the output metrics). */
  public readonly packagerOutputGroupName: string;

  constructor(scope: Construct, id: string, props: CmafIngestChannelProps) {
    super(scope, id);
    const { naming } = props;
    const name = (this.name = naming.name("channel"));
    const pipelines = props.ingestEndpointUrls.length;

    const parameters: Record<string, { Type: "String"; Description: string }> = {
      [PARAMETERS.primaryInputId]: { Type: "String", Description: "The primary MediaLive input's id" },
      [PARAMETERS.backupInputId]: { Type: "String", Description: "The backup MediaLive input's id" },
      [PARAMETERS.roleArn]: { Type: "String", Description: "The role MediaLive assumes" },
    };
    for (let p = 1; p <= pipelines; p++) {
      parameters[PARAMETERS.ingestEndpointUrl(p)] = { Type: "String", Description: `MediaPackage v2 ingest endpoint for pipeline ${p - 1}` };
    }

    // The attachments with placeholder ids, converted, then the ids replaced by parameter references.
    const attachments = toCloudFormation(props.inputAttachments({ primary: PARAMETERS.primaryInputId, backup: PARAMETERS.backupInputId })) as Record<string, any>[];
    for (const a of attachments) {
      a.InputId = ref(a.InputId);
      if (a.AutomaticInputFailoverSettings) a.AutomaticInputFailoverSettings.SecondaryInputId = ref(a.AutomaticInputFailoverSettings.SecondaryInputId);
    }

    const encoderSettings = toCloudFormation(sharedEncoderSettings(props.profile, props.settings)) as Record<string, any>;
    if (props.settings.outputLocking === "EPOCH_LOCKING") {
      // Segments numbered from the Unix epoch, so every region cuts and names them alike.
      encoderSettings.GlobalConfiguration.OutputLockingSettings = { EpochLockingSettings: {} };
    }
    encoderSettings.OutputGroups = [cmafIngestOutputGroup(props.profile, props.settings)];

    this.template = {
      AWSTemplateFormatVersion: "2010-09-09",
      Description: `MediaLive channel ${name}: CMAF Ingest to MediaPackage v2 (managed by Terraform; change the event configuration, not this stack)`,
      Parameters: parameters,
      Resources: {
        [CHANNEL_LOGICAL_ID]: {
          Type: "AWS::MediaLive::Channel",
          Properties: {
            Name: name,
            ChannelClass: props.channelClass,
            LogLevel: props.logLevel,
            RoleArn: ref(PARAMETERS.roleArn),
            InputSpecification: toCloudFormation(props.inputSpecification),
            InputAttachments: attachments,
            Destinations: [
              {
                Id: PACKAGER_DESTINATION_ID,
                Settings: Array.from({ length: pipelines }, (_, i) => ({ Url: ref(PARAMETERS.ingestEndpointUrl(i + 1)) })),
              },
            ],
            EncoderSettings: encoderSettings,
            Tags: { ...props.tags },
          },
        },
      },
      Outputs: {
        [OUTPUTS.channelId]: { Description: "The MediaLive channel id", Value: { "Fn::GetAtt": [CHANNEL_LOGICAL_ID, "Id"] } },
        [OUTPUTS.channelArn]: { Description: "The MediaLive channel ARN", Value: { "Fn::GetAtt": [CHANNEL_LOGICAL_ID, "Arn"] } },
        [OUTPUTS.packagerOutputGroupName]: { Description: "The output group that pushes to MediaPackage (OutputGroupName of the output metrics)", Value: PACKAGER_OUTPUT_GROUP },
      },
    };

    const stackParameters: Record<string, string> = {
      [PARAMETERS.primaryInputId]: props.inputIds.primary,
      [PARAMETERS.backupInputId]: props.inputIds.backup,
      [PARAMETERS.roleArn]: props.roleArn,
    };
    props.ingestEndpointUrls.forEach((url, i) => (stackParameters[PARAMETERS.ingestEndpointUrl(i + 1)] = url));

    this.stack = new CloudformationStack(this, "Resource", {
      name,
      // Strings from the configuration are Terraform-safe already: the loader refuses `${` and `%{`
      // outside prose and escapes prose (config/text-rules.ts), so the body is not escaped again.
      templateBody: canonicalJson(this.template),
      parameters: stackParameters,
      // A failed create leaves nothing half-built; a failed update rolls back to the running settings.
      onFailure: "DELETE",
      timeoutInMinutes: 30,
      dependsOn: props.dependsOn,
    });
    this.channelId = this.stack.outputs.lookup(OUTPUTS.channelId);
    this.arn = this.stack.outputs.lookup(OUTPUTS.channelArn);
    this.packagerOutputGroupName = this.stack.outputs.lookup(OUTPUTS.packagerOutputGroupName);
  }
}

/**
 * The CMAF Ingest output group (CloudFormation's shape): one output per video rendition (with its
 * captions) and one per audio track, as MediaLive's CMAF Ingest layout has it
 * (https://docs.aws.amazon.com/medialive/latest/ug/design-cmafi-package.html), segments of the
 * ingest length in seconds, SCTE-35 as its own track when passed through, and no KLV, ID3 or
 * Nielsen tracks. MediaLive adds a quality score (MQCS) to every output of this group by itself
 * (https://docs.aws.amazon.com/medialive/latest/ug/mqcs.html). Allowed values:
 * https://docs.aws.amazon.com/medialive/latest/apireference/channels.html (CmafIngestGroupSettings).
 */
export function cmafIngestOutputGroup(profile: EncodingProfile, options: EncoderSettingsOptions): Record<string, unknown> {
  const videoName = new Map(profile.renditions.map((r) => [r.name, r.descriptionName]));
  const audioName = new Map(profile.audio.map((a) => [a.name, a.descriptionName]));
  const captionName = new Map(profile.captions.map((c) => [c.name, c.descriptionName]));
  const names = (list: readonly string[], map: Map<string, string>) => (list.length > 0 ? list.map((n) => map.get(n) ?? n) : undefined);
  const output = (outputName: string, nameModifier: string, parts: { video?: string; audio?: readonly string[]; captions?: readonly string[] }) =>
    toCloudFormation({
      outputName,
      videoDescriptionName: parts.video === undefined ? undefined : videoName.get(parts.video),
      audioDescriptionNames: names(parts.audio ?? [], audioName),
      captionDescriptionNames: names(parts.captions ?? [], captionName),
      outputSettings: { cmafIngestOutputSettings: { nameModifier } },
    });

  const videoOutputs = profile.outputs.filter((o) => o.video !== undefined);
  const audioOnly = profile.outputs.filter((o) => o.video === undefined);
  const covered = new Set(audioOnly.flatMap((o) => o.audio));
  const separateAudio = [...new Set(videoOutputs.flatMap((o) => o.audio))].filter((a) => !covered.has(a));
  const outputs = [
    ...videoOutputs.map((o) => output(o.name, o.nameModifier, { video: o.video, captions: o.captions })),
    ...audioOnly.map((o) => output(o.name, o.nameModifier, { audio: o.audio, captions: o.captions })),
    ...separateAudio.map((a) => output(`audio-${a}`, `_${a}`, { audio: [a] })),
  ];

  return {
    Name: PACKAGER_OUTPUT_GROUP,
    OutputGroupSettings: {
      CmafIngestGroupSettings: {
        Destination: { DestinationRefId: PACKAGER_DESTINATION_ID },
        SegmentLength: options.ingestSegmentSeconds,
        SegmentLengthUnits: "SECONDS",
        Scte35Type: options.scte35Passthrough ? "SCTE_35_WITHOUT_SEGMENTATION" : "NONE",
        KlvBehavior: "NO_PASSTHROUGH",
        Id3Behavior: "DISABLED",
        NielsenId3Behavior: "NO_PASSTHROUGH",
        ...(profile.captionLanguages.length > 0
          ? { CaptionLanguageMappings: profile.captionLanguages.map((c) => ({ CaptionChannel: c.channel, LanguageCode: c.language })) }
          : {}),
      },
    },
    Outputs: outputs,
  };
}
