import * as fs from "fs";
import * as path from "path";
import { Testing } from "cdktf";
import type {} from "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { CloudformationStack } from "@cdktf/provider-aws/lib/cloudformation-stack";
import { MedialiveChannel } from "@cdktf/provider-aws/lib/medialive-channel";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import { Encoder, InputType } from "../../../modules/encoder";
import { Naming } from "../../../modules/naming";
import { check, defaultConfig } from "../../support/project";
import { ENDPOINTS, ROLE_ARN, SMALL_LADDER, channelOf, profileNamed, requiredProps, synthEncoder } from "./encoder-scope";

// The Encoder construct on its own (Testing.synthScope), with props written by hand: what each prop
// and each default puts into the MediaLive channel.

/** ENDPOINTS as Terraform writes a list literal. */
const ENDPOINT_LIST = '["https://a.ingest.example/in/v1/ev/1/live/", "https://b.ingest.example/in/v1/ev/2/live/"]';
const primaryAttachment = (json: any) => channelOf(json).input_attachments[0];
const hlsGroup = (json: any) => channelOf(json).encoder_settings.output_groups[0].output_group_settings.hls_group_settings;

describe("Encoder, only the required props", () => {
  const { synthesized, json } = synthEncoder(requiredProps());

  test("an HLS ingest channel: STANDARD, WARNING logs, not started, the profile's input specification, no CloudFormation stack", () => {
    expect(synthesized).not.toHaveResource(CloudformationStack);
    expect(synthesized).toHaveResourceWithProperties(MedialiveChannel, {
      name: "ev-euw1-channel",
      channel_class: "STANDARD",
      log_level: "WARNING",
      start_channel: false,
      role_arn: ROLE_ARN,
      input_specification: { codec: "AVC", input_resolution: "HD", maximum_bitrate: "MAX_10_MBPS" },
    });
    expect(channelOf(json).depends_on).toBeUndefined();
    expect(channelOf(json).tags).toBeUndefined();
  });

  test("both inputs attached; the primary fails over to the backup on 1 s of input loss, preferring the primary, clear after 10 s", () => {
    expect(channelOf(json).input_attachments.map((a: any) => [a.input_attachment_name, a.input_id])).toEqual([
      ["primary", "primary-input-id"],
      ["backup", "backup-input-id"],
    ]);
    expect(primaryAttachment(json).automatic_input_failover_settings).toEqual({
      secondary_input_id: "backup-input-id",
      input_preference: "PRIMARY_INPUT_PREFERRED",
      error_clear_time_msec: 10000,
      failover_condition: [{ failover_condition_settings: { input_loss_settings: { input_loss_threshold_msec: 1000 } } }],
    });
    expect(channelOf(json).input_attachments[1].automatic_input_failover_settings).toBeUndefined();
  });

  test("pipeline locking, SCTE-35 passed through, 2 s ingest segments for the 2 s GOP, output paused on input loss", () => {
    expect(channelOf(json).encoder_settings.global_configuration.output_locking_mode).toBe("PIPELINE_LOCKING");
    expect(hlsGroup(json)).toMatchObject({ ad_markers: ["ELEMENTAL_SCTE35"], segment_length: 2, input_loss_action: "PAUSE_OUTPUT" });
    expect(channelOf(json).encoder_settings.output_groups[0].outputs[0].output_settings.hls_output_settings.hls_settings.standard_hls_settings.m3u8_settings.scte35_behavior).toBe("PASSTHROUGH");
  });

  test("each of the two pipelines pushes to its own ingest endpoint", () => {
    expect(channelOf(json).destinations).toEqual([
      { id: "mediapackage", settings: [{ url: `\${element(${ENDPOINT_LIST}, 0)}` }, { url: `\${element(${ENDPOINT_LIST}, 1)}` }] },
    ]);
  });

  test("the hand-written ladder: one CBR H.264 description, one AAC description, one output carrying both", () => {
    const settings = channelOf(json).encoder_settings;
    expect(settings.video_descriptions).toEqual([
      expect.objectContaining({
        name: "video-720p",
        width: 1280,
        height: 720,
        codec_settings: { h264_settings: expect.objectContaining({ rate_control_mode: "CBR", bitrate: 3000000, buf_size: 6000000, profile: "HIGH", level: "H264_LEVEL_4_1", gop_num_b_frames: 3, gop_size: 2, framerate_numerator: 25 }) },
      }),
    ]);
    expect(settings.audio_descriptions).toEqual([
      expect.objectContaining({ name: "audio-stereo", language_code: "eng", codec_settings: { aac_settings: expect.objectContaining({ bitrate: 128000, coding_mode: "CODING_MODE_2_0", sample_rate: 48000 }) } }),
    ]);
    expect(settings.caption_descriptions).toBeUndefined();
    expect(settings.output_groups[0].outputs.map((o: any) => [o.output_name, o.video_description_name, o.audio_description_names])).toEqual([["720p", "video-720p", ["audio-stereo"]]]);
  });

  test("its defaults are the event file's: a `channel` block the loader filled from the schema synthesizes the same channel", () => {
    const c = defaultConfig();
    c.channel = {};
    const filled = check(c).config.channel;
    expect(synthEncoder(requiredProps({ channel: filled })).synthesized).toBe(synthesized);
  });
});

describe("Encoder, every prop set", () => {
  const { synthesized, json } = synthEncoder((scope) => {
    const primary = new MedialiveInput(scope, "Primary", { name: "in-primary", type: "RTP_PUSH" });
    const backup = new MedialiveInput(scope, "Backup", { name: "in-backup", type: "RTP_PUSH" });
    return requiredProps({
      inputs: { primary, backup },
      ingest: "HLS",
      channel: {
        class: "STANDARD",
        logLevel: "DEBUG",
        start: true,
        outputLocking: "EPOCH_LOCKING",
        scte35Passthrough: false,
        inputFailover: {
          preference: "EQUAL_INPUT_PREFERENCE",
          errorClearTimeMs: 2000,
          inputLossThresholdMs: 500,
          videoBlackThresholdMs: 3000,
          audioSilenceThresholdMs: 4000,
          conditions: ["AUDIO_SILENCE", "VIDEO_BLACK", "INPUT_LOSS"],
        },
      },
      tags: { Event: "ev" },
      dependsOn: [primary],
    });
  });

  test("logs, start and the order of dependencies as given; the inputs by reference", () => {
    expect(synthesized).toHaveResourceWithProperties(MedialiveChannel, {
      log_level: "DEBUG",
      start_channel: true,
      depends_on: ["aws_medialive_input.Primary"],
    });
    expect(primaryAttachment(json).input_id).toBe("${aws_medialive_input.Primary.id}");
  });

  test("every failover threshold, the preference and the conditions in the order given", () => {
    expect(primaryAttachment(json).automatic_input_failover_settings).toEqual({
      secondary_input_id: "${aws_medialive_input.Backup.id}",
      input_preference: "EQUAL_INPUT_PREFERENCE",
      error_clear_time_msec: 2000,
      failover_condition: [
        { failover_condition_settings: { audio_silence_settings: { audio_selector_name: "program-audio", audio_silence_threshold_msec: 4000 } } },
        { failover_condition_settings: { video_black_settings: { black_detect_threshold: 0.1, video_black_threshold_msec: 3000 } } },
        { failover_condition_settings: { input_loss_settings: { input_loss_threshold_msec: 500 } } },
      ],
    });
  });

  test("epoch locking without SCTE-35: no ad markers, SCTE-35 not passed into the transport stream", () => {
    expect(channelOf(json).encoder_settings.global_configuration.output_locking_mode).toBe("EPOCH_LOCKING");
    expect(hlsGroup(json).ad_markers).toEqual([]);
    expect(channelOf(json).encoder_settings.output_groups[0].outputs[0].output_settings.hls_output_settings.hls_settings.standard_hls_settings.m3u8_settings.scte35_behavior).toBe("NO_PASSTHROUGH");
  });

  test("tags are not written on an HLS channel (the provider's default tags apply)", () => {
    expect(channelOf(json).tags).toBeUndefined();
  });
});

describe("Encoder, a SINGLE_PIPELINE channel", () => {
  const { json } = synthEncoder(requiredProps({ channel: { class: "SINGLE_PIPELINE" } }));

  test("one destination URL, no locking, and it keeps emitting on input loss (a standard one pauses so MediaPackage switches pipelines)", () => {
    expect(channelOf(json).channel_class).toBe("SINGLE_PIPELINE");
    expect(channelOf(json).destinations[0].settings).toEqual([{ url: `\${element(${ENDPOINT_LIST}, 0)}` }]);
    expect(channelOf(json).encoder_settings.global_configuration.output_locking_mode).toBe("DISABLED");
    expect(hlsGroup(json).input_loss_action).toBe("EMIT_OUTPUT");
  });
});

describe("Encoder, input types", () => {
  test.each<[InputType]>([["MEDIACONNECT"], ["RTP_PUSH"], ["RTMP_PUSH"], ["INPUT_DEVICE"]])("%s: push inputs fail over automatically", (type) => {
    const { json, encoder } = synthEncoder(requiredProps({ contributionType: type }));
    expect(primaryAttachment(json).automatic_input_failover_settings).toMatchObject({ secondary_input_id: "backup-input-id" });
    expect(encoder.automaticInputFailover).toEqual({ preference: "PRIMARY_INPUT_PREFERRED" });
  });

  test.each<[InputType]>([["RTMP_PULL"], ["URL_PULL"], ["MP4_FILE"], ["TS_FILE"], ["UDP_PUSH"]])(
    "%s: both inputs attached, without automatic failover, which MediaLive offers for push inputs only",
    (type) => {
      const { json, encoder } = synthEncoder(requiredProps({ contributionType: type }));
      expect(channelOf(json).input_attachments.map((a: any) => a.input_attachment_name)).toEqual(["primary", "backup"]);
      for (const a of channelOf(json).input_attachments) expect(a.automatic_input_failover_settings).toBeUndefined();
      expect(encoder.automaticInputFailover).toBeUndefined();
    },
  );

  test.each<[InputType, string]>([
    ["MP4_FILE", "LOOP"],
    ["TS_FILE", "LOOP"],
    ["RTP_PUSH", "CONTINUE"],
  ])("%s: the source end behaviour is %s (files loop so a rehearsal keeps playing)", (type, behavior) => {
    const { json } = synthEncoder(requiredProps({ contributionType: type }));
    expect(channelOf(json).input_attachments.map((a: any) => a.input_settings.source_end_behavior)).toEqual([behavior, behavior]);
  });

  test("HLS pull: the input attachment reads SCTE-35 from the segments and validates the server; other types have no network settings", () => {
    const { json } = synthEncoder(requiredProps({ contributionType: "URL_PULL" }));
    expect(primaryAttachment(json).input_settings.network_input_settings).toEqual({
      server_validation: "CHECK_CRYPTOGRAPHY_AND_VALIDATE_NAME",
      hls_input_settings: { buffer_segments: 3, retries: 10, retry_interval: 1, scte35_source: "SEGMENTS" },
    });
    expect(primaryAttachment(synthEncoder(requiredProps()).json).input_settings.network_input_settings).toBeUndefined();
  });
});

describe("Encoder, CMAF ingest with only the required props", () => {
  const { synthesized, json } = synthEncoder(requiredProps({ ingest: "CMAF" }));
  const stack = Object.values<any>(json.resource.aws_cloudformation_stack)[0];
  const channel = JSON.parse(stack.template_body).Resources.Channel.Properties;

  test("a CloudFormation stack, no aws_medialive_channel; the defaults as for HLS, with epoch locking; no tags, no dependencies", () => {
    expect(synthesized).not.toHaveResource(MedialiveChannel);
    expect(synthesized).toHaveResourceWithProperties(CloudformationStack, { name: "ev-euw1-channel", parameters: expect.objectContaining({ RoleArn: ROLE_ARN, PrimaryInputId: "primary-input-id" }) });
    expect(stack.depends_on).toBeUndefined();
    expect(channel).toMatchObject({ ChannelClass: "STANDARD", LogLevel: "WARNING", Tags: {} });
    expect(channel.EncoderSettings.GlobalConfiguration.OutputLockingMode).toBe("EPOCH_LOCKING");
    expect(channel.EncoderSettings.OutputGroups[0].OutputGroupSettings.CmafIngestGroupSettings).toMatchObject({ SegmentLength: 2, Scte35Type: "SCTE_35_WITHOUT_SEGMENTATION" });
    expect(channel.InputAttachments[0].AutomaticInputFailoverSettings).toEqual({
      SecondaryInputId: { Ref: "BackupInputId" },
      InputPreference: "PRIMARY_INPUT_PREFERRED",
      ErrorClearTimeMsec: 10000,
      FailoverConditions: [{ FailoverConditionSettings: { InputLossSettings: { InputLossThresholdMsec: 1000 } } }],
    });
  });

  test("tags are written into the template; dependencies go on the stack", () => {
    const tagged = synthEncoder((scope) => {
      const role = new MedialiveInput(scope, "Dependency", { name: "x", type: "RTP_PUSH" });
      return requiredProps({ ingest: "CMAF", tags: { Event: "ev", CostCentre: "live" }, dependsOn: [role] });
    }).json;
    const s = Object.values<any>(tagged.resource.aws_cloudformation_stack)[0];
    expect(JSON.parse(s.template_body).Resources.Channel.Properties.Tags).toEqual({ CostCentre: "live", Event: "ev" });
    expect(s.depends_on).toEqual(["aws_medialive_input.Dependency"]);
  });
  test("the template body is byte-identical across synths, whatever order the tags were given in", () => {
    const body = (tags: Record<string, string>) => Object.values<any>(synthEncoder(requiredProps({ ingest: "CMAF", tags })).json.resource.aws_cloudformation_stack)[0].template_body;
    const a = body({ Event: "ev", CostCentre: "live" });
    expect(body({ CostCentre: "live", Event: "ev" })).toBe(a);
    expect(a).toContain('"Tags":{"CostCentre":"live","Event":"ev"}');
  });
});

describe("Encoder, the HD-1080p profile", () => {
  const channel = channelOf(synthEncoder(requiredProps({ profile: profileNamed("HD-1080p") })).json);

  test("six QVBR H.264 renditions with the profile's input specification, 1 s GOPs at 30 fps", () => {
    expect(channel.input_specification).toEqual({ codec: "AVC", input_resolution: "HD", maximum_bitrate: "MAX_20_MBPS" });
    const videos = channel.encoder_settings.video_descriptions;
    expect(videos.map((v: any) => [v.width, v.height, v.codec_settings.h264_settings.max_bitrate, v.codec_settings.h264_settings.qvbr_quality_level])).toEqual([
      [1920, 1080, 4100000, 9],
      [1280, 720, 2700000, 8],
      [960, 540, 1800000, 8],
      [768, 432, 1200000, 7],
      [640, 360, 800000, 7],
      [512, 288, 400000, 6],
    ]);
    for (const v of videos) {
      expect(v.codec_settings.h264_settings).toMatchObject({ rate_control_mode: "QVBR", profile: "HIGH", gop_size: 1, gop_size_units: "SECONDS", gop_closed_cadence: 1, framerate_numerator: 30, framerate_denominator: 1 });
    }
    expect(channel.encoder_settings.audio_descriptions).toEqual([
      expect.objectContaining({ name: "audio-aac-stereo", codec_settings: { aac_settings: expect.objectContaining({ bitrate: 96000, coding_mode: "CODING_MODE_2_0", sample_rate: 48000, profile: "LC" }) } }),
    ]);
  });

  test("every rendition is an output of the ingest group, each with the audio, in 1 s segments", () => {
    const group = channel.encoder_settings.output_groups[0];
    expect(group.output_group_settings.hls_group_settings).toMatchObject({ program_date_time: "INCLUDE", segment_length: 1 });
    expect(group.outputs.map((o: any) => o.video_description_name)).toEqual(channel.encoder_settings.video_descriptions.map((v: any) => v.name));
    for (const o of group.outputs) expect(o.audio_description_names).toEqual(["audio-aac-stereo"]);
  });
});

describe("Encoder, rejects", () => {
  const rejects = (props: Parameters<typeof requiredProps>[0]) => () => synthEncoder(requiredProps(props));

  test("rejects epoch locking with SCTE-35 passthrough on HLS ingest (MediaLive rejects the channel); CMAF ingest takes it", () => {
    expect(rejects({ channel: { outputLocking: "EPOCH_LOCKING" } })).toThrow(
      "Encoder: channel.outputLocking EPOCH_LOCKING cannot be combined with SCTE-35 passthrough (MediaLive rejects the channel); set channel.scte35Passthrough to false, use PIPELINE_LOCKING, or use CMAF ingest (a CMAF Ingest group carries SCTE-35 as its own track)",
    );
    expect(rejects({ channel: { outputLocking: "EPOCH_LOCKING" }, ingest: "CMAF" })).not.toThrow();
  });

  test("rejects output locking on a SINGLE_PIPELINE channel", () => {
    expect(rejects({ channel: { class: "SINGLE_PIPELINE", outputLocking: "PIPELINE_LOCKING" } })).toThrow(
      "Encoder: channel.outputLocking PIPELINE_LOCKING needs a STANDARD channel (a SINGLE_PIPELINE channel has nothing to lock against); use DISABLED",
    );
  });

  test("rejects an empty list of failover conditions", () => {
    expect(rejects({ channel: { inputFailover: { conditions: [] } } })).toThrow(
      "Encoder: channel.inputFailover.conditions is empty (got []); name at least one of INPUT_LOSS, VIDEO_BLACK, AUDIO_SILENCE",
    );
  });

  test("rejects fewer ingest endpoint URLs than pipelines (a list token is taken as it comes)", () => {
    expect(rejects({ ingestEndpointUrls: [ENDPOINTS[0]] })).toThrow(
      `Encoder: ingestEndpointUrls has 1 URL, but a STANDARD channel has 2 pipelines, each pushing to its own endpoint (got ["${ENDPOINTS[0]}"])`,
    );
    expect(rejects({ ingestEndpointUrls: [ENDPOINTS[0]], channel: { class: "SINGLE_PIPELINE" } })).not.toThrow();
  });

  test("reports every problem at once", () => {
    expect(rejects({ channel: { class: "SINGLE_PIPELINE", outputLocking: "EPOCH_LOCKING", inputFailover: { conditions: [] } }, ingestEndpointUrls: [] })).toThrow(
      /SINGLE_PIPELINE channel has nothing to lock against.*\n.*conditions is empty.*\n.*ingestEndpointUrls has 0 URLs/,
    );
  });
});

test("the example in docs/encoder-module.md compiles (tsc checks this file) and builds the channel it describes", () => {
  const profile = SMALL_LADDER;
  // example begin
  const synthesized = Testing.synthScope((scope) => {
    new Encoder(scope, "Encoder", {
      naming: new Naming("ev", "eu-west-1"),                // the channel is ev-euw1-channel
      profile,                                               // an EncodingProfile (below)
      inputs: { primary: { id: "primary-input-id" }, backup: { id: "backup-input-id" } },
      contributionType: "RTP_PUSH",
      ingestEndpointUrls: ["https://a.ingest.example/in/v1/ev/1/live/", "https://b.ingest.example/in/v1/ev/2/live/"],
      roleArn: "arn:aws:iam::111122223333:role/ev-euw1-medialive",
    });
  });
  // example end
  expect(synthesized).toHaveResourceWithProperties(MedialiveChannel, { name: "ev-euw1-channel", role_arn: ROLE_ARN });
  expect(channelOf(JSON.parse(synthesized)).input_attachments.map((a: any) => a.input_id)).toEqual(["primary-input-id", "backup-input-id"]);
  const doc = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "docs", "encoder-module.md"), "utf8");
  const example = /\/\/ example begin\n([\s\S]*?)\s*\/\/ example end/.exec(fs.readFileSync(__filename, "utf8"))![1];
  expect(doc).toContain(example.replace(/^ {2}/gm, "").trim());
});
