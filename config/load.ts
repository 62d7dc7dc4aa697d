import * as crypto from "crypto";
import * as path from "path";
import type { ErrorObject, ValidateFunction } from "ajv";
import { IPv4 } from "ipaddr.js";
import * as iso3166 from "iso-3166-1";
import { availabilityZonesProblems } from "../modules/contribution/zones";
import { CLOUDFRONT_REGION } from "../modules/delivery/region";
import { outputLockingProblems, pipelinesOf } from "../modules/encoder/options";
import { checkAlarms } from "./alarms";
import { checkServiceContracts } from "./contract-checks";
import { ingestTypeOf, outputLockingOf } from "./ingest";
import { ConfigError, readInputText, readJsonFile, validateAgainst } from "./json-file";
import { listProfiles, loadProfileFile } from "../encoding-profiles/profiles";
import { checkText, pointerSegment, terraformLiteral } from "./text-rules";
import type { EncodingProfile, EventConfig, LoadedEvent } from "./types";
import precompiledEventValidator from "./event.validate.generated";

export { ConfigError } from "./json-file";

/** The event schema's validator, precompiled by `npm run generate` from event.schema.json. */
const validateEvent = precompiledEventValidator as unknown as ValidateFunction;

export interface LoadOptions {
  /** Directory holding the encoding profiles (`<name>.json`). */
  readonly profilesDir: string;
  /** How to name the config file in messages; defaults to the path as given. */
  readonly display?: string;
}

/**
 * Loads an event configuration, the encoding profile it names, and checks both. Throws a
 * ConfigError listing every problem (one line each) when anything is wrong.
 */
export function loadEvent(file: string, options: LoadOptions): LoadedEvent {
  const display = options.display ?? file;
  const problems: string[] = [];
  const data = readJsonFile(file, display, problems);
  if (data === undefined) throw new ConfigError(problems);
  return checkEvent(data, display, options.profilesDir, path.dirname(file));
}

/**
 * Validates an already-parsed configuration (used by tests and by loadEvent). Paths inside it
 * (signed-URL public keys) resolve against `baseDir`, the config file's folder.
 */
export function checkEvent(data: unknown, display: string, profilesDir: string, baseDir = process.cwd()): LoadedEvent {
  const problems: string[] = [];
  const warnings: string[] = [];
  // ajv fills defaults into the object it validates; work on a copy so callers keep theirs.
  const copy = structuredClone(data);
  const schemaOk = validateAgainst(validateEvent, copy, display, problems);
  const schemaLines = problems.length;
  // Every layer reports at once: with schema errors, the checks whose values the schema passed
  // still run (text rules, CIDRs, names, the profile), so one run shows every problem.
  const reported = reportedPointers(schemaOk ? [] : validateEvent.errors ?? []);
  const trusted = (pointer: string) => !reported.some((p) => p === pointer || p.startsWith(`${pointer}/`) || pointer.startsWith(`${p}/`));
  const textLines: string[] = [];
  checkText(copy, display, { prose: PROSE, secret: SECRET_POINTER, skip: (pointer) => !trusted(pointer) }, textLines);
  problems.push(...textLines);
  // A value the text rules refused is not described again by the checks below.
  const refused = new Set(textLines.map((line) => pointerOf(line, display)));
  const lines = () => problems.filter((line, i) => i < schemaLines + textLines.length || !refused.has(pointerOf(line, display)));
  const config = copy as EventConfig;
  const say = (pointer: string, text: string) => problems.push(`${display}: ${pointer} ${text}`);

  const profileName = (config as { channel?: { encodingProfile?: unknown } } | null)?.channel?.encodingProfile;
  let profile: EncodingProfile | undefined;
  if (typeof profileName === "string" && trusted("/channel/encodingProfile")) {
    const available = listProfiles(profilesDir);
    if (!available.includes(profileName)) {
      problems.push(`${display}: /channel/encodingProfile names no profile in encoding-profiles/ (got ${JSON.stringify(profileName)}; available: ${available.join(", ")})`);
    } else {
      const profileFile = path.join(profilesDir, `${profileName}.json`);
      profile = loadProfileFile(profileFile, `encoding-profiles/${profileName}.json`, problems);
    }
  }

  checkValues(copy, trusted, say, warnings, display);
  if (!schemaOk) throw new ConfigError(lines());
  checkSemantics(config, profile, display, problems, warnings);
  const publicKeys = readPublicKeys(config, display, baseDir, problems);
  if (problems.length > 0 || !profile) throw new ConfigError(lines());
  // Free prose is the one kind of user text that may hold ${ and %{; Terraform gets it escaped.
  const literal: EventConfig = { ...config, event: { ...config.event, description: terraformLiteral(config.event.description) } };
  return { config: literal, profile, warnings, publicKeys };
}

/** Free prose in the event configuration: any text, emitted so Terraform takes it literally (docs/bad-input.md). */
const PROSE = [/^\/event\/description$/, /^\/policy\/waivers\/\d+\/reason$/];
/** Values that name a secret (an ARN, a parameter name) and so may hold the secret by mistake (as in json-file.ts). */
const SECRET_POINTER = /(secretArns?(\/[^/]+)?|passwordParameter|password|passphrase)$/i;

/** The JSON pointer a problem line names. */
function pointerOf(line: string, display: string): string {
  return line.slice(display.length + 2).split(" ")[0];
}

/** The pointers ajv found wrong: the value itself, or for an unknown or badly named key, that key. */
function reportedPointers(errors: readonly ErrorObject[]): string[] {
  return errors
    .filter((e) => e.keyword !== "required")
    .map((e) => {
      const key = (e.params as { additionalProperty?: string }).additionalProperty ?? e.propertyName;
      if (e.keyword === "additionalProperties" || key !== undefined) return `${e.instancePath}/${pointerSegment(String(key))}`;
      return e.instancePath;
    });
}

const PUSH_TYPES = new Set(["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH", "RTMP_PUSH"]);
const PULL_TYPES = new Set(["RTMP_PULL", "URL_PULL", "MP4_FILE", "TS_FILE"]);
/** Which type-specific block each contribution type reads. */
const BLOCK_FOR_TYPE: Record<string, "mediaconnect" | "rtmpPush" | "pull" | "inputDevices" | undefined> = {
  MEDIACONNECT: "mediaconnect",
  RTMP_PUSH: "rtmpPush",
  RTMP_PULL: "pull",
  URL_PULL: "pull",
  MP4_FILE: "pull",
  TS_FILE: "pull",
  INPUT_DEVICE: "inputDevices",
};

/** Reports a problem at a JSON pointer of the event configuration. */
type Say = (pointer: string, text: string) => void;
type MediaConnect = NonNullable<EventConfig["contribution"]["mediaconnect"]>;

/**
 * The checks that need several parts of a schema-valid configuration, one function per part (the
 * order below is the order of the messages).
 */
function checkSemantics(c: EventConfig, profile: EncodingProfile | undefined, display: string, problems: string[], warnings: string[]): void {
  const say: Say = (pointer, text) => problems.push(`${display}: ${pointer} ${text}`);
  checkContributionBlocks(c, say);
  checkAllowlists(c, say);
  checkMediaConnect(c, say);
  checkPull(c, say, warnings, display);
  checkInputDevices(c, say);
  checkOutputLocking(c, say, warnings, display);
  checkState(c, say);
  // Alarms: subscribers that fit their protocol, overrides that fit their family.
  checkAlarms(c.alarms, say, warnings, display);
  checkServiceContracts(c, display, warnings);
  checkPackaging(c, profile, say);
  checkProtection(c, say);
  checkDeliveryNames(c, say, warnings, display);
}

/** Type-specific blocks: the one the type needs must be there, the others must not. */
function checkContributionBlocks(c: EventConfig, say: Say): void {
  const contribution = c.contribution;
  const type = contribution.type;
  const needed = BLOCK_FOR_TYPE[type];
  for (const block of ["mediaconnect", "rtmpPush", "pull", "inputDevices"] as const) {
    const present = contribution[block] !== undefined;
    if (block === needed && !present && block !== "rtmpPush") say("/contribution", `is missing the key "${block}", which contribution.type ${type} needs`);
    if (block !== needed && present) say(`/contribution/${block}`, `is not used by contribution.type ${type}; remove it (it is read only for ${typesUsing(block)})`);
  }
}

/** Allowlists: required where something listens, never where nothing does. */
function checkAllowlists(c: EventConfig, say: Say): void {
  const contribution = c.contribution;
  const type = contribution.type;
  const cidrs = contribution.allowlistCidrs;
  if (PUSH_TYPES.has(type) && !cidrs) say("/contribution", `is missing the key "allowlistCidrs", which contribution.type ${type} needs (the networks your encoders send from)`);
  if (!PUSH_TYPES.has(type) && cidrs) say("/contribution/allowlistCidrs", `is not used by contribution.type ${type}; remove it (only MEDIACONNECT and *_PUSH inputs listen)`);
  if (type === "MEDIACONNECT" && cidrs && cidrs.length > 1) {
    say("/contribution/allowlistCidrs", `has ${cidrs.length} entries, but a MediaConnect source accepts exactly one CIDR; use one block that covers your encoders, or add mediaconnect.secondSource with its own`);
  }
}

/** A MediaConnect source: protocol options, decryption, the feed to other regions, ports and Availability Zones. */
function checkMediaConnect(c: EventConfig, say: Say): void {
  const mc = c.contribution.mediaconnect;
  if (c.contribution.type !== "MEDIACONNECT" || !mc) return;
  const at = "/contribution/mediaconnect";
  if (mc.protocol === "zixi-push" && !mc.streamId) say(at, `is missing the key "streamId", which protocol zixi-push needs`);
  checkDecryption(c, mc, at, say);
  checkRegionalFeed(c, mc, at, say);
  checkPorts(mc, at, say);
  if (mc.secondSource) {
    if (mc.secondSource.failoverMode === "MERGE" && !["rtp", "rtp-fec", "rist"].includes(mc.protocol)) {
      say(`${at}/secondSource/failoverMode`, `MERGE needs two packet-identical RTP or RIST sources (SMPTE 2022-7); use FAILOVER with protocol ${mc.protocol}`);
    }
  }
  checkAvailabilityZones(c, mc, at, say);
}

/** Decryption: only for protocols MediaConnect decrypts, with a secret in each decrypting flow's own region. */
function checkDecryption(c: EventConfig, mc: MediaConnect, at: string, say: Say): void {
  if (mc.decryption && mc.protocol !== "srt-listener" && mc.protocol !== "zixi-push") {
    say(`${at}/decryption`, `is not supported for protocol ${mc.protocol}; MediaConnect decrypts only srt-listener and zixi-push sources`);
  }
  if (mc.decryption) {
    const d = mc.decryption;
    const primary = c.regions[0];
    // Flows that take the feed straight from the encoders decrypt it: the primary region's, and
    // every region's when the encoders send to all of them.
    const decrypting: readonly string[] = mc.regionalFeed.mode === "direct" ? c.regions : [primary];
    const secretRegion = d.secretArn.split(":")[3];
    if (secretRegion !== primary) say(`${at}/decryption/secretArn`, `is in ${secretRegion}, but MediaConnect reads secrets from the flow's own region ${primary} (got ${JSON.stringify(d.secretArn)})`);
    for (const region of decrypting.slice(1)) {
      const arn = d.regionalSecretArns?.[region];
      if (!arn) say(`${at}/decryption`, `has no secret for ${region}: MediaConnect reads secrets from the flow's own region; add regionalSecretArns.${region} with the same secret stored in ${region}`);
      else if (arn.split(":")[3] !== region) say(`${at}/decryption/regionalSecretArns/${region}`, `is in ${arn.split(":")[3]}, not in ${region} (got ${JSON.stringify(arn)})`);
    }
    for (const region of Object.keys(d.regionalSecretArns ?? {})) {
      if (decrypting.slice(1).includes(region)) continue;
      say(
        `${at}/decryption/regionalSecretArns/${region}`,
        mc.regionalFeed.mode === "forward"
          ? `is not used: with regionalFeed.mode "forward" only the primary region (${primary}) receives the encoders' feed; remove it`
          : `is not used: ${region} is not an extra region in /regions (${c.regions.join(", ")}); remove it`,
      );
    }
  }
}

/** The feed from the primary region to the others: enough regions, secrets in every region. */
function checkRegionalFeed(c: EventConfig, mc: MediaConnect, at: string, say: Say): void {
  const feed = mc.regionalFeed;
  if (feed.mode === "forward") {
    if (c.regions.length < 2) say(`${at}/regionalFeed/mode`, `"forward" needs at least two regions in /regions (got ${c.regions.length})`);
    if (feed.protocol === "rist" && feed.secretArns) say(`${at}/regionalFeed/secretArns`, `cannot be used with protocol rist: MediaConnect does not encrypt RIST; use srt or zixi`);
    for (const region of c.regions) {
      const arn = feed.secretArns?.[region];
      if (feed.secretArns && !arn) say(`${at}/regionalFeed/secretArns`, `has no secret for ${region}: an encrypted link needs the same secret in every region`);
      if (arn && arn.split(":")[3] !== region) say(`${at}/regionalFeed/secretArns/${region}`, `is in ${arn.split(":")[3]}, not in ${region} (got ${JSON.stringify(arn)})`);
    }
    for (const region of Object.keys(feed.secretArns ?? {})) {
      if (!(c.regions as readonly string[]).includes(region)) say(`${at}/regionalFeed/secretArns/${region}`, `names a region that is not in /regions (${c.regions.join(", ")})`);
    }
  }
}

/** Ports: none for zixi-push, and no two sources on overlapping ports. */
function checkPorts(mc: MediaConnect, at: string, say: Say): void {
  if (mc.protocol === "zixi-push" && mc.primaryPort !== undefined && (mc.primaryPort !== 5000 || mc.backupPort !== 5001)) {
    // Zixi push always listens on 2088; a port in the config would silently be ignored.
    say(at, `sets ports, but zixi-push sources always listen on port 2088; remove primaryPort and backupPort`);
  }
  const ports = [mc.primaryPort, mc.backupPort];
  if (mc.secondSource) ports.push(mc.primaryPort + mc.secondSource.portOffset, mc.backupPort + mc.secondSource.portOffset);
  // RTP-FEC also uses the two ports after each media port (column and row FEC).
  const width = mc.protocol === "rtp-fec" ? 5 : 1;
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      if (Math.abs(ports[i] - ports[j]) < width) {
        say(at, `uses ports ${ports[i]} and ${ports[j]}, which overlap${width > 1 ? " (rtp-fec also uses port+2 and port+4)" : ""}; choose ports further apart`);
      }
    }
  }
  if (mc.primaryPort > 64000 - 4 && mc.protocol === "rtp-fec") say(`${at}/primaryPort`, `leaves no room for the FEC ports (port+2, port+4 must stay at or below 64000)`);
}

/** Availability Zones: of regions in /regions (the zones themselves: checkValues). */
function checkAvailabilityZones(c: EventConfig, mc: MediaConnect, at: string, say: Say): void {
  for (const region of Object.keys(mc.availabilityZones ?? {})) {
    if (!(c.regions as readonly string[]).includes(region)) say(`${at}/availabilityZones/${region}`, `names a region that is not in /regions (${c.regions.join(", ")})`);
  }
}

/** Pull inputs: one URL per pipeline with the scheme the type reads, and credentials set together or not at all. */
function checkPull(c: EventConfig, say: Say, warnings: string[], display: string): void {
  const contribution = c.contribution;
  const type = contribution.type;
  const pipelines = pipelinesOf(c.channel.class);
  if (PULL_TYPES.has(type) || type === "UDP_PUSH") {
    warnings.push(
      `${display}: /contribution/type ${type} inputs cannot fail over automatically (MediaLive pairs push inputs only: MEDIACONNECT, RTP_PUSH, RTMP_PUSH, INPUT_DEVICE); both inputs are attached, switch to the backup with an input switch schedule action`,
    );
  }
  const pull = contribution.pull;
  if (pull && PULL_TYPES.has(type)) {
    const rtmp = type === "RTMP_PULL";
    (["primaryUrls", "backupUrls"] as const).forEach((key) => {
      const urls = pull[key];
      if (urls.length !== pipelines) say(`/contribution/pull/${key}`, `must list ${pipelines} URL${pipelines > 1 ? "s" : ""}, one per pipeline of a ${c.channel.class} channel (got ${urls.length})`);
      urls.forEach((url, i) => {
        // MediaLive pulls RTMP over rtmp:// only; the other pull types read http(s), S3 or MediaStore.
        const ok = rtmp ? /^rtmp:\/\//.test(url) : !/^rtmps?:\/\//.test(url);
        if (!ok) say(`/contribution/pull/${key}/${i}`, `must be ${rtmp ? "an rtmp://" : "an http(s)://, s3ssl:// or mediastoressl://"} URL for ${type} (got ${JSON.stringify(url)})`);
      });
    });
    if ((pull.username === "") !== (pull.passwordParameter === "")) {
      say("/contribution/pull", `sets only one of username and passwordParameter; set both or neither`);
    }
  }
}

/** Input devices: one per pipeline, none used twice. */
function checkInputDevices(c: EventConfig, say: Say): void {
  const contribution = c.contribution;
  const type = contribution.type;
  const pipelines = pipelinesOf(c.channel.class);
  const devices = contribution.inputDevices;
  if (devices && type === "INPUT_DEVICE") {
    (["primary", "backup"] as const).forEach((key) => {
      if (devices[key].length !== pipelines) say(`/contribution/inputDevices/${key}`, `must list ${pipelines} device${pipelines > 1 ? "s" : ""}, one per pipeline of a ${c.channel.class} channel (got ${devices[key].length})`);
    });
    const all = [...devices.primary, ...devices.backup];
    if (new Set(all).size !== all.length) say("/contribution/inputDevices", `uses a device twice; the primary and backup inputs need different devices`);
  }
}

/**
 * Output locking: the combinations MediaLive refuses are the encoder's rules
 * (modules/encoder/options.ts, with the AWS page for each), reported here at their pointer; the
 * warnings are about what locking cannot do across regions and in a CMAF ingest channel.
 */
function checkOutputLocking(c: EventConfig, say: Say, warnings: string[], display: string): void {
  const ingest = ingestTypeOf(c);
  for (const p of outputLockingProblems(c.channel, ingest)) say(`/${p.path.join("/")}`, p.text);
  if (c.regions.length > 1 && outputLockingOf(c) !== "EPOCH_LOCKING") {
    warnings.push(`${display}: /channel/outputLocking is ${outputLockingOf(c)} with ${c.regions.length} regions: segments will not line up across regions, so a CDN failover between regions restarts playback. Use EPOCH_LOCKING for seamless failover.`);
  }

  if (ingest === "CMAF" && c.channel.start) {
    warnings.push(`${display}: /channel/start is true, but a CMAF ingest channel is created through CloudFormation, which leaves MediaLive channels idle; start it before the event with npm run event -- start (docs/runbook.md)`);
  }
  if (c.regions.length > 1 && ingest === "HLS") {
    warnings.push(`${display}: /channel/ingest is HLS with ${c.regions.length} regions: HLS ingest does not guarantee that the regions number their segments alike, so a CDN failover between regions can mix one region's playlist with the other's segments. Remove channel.ingest (CMAF is the default with more than one region). See docs/ingest.md.`);
  }
}

/** State: the block the backend reads must be there, the other must not. */
function checkState(c: EventConfig, say: Say): void {
  const state = c.state;
  for (const backend of ["s3", "cloud"] as const) {
    if (state.backend === backend && !state[backend]) say("/state", `is missing the key "${backend}", which backend ${backend} needs`);
    if (state.backend !== backend && state[backend]) say(`/state/${backend}`, `is not used by backend ${state.backend}; remove it or set state.backend to "${backend}"`);
  }
}

/** Packaging: endpoints and timing. */
function checkPackaging(c: EventConfig, profile: EncodingProfile | undefined, say: Say): void {
  const pk = c.packaging;
  for (const [name, ep] of Object.entries(pk.endpoints)) {
    const at = `/packaging/endpoints/${name}`;
    if (ep.dash && ep.container !== "CMAF") say(`${at}/dash`, `needs container CMAF (DASH is not served from TS segments)`);
    if (!ep.hls && !ep.lowLatencyHls && !ep.dash) say(at, `serves no manifest; turn on hls, lowLatencyHls or dash`);
  }
  if (pk.manifestWindowSeconds < 3 * pk.segmentDurationSeconds) {
    say("/packaging/manifestWindowSeconds", `must hold at least three segments (${3 * pk.segmentDurationSeconds} s with ${pk.segmentDurationSeconds} s segments) so players can start (got ${pk.manifestWindowSeconds})`);
  }
  if (pk.startoverWindowSeconds < pk.manifestWindowSeconds) {
    say("/packaging/startoverWindowSeconds", `must be at least the manifest window (${pk.manifestWindowSeconds} s) (got ${pk.startoverWindowSeconds})`);
  }
  if (profile) {
    // A whole-second multiple of the GOP is also a multiple of the ingest segment (the shortest
    // whole number of seconds holding whole GOPs), so this one check covers both alignments.
    const ratio = pk.segmentDurationSeconds / profile.video.gopSeconds;
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9) {
      say("/packaging/segmentDurationSeconds", `must be a whole multiple of the profile's GOP (${profile.video.gopSeconds} s in ${profile.name}) so every segment starts on a keyframe (got ${pk.segmentDurationSeconds})`);
    }
  }
}

/** Names and regions of the delivery: the access-log bucket's name, the Origin Shield region. */
function checkDeliveryNames(c: EventConfig, say: Say, warnings: string[], display: string): void {
  // The access-log bucket is named by prefix `<event>-global-cdn-logs-`, and S3 allows bucket
  // prefixes of at most 37 characters: that leaves 20 for the event name.
  if (c.delivery.accessLogs.enabled && c.event.name.length > 20) {
    say("/event/name", `may have at most 20 characters when delivery.accessLogs.enabled is true: the log bucket's name prefix "<name>-global-cdn-logs-" must fit the 37 characters S3 allows (got ${JSON.stringify(c.event.name)}, ${c.event.name.length} characters)`);
  }
  if (c.delivery.originShieldRegion && !c.regions.includes(c.delivery.originShieldRegion)) {
    warnings.push(`${display}: /delivery/originShieldRegion ${c.delivery.originShieldRegion} is not one of the pipeline regions; AWS recommends the Origin Shield region closest to the origin`);
  }
}

/**
 * Checks of single values that need no other part of the configuration to be valid, so they run
 * even when the schema found problems elsewhere. `trusted` says whether the schema passed a value.
 */
function checkValues(data: unknown, trusted: (pointer: string) => boolean, say: Say, warnings: string[], display: string): void {
  const at = (pointer: string): unknown => {
    let node: unknown = data;
    for (const key of pointer.split("/").slice(1)) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Record<string, unknown>)[key.replace(/~1/g, "/").replace(/~0/g, "~")];
    }
    return node;
  };
  const strings = (pointer: string): [string, string][] => {
    const list = at(pointer);
    return Array.isArray(list) ? list.map((v, i) => [`${pointer}/${i}`, v] as [string, unknown]).filter((e): e is [string, string] => typeof e[1] === "string" && trusted(e[0])) : [];
  };
  for (const [pointer, cidr] of strings("/contribution/allowlistCidrs")) checkCidr(cidr, pointer, say, warnings, display);
  const second = "/contribution/mediaconnect/secondSource/allowlistCidr";
  const secondCidr = at(second);
  if (typeof secondCidr === "string" && trusted(second)) checkCidr(secondCidr, second, say, warnings, display);
  for (const [pointer, code] of strings("/delivery/geoRestriction/countries")) {
    if (!COUNTRIES.has(code)) say(pointer, `is not an ISO 3166-1 alpha-2 country code (got ${JSON.stringify(code)}; for example GB, US, DE)`);
  }
  // Configured zones: two different zones of their region, the Contribution construct's rule (one
  // copy, in modules/contribution/zones.ts), for every region whose list the schema passed.
  const zonesAt = "/contribution/mediaconnect/availabilityZones";
  const zones = at(zonesAt);
  if (zones !== null && typeof zones === "object" && !Array.isArray(zones)) {
    const lists = Object.entries(zones).filter(
      (e): e is [string, string[]] => trusted(`${zonesAt}/${pointerSegment(e[0])}`) && Array.isArray(e[1]) && e[1].every((zone) => typeof zone === "string"),
    );
    for (const p of availabilityZonesProblems(Object.fromEntries(lists))) say(`${zonesAt}/${p.path.map(pointerSegment).join("/")}`, p.text);
  }
  checkTags(at, trusted, say);
  const bucket = "/state/s3/bucket";
  const bucketName = at(bucket);
  if (typeof bucketName === "string" && trusted(bucket)) {
    const broken = S3_BUCKET_RULES.find((r) => r.test(bucketName));
    if (broken) say(bucket, `${broken.text}, which S3 does not allow in a bucket name (${S3_NAMING}) (got ${JSON.stringify(bucketName)})`);
  }
  // The access-log bucket's name starts with the event name (modules/delivery: "<event>-global-cdn-logs-").
  const name = at("/event/name");
  if (typeof name === "string" && trusted("/event/name") && at("/delivery/accessLogs/enabled") === true) {
    const broken = S3_BUCKET_RULES.filter((r) => r.prefix).find((r) => r.test(name));
    if (broken) say("/event/name", `${broken.text}; with delivery.accessLogs.enabled the log bucket's name starts with the event name, and S3 does not allow that (${S3_NAMING}) (got ${JSON.stringify(name)})`);
  }
}

/**
 * Tag keys and values must not start with aws: in any case, reserved for AWS:
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/reference.html and
 * https://docs.aws.amazon.com/batch/latest/userguide/tag-restrictions.html (characters and lengths: event.schema.json).
 */
const RESERVED_TAG_PREFIX = /^aws:/i;
/** Tags every resource gets from the pipeline (stacks/common.ts eventTags), and where each comes from. */
const PIPELINE_TAGS: Record<string, string | undefined> = {
  Event: "from event.name",
  Environment: "from event.environment",
  CostCentre: "from event.costCentre",
  ManagedBy: "always live-event-pipeline",
};

function checkTags(at: (pointer: string) => unknown, trusted: (pointer: string) => boolean, say: Say): void {
  const tags = at("/tags");
  if (tags !== null && typeof tags === "object" && !Array.isArray(tags)) {
    for (const [key, value] of Object.entries(tags)) {
      const pointer = `/tags/${pointerSegment(key)}`;
      if (!trusted(pointer)) continue;
      if (RESERVED_TAG_PREFIX.test(key)) say("/tags", `key ${JSON.stringify(key)} is not allowed: the aws: prefix is reserved for tags AWS sets itself`);
      else if (PIPELINE_TAGS[key]) say("/tags", `key ${JSON.stringify(key)} is set by the pipeline (${PIPELINE_TAGS[key]}) and would replace this value; set it there, or choose another key`);
      else if (typeof value === "string" && RESERVED_TAG_PREFIX.test(value)) say(pointer, `must not start with aws:, which is reserved for tags AWS sets itself (got ${JSON.stringify(value)})`);
    }
  }
  const costCentre = at("/event/costCentre");
  if (typeof costCentre === "string" && trusted("/event/costCentre") && RESERVED_TAG_PREFIX.test(costCentre)) {
    say("/event/costCentre", `must not start with aws:, which is reserved for tags AWS sets itself (it becomes the CostCentre tag) (got ${JSON.stringify(costCentre)})`);
  }
}

/** S3's general purpose bucket naming rules beyond characters and length (which the schema checks). */
const S3_NAMING = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html";
const S3_BUCKET_RULES: { readonly test: (name: string) => boolean; readonly text: string; readonly prefix?: boolean }[] = [
  { test: (n) => n.includes(".."), text: "has two adjacent periods" },
  { test: (n) => /^\d{1,3}(\.\d{1,3}){3}$/.test(n), text: "is formatted as an IP address" },
  ...["xn--", "sthree-", "amzn-s3-demo-"].map((p) => ({ test: (n: string) => n.startsWith(p), text: `starts with the reserved prefix ${p}`, prefix: true })),
  ...["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"].map((s) => ({ test: (n: string) => n.endsWith(s), text: `ends with the reserved suffix ${s}` })),
];

function typesUsing(block: string): string {
  return Object.entries(BLOCK_FOR_TYPE)
    .filter(([, b]) => b === block)
    .map(([t]) => t)
    .join(", ");
}

function checkCidr(cidr: string, pointer: string, say: Say, warnings: string[], display: string): void {
  // The schema's ipv4-cidr format has already checked the form (json-file.ts).
  const [address, prefix] = IPv4.parseCIDR(cidr);
  const network = IPv4.networkAddressFromCIDR(cidr).toString();
  if (network !== address.toString()) say(pointer, `has host bits set; did you mean ${network}/${prefix}? (got ${JSON.stringify(cidr)})`);
  if (prefix === 0) warnings.push(`${display}: ${pointer} is 0.0.0.0/0: anyone on the internet can send to this ingest. Narrow it to your encoders' networks unless that is intended.`);
}

/** ISO 3166-1 alpha-2 codes, the values CloudFront geo restriction accepts. */
const COUNTRIES = new Set(iso3166.all().map((c) => c.alpha2));

/** Custom domain, geo rules and DRM: only combinations CloudFront and MediaPackage v2 accept. */
function checkProtection(c: EventConfig, say: Say): void {
  const domain = c.delivery.customDomain;
  if (domain) {
    if (!domain.hostedZoneId && !domain.certificateArn) {
      say("/delivery/customDomain", `needs hostedZoneId (to create and validate a certificate and the DNS records) or certificateArn (an existing certificate; you create the DNS records)`);
    }
    const certRegion = domain.certificateArn?.split(":")[3];
    if (certRegion && certRegion !== CLOUDFRONT_REGION) {
      say("/delivery/customDomain/certificateArn", `is in ${certRegion}, but CloudFront uses certificates from ${CLOUDFRONT_REGION} only (got ${JSON.stringify(domain.certificateArn)})`);
    }
  }
  const waf = c.delivery.waf;
  for (const cidr of waf.allowCidrs) {
    if (waf.denyCidrs.includes(cidr)) say("/delivery/waf", `lists ${cidr} in both allowCidrs and denyCidrs; keep it in one`);
  }

  for (const [name, ep] of Object.entries(c.packaging.endpoints)) {
    const e = ep.encryption;
    if (!e) continue;
    const at = `/packaging/endpoints/${name}/encryption`;
    for (const key of ["spekeUrl", "roleArn"] as const) {
      if (!e[key]) say(at, `is missing the key "${key}": MediaPackage v2 gets every key, clear-key AES-128 included, from a SPEKE v2 key provider`);
    }
    if (e.method === "CLEAR_KEY_AES_128") {
      if (ep.container !== "TS") say(`${at}/method`, `CLEAR_KEY_AES_128 needs container TS (CMAF endpoints use DRM: method SPEKE with drmSystems) (got container ${ep.container})`);
      if (e.drmSystems) say(`${at}/drmSystems`, `is not used with method CLEAR_KEY_AES_128; remove it`);
      continue;
    }
    const drm = e.drmSystems ?? [];
    if (drm.length === 0) say(at, `is missing the key "drmSystems", which method SPEKE needs (FAIRPLAY, WIDEVINE, PLAYREADY)`);
    if (ep.container === "TS" && drm.some((d) => d !== "FAIRPLAY")) {
      say(`${at}/drmSystems`, `must be ["FAIRPLAY"] on a TS endpoint: Widevine and PlayReady protect CMAF only (got ${JSON.stringify(drm)})`);
    }
    if (ep.dash && drm.length > 0 && drm.every((d) => d === "FAIRPLAY")) {
      say(`${at}/drmSystems`, `has only FAIRPLAY, which DASH players cannot use; add WIDEVINE or PLAYREADY, or turn off dash for this endpoint`);
    }
  }
}

/** Reads the signed-URL public keys; refuses private keys and anything that is not an RSA-2048 public key. */
function readPublicKeys(c: EventConfig, display: string, baseDir: string, problems: string[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const [name, file] of Object.entries(c.delivery.signedUrls?.publicKeys ?? {})) {
    const at = `${display}: /delivery/signedUrls/publicKeys/${name}`;
    const read = readInputText(path.resolve(baseDir, file));
    if ("problem" in read) {
      problems.push(`${at} names a file that cannot be read (got ${JSON.stringify(file)}, resolved against the config file's folder)${read.missing ? "" : `: ${read.problem}`}`);
      continue;
    }
    const pem = read.text;
    if (/PRIVATE KEY/.test(pem)) {
      problems.push(`${at} is a private key (got ${JSON.stringify(file)}): CloudFront needs only the public key; keep the private key with the service that signs URLs, never in this repository`);
      continue;
    }
    try {
      const key = crypto.createPublicKey(pem);
      const bits = key.asymmetricKeyDetails?.modulusLength;
      if (key.asymmetricKeyType !== "rsa" || bits !== 2048) {
        problems.push(`${at} must be an RSA 2048-bit public key, which CloudFront requires (got ${key.asymmetricKeyType ?? "unknown"}${bits ? ` ${bits}-bit` : ""} in ${JSON.stringify(file)})`);
        continue;
      }
    } catch {
      problems.push(`${at} is not a PEM public key (expected -----BEGIN PUBLIC KEY----- in ${JSON.stringify(file)})`);
      continue;
    }
    keys[name] = pem.trim() + "\n";
  }
  return keys;
}
