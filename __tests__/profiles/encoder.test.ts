import * as fs from "fs";
import * as path from "path";
import { PROFILES_DIR } from "../support/project";
import { channelOf, profileNamed, requiredProps, synthEncoder } from "../modules/encoder/encoder-scope";

// What each kind of profile becomes in the MediaLive channel: the Encoder construct alone
// (Testing.synthScope) with the profile loaded as the loader loads it, and default channel settings.
// The regional stacks these fixture profiles make are planned with the others by __tests__/terraform.test.ts.

/** The channel the Encoder synthesizes for a profile (HLS ingest, a STANDARD channel, default settings). */
function channelFor(profile: ReturnType<typeof profileNamed>): any {
  return channelOf(synthEncoder(requiredProps({ profile })).json);
}

/** API JSON as Terraform JSON: camelCase keys in snake_case (a test-side transcription, key by key). */
function snake(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snake);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snake(v)]));
  }
  return value;
}

const template = (name: string) => JSON.parse(fs.readFileSync(path.join(PROFILES_DIR, `${name}.json`), "utf8"));

describe("an imported AVC template (encoding-profiles/imported-avc-1080p.json)", () => {
  const channel = channelFor(profileNamed("imported-avc-1080p"));
  const settings = channel.encoder_settings;
  const group = settings.output_groups[0];
  const source = template("imported-avc-1080p");

  test("its video, audio and caption descriptions reach the channel as written", () => {
    expect(settings.video_descriptions).toEqual(snake(source.videoDescriptions));
    expect(settings.audio_descriptions).toEqual(snake(source.audioDescriptions));
    expect(settings.caption_descriptions).toEqual(snake(source.captionDescriptions));
  });

  test("the input specification is derived from the renditions", () => {
    expect(channel.input_specification).toEqual({ codec: "AVC", input_resolution: "HD", maximum_bitrate: "MAX_20_MBPS" });
  });

  test("the pipeline's one HLS group PUTs to MediaPackage v2, in 2 s segments for the 2 s GOP", () => {
    expect(settings.output_groups).toHaveLength(1);
    expect(group.name).toBe("mediapackage");
    expect(group.output_group_settings.hls_group_settings).toMatchObject({
      destination: { destination_ref_id: "mediapackage" },
      hls_cdn_settings: [{ hls_basic_put_settings: { connection_retry_interval: 1, num_retries: 10, filecache_duration: 300, restart_delay: 15 } }],
      segment_length: 2,
      input_loss_action: "PAUSE_OUTPUT",
      ad_markers: ["ELEMENTAL_SCTE35"],
      caption_language_setting: "INSERT",
      caption_language_mappings: [{ caption_channel: 1, language_code: "eng", language_description: "English" }],
    });
    expect(channel.destinations.map((d: any) => d.id)).toEqual(["mediapackage"]);
  });

  test("its outputs pair the descriptions as the template does, with the pipeline's transport stream settings", () => {
    expect(group.outputs.map((o: any) => [o.output_name, o.video_description_name, o.audio_description_names, o.caption_description_names])).toEqual([
      ["1080p", "video_1080p30", ["audio_stereo_eng"], ["captions_cc1"]],
      ["720p", "video_720p30", ["audio_stereo_eng"], ["captions_cc1"]],
      ["540p", "video_540p30", ["audio_stereo_eng"], ["captions_cc1"]],
      ["360p", "video_360p30", ["audio_stereo_eng"], ["captions_cc1"]],
    ]);
    const hls = group.outputs[0].output_settings.hls_output_settings;
    expect(hls.name_modifier).toBe("_1080p");
    expect(hls.hls_settings.standard_hls_settings).toEqual({
      audio_rendition_sets: "program_audio",
      m3u8_settings: {
        pmt_pid: "480",
        video_pid: "481",
        audio_pids: "482-498",
        pcr_control: "PCR_EVERY_PES_PACKET",
        program_num: 1,
        scte35_behavior: "PASSTHROUGH",
        scte35_pid: "500",
        timed_metadata_behavior: "NO_PASSTHROUGH",
      },
    });
  });

  test("both inputs define the selectors the descriptions read: the template's audio selector and embedded captions", () => {
    for (const attachment of channel.input_attachments) {
      expect(attachment.input_settings.audio_selector).toEqual([{ name: "program-audio" }, { name: "Default" }]);
      expect(attachment.input_settings.caption_selector).toEqual([
        { name: "Embedded", selector_settings: { embedded_source_settings: { convert_608_to_708: "DISABLED", scte20_detection: "OFF" } } },
      ]);
    }
  });

  test("timecode and global configuration are the pipeline's", () => {
    expect(settings.timecode_config).toEqual({ source: "EMBEDDED" });
    expect(settings.global_configuration).toEqual({
      output_locking_mode: "PIPELINE_LOCKING",
      input_end_action: "NONE",
      support_low_framerate_inputs: "DISABLED",
      input_loss_behavior: { repeat_frame_msec: 1000, black_frame_msec: 10000, input_loss_image_type: "COLOR", input_loss_image_color: "000000" },
    });
  });
});

describe("an imported HEVC template (encoding-profiles/imported-hevc-2160p.json)", () => {
  const channel = channelFor(profileNamed("imported-hevc-2160p"));
  const settings = channel.encoder_settings;

  test("H.265 descriptions as written, on a derived HEVC UHD input specification", () => {
    expect(settings.video_descriptions).toEqual(snake(template("imported-hevc-2160p").videoDescriptions));
    expect(settings.video_descriptions[0].codec_settings.h265_settings).toMatchObject({ profile: "MAIN_10BIT", tier: "MAIN", level: "H265_LEVEL_5", gop_size: 50 });
    expect(channel.input_specification).toEqual({ codec: "HEVC", input_resolution: "UHD", maximum_bitrate: "MAX_50_MBPS" });
  });

  test("HVC1 packaging for every video output, and 2 s ingest segments for the 50-frame GOP at 25 fps", () => {
    const group = settings.output_groups[0];
    expect(group.outputs.map((o: any) => o.output_settings.hls_output_settings.h265_packaging_type)).toEqual(["HVC1", "HVC1", "HVC1", "HVC1"]);
    expect(group.output_group_settings.hls_group_settings.segment_length).toBe(2);
    expect(group.output_group_settings.hls_group_settings.caption_language_setting).toBe("OMIT");
    expect(settings.caption_descriptions).toBeUndefined();
  });
});

describe("a HEVC ladder with 5.1 audio and captions (fixture ladder-hevc-captions)", () => {
  const channel = channelFor(profileNamed("ladder-hevc-captions", "fixture"));
  const settings = channel.encoder_settings;

  test("renditions expand into H.265 settings with the profile, tier and level asked for, and no B-frame setting", () => {
    expect(settings.video_descriptions.map((v: any) => [v.name, v.width, v.height, v.codec_settings.h265_settings])).toEqual([
      [
        "video-uhd",
        3840,
        2160,
        expect.objectContaining({ profile: "MAIN_10BIT", tier: "HIGH", level: "H265_LEVEL_5_1", rate_control_mode: "CBR", bitrate: 20000000, buf_size: 40000000, scene_change_detect: "DISABLED", gop_size: 1, framerate_numerator: 50 }),
      ],
      ["video-fhd", 1920, 1080, expect.objectContaining({ profile: "MAIN", tier: "MAIN", level: "H265_LEVEL_4_1", rate_control_mode: "CBR", bitrate: 6000000 })],
    ]);
    for (const v of settings.video_descriptions) expect(v.codec_settings.h265_settings.gop_num_b_frames).toBeUndefined();
  });

  test("the 5.1 track is AAC coding mode 5.1", () => {
    expect(settings.audio_descriptions.map((a: any) => [a.name, a.audio_selector_name, a.codec_settings.aac_settings.coding_mode, a.codec_settings.aac_settings.bitrate])).toEqual([
      ["audio-stereo", "program-audio", "CODING_MODE_2_0", 192000],
      ["audio-surround", "program-audio", "CODING_MODE_5_1", 384000],
    ]);
  });

  test("embedded captions pass through every rendition and are announced in the manifests", () => {
    expect(settings.caption_descriptions).toEqual([{ name: "captions-embedded", caption_selector_name: "embedded-captions", destination_settings: { embedded_destination_settings: {} } }]);
    const group = settings.output_groups[0];
    for (const o of group.outputs) expect(o.caption_description_names).toEqual(["captions-embedded"]);
    expect(group.output_group_settings.hls_group_settings).toMatchObject({
      caption_language_setting: "INSERT",
      caption_language_mappings: [
        { caption_channel: 1, language_code: "eng", language_description: "English" },
        { caption_channel: 3, language_code: "spa", language_description: "Español" },
      ],
    });
    expect(channel.input_attachments[0].input_settings.caption_selector).toEqual([
      { name: "embedded-captions", selector_settings: { embedded_source_settings: { convert_608_to_708: "DISABLED", scte20_detection: "OFF" } } },
    ]);
  });
});

describe("a template with a MediaPackage output group and an audio-only output (fixture template-mediapackage-group)", () => {
  const group = channelFor(profileNamed("template-mediapackage-group", "fixture")).encoder_settings.output_groups[0];

  test("becomes the pipeline's HLS group: video outputs refer to the audio group, the audio-only output joins it", () => {
    expect(group.output_group_settings.hls_group_settings.destination).toEqual({ destination_ref_id: "mediapackage" });
    expect(group.outputs.map((o: any) => [o.output_name, o.video_description_name, o.audio_description_names, o.output_settings.hls_output_settings.hls_settings])).toEqual([
      ["hd", "video_hd", ["audio_eng"], { standard_hls_settings: expect.objectContaining({ audio_rendition_sets: "program_audio" }) }],
      ["sd", "video_sd", ["audio_eng"], { standard_hls_settings: expect.objectContaining({ audio_rendition_sets: "program_audio" }) }],
      ["spanish", undefined, ["audio_spa"], { audio_only_hls_settings: { audio_group_id: "program_audio", audio_track_type: "ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT" } }],
    ]);
  });
});
