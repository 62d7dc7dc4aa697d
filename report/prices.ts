// The dated price table the cost report multiplies with: report/prices.json, checked against
// report/prices.schema.json. Every price carries either its source or the reason it is assumed.
import Ajv, { ValidateFunction } from "ajv";
import { ConfigError, readJsonFile, validateAgainst } from "../config/json-file";
import type { ChannelClass, PricingZone } from "../config/types";
import shippedTable from "./prices.json";
import priceSchema from "./prices.schema.json";

/** One unit price: sourced (`source` names an entry of `sources`) or assumed (`assumption` says why). */
export interface Price {
  readonly usd: number;
  readonly source?: string;
  readonly assumption?: string;
}

export interface MediaLivePrices {
  /** `"<codec> <resolution> <maximum bitrate>"`, per input and hour. */
  readonly input?: Readonly<Record<string, Price>>;
  /** `"<codec> <resolution> <bitrate tier> <frame-rate tier>"`, per video output and hour. */
  readonly output?: Readonly<Record<string, Price>>;
}

/** The prices of one region; any of them may be missing (the base fills in, or the report says so). */
export interface RegionalPrices {
  readonly mediaConnect?: { readonly flowHour?: Price; readonly toMediaLivePerGb?: Price; readonly toOtherRegionPerGb?: Price };
  readonly mediaLive?: Partial<Record<ChannelClass, MediaLivePrices>>;
  readonly mediaPackage?: { readonly ingestPerGb?: Price; readonly egressPerGb?: Price };
}

export interface ZonePrices {
  readonly label: string;
  readonly dataPerGb: Price;
  readonly httpsPer10k: Price;
}

export type PriceClassName = "PriceClass_100" | "PriceClass_200" | "PriceClass_All";

export interface PriceTable {
  /** The month the prices were checked, `YYYY-MM`. */
  readonly date: string;
  readonly currency: "USD";
  readonly terms: string;
  /** The region `base` is priced for. */
  readonly baseRegion: string;
  readonly sources: Readonly<Record<string, string>>;
  readonly notes?: readonly string[];
  readonly base: RegionalPrices;
  readonly regions: Readonly<Record<string, RegionalPrices>>;
  readonly cloudFront: {
    readonly zones: Readonly<Record<PricingZone, ZonePrices>>;
    readonly priceClasses: Readonly<Record<PriceClassName, { readonly servedFrom: Readonly<Record<PricingZone, PricingZone>>; readonly assumption?: string }>>;
  };
}

/** A price looked up for a region, with what the report says about it. */
export interface PriceFound {
  readonly usd: number;
  /** Why the price is an assumption for this region, or undefined when it is sourced. */
  readonly assumption?: string;
}

let validatePrices: ValidateFunction | undefined;
let shipped: PriceTable | undefined;

/** The table shipped in report/prices.json (bundled with the tool), checked once. */
export function shippedPrices(): PriceTable {
  shipped ??= checkPrices(structuredClone(shippedTable), "report/prices.json");
  return shipped;
}

/** Reads and checks another price table (for example a copy with negotiated prices). */
export function loadPrices(file: string, display = file): PriceTable {
  const problems: string[] = [];
  const data = readJsonFile(file, display, problems);
  if (data === undefined) throw new ConfigError(problems);
  return checkPrices(data, display);
}

/**
 * The price schema's validator. Like the config loader's (all errors, strict, verbose for the
 * messages), but without checking the schema against the JSON Schema meta-schema and without
 * ajv's code optimisation: that makes compiling about three times faster (roughly 40 ms less on
 * every synth, which prints this report). The tests check the schema against the meta-schema.
 */
function compilePriceSchema(): ValidateFunction {
  return new Ajv({ allErrors: true, strict: true, verbose: true, validateSchema: false, code: { optimize: false } }).compile(priceSchema);
}

/** Validates a parsed price table against its schema, then that every price names a known source. */
export function checkPrices(data: unknown, display: string): PriceTable {
  const problems: string[] = [];
  validatePrices ??= compilePriceSchema();
  if (!validateAgainst(validatePrices, data, display, problems)) throw new ConfigError(problems);
  const table = data as PriceTable;
  const visit = (node: unknown, pointer: string): void => {
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (typeof record.usd === "number") {
      if ((record.source === undefined) === (record.assumption === undefined)) {
        problems.push(`${display}: ${pointer} must have exactly one of "source" (the id of where the price comes from) and "assumption" (why it is assumed)`);
      }
      if (typeof record.source === "string" && !(record.source in table.sources)) {
        problems.push(`${display}: ${pointer}/source names no entry of /sources (got ${JSON.stringify(record.source)}; known: ${Object.keys(table.sources).join(", ")})`);
      }
    }
    for (const [key, child] of Object.entries(record)) visit(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
  };
  visit(table.base, "/base");
  visit(table.regions, "/regions");
  visit(table.cloudFront, "/cloudFront");
  if (problems.length > 0) throw new ConfigError(problems);
  return table;
}

/**
 * A regional price: the region's own entry if it has one, else the base price, which is then an
 * assumption for any region other than the base region (AWS prices differ by region).
 */
export function regionalPrice(table: PriceTable, region: string, pick: (p: RegionalPrices) => Price | undefined): PriceFound | undefined {
  const own = table.regions[region] ? pick(table.regions[region]) : undefined;
  if (own) return { usd: own.usd, assumption: own.assumption };
  const base = pick(table.base);
  if (!base) return undefined;
  if (region === table.baseRegion) return { usd: base.usd, assumption: base.assumption };
  const reason = `${table.baseRegion} price, used where the table has no price for the region`;
  return { usd: base.usd, assumption: base.assumption ? `${reason}, itself assumed: ${base.assumption}` : reason };
}

/** A CloudFront zone price (global, no region fallback). */
export function zonePrice(price: Price): PriceFound {
  return { usd: price.usd, assumption: price.assumption };
}
