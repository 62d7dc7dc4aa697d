// The cost and latency report: what an hour of the event costs, per region and in total, and how
// far behind live viewers are, per endpoint and manifest. `npm run report` prints it; so does the
// end of `npm run synth`.
import type { LoadedEvent } from "../config/types";
import { CostEstimate, CostLine, estimateCost, MANIFEST_LABEL } from "./cost";
import { estimateLatency, LatencyEstimate, seconds } from "./latency";
import { PriceTable, shippedPrices } from "./prices";

export { estimateCost } from "./cost";
export { estimateLatency } from "./latency";
export { checkPrices, loadPrices, shippedPrices } from "./prices";

export interface ReportOptions {
  /** The price table; defaults to the shipped report/prices.json. */
  readonly prices?: PriceTable;
  /** How to name the price table in the report. */
  readonly pricesDisplay?: string;
  /** How to name the configuration file in the report and its warnings. */
  readonly display?: string;
}

export interface Report {
  readonly cost: CostEstimate;
  readonly latency: LatencyEstimate;
  /** Every warning of both parts, one line each. */
  readonly warnings: readonly string[];
}

/** Computes both parts of the report. */
export function buildCostAndLatency(loaded: LoadedEvent, options: ReportOptions = {}): Report {
  const display = options.display ?? "config";
  const cost = estimateCost(loaded, options.prices ?? shippedPrices(), display);
  const latency = estimateLatency(loaded, display);
  return { cost, latency, warnings: [...latency.warnings, ...cost.warnings] };
}

/** The report as text: two tables with their assumptions, then warnings. */
export function formatCostAndLatency(loaded: LoadedEvent, options: ReportOptions = {}): string {
  const table = options.prices ?? shippedPrices();
  const report = buildCostAndLatency(loaded, { ...options, prices: table });
  const { config, profile } = loaded;
  const out: string[] = [];
  out.push(`Cost and latency report for ${config.event.name} (${options.display ?? "config"}, profile ${profile.name}, ${config.channel.class})`);
  out.push("");
  out.push(...formatCost(report.cost, table, options.pricesDisplay ?? "report/prices.json"));
  out.push("");
  out.push(...formatLatency(report.latency));
  if (report.warnings.length > 0) {
    out.push("");
    for (const w of report.warnings) out.push(`warning: ${w}`);
  }
  return out.join("\n");
}

function formatCost(cost: CostEstimate, table: PriceTable, pricesDisplay: string): string[] {
  const out: string[] = [];
  out.push(`Estimated cost per hour (${table.currency}, prices of ${table.date} from ${pricesDisplay}: ${table.terms})`);
  out.push("");
  // Assumed prices get a numbered mark; the reasons follow the table, each once.
  const reasons: string[] = [];
  const mark = (l: CostLine): string => {
    if (!l.assumption) return "";
    let i = reasons.indexOf(l.assumption);
    if (i < 0) i = reasons.push(l.assumption) - 1;
    return ` [${i + 1}]`;
  };
  const rows: string[][] = [];
  let scope = "";
  for (const l of cost.lines) {
    if (l.scope !== scope) {
      if (scope) rows.push(subtotalRow(cost, scope));
      scope = l.scope;
    }
    rows.push([
      l.scope,
      l.item,
      quantityText(l),
      l.unitPrice === undefined ? `no price (${l.missing})` : `${price(l.unitPrice)}${mark(l)}`,
      l.perHour === undefined ? "—" : usd(l.perHour),
    ]);
  }
  if (scope) rows.push(subtotalRow(cost, scope));
  rows.push(["total", "", "", "", usd(cost.total)]);
  out.push(...markdownTable(["where", "what", "quantity per hour", "unit price", "per hour"], rows, [false, false, true, true, true]));
  if (reasons.length > 0) {
    out.push("");
    out.push("Assumed prices (not confirmed against a published price; check and update the price table):");
    reasons.forEach((r, i) => out.push(`[${i + 1}] ${r}`));
  }
  out.push("");
  out.push("Assumptions:");
  for (const a of cost.assumptions) out.push(`- ${a}`);
  return out;
}

function subtotalRow(cost: CostEstimate, scope: string): string[] {
  const t = cost.subtotals.find((s) => s.scope === scope);
  return [scope, "subtotal", "", "", usd(t?.usd ?? 0)];
}

function formatLatency(latency: LatencyEstimate): string[] {
  const out: string[] = [];
  out.push("Expected glass-to-glass latency (seconds behind live)");
  out.push("");
  const rows = latency.rows.map((r) => [
    `${r.endpoint} (${r.container})`,
    MANIFEST_LABEL[r.manifest],
    num(r.contribution),
    num(r.encoder),
    num(r.newestSegment),
    num(r.manifestCache),
    num(r.holdBack),
    num(r.expected),
    r.target === undefined ? "—" : `${num(r.target)}${r.expected > r.target ? " (missed)" : ""}`,
  ]);
  out.push(
    ...markdownTable(
      ["endpoint", "manifest", "contribution", "encoder", "newest segment", "manifest cache", "player hold-back", "expected", "goal"],
      rows,
      [false, false, true, true, true, true, true, true, true],
    ),
  );
  out.push("");
  out.push(
    `expected = contribution (MediaConnect receive buffer) + encoder (one GOP of look-ahead + 1 s) + newest segment (half a segment, or half a part) + manifest cache (half the CDN manifest TTL; 0 for low-latency HLS) + player hold-back (segments or parts behind live x their length). Segments ${seconds(latency.segmentSeconds)}, low-latency HLS parts ${seconds(latency.partSeconds)}.`,
  );
  for (const n of latency.notes) out.push(n);
  return out;
}

/** A markdown table with padded columns; right-aligned columns are marked. */
function markdownTable(header: string[], rows: string[][], right: boolean[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const cell = (text: string, i: number) => (right[i] ? text.padStart(widths[i]) : text.padEnd(widths[i]));
  const line = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (right[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [line(header), rule, ...rows.map(line)];
}

function usd(x: number): string {
  return x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function price(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** "4 flows", "33.53 GB", "360 x 10k requests". */
function quantityText(l: CostLine): string {
  const q = quantity(l.quantity);
  if (l.unit === "GB") return `${q} GB`;
  if (l.unit.startsWith("10k ")) return `${q} x ${l.unit}`;
  return `${q} ${l.unit}${l.quantity === 1 ? "" : "s"}`;
}

function quantity(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString("en-US") : x.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

function num(x: number): string {
  return String(Number(x.toFixed(1)));
}
