// The checks every encoding profile passes, whichever format it was written in. The ladder loader
// (profiles.ts) and the template importer (template-import.ts) both describe what they read as a
// ProfileSubject, with the JSON pointer each value came from, so a message always names the place
// in the user's file.
import type { AudioTrack, Framerate, InputSpecification, Rendition, VideoCodec } from "../config/types";
import { MAX_INGEST_SEGMENT_SECONDS, wholeGopSegmentSeconds } from "../modules/encoder/options";

/** Appends one problem line: `<file>: <pointer> <text>`. */
export type Say = (pointer: string, text: string) => void;

/** Where a rendition's values are in the file. */
export interface RenditionPointers {
  readonly self: string;
  readonly name: string;
  readonly width: string;
  readonly height: string;
  readonly bitrate: string;
  readonly profile: string;
  readonly level: string;
  readonly tier: string;
  readonly bFrames: string;
  readonly qvbrLevel: string;
  readonly framerate: string;
  readonly gop: string;
  readonly codec: string;
}

export interface RenditionSubject {
  readonly rendition: Rendition;
  readonly codec: VideoCodec;
  readonly framerate: Framerate;
  readonly gopSeconds: number;
  /** Whether the file gave the GOP in seconds (checked for whole frames) or frames. */
  readonly gopUnits: "SECONDS" | "FRAMES";
  /** Whether bFrames was written in the file (as opposed to a default). */
  readonly bFramesWritten: boolean;
  readonly at: RenditionPointers;
}

export interface AudioSubject {
  readonly track: AudioTrack;
  /** AAC only. */
  readonly aacProfile?: "LC" | "HEV1" | "HEV2";
  readonly codingMode?: string;
  readonly at: { readonly self: string; readonly name: string; readonly bitrate: string; readonly sampleRate: string };
}

export interface OutputSubject {
  readonly video?: string;
  readonly audio: readonly string[];
  readonly captions: readonly string[];
  readonly nameModifier: string;
  readonly at: { readonly self: string; readonly video: string; readonly audio: string; readonly captions: string; readonly nameModifier: string };
}

export interface ProfileSubject {
  readonly inputSpecification: InputSpecification;
  /** Where the input specification is written; undefined when it was derived. */
  readonly inputSpecificationAt?: string;
  /** How the file calls a video rendition and an audio track in messages. */
  readonly words: { readonly rendition: string; readonly audio: string };
  /** Whether audio names must also differ from rendition names (a ladder: they share one list of names). */
  readonly audioNamesApartFromRenditions: boolean;
  /** How the file writes a level ("4.1" in a ladder, H264_LEVEL_4_1 in a template). */
  readonly levelName: (level: string, codec: VideoCodec) => string;
  readonly renditions: readonly RenditionSubject[];
  readonly audio: readonly AudioSubject[];
  /** Every description name, complete or not, for checking what outputs refer to. */
  readonly names: { readonly video: readonly string[]; readonly audio: readonly string[]; readonly captions: readonly string[] };
  /** The ingest group's outputs; undefined when the file has no usable output group (reported where it is found). */
  readonly outputs?: readonly OutputSubject[];
  /** True when the outputs are generated from the renditions (a ladder): their names and name modifiers follow the rendition names, checked there. */
  readonly generatedOutputs: boolean;
  /** Where a description's name lives, for "used by no output" messages. */
  readonly descriptionAt: { readonly video: (i: number) => string; readonly audio: (i: number) => string; readonly caption: (i: number) => string };
}

/** Profile names: a ladder's `name`, a template's file name. */
export const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Largest output frame each input specification resolution is provisioned for. */
export const MAX_FRAME: Record<InputSpecification["resolution"], { width: number; height: number }> = {
  SD: { width: 1024, height: 576 },
  HD: { width: 1920, height: 1080 },
  UHD: { width: 3840, height: 2160 },
};

export const MAX_BITRATE: Record<InputSpecification["maximumBitrate"], number> = {
  MAX_10_MBPS: 10_000_000,
  MAX_20_MBPS: 20_000_000,
  MAX_50_MBPS: 50_000_000,
};

const AVC_PROFILES = ["BASELINE", "MAIN", "HIGH"] as const;
const HEVC_PROFILES = ["MAIN", "MAIN_10"] as const;

// H.264 (ITU-T H.264 table A-1): max macroblocks per second, max frame size in macroblocks,
// max video bitrate in kb/s for Baseline and Main (High allows 1.25 times as much).
const H264_LEVELS = new Map<string, readonly [number, number, number]>([
  ["1", [1485, 99, 64]],
  ["1.1", [3000, 396, 192]],
  ["1.2", [6000, 396, 384]],
  ["1.3", [11880, 396, 768]],
  ["2", [11880, 396, 2000]],
  ["2.1", [19800, 792, 4000]],
  ["2.2", [20250, 1620, 4000]],
  ["3", [40500, 1620, 10000]],
  ["3.1", [108000, 3600, 14000]],
  ["3.2", [216000, 5120, 20000]],
  ["4", [245760, 8192, 20000]],
  ["4.1", [245760, 8192, 50000]],
  ["4.2", [522240, 8704, 50000]],
  ["5", [589824, 22080, 135000]],
  ["5.1", [983040, 36864, 240000]],
  ["5.2", [2073600, 36864, 240000]],
]);

// H.265 (ITU-T H.265 tables A.8 and A.9): max luma picture size, max luma samples per second,
// max bitrate in kb/s for the Main tier and (from level 4) the High tier.
const H265_LEVELS = new Map<string, readonly [number, number, number, number?]>([
  ["1", [36864, 552960, 128]],
  ["2", [122880, 3686400, 1500]],
  ["2.1", [245760, 7372800, 3000]],
  ["3", [552960, 16588800, 6000]],
  ["3.1", [983040, 33177600, 10000]],
  ["4", [2228224, 66846720, 12000, 30000]],
  ["4.1", [2228224, 133693440, 20000, 50000]],
  ["5", [8912896, 267386880, 25000, 100000]],
  ["5.1", [8912896, 534773760, 40000, 160000]],
  ["5.2", [8912896, 1069547520, 60000, 240000]],
  ["6", [35651584, 1069547520, 60000, 240000]],
  ["6.1", [35651584, 2139095040, 120000, 480000]],
  ["6.2", [35651584, 4278190080, 240000, 800000]],
]);

function levelsOf(codec: VideoCodec): string[] {
  return ["AUTO", ...(codec === "AVC" ? H264_LEVELS : H265_LEVELS).keys()];
}

/**
 * AAC bitrates MediaLive accepts, in bits per second, by profile, coding mode and sample rate
 * (MediaLive User Guide, "Supported sampling rate and bitrate for AAC output").
 */
const AAC_RANGES: Record<string, Record<string, Record<number, readonly [number, number]>>> = {
  LC: {
    CODING_MODE_1_0: { 8000: [8000, 14000], 12000: [8000, 14000], 16000: [8000, 28000], 22050: [24000, 28000], 24000: [24000, 28000], 32000: [32000, 192000], 44100: [56000, 256000], 48000: [56000, 288000], 88200: [288000, 288000], 96000: [128000, 288000] },
    CODING_MODE_1_1: { 8000: [16000, 28000], 12000: [16000, 28000], 16000: [16000, 56000], 22050: [48000, 56000], 24000: [48000, 56000], 32000: [64000, 384000], 44100: [112000, 512000], 48000: [112000, 576000], 88200: [256000, 576000], 96000: [256000, 576000] },
    CODING_MODE_2_0: { 8000: [16000, 20000], 12000: [16000, 20000], 16000: [16000, 32000], 22050: [32000, 32000], 24000: [32000, 32000], 32000: [40000, 384000], 44100: [96000, 512000], 48000: [64000, 576000], 88200: [576000, 576000], 96000: [256000, 576000] },
    CODING_MODE_5_1: { 32000: [160000, 768000], 44100: [256000, 640000], 48000: [256000, 768000], 96000: [640000, 768000] },
    AD_RECEIVER_MIX: { 8000: [8000, 14000], 12000: [8000, 14000], 16000: [8000, 28000], 22050: [24000, 28000], 24000: [24000, 28000], 32000: [32000, 192000], 44100: [56000, 256000], 48000: [56000, 288000], 88200: [288000, 288000], 96000: [128000, 288000] },
  },
  HEV1: {
    CODING_MODE_1_0: { 22050: [8000, 12000], 24000: [8000, 12000], 32000: [12000, 64000], 44100: [18000, 64000], 48000: [18000, 64000] },
    CODING_MODE_1_1: { 32000: [24000, 128000], 44100: [40000, 192000], 48000: [40000, 192000], 96000: [224000, 256000] },
    CODING_MODE_2_0: { 32000: [16000, 128000], 44100: [16000, 96000], 48000: [16000, 128000], 96000: [96000, 128000] },
    CODING_MODE_5_1: { 32000: [64000, 320000], 44100: [64000, 224000], 48000: [64000, 320000], 96000: [240000, 320000] },
    AD_RECEIVER_MIX: { 22050: [8000, 12000], 24000: [8000, 12000], 32000: [12000, 64000], 44100: [20000, 64000], 48000: [20000, 64000] },
  },
  HEV2: {
    CODING_MODE_2_0: { 22050: [8000, 12000], 24000: [8000, 12000], 32000: [12000, 64000], 44100: [20000, 64000], 48000: [20000, 64000] },
  },
};

const CODING_MODE_WORDS: Record<string, string> = {
  CODING_MODE_1_0: "mono",
  CODING_MODE_1_1: "dual mono",
  CODING_MODE_2_0: "stereo",
  CODING_MODE_5_1: "5.1",
  AD_RECEIVER_MIX: "AD receiver mix",
};

/** The AAC coding mode for a channel count (ladder format). */
export function codingModeFor(channels: number): string {
  return channels === 1 ? "CODING_MODE_1_0" : channels === 6 ? "CODING_MODE_5_1" : "CODING_MODE_2_0";
}

/** The channel count a coding mode produces. */
export function channelsOf(codingMode: string | undefined): number | undefined {
  return { CODING_MODE_1_0: 1, CODING_MODE_1_1: 2, CODING_MODE_2_0: 2, CODING_MODE_5_1: 6, AD_RECEIVER_MIX: 1 }[codingMode ?? ""];
}

/** Runs every common check; problems go through `say`. */
export function checkProfileSubject(s: ProfileSubject, say: Say): void {
  checkRenditions(s, say);
  checkAudio(s, say);
  checkReferences(s, say);
}

function checkRenditions(s: ProfileSubject, say: Say): void {
  const spec = s.inputSpecification;
  const frame = MAX_FRAME[spec.resolution];
  const maxBitrate = MAX_BITRATE[spec.maximumBitrate];
  const seen = new Set<string>();
  const first = s.renditions[0];
  s.renditions.forEach((subject, i) => {
    const { rendition: r, at, codec } = subject;
    if (seen.has(r.name)) say(at.name, `repeats the ${s.words.rendition} name ${JSON.stringify(r.name)}; names must be unique`);
    seen.add(r.name);
    if (r.width % 2 !== 0) say(at.width, `must be even (got ${r.width})`);
    if (r.height % 2 !== 0) say(at.height, `must be even (got ${r.height})`);
    if (r.width > frame.width || r.height > frame.height) {
      say(at.self, `is ${r.width}x${r.height}, larger than the ${spec.resolution} input specification allows (${frame.width}x${frame.height})`);
    }
    if (r.bitrate > maxBitrate) say(at.bitrate, `must not exceed the input specification's ${spec.maximumBitrate} (got ${r.bitrate})`);
    if (i > 0 && r.bitrate >= s.renditions[i - 1].rendition.bitrate) {
      say(at.bitrate, `must be lower than the rendition above it (${s.renditions[i - 1].rendition.bitrate}); list renditions highest bitrate first (got ${r.bitrate})`);
    }
    if (r.qvbrLevel !== undefined && (r.qvbrLevel < 1 || r.qvbrLevel > 10)) say(at.qvbrLevel, `must be between 1 and 10 (got ${r.qvbrLevel})`);

    // Codec, profile, tier, level, B-frames.
    if (i > 0 && codec !== first.codec) {
      say(at.codec, `must use the same codec as the first video rendition (${first.codec}), so one input specification and one HLS ladder fit every rendition (got ${codec})`);
    }
    const profiles: readonly string[] = codec === "AVC" ? AVC_PROFILES : HEVC_PROFILES;
    if (!profiles.includes(r.profile)) say(at.profile, `must be ${words(profiles)} for ${codec} (got ${JSON.stringify(r.profile)})`);
    if (codec === "AVC" && r.tier !== undefined) say(at.tier, `is only used with HEVC (the codec is AVC); remove it`);
    if (codec === "HEVC" && subject.bFramesWritten) {
      say(at.bFrames, `cannot be set for HEVC: the hashicorp/aws 5.100 MediaLive resource has no B-frame setting for H.265; remove it`);
    }
    if (codec === "AVC" && r.profile === "BASELINE" && (r.bFrames ?? 0) > 0) say(at.bFrames, `must be 0 for BASELINE, which has no B-frames (got ${r.bFrames})`);
    checkLevel(subject, s.levelName, say);

    // Timing: every segment starts on a keyframe, and every rendition switches at the same instants.
    const fps = subject.framerate.numerator / subject.framerate.denominator;
    const gopFrames = subject.gopSeconds * fps;
    // NTSC-family rates (x/1001) never give a whole frame count for a whole-second GOP: 1 s at
    // 29.97 fps is 29.97 frames. MediaLive rounds such a GOP to the nearest frame (30 frames,
    // 1.001 s), the broadcast convention, so a count within 0.1 % of a whole number is accepted.
    const ntsc = subject.framerate.denominator === 1001;
    const tolerance = ntsc ? Math.round(gopFrames) * 0.0011 : 1e-6;
    if (subject.gopUnits === "SECONDS" && Math.abs(gopFrames - Math.round(gopFrames)) > tolerance) {
      say(at.gop, `must be a whole number of frames at ${round(fps)} fps (got ${subject.gopSeconds} s = ${round(gopFrames)} frames)`);
    } else if (wholeGopSegmentSeconds(subject.gopSeconds) === undefined) {
      say(at.gop, `must fit a whole number of times into a whole number of seconds from 1 to ${MAX_INGEST_SEGMENT_SECONDS}, so the segments MediaLive sends to MediaPackage hold whole GOPs (got ${round(subject.gopSeconds)} s; 1, 2 or 0.5 s work)`);
    }
    if (i > 0) {
      const f0 = first.framerate;
      if (subject.framerate.numerator * f0.denominator !== f0.numerator * subject.framerate.denominator) {
        say(at.framerate, `must match the first video rendition's frame rate (${f0.numerator}/${f0.denominator}) so players can switch renditions (got ${subject.framerate.numerator}/${subject.framerate.denominator})`);
      }
      if (Math.abs(subject.gopSeconds - first.gopSeconds) > 1e-6) {
        say(at.gop, `must give the same GOP as the first video rendition (${round(first.gopSeconds)} s) so every rendition's segments start together (got ${round(subject.gopSeconds)} s)`);
      }
    }
  });

  if (first && first.codec === "HEVC" && spec.codec !== "HEVC" && s.inputSpecificationAt !== undefined) {
    say(`${s.inputSpecificationAt}/codec`, `must be "HEVC" when video.codec is HEVC: MediaLive bills and provisions HEVC output only on an HEVC input specification (got ${JSON.stringify(spec.codec)})`);
  }
}

/** What to lower when a rendition exceeds even the highest level: each [value, highest limit, advice] exceeded. */
function beyondEvery(checks: readonly [number, number, string][]): string {
  const over = checks.filter(([value, limit]) => value > limit).map(([, , advice]) => advice);
  return over.length > 0 ? over.join(" and ") : "a lower frame rate, picture size or bitrate";
}

function checkLevel(subject: RenditionSubject, levelName: ProfileSubject["levelName"], say: Say): void {
  const { rendition: r, codec, at } = subject;
  if (r.level === "AUTO") return;
  const fps = subject.framerate.numerator / subject.framerate.denominator;
  const at30 = `${r.width}x${r.height} at ${round(fps)} fps and ${r.bitrate} b/s`;
  if (codec === "AVC") {
    const limits = H264_LEVELS.get(r.level);
    if (!limits) return say(at.level, `must be one of the H.264 levels ${levelsOf("AVC").join(", ")} (got ${JSON.stringify(r.level)})`);
    const factor = r.profile === "HIGH" ? 1250 : 1000;
    const frameMbs = Math.ceil(r.width / 16) * Math.ceil(r.height / 16);
    const fits = ([mbps, fs, br]: readonly [number, number, number]) => frameMbs <= fs && frameMbs * fps <= mbps && r.bitrate <= br * factor;
    if (!fits(limits)) {
      const enough = [...H264_LEVELS].find(([, l]) => fits(l))?.[0];
      const all = [...H264_LEVELS.values()];
      const beyond = beyondEvery([
        [frameMbs, Math.max(...all.map((l) => l[1])), "a smaller picture"],
        [frameMbs * fps, Math.max(...all.map((l) => l[0])), "a lower frame rate"],
        [r.bitrate, Math.max(...all.map((l) => l[2])) * factor, "a lower bitrate"],
      ]);
      say(at.level, `${levelName(r.level, codec)} is too low for ${at30}: H.264 level ${r.level} allows ${limits[1]} macroblocks per frame, ${limits[0]} per second and ${limits[2] * factor} b/s (${r.profile}); use ${enough ? `${levelName(enough, codec)} or higher, or ${levelName("AUTO", codec)}` : `${beyond} (no H.264 level carries this)`}`);
    }
    return;
  }
  const limits = H265_LEVELS.get(r.level);
  if (!limits) return say(at.level, `must be one of the HEVC levels ${levelsOf("HEVC").join(", ")} (got ${JSON.stringify(r.level)})`);
  const tier = r.tier ?? "MAIN";
  const samples = r.width * r.height;
  const maxBr = (l: readonly [number, number, number, number?]) => (tier === "HIGH" ? l[3] ?? l[2] : l[2]) * 1000;
  if (tier === "HIGH" && limits[3] === undefined) {
    say(at.level, `${levelName(r.level, codec)} has no High tier (HEVC levels below 4 are Main tier only); use ${levelName("4", codec)} or higher, tier MAIN, or ${levelName("AUTO", codec)}`);
    return;
  }
  const fits = (l: readonly [number, number, number, number?]) => samples <= l[0] && samples * fps <= l[1] && r.bitrate <= maxBr(l);
  if (!fits(limits)) {
    const enough = [...H265_LEVELS].find(([, l]) => (tier === "MAIN" || l[3] !== undefined) && fits(l))?.[0];
    const all = [...H265_LEVELS.values()].filter((l) => tier === "MAIN" || l[3] !== undefined);
    const beyond = beyondEvery([
      [samples, Math.max(...all.map((l) => l[0])), "a smaller picture"],
      [samples * fps, Math.max(...all.map((l) => l[1])), "a lower frame rate"],
      [r.bitrate, Math.max(...all.map(maxBr)), "a lower bitrate"],
    ]);
    say(at.level, `${levelName(r.level, codec)} is too low for ${at30}: HEVC level ${r.level} (${tier} tier) allows ${limits[0]} luma samples per picture, ${limits[1]} per second and ${maxBr(limits)} b/s; use ${enough ? `${levelName(enough, codec)} or higher, or ${levelName("AUTO", codec)}` : `${beyond} (no HEVC level carries this)`}`);
  }
}

function checkAudio(s: ProfileSubject, say: Say): void {
  const audioNames = new Set<string>();
  const renditionNames = new Set(s.renditions.map((r) => r.rendition.name));
  s.audio.forEach(({ track: a, at, aacProfile, codingMode }) => {
    if (s.audioNamesApartFromRenditions && (audioNames.has(a.name) || renditionNames.has(a.name))) {
      say(at.name, `repeats the name ${JSON.stringify(a.name)}; rendition and audio names must be unique`);
    } else if (audioNames.has(a.name)) {
      say(at.name, `repeats the ${s.words.audio} name ${JSON.stringify(a.name)}; names must be unique`);
    }
    audioNames.add(a.name);
    if (a.codec !== "AAC" || !aacProfile || !codingMode || a.sampleRate === undefined || a.bitrate === undefined) return;
    const rates = AAC_RANGES[aacProfile]?.[codingMode];
    const layout = CODING_MODE_WORDS[codingMode] ?? codingMode;
    const name = aacProfile === "LC" ? "AAC-LC" : `AAC ${aacProfile}`;
    if (!rates) return say(at.self, `uses ${name} with coding mode ${codingMode}, which MediaLive does not support (${name} supports ${Object.keys(AAC_RANGES[aacProfile] ?? {}).join(", ")})`);
    const range = rates[a.sampleRate];
    if (!range) return say(at.sampleRate, `must be one of ${Object.keys(rates).join(", ")} for ${name} ${layout} (got ${a.sampleRate})`);
    if (a.bitrate < range[0] || a.bitrate > range[1]) {
      say(at.bitrate, `must be between ${range[0]} and ${range[1]} for ${name} ${layout} at ${a.sampleRate} Hz (got ${a.bitrate})`);
    }
  });
}

function checkReferences(s: ProfileSubject, say: Say): void {
  if (!s.outputs) return;
  const { video, audio, captions } = s.names;
  const used = { video: new Set<string>(), audio: new Set<string>(), captions: new Set<string>() };
  const modifiers = new Set<string>();
  for (const o of s.outputs) {
    if (o.video !== undefined) {
      used.video.add(o.video);
      if (!video.includes(o.video)) say(o.at.video, `names no video description (got ${JSON.stringify(o.video)}; defined: ${listed(video)})`);
    }
    o.audio.forEach((name, i) => {
      used.audio.add(name);
      if (!audio.includes(name)) say(`${o.at.audio}/${i}`, `names no audio description (got ${JSON.stringify(name)}; defined: ${listed(audio)})`);
    });
    o.captions.forEach((name, i) => {
      used.captions.add(name);
      if (!captions.includes(name)) say(`${o.at.captions}/${i}`, `names no caption description (got ${JSON.stringify(name)}; defined: ${listed(captions)})`);
    });
    if (o.video === undefined && o.audio.length === 0) say(o.at.self, `carries neither video nor audio; give it a videoDescriptionName or audioDescriptionNames`);
    if (!s.generatedOutputs && modifiers.has(o.nameModifier)) say(o.at.nameModifier, `repeats ${JSON.stringify(o.nameModifier)}; every output needs its own name modifier, or their manifests overwrite each other`);
    modifiers.add(o.nameModifier);
  }
  video.forEach((name, i) => {
    if (!used.video.has(name)) say(s.descriptionAt.video(i), `(${JSON.stringify(name)}) is used by no output; name it in an output's videoDescriptionName or remove it`);
  });
  audio.forEach((name, i) => {
    if (!used.audio.has(name)) say(s.descriptionAt.audio(i), `(${JSON.stringify(name)}) is used by no output; add it to an output's audioDescriptionNames or remove it`);
  });
  captions.forEach((name, i) => {
    if (!used.captions.has(name)) say(s.descriptionAt.caption(i), `(${JSON.stringify(name)}) is used by no output; add it to an output's captionDescriptionNames or remove it`);
  });
}

function listed(names: readonly string[]): string {
  return names.length > 0 ? names.join(", ") : "none";
}

/** "A, B or C". */
export function words(items: readonly string[]): string {
  return items.length <= 2 ? items.join(" or ") : `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}
