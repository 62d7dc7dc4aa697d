import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listProfiles, loadProfileFile, profileFormat } from "../../encoding-profiles/profiles";
import { deriveInputSpecification } from "../../encoding-profiles/template-import";
import type { EncodingProfile, Rendition } from "../../config/types";
import { FIXTURES_DIR, PROFILES_DIR, check, defaultConfig, problemsOf } from "../support/project";

/** Loads a profile file, failing the test with its problems when it does not load. */
function loadProfile(file: string): EncodingProfile {
  const problems: string[] = [];
  const profile = loadProfileFile(file, path.basename(file), problems);
  expect(problems).toEqual([]);
  return profile!;
}

const shipped = (name: string) => loadProfile(path.join(PROFILES_DIR, `${name}.json`));
const valid = (name: string) => loadProfile(path.join(FIXTURES_DIR, "profiles", "valid", `${name}.json`));

describe("shipped encoding profiles", () => {
  test("encoding-profiles/ holds the three peer ladders and two imported MediaLive templates", () => {
    expect(listProfiles(PROFILES_DIR)).toEqual(["HD-1080p", "HD-720p", "SD-540p", "imported-avc-1080p", "imported-hevc-2160p"]);
  });

  test.each([
    ["HD-1080p", "ladder"],
    ["HD-720p", "ladder"],
    ["SD-540p", "ladder"],
    ["imported-avc-1080p", "medialive-template"],
    ["imported-hevc-2160p", "medialive-template"],
  ])("%s loads as a %s", (name, format) => {
    expect(shipped(name).format).toBe(format);
  });

  test("HD-1080p: six AVC renditions, highest first, with the ladder defaults filled in", () => {
    const p = shipped("HD-1080p");
    expect(p.inputSpecification).toEqual({ codec: "AVC", resolution: "HD", maximumBitrate: "MAX_20_MBPS" });
    expect(p.video).toEqual({ codec: "AVC", framerate: { numerator: 30, denominator: 1 }, gopSeconds: 1 });
    expect(p.renditions.map((r) => [r.name, r.descriptionName, r.width, r.height, r.bitrate, r.qvbrLevel])).toEqual([
      ["1080p", "video-1080p", 1920, 1080, 4100000, 9],
      ["720p", "video-720p", 1280, 720, 2700000, 8],
      ["540p", "video-540p", 960, 540, 1800000, 8],
      ["432p", "video-432p", 768, 432, 1200000, 7],
      ["360p", "video-360p", 640, 360, 800000, 7],
      ["288p", "video-288p", 512, 288, 400000, 6],
    ]);
    for (const r of p.renditions) expect(r).toMatchObject({ rateControl: "QVBR", profile: "HIGH", level: "AUTO", bFrames: 3, sceneChangeDetect: true });
    expect(p.audio).toEqual([{ name: "aac-stereo", descriptionName: "audio-aac-stereo", codec: "AAC", bitrate: 96000, channels: 2, sampleRate: 48000, language: "eng" }]);
    expect(p.outputs[0]).toEqual({ name: "1080p", nameModifier: "_1080p", video: "1080p", audio: ["aac-stereo"], captions: [] });
    expect(p.outputs).toHaveLength(6);
    expect(p.captions).toEqual([]);
  });

  test("imported-avc-1080p: the template's descriptions and pairing, with a derived input specification", () => {
    const p = shipped("imported-avc-1080p");
    expect(p.inputSpecificationDerived).toBe(true);
    expect(p.inputSpecification).toEqual({ codec: "AVC", resolution: "HD", maximumBitrate: "MAX_20_MBPS" });
    expect(p.video).toEqual({ codec: "AVC", framerate: { numerator: 30, denominator: 1 }, gopSeconds: 2 });
    expect(p.renditions.map((r) => [r.name, r.width, r.height, r.bitrate, r.qvbrLevel, r.profile, r.level, r.bFrames])).toEqual([
      ["video_1080p30", 1920, 1080, 6000000, 8, "HIGH", "4.1", 3],
      ["video_720p30", 1280, 720, 3500000, 7, "HIGH", "3.1", 3],
      ["video_540p30", 960, 540, 2000000, 7, "MAIN", "3.1", 3],
      ["video_360p30", 640, 360, 900000, 6, "MAIN", "3", 2],
    ]);
    expect(p.audio).toEqual([
      { name: "audio_stereo_eng", descriptionName: "audio_stereo_eng", codec: "AAC", bitrate: 128000, channels: 2, sampleRate: 48000, language: "eng", selectorName: "Default" },
    ]);
    expect(p.captions).toEqual([{ name: "captions_cc1", descriptionName: "captions_cc1", selectorName: "Embedded" }]);
    expect(p.captionLanguages).toEqual([{ channel: 1, language: "eng", description: "English" }]);
    expect(p.outputs[0]).toEqual({
      name: "1080p",
      nameModifier: "_1080p",
      video: "video_1080p30",
      audio: ["audio_stereo_eng"],
      captions: ["captions_cc1"],
      audioRenditionSets: "program_audio",
    });
    const group = "/outputGroups/0/outputGroupSettings/hlsGroupSettings";
    const m3u8 = (i: number) => `/outputGroups/0/outputs/${i}/outputSettings/hlsOutputSettings/hlsSettings/standardHlsSettings/m3u8Settings`;
    expect(p.imported?.replaced).toEqual([
      "/timecodeConfig",
      "/globalConfiguration",
      "/outputGroups/0/name",
      ...[
        "adMarkers",
        "clientCache",
        "codecSpecification",
        "destination",
        "directoryStructure",
        "hlsCdnSettings",
        "iFrameOnlyPlaylists",
        "inputLossAction",
        "manifestDurationFormat",
        "mode",
        "outputSelection",
        "programDateTime",
        "programDateTimePeriod",
        "segmentLength",
        "streamInfResolution",
        "tsFileMode",
      ].map((key) => `${group}/${key}`),
      m3u8(0),
      m3u8(1),
      m3u8(2),
      m3u8(3),
    ]);
  });

  test("imported-hevc-2160p: a GOP in frames becomes seconds, MAIN_10BIT becomes MAIN_10, HEVC on a UHD input specification", () => {
    const p = shipped("imported-hevc-2160p");
    expect(p.inputSpecification).toEqual({ codec: "HEVC", resolution: "UHD", maximumBitrate: "MAX_50_MBPS" });
    expect(p.video).toEqual({ codec: "HEVC", framerate: { numerator: 25, denominator: 1 }, gopSeconds: 2 });
    expect(p.renditions.map((r) => [r.width, r.height, r.bitrate, r.profile, r.tier, r.level, r.bFrames])).toEqual([
      [3840, 2160, 15000000, "MAIN_10", "MAIN", "5", undefined],
      [2560, 1440, 8000000, "MAIN_10", "MAIN", "5", undefined],
      [1920, 1080, 5000000, "MAIN_10", "MAIN", "4.1", undefined],
      [1280, 720, 2500000, "MAIN_10", "MAIN", "4", undefined],
    ]);
    expect(p.outputs.map((o) => [o.name, o.video, o.audio, o.h265PackagingType])).toEqual([
      ["2160p", "video_2160p25", ["audio_stereo"], "HVC1"],
      ["1440p", "video_1440p25", ["audio_stereo"], "HVC1"],
      ["1080p", "video_1080p25", ["audio_stereo"], "HVC1"],
      ["720p", "video_720p25", ["audio_stereo"], "HVC1"],
    ]);
  });
});

describe("ladder format extensions", () => {
  test("HEVC: profile MAIN and tier MAIN by default, no B-frames; 5.1 audio; embedded captions with their languages", () => {
    const p = valid("ladder-hevc-captions");
    expect(p.renditions.map((r) => [r.name, r.rateControl, r.bitrate, r.profile, r.tier, r.level, r.bFrames, r.sceneChangeDetect])).toEqual([
      ["uhd", "CBR", 20000000, "MAIN_10", "HIGH", "5.1", undefined, false],
      ["fhd", "CBR", 6000000, "MAIN", "MAIN", "4.1", undefined, false],
    ]);
    expect(p.audio.map((a) => [a.name, a.channels, a.bitrate])).toEqual([
      ["stereo", 2, 192000],
      ["surround", 6, 384000],
    ]);
    expect(p.captions).toEqual([{ name: "embedded", descriptionName: "captions-embedded" }]);
    expect(p.captionLanguages).toEqual([
      { channel: 1, language: "eng", description: "English" },
      { channel: 3, language: "spa", description: "Español" },
    ]);
    expect(p.outputs.map((o) => [o.name, o.audio, o.captions])).toEqual([
      ["uhd", ["stereo", "surround"], ["embedded"]],
      ["fhd", ["stereo", "surround"], ["embedded"]],
    ]);
  });
});

describe("MediaLive templates", () => {
  test("a MediaPackage output group is imported too; its audio-only output joins the pipeline's audio group as the default", () => {
    const p = valid("template-mediapackage-group");
    expect(p.outputs).toEqual([
      { name: "hd", nameModifier: "_hd", video: "video_hd", audio: ["audio_eng"], captions: [] },
      { name: "sd", nameModifier: "_sd", video: "video_sd", audio: ["audio_eng"], captions: [] },
      {
        name: "spanish",
        nameModifier: "_spanish",
        video: undefined,
        audio: ["audio_spa"],
        captions: [],
        audioOnlyHlsSettings: { audioGroupId: "program_audio", audioTrackType: "ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT" },
      },
    ]);
    expect(p.imported?.replaced).toEqual(["/timecodeConfig", "/outputGroups/0/name", "/outputGroups/0/outputGroupSettings/mediaPackageGroupSettings"]);
  });

  test("a template's file name is its profile name, so it must be one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "template-name-"));
    try {
      const file = path.join(dir, "match day.json");
      fs.copyFileSync(path.join(FIXTURES_DIR, "profiles", "valid", "template-mediapackage-group.json"), file);
      const problems: string[] = [];
      expect(loadProfileFile(file, "match day.json", problems)).toBeUndefined();
      expect(problems).toEqual([
        'match day.json: the file name "match day" cannot be a profile name (the name of a template is its file name): use letters, digits, . _ or -, at most 64 characters',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the format is told by the top-level keys", () => {
    expect(profileFormat({ name: "x", renditions: [] })).toBe("ladder");
    expect(profileFormat({ videoDescriptions: [] })).toBe("medialive-template");
    expect(profileFormat({ outputGroups: [] })).toBe("medialive-template");
    expect(profileFormat([])).toEqual({ problem: "/ must be an object: a ladder or a MediaLive encoderSettings template (got an array)" });
  });

  describe("the derived input specification", () => {
    const rendition = (width: number, height: number, bitrate: number): Rendition => ({
      name: `${height}p`,
      descriptionName: `${height}p`,
      width,
      height,
      bitrate,
      rateControl: "QVBR",
      profile: "HIGH",
      level: "AUTO",
      sceneChangeDetect: true,
    });
    const spec = (codec: "AVC" | "HEVC", ...renditions: Rendition[]) => deriveInputSpecification(renditions.map((r) => ({ codec, rendition: r })));

    test("SD up to 1024x576, at 10 Mb/s", () => {
      expect(spec("AVC", rendition(1024, 576, 2000000), rendition(640, 360, 800000))).toEqual({ codec: "AVC", resolution: "SD", maximumBitrate: "MAX_10_MBPS" });
    });
    test("HD from one dimension above SD, at 20 Mb/s", () => {
      expect(spec("AVC", rendition(1280, 576, 2000000))).toEqual({ codec: "AVC", resolution: "HD", maximumBitrate: "MAX_20_MBPS" });
    });
    test("raised to 50 Mb/s when the top rendition needs more than 20", () => {
      expect(spec("AVC", rendition(1920, 1080, 25000000))).toEqual({ codec: "AVC", resolution: "HD", maximumBitrate: "MAX_50_MBPS" });
    });
    test("UHD above 1920x1080, HEVC when the video is HEVC", () => {
      expect(spec("HEVC", rendition(2560, 1440, 8000000))).toEqual({ codec: "HEVC", resolution: "UHD", maximumBitrate: "MAX_50_MBPS" });
    });
  });
});

describe("the event configuration and its profile", () => {
  function problemsAfter(change: (c: Record<string, any>) => void): readonly string[] {
    const config = defaultConfig();
    change(config);
    return problemsOf(config);
  }

  test("an imported template is chosen by name like a ladder", () => {
    const config = defaultConfig();
    config.channel.encodingProfile = "imported-hevc-2160p";
    expect(check(config).profile.name).toBe("imported-hevc-2160p");
  });

  test("rejects packaging segments that are not a whole multiple of an imported template's GOP", () => {
    expect(
      problemsAfter((c) => {
        c.channel.encodingProfile = "imported-avc-1080p";
        c.packaging.segmentDurationSeconds = 5;
      }),
    ).toEqual([
      "test.json: /packaging/segmentDurationSeconds must be a whole multiple of the profile's GOP (2 s in imported-avc-1080p) so every segment starts on a keyframe (got 5)",
    ]);
  });

  test("an unknown profile name lists every profile, ladders and templates alike", () => {
    expect(problemsAfter((c) => (c.channel.encodingProfile = "UHD-2160p"))).toEqual([
      'test.json: /channel/encodingProfile names no profile in encoding-profiles/ (got "UHD-2160p"; available: HD-1080p, HD-720p, SD-540p, imported-avc-1080p, imported-hevc-2160p)',
    ]);
  });
});
