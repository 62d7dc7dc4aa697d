import * as fs from "fs";
import * as path from "path";
import type { ValidateFunction } from "ajv";
import { compileSchema, readJsonFile, validateAgainst } from "./json-file";
import type { EncodingProfile } from "./types";
import ladderSchema from "../encoding-profiles/ladder.schema.json";

let validateLadder: ValidateFunction | undefined;

/** Largest output frame each input specification resolution is provisioned for. */
const MAX_FRAME: Record<EncodingProfile["inputSpecification"]["resolution"], { width: number; height: number }> = {
  SD: { width: 1024, height: 576 },
  HD: { width: 1920, height: 1080 },
  UHD: { width: 3840, height: 2160 },
};

const MAX_BITRATE: Record<EncodingProfile["inputSpecification"]["maximumBitrate"], number> = {
  MAX_10_MBPS: 10_000_000,
  MAX_20_MBPS: 20_000_000,
  MAX_50_MBPS: 50_000_000,
};

/** The profile names available in a directory (files ending in .json, schemas excluded). */
export function listProfiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json"))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/**
 * Loads and checks one profile file. Problems are appended; the profile is returned only when it
 * passed every check.
 */
export function loadProfileFile(file: string, display: string, problems: string[]): EncodingProfile | undefined {
  const before = problems.length;
  const data = readJsonFile(file, display, problems);
  if (data === undefined) return undefined;
  validateLadder ??= compileSchema(ladderSchema);
  if (!validateAgainst(validateLadder, data, display, problems)) return undefined;
  const profile = data as EncodingProfile;
  checkProfile(profile, path.basename(file, ".json"), display, problems);
  return problems.length === before ? profile : undefined;
}

function checkProfile(p: EncodingProfile, fileName: string, display: string, problems: string[]): void {
  const say = (pointer: string, text: string) => problems.push(`${display}: ${pointer} ${text}`);
  if (p.name !== fileName) say("/name", `must equal the file name "${fileName}" (got ${JSON.stringify(p.name)})`);

  const frame = MAX_FRAME[p.inputSpecification.resolution];
  const maxBitrate = MAX_BITRATE[p.inputSpecification.maximumBitrate];
  const seen = new Set<string>();
  p.renditions.forEach((r, i) => {
    const at = `/renditions/${i}`;
    if (seen.has(r.name)) say(`${at}/name`, `repeats the rendition name ${JSON.stringify(r.name)}; names must be unique`);
    seen.add(r.name);
    if (r.width % 2 !== 0) say(`${at}/width`, `must be even (got ${r.width})`);
    if (r.height % 2 !== 0) say(`${at}/height`, `must be even (got ${r.height})`);
    if (r.width > frame.width || r.height > frame.height) {
      say(at, `is ${r.width}x${r.height}, larger than the ${p.inputSpecification.resolution} input specification allows (${frame.width}x${frame.height})`);
    }
    if (r.bitrate > maxBitrate) {
      say(`${at}/bitrate`, `must not exceed the input specification's ${p.inputSpecification.maximumBitrate} (got ${r.bitrate})`);
    }
    if (i > 0 && r.bitrate >= p.renditions[i - 1].bitrate) {
      say(`${at}/bitrate`, `must be lower than the rendition above it (${p.renditions[i - 1].bitrate}); list renditions highest bitrate first (got ${r.bitrate})`);
    }
    if (p.video.rateControl === "QVBR" && r.qvbrLevel === undefined) say(at, `needs a qvbrLevel (1-10) because video.rateControl is QVBR`);
    if (p.video.rateControl === "CBR" && r.qvbrLevel !== undefined) say(`${at}/qvbrLevel`, `is only used with QVBR rate control (video.rateControl is CBR)`);
    if (p.video.codec === "HEVC" && r.profile !== "MAIN" && r.profile !== "HIGH") {
      say(`${at}/profile`, `must be MAIN or HIGH for HEVC (got ${JSON.stringify(r.profile)})`);
    }
  });

  if (p.video.codec === "HEVC" && p.inputSpecification.codec !== "HEVC") {
    say("/inputSpecification/codec", `must be "HEVC" when video.codec is HEVC: MediaLive bills and provisions HEVC output only on an HEVC input specification (got ${JSON.stringify(p.inputSpecification.codec)})`);
  }
  const fps = p.video.framerate.numerator / p.video.framerate.denominator;
  const gopFrames = p.video.gopSeconds * fps;
  if (Math.abs(gopFrames - Math.round(gopFrames)) > 1e-6) {
    say("/video/gopSeconds", `must be a whole number of frames at ${round(fps)} fps (got ${p.video.gopSeconds} s = ${round(gopFrames)} frames)`);
  }

  const audioNames = new Set<string>();
  p.audio.forEach((a, i) => {
    if (audioNames.has(a.name) || seen.has(a.name)) say(`/audio/${i}/name`, `repeats the name ${JSON.stringify(a.name)}; rendition and audio names must be unique`);
    audioNames.add(a.name);
    const limit = aacBitrateRange(a.channels, a.sampleRate);
    if (a.bitrate < limit.min || a.bitrate > limit.max) {
      say(`/audio/${i}/bitrate`, `must be between ${limit.min} and ${limit.max} for AAC ${a.channels === 1 ? "mono" : "stereo"} at ${a.sampleRate} Hz (got ${a.bitrate})`);
    }
  });
}

/** AAC-LC bitrates MediaLive accepts for a channel layout and sample rate (bits per second). */
export function aacBitrateRange(channels: 1 | 2, sampleRate: number): { min: number; max: number } {
  if (channels === 1) return { min: 16000, max: sampleRate >= 44100 ? 192000 : 160000 };
  return { min: 32000, max: sampleRate >= 44100 ? 320000 : 256000 };
}

function round(n: number): string {
  return String(Math.round(n * 1000) / 1000);
}

/**
 * The length of the segments MediaLive pushes to MediaPackage: the shortest whole number of
 * seconds (at least 1) that holds a whole number of GOPs, so every ingest segment starts on a
 * keyframe. Packaging segments must be a multiple of it.
 */
export function ingestSegmentSeconds(gopSeconds: number): number {
  for (let seconds = 1; seconds <= 10; seconds++) {
    const gops = seconds / gopSeconds;
    if (Math.abs(gops - Math.round(gops)) < 1e-9) return seconds;
  }
  return Math.ceil(gopSeconds);
}
