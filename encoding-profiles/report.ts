// The ladder table `npm run profile -- <file>` prints for a checked profile.
import { ingestSegmentSeconds } from "./profiles";
import type { EncodingProfile } from "../config/types";

/** Viewers the egress estimate is given for. */
export const VIEWERS = 1000;

/** One row of the table: one output of the ingest group. */
export interface ReportRow {
  readonly output: string;
  readonly resolution: string;
  /** Peak video bits per second (0 for an audio-only output). */
  readonly video: number;
  /** Audio bits per second muxed into the output. */
  readonly audio: number;
  readonly total: number;
}

export interface ProfileNumbers {
  readonly rows: readonly ReportRow[];
  /** Bits per second each pipeline sends to MediaPackage (every output). */
  readonly perPipeline: number;
  /** Bits per second one viewer of the top rendition receives (its video plus the audio it plays). */
  readonly topViewer: number;
  /** Bits per second of egress for VIEWERS viewers of the top rendition. */
  readonly egress: number;
}

/** The numbers behind the table: per output, per pipeline, and egress for 1,000 viewers. */
export function profileNumbers(profile: EncodingProfile): ProfileNumbers {
  const renditions = new Map(profile.renditions.map((r) => [r.name, r]));
  const audio = new Map(profile.audio.map((a) => [a.name, a.bitrate ?? 0]));
  const rows: ReportRow[] = profile.outputs.map((o) => {
    const r = o.video === undefined ? undefined : renditions.get(o.video);
    const audioBits = o.audio.reduce((sum, a) => sum + (audio.get(a) ?? 0), 0);
    const video = r?.bitrate ?? 0;
    return { output: o.name, resolution: r ? `${r.width}x${r.height}` : "audio only", video, audio: audioBits, total: video + audioBits };
  });
  const perPipeline = rows.reduce((sum, row) => sum + row.total, 0);
  // The top rendition's output; a player adds the default audio-only rendition when it carries no audio.
  const top = rows.filter((row) => row.video > 0).sort((a, b) => b.video - a.video)[0];
  const audioOnly = rows.find((row) => row.video === 0);
  const topViewer = top ? top.total + (top.audio === 0 && audioOnly ? audioOnly.total : 0) : 0;
  return { rows, perPipeline, topViewer, egress: topViewer * VIEWERS };
}

/** The table as text: one line per output, then totals and the assumption behind the egress estimate. */
export function profileReport(profile: EncodingProfile): string {
  const n = profileNumbers(profile);
  const v = profile.video;
  const fps = v.framerate.denominator === 1 ? `${v.framerate.numerator}` : `${v.framerate.numerator}/${v.framerate.denominator}`;
  const ingest = ingestSegmentSeconds(v.gopSeconds);
  const spec = profile.inputSpecification;
  const header = [
    `${profile.name} (${profile.format === "ladder" ? "ladder" : "MediaLive template"}): ${v.codec}, ${fps} fps, closed GOP of ${v.gopSeconds} s`,
    `input specification: ${spec.codec}, ${spec.resolution}, ${spec.maximumBitrate}${profile.inputSpecificationDerived ? " (derived from the renditions)" : ""}`,
    `ingest segments: ${ingest} s (packaging.segmentDurationSeconds must be a multiple of ${ingest})`,
    "",
  ];
  const table = [
    ["rendition", "resolution", "video", "audio", "bitrate"],
    ...n.rows.map((row) => [row.output, row.resolution, mbps(row.video), mbps(row.audio), mbps(row.total)]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ").trimEnd();
  const total = widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  const summary = (label: string, value: string) => `${label}${value.padStart(total - label.length)}`;
  return [
    ...header,
    ...table.map(line),
    "",
    summary("total bitrate per pipeline", mbps(n.perPipeline)),
    summary(`egress per ${VIEWERS.toLocaleString("en-US")} viewers`, `${(n.egress / 1e9).toFixed(3)} Gb/s`),
    "",
    "Egress assumes every viewer plays the top rendition at its peak bitrate, with its audio: the worst",
    "case (QVBR renditions usually average below their maximum). Each pipeline of a STANDARD channel",
    "sends the total bitrate to MediaPackage.",
  ].join("\n");
}

function mbps(bits: number): string {
  return `${(bits / 1e6).toFixed(3)} Mb/s`;
}
