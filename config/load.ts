import * as path from "path";
import type { ValidateFunction } from "ajv";
import { ConfigError, compileSchema, readJsonFile, validateAgainst } from "./json-file";
import { ingestSegmentSeconds, listProfiles, loadProfileFile } from "./profiles";
import type { EncodingProfile, EventConfig, LoadedEvent } from "./types";
import eventSchema from "./event.schema.json";

export { ConfigError } from "./json-file";

let validateEvent: ValidateFunction | undefined;

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
  return checkEvent(data, display, options.profilesDir);
}

/** Validates an already-parsed configuration (used by tests and by loadEvent). */
export function checkEvent(data: unknown, display: string, profilesDir: string): LoadedEvent {
  const problems: string[] = [];
  const warnings: string[] = [];
  validateEvent ??= compileSchema(eventSchema);
  // ajv fills defaults into the object it validates; work on a copy so callers keep theirs.
  const copy = structuredClone(data);
  if (!validateAgainst(validateEvent, copy, display, problems)) throw new ConfigError(problems);
  const config = copy as EventConfig;

  const profileName = config.channel.encodingProfile;
  let profile: EncodingProfile | undefined;
  const available = listProfiles(profilesDir);
  if (!available.includes(profileName)) {
    problems.push(`${display}: /channel/encodingProfile names no profile in encoding-profiles/ (got ${JSON.stringify(profileName)}; available: ${available.join(", ")})`);
  } else {
    const profileFile = path.join(profilesDir, `${profileName}.json`);
    profile = loadProfileFile(profileFile, `encoding-profiles/${profileName}.json`, problems);
  }

  checkSemantics(config, profile, display, problems, warnings);
  if (problems.length > 0 || !profile) throw new ConfigError(problems);
  return { config, profile, warnings };
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

function checkSemantics(c: EventConfig, profile: EncodingProfile | undefined, display: string, problems: string[], warnings: string[]): void {
  const say = (pointer: string, text: string) => problems.push(`${display}: ${pointer} ${text}`);
  const contribution = c.contribution;
  const type = contribution.type;
  const pipelines = c.channel.class === "STANDARD" ? 2 : 1;

  // Type-specific blocks: the one the type needs must be there, the others must not.
  const needed = BLOCK_FOR_TYPE[type];
  for (const block of ["mediaconnect", "rtmpPush", "pull", "inputDevices"] as const) {
    const present = contribution[block] !== undefined;
    if (block === needed && !present && block !== "rtmpPush") say("/contribution", `is missing the key "${block}", which contribution.type ${type} needs`);
    if (block !== needed && present) say(`/contribution/${block}`, `is not used by contribution.type ${type}; remove it (it is read only for ${typesUsing(block)})`);
  }

  // Allowlists: required where something listens, never where nothing does.
  const cidrs = contribution.allowlistCidrs;
  if (PUSH_TYPES.has(type) && !cidrs) say("/contribution", `is missing the key "allowlistCidrs", which contribution.type ${type} needs (the networks your encoders send from)`);
  if (!PUSH_TYPES.has(type) && cidrs) say("/contribution/allowlistCidrs", `is not used by contribution.type ${type}; remove it (only MEDIACONNECT and *_PUSH inputs listen)`);
  cidrs?.forEach((cidr, i) => checkCidr(cidr, `/contribution/allowlistCidrs/${i}`, say, warnings, display));
  if (type === "MEDIACONNECT" && cidrs && cidrs.length > 1) {
    say("/contribution/allowlistCidrs", `has ${cidrs.length} entries, but a MediaConnect source accepts exactly one CIDR; use one block that covers your encoders, or add mediaconnect.secondSource with its own`);
  }

  const mc = contribution.mediaconnect;
  if (type === "MEDIACONNECT" && mc) {
    const at = "/contribution/mediaconnect";
    if (mc.protocol === "zixi-push" && !mc.streamId) say(at, `is missing the key "streamId", which protocol zixi-push needs`);
    if (mc.decryption && mc.protocol !== "srt-listener" && mc.protocol !== "zixi-push") {
      say(`${at}/decryption`, `is not supported for protocol ${mc.protocol}; MediaConnect decrypts only srt-listener and zixi-push sources`);
    }
    if (mc.decryption) {
      const secretRegion = mc.decryption.secretArn.split(":")[3];
      c.regions.forEach((region) => {
        if (region !== secretRegion) say(`${at}/decryption/secretArn`, `is in ${secretRegion}, but MediaConnect reads secrets from the flow's own region ${region} (got ${JSON.stringify(mc.decryption!.secretArn)})`);
      });
    }
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
    if (mc.secondSource) {
      checkCidr(mc.secondSource.allowlistCidr, `${at}/secondSource/allowlistCidr`, say, warnings, display);
      if (mc.secondSource.failoverMode === "MERGE" && !["rtp", "rtp-fec", "rist"].includes(mc.protocol)) {
        say(`${at}/secondSource/failoverMode`, `MERGE needs two packet-identical RTP or RIST sources (SMPTE 2022-7); use FAILOVER with protocol ${mc.protocol}`);
      }
    }
    for (const [region, zones] of Object.entries(mc.availabilityZones ?? {})) {
      if (!c.regions.includes(region)) say(`${at}/availabilityZones/${region}`, `names a region that is not in /regions (${c.regions.join(", ")})`);
      zones.forEach((zone, i) => {
        if (!zone.startsWith(region)) say(`${at}/availabilityZones/${region}/${i}`, `is not an Availability Zone of ${region} (got ${JSON.stringify(zone)})`);
      });
    }
  }

  const pull = contribution.pull;
  if (pull && PULL_TYPES.has(type)) {
    const rtmp = type === "RTMP_PULL";
    (["primaryUrls", "backupUrls"] as const).forEach((key) => {
      const urls = pull[key];
      if (urls.length !== pipelines) say(`/contribution/pull/${key}`, `must list ${pipelines} URL${pipelines > 1 ? "s" : ""}, one per pipeline of a ${c.channel.class} channel (got ${urls.length})`);
      urls.forEach((url, i) => {
        if (rtmp !== /^rtmps?:\/\//.test(url)) say(`/contribution/pull/${key}/${i}`, `must be ${rtmp ? "an rtmp:// or rtmps://" : "an http(s)://, s3ssl:// or mediastoressl://"} URL for ${type} (got ${JSON.stringify(url)})`);
      });
    });
    if ((pull.username === "") !== (pull.passwordParameter === "")) {
      say("/contribution/pull", `sets only one of username and passwordParameter; set both or neither`);
    }
  }

  const devices = contribution.inputDevices;
  if (devices && type === "INPUT_DEVICE") {
    (["primary", "backup"] as const).forEach((key) => {
      if (devices[key].length !== pipelines) say(`/contribution/inputDevices/${key}`, `must list ${pipelines} device${pipelines > 1 ? "s" : ""}, one per pipeline of a ${c.channel.class} channel (got ${devices[key].length})`);
    });
    const all = [...devices.primary, ...devices.backup];
    if (new Set(all).size !== all.length) say("/contribution/inputDevices", `uses a device twice; the primary and backup inputs need different devices`);
  }

  // Output locking: MediaLive refuses epoch locking with SCTE-35 passthrough in an HLS output group,
  // and locks pipelines only in a STANDARD channel.
  const locking = c.channel.outputLocking;
  if (locking === "EPOCH_LOCKING" && c.channel.scte35Passthrough) {
    say("/channel/outputLocking", `EPOCH_LOCKING cannot be combined with SCTE-35 passthrough (MediaLive rejects the channel); set channel.scte35Passthrough to false or use PIPELINE_LOCKING`);
  }
  if (locking && locking !== "DISABLED" && c.channel.class === "SINGLE_PIPELINE") {
    say("/channel/outputLocking", `${locking} needs a STANDARD channel (a SINGLE_PIPELINE channel has nothing to lock against); use DISABLED`);
  }
  if (c.regions.length > 1 && locking !== "EPOCH_LOCKING") {
    warnings.push(`${display}: /channel/outputLocking is ${locking ?? "the default"} with ${c.regions.length} regions: segments will not line up across regions, so a CDN failover between regions restarts playback. Use EPOCH_LOCKING for seamless failover.`);
  }

  // Packaging: endpoints and timing.
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
    const ratio = pk.segmentDurationSeconds / profile.video.gopSeconds;
    const ingest = ingestSegmentSeconds(profile.video.gopSeconds);
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9) {
      say("/packaging/segmentDurationSeconds", `must be a whole multiple of the profile's GOP (${profile.video.gopSeconds} s in ${profile.name}) so every segment starts on a keyframe (got ${pk.segmentDurationSeconds})`);
    } else if (pk.segmentDurationSeconds % ingest !== 0) {
      say("/packaging/segmentDurationSeconds", `must be a whole multiple of the ${ingest} s segments MediaLive sends with ${profile.name}'s ${profile.video.gopSeconds} s GOP (got ${pk.segmentDurationSeconds})`);
    }
  }
  if (c.delivery.originShieldRegion && !c.regions.includes(c.delivery.originShieldRegion)) {
    warnings.push(`${display}: /delivery/originShieldRegion ${c.delivery.originShieldRegion} is not one of the pipeline regions; AWS recommends the Origin Shield region closest to the origin`);
  }
}

function typesUsing(block: string): string {
  return Object.entries(BLOCK_FOR_TYPE)
    .filter(([, b]) => b === block)
    .map(([t]) => t)
    .join(", ");
}

function checkCidr(cidr: string, pointer: string, say: (p: string, t: string) => void, warnings: string[], display: string): void {
  const [ip, bits] = cidr.split("/");
  const prefix = Number(bits);
  const value = ip.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const hostBits = 2 ** (32 - prefix);
  if (value % hostBits !== 0) {
    const network = value - (value % hostBits);
    const dotted = [24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".");
    say(pointer, `has host bits set; did you mean ${dotted}/${prefix}? (got ${JSON.stringify(cidr)})`);
  }
  if (prefix === 0) warnings.push(`${display}: ${pointer} is 0.0.0.0/0: anyone on the internet can send to this ingest. Narrow it to your encoders' networks unless that is intended.`);
}
