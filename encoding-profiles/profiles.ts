import * as fs from "fs";
import * as path from "path";
import type { ValidateFunction } from "ajv";
import { readJsonFile, validateAgainst } from "../config/json-file";
import { ProfileSubject, RenditionSubject, checkProfileSubject, codingModeFor } from "./checks";
import { TEMPLATE_KEYS, importTemplate } from "./template-import";
import { checkText, terraformLiteral } from "../config/text-rules";
import type { AudioTrack, CaptionTrack, EncodingProfile, LadderFile, ProfileOutput, Rendition } from "../config/types";
import precompiledLadderValidator from "./ladder.validate.generated";

// The ingest segment length is the encoder's (modules/encoder/options.ts); the report and stacks read it from here too.
export { ingestSegmentSeconds } from "../modules/encoder/options";

/** The ladder schema's validator, precompiled by `npm run generate` from ladder.schema.json. */
const validateLadder = precompiledLadderValidator as unknown as ValidateFunction;

/** The caption description a ladder's `captions` block becomes (embedded captions passed through). */
const LADDER_CAPTIONS = "embedded";

/** Data files that live beside the profiles and are not profiles (the encoder's value ranges). */
const NOT_PROFILES: ReadonlySet<string> = new Set(["medialive-ranges.json"]);

/** The profile names available in a directory (files ending in .json; schemas and NOT_PROFILES excluded). */
export function listProfiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json") && !f.endsWith(".schema.json") && !NOT_PROFILES.has(f))
    .map((f) => f.slice(0, -".json".length))
    .sort();
}

/** Which format a parsed profile file is written in, or the problem that says it is neither. */
export function profileFormat(data: unknown): "ladder" | "medialive-template" | { problem: string } {
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return { problem: `/ must be an object: a ladder or a MediaLive encoderSettings template (got ${Array.isArray(data) ? "an array" : JSON.stringify(data)})` };
  }
  const keys = Object.keys(data);
  if (keys.includes("renditions")) return "ladder";
  if (keys.some((k) => TEMPLATE_KEYS.includes(k))) return "medialive-template";
  const pascal = keys.find((k) => TEMPLATE_KEYS.includes(k.charAt(0).toLowerCase() + k.slice(1)));
  if (pascal) {
    const camel = pascal.charAt(0).toLowerCase() + pascal.slice(1);
    return { problem: `/ uses PascalCase keys (${JSON.stringify(pascal)}) as CloudFormation and the AWS CLI print them; a MediaLive template uses the API's camelCase names (${JSON.stringify(camel)}), as the console and CDK code write them` };
  }
  return { problem: `/ is neither a ladder (it has no "renditions") nor a MediaLive encoderSettings template (it has no "videoDescriptions" or "outputGroups")` };
}

/**
 * Loads and checks one profile file, in either format. Problems are appended (one line each,
 * naming the file and the JSON pointer); the profile is returned only when it passed every check.
 */
export function loadProfileFile(file: string, display: string, problems: string[]): EncodingProfile | undefined {
  const data = readJsonFile(file, display, problems);
  if (data === undefined) return undefined;
  const fileName = path.basename(file, ".json");
  const found: string[] = [];
  const format = profileFormat(data);
  let profile: EncodingProfile | undefined;
  if (format === "ladder") profile = loadLadder(data, fileName, display, found);
  else if (format === "medialive-template") profile = importTemplate(data, fileName, display, found);
  else found.push(`${display}: ${format.problem}`);
  // Text rules (docs/bad-input.md) for every string the file holds. A file with refused text is
  // reported by those lines alone: names and references checked further would only repeat them
  // (a renamed description that no output finds, a pattern the text fails).
  const text: string[] = [];
  checkText(data, display, { prose: PROFILE_PROSE }, text);
  // Values shared by every rendition are checked once per rendition; say each problem once.
  const unique = text.length > 0 ? text : [...new Set(found)];
  problems.push(...unique);
  return unique.length === 0 && profile ? literalProse(profile) : undefined;
}

/** Free prose in profiles: any text, emitted so Terraform takes it literally (docs/bad-input.md). */
const PROFILE_PROSE = [
  /^\/description$/,
  /^\/captions\/languages\/\d+\/description$/,
  /^\/outputGroups\/\d+\/outputGroupSettings\/hlsGroupSettings\/captionLanguageMappings\/\d+\/languageDescription$/,
];

/** The profile with its free prose escaped for Terraform (`${` as `$${`, `%{` as `%%{`). */
function literalProse(profile: EncodingProfile): EncodingProfile {
  return {
    ...profile,
    description: terraformLiteral(profile.description),
    captionLanguages: profile.captionLanguages.map((c) => (typeof c.description === "string" ? { ...c, description: terraformLiteral(c.description) } : c)),
  };
}

function loadLadder(data: unknown, fileName: string, display: string, problems: string[]): EncodingProfile | undefined {
  if (!validateAgainst(validateLadder, data, display, problems)) return undefined;
  const ladder = data as LadderFile;
  const say = (pointer: string, text: string) => problems.push(`${display}: ${pointer} ${text}`);
  if (ladder.name !== fileName) say("/name", `must equal the file name "${fileName}" (got ${JSON.stringify(ladder.name)})`);

  const { video } = ladder;
  const codec = video.codec;
  const renditions: Rendition[] = [];
  const subjects: RenditionSubject[] = [];
  ladder.renditions.forEach((r, i) => {
    const at = `/renditions/${i}`;
    if (video.rateControl === "QVBR" && r.qvbrLevel === undefined) say(at, `needs a qvbrLevel (1-10) because video.rateControl is QVBR`);
    if (video.rateControl === "CBR" && r.qvbrLevel !== undefined) say(`${at}/qvbrLevel`, `is only used with QVBR rate control (video.rateControl is CBR)`);
    const profile = r.profile ?? (codec === "AVC" ? "HIGH" : "MAIN");
    // B-frames: the rendition's own, else the ladder's, else 3 (none for BASELINE, which has none).
    const bFrames = codec === "HEVC" ? undefined : r.bFrames ?? (profile === "BASELINE" ? 0 : video.bFrames ?? 3);
    const rendition: Rendition = {
      name: r.name,
      descriptionName: `video-${r.name}`,
      width: r.width,
      height: r.height,
      rateControl: video.rateControl,
      bitrate: r.bitrate,
      qvbrLevel: r.qvbrLevel,
      profile,
      level: r.level,
      tier: codec === "HEVC" ? r.tier ?? "MAIN" : r.tier,
      bFrames,
      sceneChangeDetect: video.sceneChangeDetect,
    };
    renditions.push(rendition);
    subjects.push({
      rendition,
      codec,
      framerate: video.framerate,
      gopSeconds: video.gopSeconds,
      gopUnits: "SECONDS",
      bFramesWritten: r.bFrames !== undefined || video.bFrames !== undefined,
      at: {
        self: at,
        name: `${at}/name`,
        width: `${at}/width`,
        height: `${at}/height`,
        bitrate: `${at}/bitrate`,
        profile: `${at}/profile`,
        level: `${at}/level`,
        tier: `${at}/tier`,
        bFrames: r.bFrames !== undefined ? `${at}/bFrames` : "/video/bFrames",
        qvbrLevel: `${at}/qvbrLevel`,
        framerate: "/video/framerate",
        gop: "/video/gopSeconds",
        codec: "/video/codec",
      },
    });
  });

  const audio: AudioTrack[] = ladder.audio.map((a) => ({
    name: a.name,
    descriptionName: `audio-${a.name}`,
    codec: a.codec,
    bitrate: a.bitrate,
    channels: a.channels,
    sampleRate: a.sampleRate,
    language: a.language,
  }));
  const captions: CaptionTrack[] = ladder.captions ? [{ name: LADDER_CAPTIONS, descriptionName: `captions-${LADDER_CAPTIONS}` }] : [];
  // Every rendition is one output, muxed with every audio track and the captions.
  const outputs: ProfileOutput[] = renditions.map((r) => ({
    name: r.name,
    nameModifier: `_${r.name}`,
    video: r.name,
    audio: audio.map((a) => a.name),
    captions: captions.map((c) => c.name),
  }));

  const subject: ProfileSubject = {
    inputSpecification: ladder.inputSpecification,
    inputSpecificationAt: "/inputSpecification",
    words: { rendition: "rendition", audio: "audio track" },
    audioNamesApartFromRenditions: true,
    levelName: (level) => JSON.stringify(level),
    renditions: subjects,
    audio: audio.map((track, i) => ({
      track,
      aacProfile: "LC",
      codingMode: codingModeFor(track.channels ?? 2),
      at: { self: `/audio/${i}`, name: `/audio/${i}/name`, bitrate: `/audio/${i}/bitrate`, sampleRate: `/audio/${i}/sampleRate` },
    })),
    names: { video: renditions.map((r) => r.name), audio: audio.map((a) => a.name), captions: captions.map((c) => c.name) },
    outputs: outputs.map((o, i) => ({
      ...o,
      at: { self: `/renditions/${i}`, video: `/renditions/${i}/name`, audio: "/audio", captions: "/captions", nameModifier: `/renditions/${i}/name` },
    })),
    generatedOutputs: true,
    descriptionAt: { video: (i) => `/renditions/${i}`, audio: (i) => `/audio/${i}`, caption: () => "/captions" },
  };
  checkProfileSubject(subject, say);

  return {
    name: ladder.name,
    description: ladder.description,
    format: "ladder",
    inputSpecification: ladder.inputSpecification,
    inputSpecificationDerived: false,
    video: { codec, framerate: video.framerate, gopSeconds: video.gopSeconds },
    renditions,
    audio,
    captions,
    outputs,
    captionLanguages: ladder.captions?.languages ?? [],
  };
}
