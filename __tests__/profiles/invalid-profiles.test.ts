import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, checkEvent } from "../../config/load";
import { loadProfileFile } from "../../encoding-profiles/profiles";
import { FIXTURES_DIR, defaultConfig } from "../support/project";

const DIR = path.join(FIXTURES_DIR, "profiles", "invalid");

// Every invalid profile fixture, with the exact lines it must produce (after "<file>: "). One
// mistake per fixture; each is a copy of a valid ladder or template with that mistake made.
const EXPECTED: Record<string, string[]> = {
  // Ladder format.
  "ladder-description-control": ['/description must not contain control characters such as NUL, tabs or line breaks (U+0009 at character 5) (got "Main\\tladder")'],
  "ladder-name-mismatch": ['/name must equal the file name "ladder-name-mismatch" (got "something-else")'],
  "ladder-duplicate-names": ['/renditions/1/name repeats the rendition name "hd"; names must be unique'],
  "ladder-bitrate-order": ["/renditions/1/bitrate must be lower than the rendition above it (3000000); list renditions highest bitrate first (got 3500000)"],
  "ladder-odd-height": ["/renditions/0/height must be even (got 721)"],
  "ladder-larger-than-input": ["/renditions/0 is 1280x720, larger than the SD input specification allows (1024x576)"],
  "ladder-over-input-bitrate": ["/renditions/0/bitrate must not exceed the input specification's MAX_10_MBPS (got 12000000)"],
  "ladder-qvbr-without-level": ["/renditions/1 needs a qvbrLevel (1-10) because video.rateControl is QVBR"],
  "ladder-qvbr-level-11": ["/renditions/0/qvbrLevel must be <= 10 (got 11)"],
  "ladder-cbr-with-qvbr-level": ["/renditions/0/qvbrLevel is only used with QVBR rate control (video.rateControl is CBR)"],
  "ladder-hevc-on-avc-input": [
    '/inputSpecification/codec must be "HEVC" when video.codec is HEVC: MediaLive bills and provisions HEVC output only on an HEVC input specification (got "AVC")',
  ],
  "ladder-hevc-high-profile": ['/renditions/0/profile must be MAIN or MAIN_10 for HEVC (got "HIGH")'],
  "ladder-gop-half-frame": ["/video/gopSeconds must be a whole number of frames at 25 fps (got 0.5 s = 12.5 frames)"],
  "ladder-gop-fits-no-segment": [
    "/video/gopSeconds must fit a whole number of times into a whole number of seconds from 1 to 10, so the segments MediaLive sends to MediaPackage hold whole GOPs (got 5.5 s; 1, 2 or 0.5 s work)",
  ],
  "ladder-aac-bitrate": ["/audio/0/bitrate must be between 64000 and 576000 for AAC-LC stereo at 48000 Hz (got 32000)"],
  "ladder-level-too-low": [
    '/renditions/0/level "3" is too low for 1280x720 at 30 fps and 3000000 b/s: H.264 level 3 allows 1620 macroblocks per frame, 40500 per second and 12500000 b/s (HIGH); use "3.1" or higher, or "AUTO"',
  ],
  // 1000 fps: no H.264 level carries it, so AUTO would not help either.
  "ladder-frame-rate-beyond-every-level": [
    '/renditions/0/level "3" is too low for 1280x720 at 1000 fps and 3000000 b/s: H.264 level 3 allows 1620 macroblocks per frame, 40500 per second and 12500000 b/s (HIGH); use a lower frame rate (no H.264 level carries this)',
  ],
  "ladder-hevc-level": ['/renditions/0/level must be one of the HEVC levels AUTO, 1, 2, 2.1, 3, 3.1, 4, 4.1, 5, 5.1, 5.2, 6, 6.1, 6.2 (got "4.2")'],
  "ladder-baseline-b-frames": ["/renditions/1/bFrames must be 0 for BASELINE, which has no B-frames (got 2)"],
  "ladder-hevc-b-frames": ["/video/bFrames cannot be set for HEVC: the hashicorp/aws 5.100 MediaLive resource has no B-frame setting for H.265; remove it"],
  "ladder-tier-on-avc": ["/renditions/0/tier is only used with HEVC (the codec is AVC); remove it"],
  "ladder-misspelt-key": [
    '/renditions/0 is missing the required key "bitrate"',
    "/renditions/0/bitRate is not a known key (allowed: name, width, height, bitrate, qvbrLevel, profile, level, tier, bFrames)",
  ],
  "ladder-audio-named-like-rendition": ['/audio/0/name repeats the name "hd"; rendition and audio names must be unique'],
  "ladder-avc-main-10": ['/renditions/0/profile must be BASELINE, MAIN or HIGH for AVC (got "MAIN_10")'],
  "ladder-avc-level-6": ['/renditions/0/level must be one of the H.264 levels AUTO, 1, 1.1, 1.2, 1.3, 2, 2.1, 2.2, 3, 3.1, 3.2, 4, 4.1, 4.2, 5, 5.1, 5.2 (got "6")'],
  "ladder-hevc-level-too-low": [
    '/renditions/0/level "3" is too low for 1280x720 at 30 fps and 3000000 b/s: HEVC level 3 (MAIN tier) allows 552960 luma samples per picture, 16588800 per second and 6000000 b/s; use "3.1" or higher, or "AUTO"',
  ],
  "ladder-hevc-high-tier-low-level": ['/renditions/0/level "3.1" has no High tier (HEVC levels below 4 are Main tier only); use "4" or higher, tier MAIN, or "AUTO"'],

  // MediaLive template format.
  "template-sharpness-150": ["/videoDescriptions/0/sharpness must be between 0 and 100 (got 150)"],
  "template-framerate-denominator-0": ["/videoDescriptions/0/codecSettings/h264Settings/framerateDenominator must be at least 1 (got 0)"],
  "template-width-0": ["/videoDescriptions/0/width must be at least 2 (got 0)"],
  "template-stream-name-interpolation": [
    '/audioDescriptions/0/streamName must not contain "${": Terraform would read it as an expression, and this value is used as written (got "English ${aws_iam_role.encoder.name}")',
  ],
  "template-unsupported-setting": ["/videoDescriptions/0/codecSettings/h264Settings/minQp is not supported by the hashicorp/aws 5.100 MediaLive resource; remove it"],
  "template-misspelt-setting": [
    "/videoDescriptions/0/codecSettings/h264Settings/qvbrQualityLvl is not supported by the hashicorp/aws 5.100 MediaLive resource; remove it (did you mean qvbrQualityLevel?)",
  ],
  "template-width-as-text": ['/videoDescriptions/0/width must be a number (got "1280")'],
  "template-h265-without-bitrate": [
    '/videoDescriptions/0/codecSettings/h265Settings is missing the key "bitrate", which the hashicorp/aws 5.100 MediaLive resource requires',
  ],
  "template-archive-group": [
    "/outputGroups/1/outputGroupSettings/archiveGroupSettings is an archive (S3) output group, which this pipeline cannot use: the channel sends one HLS ladder to MediaPackage v2; remove the group",
  ],
  "template-two-hls-groups": [
    "/outputGroups/1 is a second HLS or MediaPackage output group; the pipeline sends one ladder to MediaPackage v2, so keep one (the first is /outputGroups/0)",
  ],
  "template-fmp4-output": [
    "/outputGroups/0/outputs/0/outputSettings/hlsOutputSettings/hlsSettings/fmp4HlsSettings cannot be used: the pipeline's MediaPackage v2 channel ingests HLS with TS segments; use standardHlsSettings",
  ],
  "template-frame-rate-mismatch": [
    "/videoDescriptions/1/codecSettings/h264Settings/framerateNumerator must match the first video rendition's frame rate (30/1) so players can switch renditions (got 25/1)",
  ],
  "template-gop-mismatch": [
    "/videoDescriptions/1/codecSettings/h264Settings/gopSize must give the same GOP as the first video rendition (2 s) so every rendition's segments start together (got 1 s)",
  ],
  "template-open-gop": [
    "/videoDescriptions/0/codecSettings/h264Settings/gopClosedCadence must be at least 1 (every GOP closed): with open GOPs a segment cannot start on a keyframe players can decode from (got 0)",
  ],
  "template-frame-rate-from-source": [
    '/videoDescriptions/0/codecSettings/h264Settings/framerateControl must be "SPECIFIED", with framerateNumerator and framerateDenominator: every rendition needs the same known frame rate so GOPs and segments line up (got "INITIALIZE_FROM_SOURCE")',
  ],
  "template-cbr-without-bitrate": ["/videoDescriptions/1/codecSettings/h264Settings needs bitrate because rateControlMode is CBR"],
  "template-qvbr-level-0": ["/videoDescriptions/0/codecSettings/h264Settings/qvbrQualityLevel must be between 1 and 10 (got 0)"],
  "template-h264-422-profile": ['/videoDescriptions/0/codecSettings/h264Settings/profile must be BASELINE, MAIN or HIGH for AVC (got "HIGH_422")'],
  "template-level-too-low": [
    "/videoDescriptions/0/codecSettings/h264Settings/level H264_LEVEL_3 is too low for 1920x1080 at 30 fps and 3000000 b/s: H.264 level 3 allows 1620 macroblocks per frame, 40500 per second and 12500000 b/s (HIGH); use H264_LEVEL_4 or higher, or H264_LEVEL_AUTO",
  ],
  "template-without-size": [
    "/videoDescriptions/1 needs width and height: each rendition's size is checked against the input specification and announced in the manifest",
  ],
  "template-he-aac-bitrate": ["/audioDescriptions/0/codecSettings/aacSettings/bitrate must be between 16000 and 96000 for AAC HEV1 stereo at 44100 Hz (got 128000)"],
  "template-missing-audio-description": ['/outputGroups/0/outputs/0/audioDescriptionNames/0 names no audio description (got "audio_spa"; defined: audio_eng)'],
  "template-missing-caption-description": [
    '/outputGroups/0/outputs/0/captionDescriptionNames/0 names no caption description (got "captions_cc1"; defined: none)',
  ],
  "template-unused-audio-description": [`/audioDescriptions/1 ("audio_spa") is used by no output; add it to an output's audioDescriptionNames or remove it`],
  "template-repeated-name-modifier": [
    '/outputGroups/0/outputs/1/outputSettings/hlsOutputSettings/nameModifier repeats "_hd"; every output needs its own name modifier, or their manifests overwrite each other',
  ],
  "template-pascal-case": [
    `/ uses PascalCase keys ("VideoDescriptions") as CloudFormation and the AWS CLI print them; a MediaLive template uses the API's camelCase names ("videoDescriptions"), as the console and CDK code write them`,
  ],
  "template-without-video-descriptions": ['/ is missing the key "videoDescriptions": a ladder needs at least one video description'],
  "template-empty-video-descriptions": ["/videoDescriptions is empty; a ladder needs at least one video description"],
  "template-without-output-groups": ["/outputGroups must NOT have fewer than 1 items (got 0)"],
  "template-udp-group-only": [
    "/outputGroups/0/outputGroupSettings/udpGroupSettings is a UDP output group, which this pipeline cannot use: the channel sends one HLS ladder to MediaPackage v2; remove the group",
    "/outputGroups has no HLS or MediaPackage output group; the pipeline builds its MediaPackage v2 ingest from one",
  ],
  "template-group-without-type": [
    "/outputGroups/0/outputGroupSettings names no output group type; use hlsGroupSettings",
    "/outputGroups has no HLS or MediaPackage output group; the pipeline builds its MediaPackage v2 ingest from one",
  ],
  "template-hls-output-without-hls-settings": ["/outputGroups/0/outputs/1/outputSettings must hold hlsOutputSettings in an HLS output group (got archiveOutputSettings)"],
  "template-audio-only-output-with-video": [
    "/outputGroups/0/outputs/2/videoDescriptionName must be left out of an audio-only output (its hlsSettings are audioOnlyHlsSettings)",
  ],
  "template-output-without-media": ["/outputGroups/0/outputs/2 carries neither video nor audio; give it a videoDescriptionName or audioDescriptionNames"],
  "template-frame-capture-description": [
    "/videoDescriptions/1/codecSettings must hold h264Settings or h265Settings: a frameCaptureSettings description has no place in an HLS ladder (got frameCaptureSettings)",
  ],
  "template-without-codec-settings": ["/videoDescriptions/1 needs codecSettings with h264Settings or h265Settings"],
  "template-mixed-codecs": [
    "/videoDescriptions/1/codecSettings must use the same codec as the first video rendition (AVC), so one input specification and one HLS ladder fit every rendition (got HEVC)",
  ],
  "template-frame-rate-unstated": [
    '/videoDescriptions/0/codecSettings/h264Settings needs framerateControl "SPECIFIED", framerateNumerator and framerateDenominator: every rendition needs the same known frame rate so GOPs and segments line up',
  ],
  "template-without-gop": ["/videoDescriptions/0/codecSettings/h264Settings needs gopSize and gopSizeUnits: the pipeline aligns segments to the GOP"],
  "template-gop-fraction-of-frames": ["/videoDescriptions/0/codecSettings/h264Settings/gopSize must be a whole number of frames when gopSizeUnits is FRAMES (got 59.5)"],
  "template-without-rate-control": ["/videoDescriptions/0/codecSettings/h264Settings needs rateControlMode (QVBR, CBR or VBR)"],
  "template-multiplex-rate-control": ['/videoDescriptions/0/codecSettings/h264Settings/rateControlMode must be QVBR, CBR or VBR for an HLS ladder (got "MULTIPLEX")'],
  "template-qvbr-without-max-bitrate": ["/videoDescriptions/1/codecSettings/h264Settings needs maxBitrate because rateControlMode is QVBR"],
  "template-vbr-without-max-bitrate": ["/videoDescriptions/1/codecSettings/h264Settings needs bitrate and maxBitrate because rateControlMode is VBR"],
  "template-level-of-another-codec": [
    '/videoDescriptions/0/codecSettings/h264Settings/level must be H264_LEVEL_AUTO or an H.264 level such as H264_LEVEL_4_1 (got "H265_LEVEL_4")',
  ],
  "template-unused-video-description": [`/videoDescriptions/2 ("video_low") is used by no output; name it in an output's videoDescriptionName or remove it`],
  "template-unused-caption-description": [`/captionDescriptions/0 ("captions_cc1") is used by no output; add it to an output's captionDescriptionNames or remove it`],
  "template-duplicate-audio-names": ['/audioDescriptions/1/name repeats the audio description name "audio_eng"; names must be unique'],
  "template-audio-without-codec-settings": [
    "/audioDescriptions/0 needs codecSettings (aacSettings, ac3Settings, eac3Settings, ...): the pipeline checks each audio encode and counts its bitrate",
  ],
  "template-aac-without-sample-rate": [
    "/audioDescriptions/0/codecSettings/aacSettings needs bitrate, codingMode and sampleRate so the pipeline can check that MediaLive accepts the combination",
  ],
  "template-he-aac-v2-surround": [
    "/audioDescriptions/0/codecSettings/aacSettings uses AAC HEV2 with coding mode CODING_MODE_5_1, which MediaLive does not support (AAC HEV2 supports CODING_MODE_2_0)",
  ],
  "template-aac-sample-rate": ["/audioDescriptions/0/codecSettings/aacSettings/sampleRate must be one of 32000, 44100, 48000, 96000 for AAC-LC 5.1 (got 22050)"],
  "neither-format": ['/ is neither a ladder (it has no "renditions") nor a MediaLive encoderSettings template (it has no "videoDescriptions" or "outputGroups")'],
};

const fixtures = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

test("every invalid fixture has its expected messages here, and there are at least 15", () => {
  expect(fixtures).toEqual(Object.keys(EXPECTED).sort());
  expect(fixtures.length).toBeGreaterThanOrEqual(15);
});

describe.each(fixtures)("%s", (name) => {
  const display = `__tests__/fixtures/profiles/invalid/${name}.json`;
  const expected = (EXPECTED[name] ?? []).map((line) => `${display}: ${line}`);

  test("fails with exactly its expected messages", () => {
    const problems: string[] = [];
    expect(loadProfileFile(path.join(DIR, `${name}.json`), display, problems)).toBeUndefined();
    expect(problems).toEqual(expected);
  });

  test("an event naming it is rejected with the same messages, so nothing is synthesized", () => {
    const profilesDir = fs.mkdtempSync(path.join(os.tmpdir(), "profiles-"));
    try {
      fs.copyFileSync(path.join(DIR, `${name}.json`), path.join(profilesDir, `${name}.json`));
      const config = defaultConfig();
      config.channel.encodingProfile = name;
      let problems: readonly string[] = [];
      try {
        checkEvent(config, "event.json", profilesDir);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        problems = err.problems;
      }
      // The loader names a profile by its place in encoding-profiles/.
      expect(problems).toEqual(expected.map((line) => line.replace(display, `encoding-profiles/${name}.json`)));
    } finally {
      fs.rmSync(profilesDir, { recursive: true, force: true });
    }
  });
});
