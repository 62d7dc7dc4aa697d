import * as path from "path";
import { loadProfileFile } from "../../encoding-profiles/profiles";
import { profileNumbers, profileReport } from "../../encoding-profiles/report";
import type { EncodingProfile } from "../../config/types";
import { bundleEntry, runBundle } from "../support/entry";
import { PROFILES_DIR, runNpmScript } from "../support/project";

function shipped(name: string): EncodingProfile {
  const problems: string[] = [];
  const profile = loadProfileFile(path.join(PROFILES_DIR, `${name}.json`), `${name}.json`, problems);
  expect(problems).toEqual([]);
  return profile!;
}

describe("the ladder table", () => {
  test("HD-1080p: one line per rendition, the total each pipeline sends, egress for 1,000 viewers of the top rendition", () => {
    // 4.1 + 2.7 + 1.8 + 1.2 + 0.8 + 0.4 = 11.0 Mb/s of video, plus 6 x 96 kb/s of audio = 11.576 Mb/s;
    // a viewer of the top rendition receives 4.1 + 0.096 = 4.196 Mb/s, 1,000 of them 4.196 Gb/s.
    expect(profileReport(shipped("HD-1080p"))).toBe(
      [
        "HD-1080p (ladder): AVC, 30 fps, closed GOP of 1 s",
        "input specification: AVC, HD, MAX_20_MBPS",
        "ingest segments: 1 s (packaging.segmentDurationSeconds must be a multiple of 1)",
        "",
        "rendition  resolution       video       audio     bitrate",
        "1080p      1920x1080   4.100 Mb/s  0.096 Mb/s  4.196 Mb/s",
        "720p       1280x720    2.700 Mb/s  0.096 Mb/s  2.796 Mb/s",
        "540p       960x540     1.800 Mb/s  0.096 Mb/s  1.896 Mb/s",
        "432p       768x432     1.200 Mb/s  0.096 Mb/s  1.296 Mb/s",
        "360p       640x360     0.800 Mb/s  0.096 Mb/s  0.896 Mb/s",
        "288p       512x288     0.400 Mb/s  0.096 Mb/s  0.496 Mb/s",
        "",
        "total bitrate per pipeline                    11.576 Mb/s",
        "egress per 1,000 viewers                       4.196 Gb/s",
        "",
        "Egress assumes every viewer plays the top rendition at its peak bitrate, with its audio: the worst",
        "case (QVBR renditions usually average below their maximum). Each pipeline of a STANDARD channel",
        "sends the total bitrate to MediaPackage.",
      ].join("\n"),
    );
  });

  test("an imported template: its outputs, and the derived input specification said to be derived", () => {
    const report = profileReport(shipped("imported-hevc-2160p"));
    expect(report.split("\n").slice(0, 3)).toEqual([
      "imported-hevc-2160p (MediaLive template): HEVC, 25 fps, closed GOP of 2 s",
      "input specification: HEVC, UHD, MAX_50_MBPS (derived from the renditions)",
      "ingest segments: 2 s (packaging.segmentDurationSeconds must be a multiple of 2)",
    ]);
    // 15 + 8 + 5 + 2.5 = 30.5 Mb/s of video, each output muxed with 160 kb/s of audio.
    expect(profileNumbers(shipped("imported-hevc-2160p"))).toMatchObject({ perPipeline: 31_140_000, topViewer: 15_160_000, egress: 15_160_000_000 });
  });

  test("a viewer of a video-only top rendition also receives the default audio-only rendition", () => {
    const profile: EncodingProfile = {
      name: "split",
      description: "",
      format: "medialive-template",
      inputSpecification: { codec: "AVC", resolution: "HD", maximumBitrate: "MAX_20_MBPS" },
      inputSpecificationDerived: true,
      video: { codec: "AVC", framerate: { numerator: 30, denominator: 1 }, gopSeconds: 2 },
      renditions: [
        { name: "hd", descriptionName: "hd", width: 1280, height: 720, rateControl: "CBR", bitrate: 3_000_000, profile: "HIGH", level: "AUTO", sceneChangeDetect: true },
        { name: "sd", descriptionName: "sd", width: 640, height: 360, rateControl: "CBR", bitrate: 1_000_000, profile: "MAIN", level: "AUTO", sceneChangeDetect: true },
      ],
      audio: [
        { name: "eng", descriptionName: "eng", codec: "AAC", bitrate: 128_000 },
        { name: "spa", descriptionName: "spa", codec: "AAC", bitrate: 96_000 },
      ],
      captions: [],
      outputs: [
        { name: "hd", nameModifier: "_hd", video: "hd", audio: [], captions: [] },
        { name: "sd", nameModifier: "_sd", video: "sd", audio: [], captions: [] },
        { name: "eng", nameModifier: "_eng", audio: ["eng"], captions: [] },
        { name: "spa", nameModifier: "_spa", audio: ["spa"], captions: [] },
      ],
      captionLanguages: [],
    };
    expect(profileNumbers(profile)).toEqual({
      rows: [
        { output: "hd", resolution: "1280x720", video: 3_000_000, audio: 0, total: 3_000_000 },
        { output: "sd", resolution: "640x360", video: 1_000_000, audio: 0, total: 1_000_000 },
        { output: "eng", resolution: "audio only", video: 0, audio: 128_000, total: 128_000 },
        { output: "spa", resolution: "audio only", video: 0, audio: 96_000, total: 96_000 },
      ],
      perPipeline: 4_224_000,
      topViewer: 3_128_000,
      egress: 3_128_000_000,
    });
  });
});

describe("npm run profile -- <file>", () => {
  /** scripts/profile.ts bundled once for this file, as `npm run profile` bundles it. */
  let PROFILE: string;
  beforeAll(async () => {
    PROFILE = await bundleEntry("scripts/profile.ts", "profile-report-test");
  });
  const profile = async (...args: string[]) => {
    const r = await runBundle(PROFILE, args);
    return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
  };

  test("prints the table of a valid profile and exits 0", () => {
    // The command as the README gives it (bundles scripts/profile.ts, then runs it).
    const r = runNpmScript("profile", ["encoding-profiles/SD-540p.json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("SD-540p (ladder): AVC, 30 fps, closed GOP of 1 s\n");
    expect(r.stdout).toContain("total bitrate per pipeline                     4.584 Mb/s\n");
    expect(r.stdout).toContain("egress per 1,000 viewers                       1.896 Gb/s\n");
  });

  test("lists what the pipeline sets itself for an imported template", async () => {
    const r = await profile("encoding-profiles/imported-hevc-2160p.json");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "Set by the pipeline for its MediaPackage v2 ingest (the template's values are not used):\n  /timecodeConfig\n  /globalConfiguration\n  /outputGroups/0/name\n",
    );
  });

  test("prints every problem of an invalid profile, nothing on stdout, and exits 1", async () => {
    const file = "__tests__/fixtures/profiles/invalid/template-gop-mismatch.json";
    const r = await profile(file);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      `${file}: /videoDescriptions/1/codecSettings/h264Settings/gopSize must give the same GOP as the first video rendition (2 s) so every rendition's segments start together (got 1 s)`,
      `${file} is not a valid encoding profile: fix the problem above.`,
    ]);
  });

  test("without a file, prints its usage and exits 2", async () => {
    const r = await profile();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("usage: npm run profile -- <profile.json>");
  });
});
