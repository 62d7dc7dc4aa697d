// MediaLive templates as encoding profiles: a MediaLive `encoderSettings` object in the API's
// camelCase names (as the console exports it and CloudFormation/CDK code writes it), dropped into
// encoding-profiles/. It is checked against medialive-template.schema.json (exactly what the
// hashicorp/aws 5.100 provider can express), converted into the provider's cdktf binding
// structure with providers/aws/medialive-encoder-settings.json, and checked like a ladder.
//
// What is imported: the video, audio and caption descriptions as written, which descriptions
// each output of the template's HLS (or MediaPackage) output group carries, the outputs' names
// and name modifiers, audio-only output settings, and caption language signalling. What the
// pipeline sets itself: the output group's destination, segmenting and delivery settings, the
// transport stream settings, timecode and global configuration (see ImportedSettings.replaced).
import type { ErrorObject, ValidateFunction } from "ajv";
import { AudioSubject, MAX_BITRATE, MAX_FRAME, OutputSubject, PROFILE_NAME, ProfileSubject, RenditionSubject, Say, channelsOf, checkProfileSubject, words } from "./checks";
import type { AudioTrack, CaptionLanguage, CaptionTrack, EncodingProfile, InputSpecification, ProfileOutput, RateControl, Rendition, VideoCodec, VideoProfile } from "../config/types";
import providerSettings from "../providers/aws/medialive-encoder-settings.json";
import ranges from "./medialive-ranges.json";

/** Top-level keys that mark a file as a MediaLive template. */
export const TEMPLATE_KEYS = ["videoDescriptions", "audioDescriptions", "captionDescriptions", "outputGroups", "timecodeConfig", "globalConfiguration"];

/** The provider the template format is derived from, as messages name it. */
const PROVIDER = `${providerSettings.provider} MediaLive resource`;

/** Encoder settings passed through as written (they do not touch the pipeline's output). */
const PASSED_THROUGH = ["availBlanking", "nielsenConfiguration", "motionGraphicsConfiguration"];

/** Output group types this pipeline cannot use, as messages describe them. */
const UNUSABLE_GROUPS: Record<string, string> = {
  archiveGroupSettings: "an archive (S3) output group",
  frameCaptureGroupSettings: "a frame capture output group",
  msSmoothGroupSettings: "a Microsoft Smooth output group",
  multiplexGroupSettings: "a multiplex output group",
  rtmpGroupSettings: "an RTMP output group",
  udpGroupSettings: "a UDP output group",
};

/** HLS group settings the import keeps (caption signalling); the pipeline sets all others. */
const KEPT_HLS_GROUP_SETTINGS = ["captionLanguageSetting", "captionLanguageMappings"];

const AUDIO_CODECS: Record<string, AudioTrack["codec"]> = {
  aacSettings: "AAC",
  ac3Settings: "AC3",
  eac3Settings: "EAC3",
  eac3AtmosSettings: "EAC3_ATMOS",
  mp2Settings: "MP2",
  passThroughSettings: "PASSTHROUGH",
  wavSettings: "WAV",
};

/** One node of providers/aws/medialive-encoder-settings.json. */
interface ProviderNode {
  readonly attributes: Record<string, { readonly binding: string }>;
  readonly blocks: Record<string, ProviderNode & { readonly binding: string; readonly shape: string }>;
}

type Json = Record<string, any>;

let validateTemplate: ValidateFunction | undefined;

/** The template schema's validator, precompiled by `npm run generate`; loaded when a template is first read (0.7 MB of code). */
function templateValidator(): ValidateFunction {
  validateTemplate ??= (require("./medialive-template.validate.generated") as { default: unknown }).default as ValidateFunction;
  return validateTemplate;
}

/**
 * Checks and converts one MediaLive template. Problems are appended; the profile is returned
 * when the template could be converted (the caller discards it when any problem was found).
 */
export function importTemplate(data: unknown, fileName: string, display: string, problems: string[]): EncodingProfile | undefined {
  const say: Say = (pointer, text) => problems.push(`${display}: ${pointer} ${text}`);
  if (!PROFILE_NAME.test(fileName)) {
    problems.push(`${display}: the file name ${JSON.stringify(fileName)} cannot be a profile name (the name of a template is its file name): use letters, digits, . _ or -, at most 64 characters`);
  }
  const validate = templateValidator();
  if (!validate(data)) {
    for (const err of validate.errors ?? []) {
      const line = describeSchemaError(err);
      if (line) problems.push(`${display}: ${line}`);
    }
    return undefined;
  }
  const template = data as Json;
  const outOfRange = checkRanges(template, say);
  if (outOfRange) return undefined;
  const converted = toBinding(template, providerSettings as unknown as ProviderNode);
  const replaced: string[] = [];
  for (const key of ["timecodeConfig", "globalConfiguration"]) if (template[key] !== undefined) replaced.push(`/${key}`);

  if (template.videoDescriptions.length === 0) say("/videoDescriptions", `is empty; a ladder needs at least one video description`);
  const video = readVideo(template.videoDescriptions, say);
  const audio = readAudio(template.audioDescriptions ?? [], say);
  const captions: CaptionTrack[] = (template.captionDescriptions ?? []).map((c: Json) => ({ name: c.name, descriptionName: c.name, selectorName: c.captionSelectorName }));
  const group = readOutputGroup(template.outputGroups, converted.outputGroups, say, replaced);

  const renditions = video.map((v) => v.rendition);
  const inputSpecification = deriveInputSpecification(video);
  const subject: ProfileSubject = {
    inputSpecification,
    words: { rendition: "video description", audio: "audio description" },
    audioNamesApartFromRenditions: false,
    levelName: (level, codec) => (codec === "AVC" ? "H264" : "H265") + `_LEVEL_${level.replace(".", "_")}`,
    renditions: video,
    audio,
    names: {
      video: template.videoDescriptions.map((v: Json) => v.name),
      audio: (template.audioDescriptions ?? []).map((a: Json) => a.name),
      captions: captions.map((c) => c.name),
    },
    outputs: group?.subjects,
    generatedOutputs: false,
    descriptionAt: { video: (i) => `/videoDescriptions/${i}`, audio: (i) => `/audioDescriptions/${i}`, caption: (i) => `/captionDescriptions/${i}` },
  };
  checkProfileSubject(subject, say);
  if (video.length === 0 || !group) return undefined;

  const first = video[0];
  const other: Json = {};
  for (const key of PASSED_THROUGH) if (template[key] !== undefined) other[key] = converted[key];
  return {
    name: fileName,
    description: `MediaLive template ${fileName}.json`,
    format: "medialive-template",
    inputSpecification,
    inputSpecificationDerived: true,
    video: { codec: first.codec, framerate: first.framerate, gopSeconds: first.gopSeconds },
    renditions,
    audio: audio.map((a) => a.track),
    captions,
    outputs: group.outputs,
    captionLanguages: group.captionLanguages,
    imported: {
      videoDescriptions: converted.videoDescriptions ?? [],
      audioDescriptions: converted.audioDescriptions ?? [],
      captionDescriptions: converted.captionDescriptions ?? [],
      other,
      replaced,
    },
  };
}

/**
 * The input specification a template implies (a template has none of its own): the codec of its
 * video; the smallest resolution class that holds its largest rendition; the bitrate class usual
 * for that resolution (SD 10, HD 20, UHD 50 Mb/s), raised when the top rendition needs more.
 */
export function deriveInputSpecification(video: readonly { readonly codec: VideoCodec; readonly rendition: Rendition }[]): InputSpecification {
  const width = Math.max(0, ...video.map((v) => v.rendition.width));
  const height = Math.max(0, ...video.map((v) => v.rendition.height));
  const top = Math.max(0, ...video.map((v) => v.rendition.bitrate));
  const resolution = (["SD", "HD", "UHD"] as const).find((r) => width <= MAX_FRAME[r].width && height <= MAX_FRAME[r].height) ?? "UHD";
  const usual = { SD: "MAX_10_MBPS", HD: "MAX_20_MBPS", UHD: "MAX_50_MBPS" } as const;
  const classes = ["MAX_10_MBPS", "MAX_20_MBPS", "MAX_50_MBPS"] as const;
  const needed = classes.find((c) => top <= MAX_BITRATE[c]) ?? "MAX_50_MBPS";
  const maximumBitrate = classes.indexOf(needed) > classes.indexOf(usual[resolution]) ? needed : usual[resolution];
  return { codec: video.some((v) => v.codec === "HEVC") ? "HEVC" : "AVC", resolution, maximumBitrate };
}

/** Reads the video descriptions; those missing what the checks need are reported and left out. */
function readVideo(descriptions: readonly Json[], say: Say): RenditionSubject[] {
  const out: RenditionSubject[] = [];
  descriptions.forEach((d, i) => {
    const base = `/videoDescriptions/${i}`;
    const codecKey = d.codecSettings ? Object.keys(d.codecSettings)[0] : undefined;
    if (codecKey !== "h264Settings" && codecKey !== "h265Settings") {
      if (codecKey) say(`${base}/codecSettings`, `must hold h264Settings or h265Settings: a ${codecKey} description has no place in an HLS ladder (got ${codecKey})`);
      else say(base, `needs codecSettings with h264Settings or h265Settings`);
      return;
    }
    const codec: VideoCodec = codecKey === "h264Settings" ? "AVC" : "HEVC";
    const s: Json = d.codecSettings[codecKey];
    const at = `${base}/codecSettings/${codecKey}`;
    let complete = true;
    if (d.width === undefined || d.height === undefined) {
      say(base, `needs width and height: each rendition's size is checked against the input specification and announced in the manifest`);
      complete = false;
    }
    if (codec === "AVC" && s.framerateControl !== undefined && s.framerateControl !== "SPECIFIED") {
      say(`${at}/framerateControl`, `must be "SPECIFIED", with framerateNumerator and framerateDenominator: every rendition needs the same known frame rate so GOPs and segments line up (got ${JSON.stringify(s.framerateControl)})`);
      complete = false;
    } else if (codec === "AVC" && (s.framerateControl === undefined || s.framerateNumerator === undefined || s.framerateDenominator === undefined)) {
      say(at, `needs framerateControl "SPECIFIED", framerateNumerator and framerateDenominator: every rendition needs the same known frame rate so GOPs and segments line up`);
      complete = false;
    }
    if (s.gopSize === undefined || s.gopSizeUnits === undefined) {
      say(at, `needs gopSize and gopSizeUnits: the pipeline aligns segments to the GOP`);
      complete = false;
    } else if (s.gopSizeUnits !== "FRAMES" && s.gopSizeUnits !== "SECONDS") {
      say(`${at}/gopSizeUnits`, `must be "FRAMES" or "SECONDS" (got ${JSON.stringify(s.gopSizeUnits)})`);
      complete = false;
    } else if (s.gopSizeUnits === "FRAMES" && !Number.isInteger(s.gopSize)) {
      say(`${at}/gopSize`, `must be a whole number of frames when gopSizeUnits is FRAMES (got ${s.gopSize})`);
      complete = false;
    }
    if (s.gopClosedCadence !== undefined && s.gopClosedCadence < 1) {
      say(`${at}/gopClosedCadence`, `must be at least 1 (every GOP closed): with open GOPs a segment cannot start on a keyframe players can decode from (got ${s.gopClosedCadence})`);
    }
    const modes: RateControl[] = codec === "AVC" ? ["QVBR", "CBR", "VBR"] : ["QVBR", "CBR"];
    const mode = s.rateControlMode as RateControl | undefined;
    let peak: number | undefined;
    let peakAt = `${at}/maxBitrate`;
    if (mode === undefined) {
      say(at, `needs rateControlMode (${words(modes)})`);
    } else if (!modes.includes(mode)) {
      say(`${at}/rateControlMode`, `must be ${words(modes)} for an HLS ladder (got ${JSON.stringify(mode)})`);
    } else if (mode === "CBR") {
      if (s.bitrate === undefined) say(at, `needs bitrate because rateControlMode is CBR`);
      peak = s.bitrate;
      peakAt = `${at}/bitrate`;
    } else if (mode === "QVBR") {
      if (s.maxBitrate === undefined) say(at, `needs maxBitrate because rateControlMode is QVBR`);
      peak = s.maxBitrate;
    } else {
      if (s.bitrate === undefined || s.maxBitrate === undefined) say(at, `needs bitrate and maxBitrate because rateControlMode is VBR`);
      peak = s.maxBitrate;
    }
    if (peak === undefined) complete = false;
    const level = levelOf(s.level, codec);
    if (level === undefined) {
      const prefix = codec === "AVC" ? "H264" : "H265";
      say(`${at}/level`, `must be ${prefix}_LEVEL_AUTO or an ${codec === "AVC" ? "H.264" : "HEVC"} level such as ${prefix}_LEVEL_4_1 (got ${JSON.stringify(s.level)})`);
      complete = false;
    }
    if (!complete || mode === undefined || peak === undefined || level === undefined) return;

    const fps = s.framerateNumerator / s.framerateDenominator;
    const rendition: Rendition = {
      name: d.name,
      descriptionName: d.name,
      width: d.width,
      height: d.height,
      rateControl: mode,
      bitrate: peak,
      qvbrLevel: mode === "QVBR" ? s.qvbrQualityLevel : undefined,
      // MediaLive's defaults when a template leaves them out.
      profile: codec === "AVC" ? (s.profile ?? "MAIN") : s.profile === "MAIN_10BIT" ? "MAIN_10" : ((s.profile ?? "MAIN") as VideoProfile),
      level,
      tier: codec === "HEVC" ? s.tier ?? "MAIN" : undefined,
      bFrames: codec === "AVC" ? s.gopNumBFrames : undefined,
      sceneChangeDetect: s.sceneChangeDetect !== "DISABLED",
    };
    out.push({
      rendition,
      codec,
      framerate: { numerator: s.framerateNumerator, denominator: s.framerateDenominator },
      gopSeconds: s.gopSizeUnits === "FRAMES" ? s.gopSize / fps : s.gopSize,
      gopUnits: s.gopSizeUnits,
      bFramesWritten: s.gopNumBFrames !== undefined,
      at: {
        self: base,
        name: `${base}/name`,
        width: `${base}/width`,
        height: `${base}/height`,
        bitrate: peakAt,
        profile: `${at}/profile`,
        level: `${at}/level`,
        tier: `${at}/tier`,
        bFrames: `${at}/gopNumBFrames`,
        qvbrLevel: `${at}/qvbrQualityLevel`,
        framerate: `${at}/framerateNumerator`,
        gop: `${at}/gopSize`,
        codec: `${base}/codecSettings`,
      },
    });
  });
  return out;
}

/** "4.1" for H264_LEVEL_4_1, "AUTO" for an absent or automatic level, undefined for a level of the other codec or none. */
function levelOf(level: string | undefined, codec: VideoCodec): string | undefined {
  if (level === undefined) return "AUTO";
  const match = new RegExp(`^${codec === "AVC" ? "H264" : "H265"}_LEVEL_(AUTO|\\d(?:_\\d)?)$`).exec(level);
  return match ? match[1].replace("_", ".") : undefined;
}

function readAudio(descriptions: readonly Json[], say: Say): AudioSubject[] {
  const out: AudioSubject[] = [];
  descriptions.forEach((d, i) => {
    const base = `/audioDescriptions/${i}`;
    const codecKey = d.codecSettings ? Object.keys(d.codecSettings)[0] : undefined;
    if (!codecKey || !AUDIO_CODECS[codecKey]) {
      say(base, `needs codecSettings (aacSettings, ac3Settings, eac3Settings, ...): the pipeline checks each audio encode and counts its bitrate`);
      return;
    }
    const s: Json = d.codecSettings[codecKey];
    const at = `${base}/codecSettings/${codecKey}`;
    if (codecKey === "aacSettings" && (s.bitrate === undefined || s.codingMode === undefined || s.sampleRate === undefined)) {
      say(at, `needs bitrate, codingMode and sampleRate so the pipeline can check that MediaLive accepts the combination`);
      return;
    }
    out.push({
      track: {
        name: d.name,
        descriptionName: d.name,
        codec: AUDIO_CODECS[codecKey],
        bitrate: s.bitrate,
        channels: channelsOf(s.codingMode),
        sampleRate: s.sampleRate,
        language: d.languageCode,
        selectorName: d.audioSelectorName,
      },
      aacProfile: codecKey === "aacSettings" ? s.profile ?? "LC" : undefined,
      codingMode: s.codingMode,
      at: { self: at, name: `${base}/name`, bitrate: `${at}/bitrate`, sampleRate: `${at}/sampleRate` },
    });
  });
  return out;
}

interface IngestGroup {
  readonly outputs: ProfileOutput[];
  readonly subjects: OutputSubject[];
  readonly captionLanguages: CaptionLanguage[];
}

/** Finds the one HLS or MediaPackage output group and reads which descriptions its outputs carry. */
function readOutputGroup(groups: readonly Json[], convertedGroups: readonly Json[], say: Say, replaced: string[]): IngestGroup | undefined {
  const usable: number[] = [];
  groups.forEach((g, i) => {
    const kind = Object.keys(g.outputGroupSettings)[0];
    const at = `/outputGroups/${i}/outputGroupSettings`;
    if (kind === undefined) say(at, `names no output group type; use hlsGroupSettings`);
    else if (UNUSABLE_GROUPS[kind]) say(`${at}/${kind}`, `is ${UNUSABLE_GROUPS[kind]}, which this pipeline cannot use: the channel sends one HLS ladder to MediaPackage v2; remove the group`);
    else if (usable.length > 0) say(`/outputGroups/${i}`, `is a second HLS or MediaPackage output group; the pipeline sends one ladder to MediaPackage v2, so keep one (the first is /outputGroups/${usable[0]})`);
    else usable.push(i);
  });
  if (usable.length === 0) {
    say("/outputGroups", `has no HLS or MediaPackage output group; the pipeline builds its MediaPackage v2 ingest from one`);
    return undefined;
  }
  const index = usable[0];
  const group = groups[index];
  const kind = Object.keys(group.outputGroupSettings)[0];
  const groupAt = `/outputGroups/${index}`;
  if (group.name !== undefined) replaced.push(`${groupAt}/name`);
  const settings: Json = group.outputGroupSettings[kind];
  let captionLanguages: CaptionLanguage[] = [];
  if (kind === "hlsGroupSettings") {
    for (const key of Object.keys(settings)) if (!KEPT_HLS_GROUP_SETTINGS.includes(key)) replaced.push(`${groupAt}/outputGroupSettings/hlsGroupSettings/${key}`);
    if (settings.captionLanguageSetting === "INSERT") {
      captionLanguages = (settings.captionLanguageMappings ?? []).map((m: Json) => ({ channel: m.captionChannel, language: m.languageCode, description: m.languageDescription }));
    } else if (settings.captionLanguageSetting === "NONE") {
      replaced.push(`${groupAt}/outputGroupSettings/hlsGroupSettings/captionLanguageSetting`);
    }
  } else {
    replaced.push(`${groupAt}/outputGroupSettings/${kind}`);
  }

  const outputs: ProfileOutput[] = [];
  const subjects: OutputSubject[] = [];
  let audioOnlyCount = 0;
  group.outputs.forEach((o: Json, i: number) => {
    const at = `${groupAt}/outputs/${i}`;
    const convertedOutput: Json = convertedGroups[index].outputs[i];
    const name: string = o.outputName ?? o.videoDescriptionName ?? `output-${i + 1}`;
    let nameModifier = `_${name}`;
    let nameModifierAt = `${at}/outputName`;
    let audioOnlyHlsSettings: Json | undefined;
    let audioRenditionSets: string | undefined;
    let h265PackagingType: string | undefined;
    const hls: Json | undefined = o.outputSettings.hlsOutputSettings;
    if (kind === "hlsGroupSettings" && !hls) {
      // Reported, and the output still counts for which descriptions are used.
      say(`${at}/outputSettings`, `must hold hlsOutputSettings in an HLS output group (got ${Object.keys(o.outputSettings)[0] ?? "nothing"})`);
    } else if (kind === "hlsGroupSettings" && hls) {
      const hlsAt = `${at}/outputSettings/hlsOutputSettings`;
      if (hls.nameModifier !== undefined) {
        nameModifier = hls.nameModifier;
        nameModifierAt = `${hlsAt}/nameModifier`;
      }
      if (hls.segmentModifier !== undefined) replaced.push(`${hlsAt}/segmentModifier`);
      h265PackagingType = hls.h265PackagingType;
      const hlsKind = Object.keys(hls.hlsSettings)[0];
      if (hlsKind === "fmp4HlsSettings") {
        say(`${hlsAt}/hlsSettings/fmp4HlsSettings`, `cannot be used: the pipeline's MediaPackage v2 channel ingests HLS with TS segments; use standardHlsSettings`);
      } else if (hlsKind === "audioOnlyHlsSettings") {
        if (o.videoDescriptionName !== undefined) say(`${at}/videoDescriptionName`, `must be left out of an audio-only output (its hlsSettings are audioOnlyHlsSettings)`);
        audioOnlyHlsSettings = convertedOutput.outputSettings.hlsOutputSettings.hlsSettings.audioOnlyHlsSettings;
      } else if (hlsKind === "standardHlsSettings") {
        audioRenditionSets = hls.hlsSettings.standardHlsSettings.audioRenditionSets;
        replaced.push(`${hlsAt}/hlsSettings/standardHlsSettings/m3u8Settings`);
      }
    } else if (o.videoDescriptionName === undefined) {
      // A MediaPackage group announces audio-only outputs as alternate audio; so does the pipeline.
      audioOnlyHlsSettings = { audioGroupId: "program_audio", audioTrackType: audioOnlyCount === 0 ? "ALTERNATE_AUDIO_AUTO_SELECT_DEFAULT" : "ALTERNATE_AUDIO_AUTO_SELECT" };
    }
    if (audioOnlyHlsSettings) audioOnlyCount++;
    const output: ProfileOutput = {
      name,
      nameModifier,
      video: o.videoDescriptionName,
      audio: o.audioDescriptionNames ?? [],
      captions: o.captionDescriptionNames ?? [],
      ...(audioOnlyHlsSettings ? { audioOnlyHlsSettings } : {}),
      ...(audioRenditionSets ? { audioRenditionSets } : {}),
      ...(h265PackagingType ? { h265PackagingType } : {}),
    };
    outputs.push(output);
    subjects.push({
      video: output.video,
      audio: output.audio,
      captions: output.captions,
      nameModifier,
      at: { self: at, video: `${at}/videoDescriptionName`, audio: `${at}/audioDescriptionNames`, captions: `${at}/captionDescriptionNames`, nameModifier: nameModifierAt },
    });
  });
  return { outputs, subjects, captionLanguages };
}

interface Range {
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly even?: boolean;
}

/**
 * Checks the video descriptions' numbers against the ranges MediaLive accepts (medialive-ranges.json,
 * from the MediaLive API reference). Returns whether any was out of range: the later checks divide
 * by frame rates and GOPs, so they do not run on values MediaLive would refuse.
 */
function checkRanges(template: Json, say: Say): boolean {
  let found = false;
  const check = (values: Json | undefined, limits: Record<string, Range>, base: string) => {
    if (!values) return;
    for (const [key, range] of Object.entries(limits)) {
      const v = values[key];
      if (typeof v !== "number") continue;
      const { minimum: min, maximum: max, exclusiveMinimum: above } = range;
      let text: string | undefined;
      if ((min !== undefined && v < min) || (max !== undefined && v > max) || (above !== undefined && v <= above)) {
        const bounds = above !== undefined ? `greater than ${above}` : max === undefined ? `at least ${min}` : `between ${min} and ${max}`;
        text = `must be ${bounds} (got ${v})`;
      } else if (range.even && v % 2 !== 0) {
        text = `must be an even number of pixels, as MediaLive requires (got ${v})`;
      }
      if (text) {
        say(`${base}/${key}`, text);
        found = true;
      }
    }
  };
  (template.videoDescriptions ?? []).forEach((d: Json, i: number) => {
    const base = `/videoDescriptions/${i}`;
    check(d, ranges.videoDescription, base);
    check(d.codecSettings?.h264Settings, ranges.h264Settings, `${base}/codecSettings/h264Settings`);
    check(d.codecSettings?.h265Settings, ranges.h265Settings, `${base}/codecSettings/h265Settings`);
  });
  return found;
}

/** Converts API-shaped JSON into the cdktf binding structure the provider's toTerraform expects. */
export function toBinding(value: Json, node: ProviderNode): Json {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    const attribute = node.attributes[key];
    if (attribute) {
      out[attribute.binding] = v;
      continue;
    }
    const block = node.blocks[key];
    if (!block) continue; // only "$schema": the schema admits nothing else
    if (block.shape === "list") out[block.binding] = (v as Json[]).map((item) => toBinding(item, block));
    else if (block.shape === "wrap") out[block.binding] = [toBinding(v, block)];
    else out[block.binding] = toBinding(v, block);
  }
  return out;
}

function describeSchemaError(err: ErrorObject): string | undefined {
  const at = err.instancePath || "/";
  const params = err.params as Record<string, any>;
  switch (err.keyword) {
    case "additionalProperties": {
      const key = String(params.additionalProperty);
      const known = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      const near = closest(key, known);
      return `${join(at, key)} is not supported by the ${PROVIDER}; remove it${near ? ` (did you mean ${near}?)` : ""}`;
    }
    case "required":
      return at === "/" && params.missingProperty === "videoDescriptions"
        ? `/ is missing the key "videoDescriptions": a ladder needs at least one video description`
        : `${at} is missing the key "${params.missingProperty}", which the ${PROVIDER} requires`;
    case "type":
      return `${at} must be ${/^[aeiou]/.test(String(params.type)) ? "an" : "a"} ${params.type} (got ${JSON.stringify(err.data)})`;
    case "minItems":
    case "maxItems":
      return `${at} ${err.message} (got ${(err.data as unknown[]).length})`;
    default:
      return `${at} ${err.message}`;
  }
}

/** The known key a misspelt one most likely means (same letters ignoring case, or two edits away). */
function closest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(lower, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return key.length >= 5 ? best : undefined;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length];
}

function join(pointer: string, key: string): string {
  const escaped = key.replace(/~/g, "~0").replace(/\//g, "~1");
  return pointer === "/" ? `/${escaped}` : `${pointer}/${escaped}`;
}
