// The glass-to-glass latency model, per endpoint and manifest. Pure: no files, no environment.
//
//   expected = contribution + encoder + newest segment + manifest cache + player hold-back
//
//   contribution    MediaConnect's receive buffer: SRT minLatencyMs; RIST and Zixi maxLatencyMs;
//                   RTP none; plus the MERGE recovery window. Other input types: not modelled (0).
//   encoder         MediaLive: one GOP of look-ahead (lookAheadRateControl HIGH) plus one second to
//                   encode and write. An assumption, not a measurement.
//   newest segment  a player joins at a random moment; the newest complete segment (HLS, DASH) or
//                   part (low-latency HLS) is then on average half a segment (part) old.
//   manifest cache  CloudFront keeps an HLS or DASH manifest up to ceil(S/2) s (the default TTL the
//                   delivery module sets), so a player's copy is on average half of that old.
//                   Low-latency HLS reloads block until the next part exists and are keyed by
//                   _HLS_msn/_HLS_part, so they are never stale: 0.
//   hold-back       HLS and DASH players start N segments behind the newest (report.player.
//                   segmentsBehindLive, 3 by default as the HLS specification asks); low-latency
//                   HLS players start M parts behind (report.player.partsBehindLive, 3).
//
// S is packaging.segmentDurationSeconds. The part length P is the ingest segment MediaLive pushes
// (the shortest whole number of seconds holding whole GOPs, 1 s for a 1 s GOP): MediaPackage can
// publish a part only once the data for it has arrived. That P equals the ingest segment is an
// assumption of this model.
import { ingestSegmentSeconds } from "../encoding-profiles/profiles";
import type { LoadedEvent } from "../config/types";
import { MANIFEST_LABEL, ManifestKind } from "./cost";

/** The parts of one expected latency, in seconds. */
export interface LatencyParts {
  readonly contribution: number;
  readonly encoder: number;
  readonly newestSegment: number;
  readonly manifestCache: number;
  readonly holdBack: number;
  readonly expected: number;
}

export interface LatencyRow extends LatencyParts {
  readonly endpoint: string;
  readonly container: string;
  readonly manifest: ManifestKind;
  /** The configured goal for this manifest kind, if any. */
  readonly target?: number;
}

export interface LatencyEstimate {
  readonly rows: readonly LatencyRow[];
  /** The segment and part lengths the rows are computed with. */
  readonly segmentSeconds: number;
  readonly partSeconds: number;
  readonly notes: readonly string[];
  readonly warnings: readonly string[];
}

/** MediaLive's assumed processing delay for a GOP length. */
export function encoderDelay(gopSeconds: number): number {
  return gopSeconds + 1;
}

/** The receive buffer MediaConnect adds before MediaLive sees the feed, in seconds. */
export function contributionDelay(loaded: LoadedEvent): number {
  const c = loaded.config.contribution;
  if (c.type !== "MEDIACONNECT" || !c.mediaconnect) return 0;
  const mc = c.mediaconnect;
  const buffer = mc.protocol === "srt-listener" ? mc.minLatencyMs : mc.protocol === "rist" || mc.protocol === "zixi-push" ? mc.maxLatencyMs : 0;
  const merge = mc.secondSource?.failoverMode === "MERGE" ? mc.secondSource.recoveryWindowMs : 0;
  return (buffer + merge) / 1000;
}

/** The parts of the expected latency of one manifest kind for a segment length. */
export function latencyFor(kind: ManifestKind, loaded: LoadedEvent, segmentSeconds: number): LatencyParts {
  const { config, profile } = loaded;
  const contribution = contributionDelay(loaded);
  const encoder = encoderDelay(profile.video.gopSeconds);
  if (kind === "lowLatencyHls") {
    const part = ingestSegmentSeconds(profile.video.gopSeconds);
    const holdBack = config.report.player.partsBehindLive * part;
    return sum({ contribution, encoder, newestSegment: part / 2, manifestCache: 0, holdBack });
  }
  const holdBack = config.report.player.segmentsBehindLive * segmentSeconds;
  return sum({ contribution, encoder, newestSegment: segmentSeconds / 2, manifestCache: Math.ceil(segmentSeconds / 2) / 2, holdBack });
}

function sum(p: Omit<LatencyParts, "expected">): LatencyParts {
  return { ...p, expected: p.contribution + p.encoder + p.newestSegment + p.manifestCache + p.holdBack };
}

/** Seconds for people: one decimal at most, none when whole. */
export function seconds(x: number): string {
  return `${Number(x.toFixed(1))} s`;
}

/** Expected latency of every manifest every endpoint serves, and warnings where a goal is missed. */
export function estimateLatency(loaded: LoadedEvent, display: string): LatencyEstimate {
  const { config, profile } = loaded;
  const segment = config.packaging.segmentDurationSeconds;
  const part = ingestSegmentSeconds(profile.video.gopSeconds);
  const targets = config.report.latencyTargetSeconds ?? {};
  const endpoints = Object.entries(config.packaging.endpoints).sort(([a], [b]) => a.localeCompare(b));

  const rows: LatencyRow[] = [];
  for (const [name, ep] of endpoints) {
    for (const kind of ["hls", "lowLatencyHls", "dash"] as const) {
      if (!ep[kind]) continue;
      rows.push({ endpoint: name, container: ep.container, manifest: kind, target: targets[kind], ...latencyFor(kind, loaded, segment) });
    }
  }

  const warnings: string[] = [];
  for (const kind of ["hls", "lowLatencyHls", "dash"] as const) {
    const target = targets[kind];
    if (target === undefined) continue;
    const at = `/report/latencyTargetSeconds/${kind}`;
    const serving = endpoints.filter(([, ep]) => ep[kind]).map(([name]) => name);
    if (serving.length === 0) {
      warnings.push(`${display}: ${at} is set, but no endpoint serves ${MANIFEST_LABEL[kind]}; remove the goal or turn on ${kind} on an endpoint`);
      continue;
    }
    const now = latencyFor(kind, loaded, segment);
    if (now.expected <= target) continue;
    const who = `${MANIFEST_LABEL[kind]} from ${serving.length === 1 ? "endpoint" : "endpoints"} ${serving.map((n) => JSON.stringify(n)).join(", ")}`;
    const head = `${display}: ${at} is ${seconds(target)}, but ${who} is expected ${seconds(now.expected)} behind live`;
    if (kind === "lowLatencyHls") {
      const n = config.report.player.partsBehindLive;
      warnings.push(
        `${head}: players hold back ${n} parts of ${seconds(part)} (${seconds(now.holdBack)}; parts follow MediaLive's ${seconds(part)} segments for a ${seconds(profile.video.gopSeconds)} GOP), plus ${seconds(now.contribution)} contribution buffer, ${seconds(now.encoder)} encoding and ${seconds(now.newestSegment)} for the newest part. Lower the contribution buffer or raise the goal.`,
      );
      continue;
    }
    const n = config.report.player.segmentsBehindLive;
    const why = `${head}: players hold back ${n} segments of ${seconds(segment)} (${seconds(now.holdBack)}) on top of ${seconds(now.expected - now.holdBack)} of contribution, encoding and segment delay.`;
    warnings.push(`${why} ${remedy(kind, loaded, target, serving)}`);
  }

  const notes: string[] = [];
  const type = config.contribution.type;
  if (type !== "MEDIACONNECT") {
    notes.push(`Contribution is 0 s: the delay before a ${type} input reaches MediaLive (network, sender buffers${type === "URL_PULL" ? ", the source's own segments" : ""}) is not modelled.`);
  }
  const feed = type === "MEDIACONNECT" ? config.contribution.mediaconnect?.regionalFeed : undefined;
  if (feed?.mode === "forward" && config.regions.length > 1) {
    notes.push(`After a failover to ${config.regions.slice(1).join(", ")}, add the forwarded link's buffer (regionalFeed.latencyMs): ${seconds(feed.latencyMs / 1000)}.`);
  }
  return { rows, segmentSeconds: segment, partSeconds: part, notes, warnings };
}

/** What would meet a missed HLS or DASH goal: a shorter segment, else low-latency HLS, else neither. */
function remedy(kind: "hls" | "dash", loaded: LoadedEvent, target: number, serving: readonly string[]): string {
  const { config, profile } = loaded;
  const step = ingestSegmentSeconds(profile.video.gopSeconds);
  const segment = config.packaging.segmentDurationSeconds;
  // Packaging segments must be whole multiples of the ingest segment (the loader checks it).
  const candidates: number[] = [];
  for (let s = segment - step; s >= step; s -= step) candidates.push(s);
  const fits = candidates.find((s) => latencyFor(kind, loaded, s).expected <= target);
  if (fits !== undefined) {
    return `Segments of ${seconds(fits)} would bring it to ${seconds(latencyFor(kind, loaded, fits).expected)} (packaging.segmentDurationSeconds).`;
  }
  const shortest = `${seconds(step)} segments: ${seconds(latencyFor(kind, loaded, step).expected)}`;
  const low = latencyFor("lowLatencyHls", loaded, segment).expected;
  const hasLow = serving.some((name) => config.packaging.endpoints[name].lowLatencyHls);
  if (low <= target) {
    return `No segment length reaches it (${shortest}); ${hasLow ? "point players at the low-latency HLS manifest" : "turn on lowLatencyHls and point players at it"} (expected ${seconds(low)}).`;
  }
  return `No segment length reaches it (${shortest}), nor does low-latency HLS (${seconds(low)}): lower the contribution buffer or raise the goal.`;
}
