// The types of cdktf's jest matchers (registered in __tests__/support/setup.ts).
import type {} from "cdktf/lib/testing/adapters/jest";
import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import type { EncoderProps, InputType } from "../../../modules/encoder";
import type { EncodingProfile } from "../../../modules/encoder/profile";
import { listProfiles } from "../../../encoding-profiles/profiles";
import { replacingPropertyTypes, resourceSpec, specVersion, templateValidator } from "../../support/cloudformation-registry";
import { PROFILES_DIR } from "../../support/project";
import { profileNamed, requiredProps, synthEncoder } from "./encoder-scope";

const validate = templateValidator(["AWS::MediaLive::Channel"]);
const HD_1080P = profileNamed("HD-1080p");

/** The Encoder alone, in a test scope, with real inputs and CMAF ingest; returns its stack resource as synthesized. */
function encoderStack(overrides: Partial<EncoderProps> = {}, profile: EncodingProfile = HD_1080P) {
  const { synthesized, json } = synthEncoder((scope) =>
    requiredProps({
      profile,
      ingest: "CMAF",
      inputs: {
        primary: new MedialiveInput(scope, "Primary", { name: "in-primary", type: "RTP_PUSH" }),
        backup: new MedialiveInput(scope, "Backup", { name: "in-backup", type: "RTP_PUSH" }),
      },
      tags: { Event: "ev" },
      ...overrides,
    }),
  );
  const stacks = Object.values<any>(json.resource?.aws_cloudformation_stack ?? {});
  return { synthesized, json, stack: stacks[0], template: stacks[0] ? JSON.parse(stacks[0].template_body) : undefined };
}

describe("CMAF ingest channel (Encoder with ingest CMAF)", () => {
  const { synthesized, json, stack, template } = encoderStack();
  const channel = template.Resources.Channel;

  test("is one CloudFormation stack and no aws_medialive_channel; cross-resource values go in as parameters", () => {
    expect(synthesized).not.toHaveResource(MedialiveChannel);
    expect(synthesized).toHaveResourceWithProperties(CloudformationStack, {
      name: "ev-euw1-channel",
      on_failure: "DELETE",
      parameters: {
        PrimaryInputId: "${aws_medialive_input.Primary.id}",
        BackupInputId: "${aws_medialive_input.Backup.id}",
        RoleArn: "arn:aws:iam::111122223333:role/ev-euw1-medialive",
        IngestEndpointUrl1: expect.stringContaining("element("),
        IngestEndpointUrl2: expect.stringContaining("element("),
      },
    });
    expect(Object.keys(json.resource.aws_cloudformation_stack)).toHaveLength(1);
  });

  test("the template body is static: no Terraform expression inside, every Ref names a declared parameter", () => {
    expect(stack.template_body).not.toMatch(/\$\{|%\{/);
    const refs = [...stack.template_body.matchAll(/"Ref":"([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(refs)).toEqual(new Set(Object.keys(template.Parameters)));
    expect(Object.keys(template.Parameters).sort()).toEqual(Object.keys(stack.parameters).sort());
  });

  test("validates against the CloudFormation registry schema of AWS::MediaLive::Channel", () => {
    expect(specVersion()).toBe("0.1.216");
    const ok = validate(template);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test("a wrong key or a wrong type fails the registry schema (the check can fail)", () => {
    const misspelt = structuredClone(template);
    misspelt.Resources.Channel.Properties.EncoderSettings.OutputGroups[0].OutputGroupSettings.CmafIngestGroupSettings.SegmentLenght = 2;
    expect(validate(misspelt)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: "additionalProperties", params: { additionalProperty: "SegmentLenght" } }));

    const provider = structuredClone(template);
    // The provider's singular block name, which CloudFormation does not know.
    provider.Resources.Channel.Properties.InputAttachments[0].InputSettings.AudioSelector = [{ Name: "x" }];
    expect(validate(provider)).toBe(false);

    const wrongType = structuredClone(template);
    wrongType.Resources.Channel.Properties.EncoderSettings.OutputGroups[0].OutputGroupSettings.CmafIngestGroupSettings.SegmentLength = "2";
    expect(validate(wrongType)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: "type", instancePath: "/Resources/Channel/Properties/EncoderSettings/OutputGroups/0/OutputGroupSettings/CmafIngestGroupSettings/SegmentLength" }));
  });

  test("epoch locking, with CMAF Ingest segments of the profile's ingest length to one destination per pipeline", () => {
    const settings = channel.Properties.EncoderSettings;
    expect(settings.GlobalConfiguration).toMatchObject({ OutputLockingMode: "EPOCH_LOCKING", OutputLockingSettings: { EpochLockingSettings: {} } });
    expect(settings.OutputGroups).toHaveLength(1);
    expect(settings.OutputGroups[0].OutputGroupSettings).toEqual({
      CmafIngestGroupSettings: {
        Destination: { DestinationRefId: "mediapackage" },
        // HD-1080p: 1 s GOPs, so 1 s ingest segments (the packager's 6 s segments hold six).
        SegmentLength: 1,
        SegmentLengthUnits: "SECONDS",
        Scte35Type: "SCTE_35_WITHOUT_SEGMENTATION",
        KlvBehavior: "NO_PASSTHROUGH",
        Id3Behavior: "DISABLED",
        NielsenId3Behavior: "NO_PASSTHROUGH",
      },
    });
    expect(channel.Properties.Destinations).toEqual([{ Id: "mediapackage", Settings: [{ Url: { Ref: "IngestEndpointUrl1" } }, { Url: { Ref: "IngestEndpointUrl2" } }] }]);
  });

  test("one output per rendition and one per audio track, named as the HLS outputs are", () => {
    const outputs = channel.Properties.EncoderSettings.OutputGroups[0].Outputs;
    const video = HD_1080P.renditions.map((r) => ({
      OutputName: r.name,
      VideoDescriptionName: r.descriptionName,
      OutputSettings: { CmafIngestOutputSettings: { NameModifier: `_${r.name}` } },
    }));
    const audio = HD_1080P.audio.map((a) => ({
      OutputName: `audio-${a.name}`,
      AudioDescriptionNames: [a.descriptionName],
      OutputSettings: { CmafIngestOutputSettings: { NameModifier: `_${a.name}` } },
    }));
    expect(outputs).toEqual([...video, ...audio]);
  });

  test("the same descriptions as the HLS channel of the same profile, converted key by key", () => {
    const hls = Object.values<any>(encoderStack({ ingest: "HLS" }).json.resource.aws_medialive_channel)[0];
    const cfn = channel.Properties.EncoderSettings;
    expect(cfn.VideoDescriptions.map((v: any) => [v.Name, v.Width, v.Height, v.CodecSettings.H264Settings.MaxBitrate ?? v.CodecSettings.H264Settings.Bitrate])).toEqual(
      hls.encoder_settings.video_descriptions.map((v: any) => [v.name, v.width, v.height, v.codec_settings.h264_settings.max_bitrate ?? v.codec_settings.h264_settings.bitrate]),
    );
    expect(cfn.AudioDescriptions.map((a: any) => [a.Name, a.CodecSettings.AacSettings.Bitrate])).toEqual(
      hls.encoder_settings.audio_descriptions.map((a: any) => [a.name, a.codec_settings.aac_settings.bitrate]),
    );
    expect(channel.Properties.InputAttachments.map((a: any) => a.InputAttachmentName)).toEqual(hls.input_attachments.map((a: any) => a.input_attachment_name));
    expect(channel.Properties.InputAttachments[0].AutomaticInputFailoverSettings.SecondaryInputId).toEqual({ Ref: "BackupInputId" });
    expect(channel.Properties.InputSpecification).toEqual({ Codec: hls.input_specification.codec, Resolution: hls.input_specification.input_resolution, MaximumBitrate: hls.input_specification.maximum_bitrate });
  });

  test("exports the channel id and ARN (attributes the registry lists) and the push group's name as stack outputs", () => {
    expect(template.Outputs).toEqual({
      ChannelId: { Description: expect.any(String), Value: { "Fn::GetAtt": ["Channel", "Id"] } },
      ChannelArn: { Description: expect.any(String), Value: { "Fn::GetAtt": ["Channel", "Arn"] } },
      PackagerOutputGroupName: { Description: expect.any(String), Value: channel.Properties.EncoderSettings.OutputGroups[0].Name },
    });
    expect(Object.keys(resourceSpec("AWS::MediaLive::Channel").attributes ?? {})).toEqual(expect.arrayContaining(["Id", "Arn"]));
  });

  test("only a new input id replaces the channel (the registry's replacement-causing properties; docs/ingest.md relies on this)", () => {
    const replacing = Object.entries(resourceSpec("AWS::MediaLive::Channel").properties)
      .filter(([, p]: [string, any]) => p.causesReplacement === "yes")
      .map(([name]) => name);
    expect(replacing).toEqual(["Vpc"]);
    expect(channel.Properties.Vpc).toBeUndefined();
    expect(replacingPropertyTypes("AWS::MediaLive::Channel")).toEqual(["InputAttachment.InputId"]);
  });

  test("the template stays far below CloudFormation's 51,200-byte limit for template_body", () => {
    expect(stack.template_body.length).toBeLessThan(51200 / 2);
  });
});

describe("every shipped profile, as a CMAF ingest channel, validates against the registry schema", () => {
  test.each(listProfiles(PROFILES_DIR))("%s", (name) => {
    const { template } = encoderStack({}, profileNamed(name));
    validate(template);
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe("every input type, with every failover condition, as a CMAF ingest channel, validates against the registry schema", () => {
  const types: InputType[] = ["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH", "RTMP_PUSH", "RTMP_PULL", "URL_PULL", "MP4_FILE", "TS_FILE", "INPUT_DEVICE"];
  test.each(types)("%s", (contributionType) => {
    const { template } = encoderStack({ contributionType, channel: { inputFailover: { conditions: ["INPUT_LOSS", "VIDEO_BLACK", "AUDIO_SILENCE"] } } });
    validate(template);
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe("CMAF ingest options", () => {
  test("SCTE-35 passthrough becomes a SCTE-35 track; off, no track", () => {
    const off = encoderStack({ channel: { scte35Passthrough: false } }).template;
    expect(off.Resources.Channel.Properties.EncoderSettings.OutputGroups[0].OutputGroupSettings.CmafIngestGroupSettings.Scte35Type).toBe("NONE");
  });

  test("a SINGLE_PIPELINE channel: one destination URL, no locking", () => {
    const { stack, template } = encoderStack({ channel: { class: "SINGLE_PIPELINE" } });
    expect(template.Resources.Channel.Properties.Destinations[0].Settings).toEqual([{ Url: { Ref: "IngestEndpointUrl1" } }]);
    expect(Object.keys(stack.parameters)).not.toContain("IngestEndpointUrl2");
    expect(template.Resources.Channel.Properties.EncoderSettings.GlobalConfiguration.OutputLockingMode).toBe("DISABLED");
    validate(template);
    expect(validate.errors ?? []).toEqual([]);
  });
});
