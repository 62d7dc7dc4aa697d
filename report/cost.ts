// The hourly cost model: quantities from the event configuration and its encoding profile, unit
// prices from the price table. Pure: no files, no environment.
import { ingestSegmentSeconds } from "../encoding-profiles/profiles";
import type { EncodingProfile, LoadedEvent, PricingZone, ProfileOutput, Rendition, SupportedRegion } from "../config/types";
import { pipelinesOf } from "../modules/encoder/options";
import { PriceFound, PriceTable, regionalPrice, zonePrice } from "./prices";

/** AWS bills data transfer in GB of 2^30 bytes. */
export const BYTES_PER_GB = 2 ** 30;

/** GB per hour carried by a stream of `bitsPerSecond`. */
export function gbPerHour(bitsPerSecond: number): number {
  return (bitsPerSecond * 3600) / 8 / BYTES_PER_GB;
}

/**
 * The CloudFront pricing zone viewers near a region are in (the default audience location). The
 * compiler holds the keys to the schema's region list (as for modules/naming REGION_CODES).
 */
export const ZONE_OF_REGION: Readonly<Record<string, PricingZone>> = {
  "us-east-1": "northAmerica",
  "us-east-2": "northAmerica",
  "us-west-1": "northAmerica",
  "us-west-2": "northAmerica",
  "ca-central-1": "northAmerica",
  "sa-east-1": "southAmerica",
  "eu-west-1": "europe",
  "eu-west-2": "europe",
  "eu-west-3": "europe",
  "eu-central-1": "europe",
  "eu-north-1": "europe",
  "ap-south-1": "india",
  "ap-northeast-1": "japan",
  "ap-northeast-2": "asiaPacific",
  "ap-southeast-1": "asiaPacific",
  "ap-southeast-2": "australia",
} satisfies Record<SupportedRegion, PricingZone>;

const INPUT_SPEC_BITRATE: Record<EncodingProfile["inputSpecification"]["maximumBitrate"], number> = {
  MAX_10_MBPS: 10_000_000,
  MAX_20_MBPS: 20_000_000,
  MAX_50_MBPS: 50_000_000,
};

export type ManifestKind = "hls" | "lowLatencyHls" | "dash";
export const MANIFEST_LABEL: Record<ManifestKind, string> = { hls: "HLS", lowLatencyHls: "low-latency HLS", dash: "DASH" };

/** One priced quantity per hour. */
export interface CostLine {
  /** A region, or "CloudFront" for the global delivery. */
  readonly scope: string;
  readonly item: string;
  /** Units consumed per hour of the event. */
  readonly quantity: number;
  readonly unit: string;
  /** USD per unit; undefined when the table has no price for it. */
  readonly unitPrice?: number;
  /** USD per hour; undefined when unpriced. */
  readonly perHour?: number;
  /** Why the unit price is an assumption (undefined when it is sourced). */
  readonly assumption?: string;
  /** The price the table lacks, for an unpriced line. */
  readonly missing?: string;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  /** USD per hour by scope, in the order the scopes appear. */
  readonly subtotals: readonly { readonly scope: string; readonly usd: number }[];
  readonly total: number;
  /** The modelling assumptions, in words, for the report. */
  readonly assumptions: readonly string[];
  /** Things a user should look at (an unplayable playback choice, unpriced lines). */
  readonly warnings: readonly string[];
}

/** The audience the estimate is for, with defaults resolved. */
export interface Audience {
  readonly viewers: number;
  readonly averageBitrate: number;
  /** Shares by zone, normalised to sum to 1. */
  readonly shares: Readonly<Partial<Record<PricingZone, number>>>;
  readonly playback: ManifestKind;
  readonly cacheHitRatio: number;
}

/** Manifest kinds served by at least one endpoint, in a fixed order. */
export function servedManifests(loaded: LoadedEvent): ManifestKind[] {
  const endpoints = Object.values(loaded.config.packaging.endpoints);
  return (["hls", "lowLatencyHls", "dash"] as const).filter((kind) => endpoints.some((ep) => ep[kind]));
}

/** The audience with every default filled in (see the report.audience keys in the schema). */
export function resolveAudience(loaded: LoadedEvent): Audience {
  const { config, profile } = loaded;
  const a = config.report.audience;
  const topVideo = profile.renditions[0].bitrate;
  const firstAudio = profile.audio[0]?.bitrate ?? 0;
  const locations: Partial<Record<PricingZone, number>> = a.locations ?? { [ZONE_OF_REGION[config.regions[0]] ?? "northAmerica"]: 1 };
  const sum = Object.values(locations).reduce((s, v) => s + (v ?? 0), 0);
  const shares: Partial<Record<PricingZone, number>> = {};
  for (const [zone, weight] of Object.entries(locations)) shares[zone as PricingZone] = (weight ?? 0) / sum;
  const served = servedManifests(loaded);
  return {
    viewers: a.viewers,
    averageBitrate: a.averageBitrate ?? topVideo + firstAudio,
    shares,
    playback: a.playback ?? served[0] ?? "hls",
    cacheHitRatio: a.cacheHitRatio,
  };
}

/**
 * Requests one viewer makes per hour. Every segment period a player reloads the video and the
 * audio playlist and fetches one video and one audio segment (both endpoint kinds put audio in its
 * own rendition); low-latency HLS does the same per part; DASH reloads one manifest per segment
 * (minUpdatePeriod is the segment length) and fetches one video and one audio segment.
 */
export function requestsPerViewerHour(kind: ManifestKind, segmentSeconds: number, partSeconds: number): number {
  if (kind === "lowLatencyHls") return (4 * 3600) / partSeconds;
  if (kind === "dash") return (3 * 3600) / segmentSeconds;
  return (4 * 3600) / segmentSeconds;
}

/** MediaLive's resolution tier of an output: SD below 720 lines, HD up to 1080, UHD above. */
export function resolutionTier(height: number): "SD" | "HD" | "UHD" {
  return height < 720 ? "SD" : height <= 1080 ? "HD" : "UHD";
}

/** The MediaLive price key of a video output's rendition, or undefined above 60 fps (no tier in the table). */
export function outputPriceKey(profile: EncodingProfile, r: Rendition): string | undefined {
  const fps = profile.video.framerate.numerator / profile.video.framerate.denominator;
  const fpsTier = fps <= 30 ? "MAX_30_FPS" : fps <= 60 ? "MAX_60_FPS" : undefined;
  if (!fpsTier) return undefined;
  const bitrateTier = r.bitrate <= 10_000_000 ? "MAX_10_MBPS" : r.bitrate <= 20_000_000 ? "MAX_20_MBPS" : "MAX_50_MBPS";
  return `${profile.video.codec} ${resolutionTier(r.height)} ${bitrateTier} ${fpsTier}`;
}

/** The price key of an audio-only output. */
export const AUDIO_ONLY = "AUDIO_ONLY";

/** Bits per second of one output: its rendition's peak plus its audio tracks (passthrough audio counts 0). */
export function outputBitrate(profile: EncodingProfile, o: ProfileOutput): number {
  const video = profile.renditions.find((r) => r.name === o.video)?.bitrate ?? 0;
  const audio = o.audio.reduce((s, name) => s + (profile.audio.find((a) => a.name === name)?.bitrate ?? 0), 0);
  return video + audio;
}

/** Rounds away floating-point noise (prices times quantities) without losing cents. */
function money(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/**
 * Estimated cost per hour of running the event: per region MediaConnect, MediaLive and
 * MediaPackage, then CloudFront for the stated audience. The primary region serves viewers
 * (MediaPackage egress); the other regions stand by until a CDN failover.
 */
export function estimateCost(loaded: LoadedEvent, table: PriceTable, display: string): CostEstimate {
  const { config, profile } = loaded;
  const lines: CostLine[] = [];
  const warnings: string[] = [];
  const pipelines = pipelinesOf(config.channel.class);
  const primary = config.regions[0];
  const audience = resolveAudience(loaded);
  const segment = config.packaging.segmentDurationSeconds;
  const part = ingestSegmentSeconds(profile.video.gopSeconds);
  const contributionBitrate = config.report.contributionBitrate ?? INPUT_SPEC_BITRATE[profile.inputSpecification.maximumBitrate];
  const mc = config.contribution.type === "MEDIACONNECT" ? config.contribution.mediaconnect : undefined;
  const forward = mc?.regionalFeed?.mode === "forward";
  const flowsPerRegion = 2 * pipelines;
  const viewerGb = audience.viewers * gbPerHour(audience.averageBitrate);

  const add = (scope: string, item: string, quantity: number, unit: string, price: PriceFound | undefined, missing: string): void => {
    if (!price) {
      lines.push({ scope, item, quantity, unit, missing });
      return;
    }
    lines.push({ scope, item, quantity, unit, unitPrice: price.usd, perHour: money(quantity * price.usd), assumption: price.assumption });
  };

  for (const region of config.regions) {
    const price = (pick: Parameters<typeof regionalPrice>[2]) => regionalPrice(table, region, pick);
    if (mc) {
      add(region, "MediaConnect flows", flowsPerRegion, "flow", price((p) => p.mediaConnect?.flowHour), "mediaConnect.flowHour");
      add(region, "MediaConnect to MediaLive", flowsPerRegion * gbPerHour(contributionBitrate), "GB", price((p) => p.mediaConnect?.toMediaLivePerGb), "mediaConnect.toMediaLivePerGb");
      if (forward && region !== primary) {
        // The primary region's flows send one copy per flow here; those outputs belong to, and
        // bill in, the primary region.
        const fromPrimary = (pick: Parameters<typeof regionalPrice>[2]) => regionalPrice(table, primary, pick);
        add(primary, `MediaConnect forward to ${region}`, flowsPerRegion * gbPerHour(contributionBitrate), "GB", fromPrimary((p) => p.mediaConnect?.toOtherRegionPerGb), "mediaConnect.toOtherRegionPerGb");
      }
    }

    const spec = profile.inputSpecification;
    const inputKey = `${spec.codec} ${spec.resolution} ${spec.maximumBitrate}`;
    const cls = config.channel.class;
    add(region, `MediaLive inputs, primary and backup (${cls} ${inputKey})`, 2, "input", price((p) => p.mediaLive?.[cls]?.input?.[inputKey]), `mediaLive.${cls}.input "${inputKey}"`);
    // MediaLive bills every output of the output group: a video output by its video, an
    // audio-only output at the audio-only rate.
    const byKey = new Map<string, string[]>();
    for (const o of profile.outputs) {
      const r = profile.renditions.find((x) => x.name === o.video);
      const key = !r ? AUDIO_ONLY : (outputPriceKey(profile, r) ?? `${profile.video.codec} ${resolutionTier(r.height)} above 60 fps`);
      byKey.set(key, [...(byKey.get(key) ?? []), o.name]);
    }
    for (const [key, names] of byKey) {
      add(region, `MediaLive outputs ${names.join(", ")} (${cls} ${key})`, names.length, "output", price((p) => p.mediaLive?.[cls]?.output?.[key]), `mediaLive.${cls}.output "${key}"`);
    }

    // Every pipeline pushes every output: its video and the audio tracks muxed with it.
    const ingestBitrate = pipelines * profile.outputs.reduce((s, o) => s + outputBitrate(profile, o), 0);
    add(region, "MediaPackage ingest", gbPerHour(ingestBitrate), "GB", price((p) => p.mediaPackage?.ingestPerGb), "mediaPackage.ingestPerGb");
    if (region === primary) {
      add(region, "MediaPackage egress to CloudFront", viewerGb * (1 - audience.cacheHitRatio), "GB", price((p) => p.mediaPackage?.egressPerGb), "mediaPackage.egressPerGb");
    }
  }

  // CloudFront: viewer bytes and requests, each zone billed where the price class serves it.
  const servedFrom = table.cloudFront.priceClasses[config.delivery.priceClass];
  const requests = audience.viewers * requestsPerViewerHour(audience.playback, segment, part);
  for (const [zone, share] of Object.entries(audience.shares) as [PricingZone, number][]) {
    const billedIn = servedFrom.servedFrom[zone];
    const prices = table.cloudFront.zones[billedIn];
    const where = billedIn === zone ? zone : `${zone}, billed as ${billedIn}`;
    const withClass = (p: PriceFound): PriceFound =>
      billedIn !== zone && servedFrom.assumption ? { usd: p.usd, assumption: p.assumption ? `${p.assumption}; ${servedFrom.assumption}` : servedFrom.assumption } : p;
    add("CloudFront", `data transfer out (${where})`, viewerGb * share, "GB", withClass(zonePrice(prices.dataPerGb)), "");
    add("CloudFront", `HTTPS requests (${where})`, (requests * share) / 10_000, "10k requests", withClass(zonePrice(prices.httpsPer10k)), "");
  }

  // Lines billed in the primary region for another one (forwarding) join the primary's block.
  const scopes = [...config.regions, "CloudFront"];
  lines.sort((x, y) => scopes.indexOf(x.scope) - scopes.indexOf(y.scope));
  const subtotals = scopes.map((scope) => ({ scope, usd: money(lines.filter((l) => l.scope === scope).reduce((s, l) => s + (l.perHour ?? 0), 0)) }));
  const total = money(subtotals.reduce((s, t) => s + t.usd, 0));

  const served = servedManifests(loaded);
  if (!served.includes(audience.playback)) {
    warnings.push(`${display}: /report/audience/playback is ${JSON.stringify(audience.playback)}, but no endpoint serves ${MANIFEST_LABEL[audience.playback]}; the request estimate is for a manifest nobody can play (served: ${served.map((k) => MANIFEST_LABEL[k]).join(", ")})`);
  }
  const unpriced = lines.filter((l) => l.perHour === undefined);
  if (unpriced.length > 0) {
    warnings.push(`report: ${unpriced.length} cost line${unpriced.length === 1 ? " has" : "s have"} no price and ${unpriced.length === 1 ? "is" : "are"} left out of the total: ${unpriced.map((l) => `${l.scope} ${l.missing}`).join("; ")}. Add ${unpriced.length === 1 ? "it" : "them"} to the price table.`);
  }

  return { lines, subtotals, total, assumptions: describeAssumptions(loaded, audience, contributionBitrate, viewerGb, part), warnings };
}

function mbps(bits: number): string {
  return `${Number((bits / 1e6).toFixed(3))} Mb/s`;
}

function describeAssumptions(loaded: LoadedEvent, audience: Audience, contributionBitrate: number, viewerGb: number, part: number): string[] {
  const { config, profile } = loaded;
  const a = config.report.audience;
  const top = profile.renditions[0];
  const audio = profile.audio[0];
  const primary = config.regions[0];
  const zones = Object.entries(audience.shares)
    .map(([zone, share]) => `${zone} ${Number(((share ?? 0) * 100).toFixed(1))}%`)
    .join(", ");
  const segment = config.packaging.segmentDurationSeconds;
  const perViewer = requestsPerViewerHour(audience.playback, segment, part);
  const out: string[] = [];
  out.push(
    `Audience: ${audience.viewers.toLocaleString("en-US")} concurrent viewers at ${mbps(audience.averageBitrate)} each` +
      (a.averageBitrate === undefined ? ` (default: the top rendition ${top.name} ${mbps(top.bitrate)}${audio?.bitrate ? ` plus audio ${mbps(audio.bitrate)}` : ""}; an upper bound, QVBR averages less)` : "") +
      `, in ${zones}` +
      (a.locations === undefined ? ` (default: the zone of ${primary})` : "") +
      `: ${Number(viewerGb.toFixed(1)).toLocaleString("en-US")} GB an hour.`,
  );
  out.push(
    `CloudFront: first price tier (the first 10 TB a month; at this rate the event passes 10 TB after ${Number(((10 * 1024) / Math.max(viewerGb, 1e-9)).toFixed(1))} hours and later GB cost less); viewers billed where ${config.delivery.priceClass} serves them.`,
  );
  out.push(
    `Requests: viewers play ${MANIFEST_LABEL[audience.playback]}${a.playback === undefined ? " (default: the first manifest the endpoints serve)" : ""}, ${Number(perViewer.toFixed(1)).toLocaleString("en-US")} requests per viewer an hour (playlist reloads and segments for video and audio, every ${audience.playback === "lowLatencyHls" ? `${part} s part` : `${segment} s segment`}).`,
  );
  out.push(
    `Origin: ${Number((audience.cacheHitRatio * 100).toFixed(2))}% of viewer bytes come from CloudFront caches, so MediaPackage egress is ${Number(((1 - audience.cacheHitRatio) * 100).toFixed(2))}% of them, all from the primary region ${primary}` +
      (config.regions.length > 1 ? `; ${config.regions.slice(1).join(", ")} serve only after a failover.` : "."),
  );
  if (config.contribution.type === "MEDIACONNECT") {
    out.push(
      `Contribution: ${mbps(contributionBitrate)} per feed${config.report.contributionBitrate === undefined ? ` (default: the input specification's ${profile.inputSpecification.maximumBitrate})` : ""}, through ${2 * pipelinesOf(config.channel.class)} flows per region (primary and backup input, one per pipeline).`,
    );
  }
  out.push(
    `MediaLive: ${config.channel.class} channel; both inputs (primary and backup) bill at the input specification's rate; each of the ${profile.outputs.length} outputs bills by its video (codec, resolution, bitrate and frame-rate tier), audio muxed into it is not billed separately.`,
  );
  out.push(
    "Not included: CloudWatch alarms and logs, S3 access logs, Origin Shield requests, data sent from the encoders to AWS, MediaLive idle charges for stopped channels, taxes, the free tier, reserved or private pricing.",
  );
  return out;
}
