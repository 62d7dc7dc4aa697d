import * as path from "path";
import Ajv from "ajv";
import { ConfigError } from "../../config/load";
import type { LoadedEvent } from "../../config/types";
import { buildCostAndLatency, checkPrices, estimateCost, estimateLatency, formatCostAndLatency, loadPrices, shippedPrices } from "../../report";
import type { CostEstimate } from "../../report/cost";
import shippedTable from "../../report/prices.json";
import priceSchema from "../../report/prices.schema.json";
import { FIXTURES_DIR, check, defaultConfig, load, shippedConfigs } from "../support/project";

// Round prices made up for these tests (so the numbers below can be worked out by hand):
// base (us-east-1): flow 0.10/h, MediaConnect→MediaLive 0.02/GB; STANDARD input AVC HD 20 Mb/s
// 1.00/h, outputs AVC HD 2.00/h and AVC SD 1.00/h (the SD one marked assumed); SINGLE_PIPELINE
// input AVC SD 0.25/h, output AVC SD 0.50/h; MediaPackage ingest 0.03/GB, egress 0.05/GB.
// eu-west-1 has its own entry: the same values except ingest 0.04/GB, and no SD output price.
// CloudFront europe: 0.10/GB, 0.01 per 10,000 HTTPS requests.
const prices = loadPrices(path.join(FIXTURES_DIR, "report", "prices.json"), "prices.json");

// GB as AWS bills it: 2^30 = 1,073,741,824 bytes. A stream of b bit/s carries b × 3600 / 8 bytes
// an hour, i.e. b × 450 / 1,073,741,824 GB.

/** perHour of the one line whose item starts with `item` in `scope`. */
function line(cost: CostEstimate, scope: string, item: string) {
  const found = cost.lines.filter((l) => l.scope === scope && l.item.startsWith(item));
  if (found.length !== 1) throw new Error(`expected one ${scope} line starting with "${item}", found ${found.length}`);
  return found[0];
}

function withReport(report: Record<string, unknown>, change: (c: Record<string, any>) => void = () => undefined): LoadedEvent {
  const c = defaultConfig();
  c.report = report;
  change(c);
  return check(c);
}

describe("cost estimate, default event (eu-west-1, STANDARD, HD-1080p, SRT over MediaConnect)", () => {
  const cost = estimateCost(load("config/default.json"), prices, "config/default.json");

  test("MediaConnect: four flows and what they send to MediaLive", () => {
    // 2 inputs × 2 pipelines = 4 flows × 0.10 = 0.40
    expect(line(cost, "eu-west-1", "MediaConnect flows")).toMatchObject({ quantity: 4, unitPrice: 0.1, perHour: 0.4, assumption: undefined });
    // each flow carries the input specification's 20 Mb/s: 20,000,000 × 450 / 2^30 = 8.381903171539307 GB;
    // × 4 flows = 33.52761268615723 GB × 0.02 = 0.6705522537231445
    const transfer = line(cost, "eu-west-1", "MediaConnect to MediaLive");
    expect(transfer.quantity).toBeCloseTo(33.52761268615723, 9);
    expect(transfer.perHour).toBeCloseTo(0.6705522537231445, 9);
  });

  test("MediaLive: two inputs and six outputs priced by resolution tier", () => {
    // primary + backup input at AVC HD MAX_20_MBPS: 2 × 1.00
    expect(line(cost, "eu-west-1", "MediaLive inputs")).toMatchObject({ item: "MediaLive inputs, primary and backup (STANDARD AVC HD MAX_20_MBPS)", quantity: 2, perHour: 2 });
    // 1080p and 720p are HD (720 to 1080 lines), all under 10 Mb/s at 30 fps: 2 × 2.00
    expect(line(cost, "eu-west-1", "MediaLive outputs 1080p")).toMatchObject({ item: "MediaLive outputs 1080p, 720p (STANDARD AVC HD MAX_10_MBPS MAX_30_FPS)", quantity: 2, perHour: 4 });
    // 540p, 432p, 360p, 288p are SD: 4 × 1.00, a base price eu-west-1 does not override
    const sd = line(cost, "eu-west-1", "MediaLive outputs 540p");
    expect(sd).toMatchObject({ item: "MediaLive outputs 540p, 432p, 360p, 288p (STANDARD AVC SD MAX_10_MBPS MAX_30_FPS)", quantity: 4, perHour: 4 });
    expect(sd.assumption).toBe("us-east-1 price, used where the table has no price for the region, itself assumed: a test assumption about SD outputs");
  });

  test("MediaPackage: both pipelines' ingest, and 1% of viewer bytes as egress", () => {
    // per pipeline: video 4.1 + 2.7 + 1.8 + 1.2 + 0.8 + 0.4 = 11.0 Mb/s, plus 96 kb/s audio in each
    // of the 6 outputs = 11,576,000 b/s; 2 pipelines = 23,152,000 b/s × 450 / 2^30 = 9.702891111373901 GB
    // × 0.04 (eu-west-1's own ingest price) = 0.38811564445495605
    const ingest = line(cost, "eu-west-1", "MediaPackage ingest");
    expect(ingest.quantity).toBeCloseTo(9.702891111373901, 9);
    expect(ingest.perHour).toBeCloseTo(0.38811564445495605, 9);
    // viewers: 1,000 × (4,100,000 top rendition + 96,000 audio) = 4,196,000,000 b/s × 450 / 2^30
    // = 1,758.5232853889465 GB; 1% reaches the origin = 17.585232853889465 GB × 0.05 = 0.8792616426944733
    const egress = line(cost, "eu-west-1", "MediaPackage egress");
    expect(egress.quantity).toBeCloseTo(17.585232853889465, 9);
    expect(egress.perHour).toBeCloseTo(0.8792616426944733, 9);
  });

  test("CloudFront: viewer bytes and HLS requests in Europe", () => {
    // 1,758.5232853889465 GB × 0.10 = 175.85232853889465
    const data = line(cost, "CloudFront", "data transfer out");
    expect(data.item).toBe("data transfer out (europe)");
    expect(data.perHour).toBeCloseTo(175.85232853889465, 9);
    // HLS with 4 s segments: 4 requests per segment (video + audio playlist, video + audio segment)
    // = 3,600 per viewer-hour × 1,000 viewers = 3,600,000 = 360 × 10,000 × 0.01 = 3.60
    expect(line(cost, "CloudFront", "HTTPS requests")).toMatchObject({ quantity: 360, perHour: 3.6 });
  });

  test("subtotals per region and the total", () => {
    // eu-west-1: 0.40 + 0.6705522537231445 + 2 + 4 + 4 + 0.38811564445495605 + 0.8792616426944733 = 12.337929540872574
    // CloudFront: 175.85232853889465 + 3.60 = 179.45232853889465; total 191.79025807976723
    expect(cost.subtotals.map((s) => s.scope)).toEqual(["eu-west-1", "CloudFront"]);
    expect(cost.subtotals[0].usd).toBeCloseTo(12.337929540872574, 6);
    expect(cost.subtotals[1].usd).toBeCloseTo(179.45232853889465, 6);
    expect(cost.total).toBeCloseTo(191.79025807976723, 6);
    expect(cost.warnings).toEqual([]);
  });
});

describe("cost estimate, mediaconnect-rtp-fec-merge example (eu-central-1, SINGLE_PIPELINE, SD-540p)", () => {
  const cost = estimateCost(load("config/examples/mediaconnect-rtp-fec-merge.json"), prices, "example.json");

  test("every line, priced with base prices marked as assumed for eu-central-1", () => {
    const regional = cost.lines.filter((l) => l.scope === "eu-central-1");
    expect(regional.map((l) => [l.item, l.quantity, l.perHour])).toEqual([
      // 2 inputs × 1 pipeline = 2 flows × 0.10
      ["MediaConnect flows", 2, 0.2],
      // 2 flows × 10 Mb/s (SD, MAX_10_MBPS) × 450 / 2^30 = 8.381903171539307 GB × 0.02 = 0.16763806343078613
      ["MediaConnect to MediaLive", expect.closeTo(8.381903171539307, 9), expect.closeTo(0.16763806343078613, 9)],
      // 2 × 0.25
      ["MediaLive inputs, primary and backup (SINGLE_PIPELINE AVC SD MAX_10_MBPS)", 2, 0.5],
      // 540p, 432p, 360p, 288p: 4 × 0.50
      ["MediaLive outputs 540p, 432p, 360p, 288p (SINGLE_PIPELINE AVC SD MAX_10_MBPS MAX_30_FPS)", 4, 2],
      // one pipeline: 1.8 + 1.2 + 0.8 + 0.4 Mb/s + 4 × 96 kb/s = 4,584,000 b/s × 450 / 2^30
      // = 1.921132206916809 GB × 0.03 = 0.05763396620750427
      ["MediaPackage ingest", expect.closeTo(1.921132206916809, 9), expect.closeTo(0.05763396620750427, 9)],
      // 1,000 × (1,800,000 + 96,000) b/s × 450 / 2^30 = 794.6044206619263 GB; 1% = 7.946044206619263 × 0.05
      ["MediaPackage egress to CloudFront", expect.closeTo(7.946044206619263, 9), expect.closeTo(0.39730221033096313, 9)],
    ]);
    for (const l of regional) expect(l.assumption).toBe("us-east-1 price, used where the table has no price for the region");
  });

  test("CloudFront, subtotals and total", () => {
    // 794.6044206619263 GB × 0.10 = 79.46044206619263; HLS requests as for the default event: 3.60
    expect(line(cost, "CloudFront", "data transfer out").perHour).toBeCloseTo(79.46044206619263, 9);
    expect(line(cost, "CloudFront", "HTTPS requests").perHour).toBeCloseTo(3.6, 9);
    // eu-central-1: 0.2 + 0.16763806343078613 + 0.5 + 2 + 0.05763396620750427 + 0.39730221033096313 = 3.3225742399692537
    expect(cost.subtotals[0]).toEqual({ scope: "eu-central-1", usd: expect.closeTo(3.3225742399692537, 6) });
    // total: 3.3225742399692537 + 79.46044206619263 + 3.6 = 86.38301630616188
    expect(cost.total).toBeCloseTo(86.38301630616188, 6);
  });
});

describe("report settings in the configuration", () => {
  test("are checked with the configuration, every problem on its own line", () => {
    const c = defaultConfig();
    c.report = { audience: { locations: { mars: 10, europe: 0 } }, latencyTargetSeconds: { hls: -1 }, player: { segmentsBehindLive: 0 } };
    expect(() => check(c)).toThrow(ConfigError);
    try {
      check(c);
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'test.json: /report/audience/locations key "mars" is not allowed: a key must be one of "northAmerica", "europe", "middleEastAfrica", "southAmerica", "japan", "australia", "asiaPacific", "india"',
        "test.json: /report/audience/locations/europe must be > 0 (got 0)",
        "test.json: /report/latencyTargetSeconds/hls must be > 0 (got -1)",
        "test.json: /report/player/segmentsBehindLive must be >= 1 (got 0)",
      ]);
    }
  });

  test("default to 1,000 viewers, a 99% cache hit ratio and players three segments or parts behind", () => {
    expect(load("config/default.json").config.report).toEqual({
      audience: { viewers: 1000, cacheHitRatio: 0.99 },
      player: { segmentsBehindLive: 3, partsBehindLive: 3 },
    });
  });
});

describe("cost estimate, audience settings", () => {
  test("viewer shares by zone are normalised, and a price class bills excluded zones where it serves them", () => {
    const loaded = withReport(
      { audience: { viewers: 2000, averageBitrate: 2_000_000, locations: { europe: 3, southAmerica: 1 } } },
      (c) => (c.delivery.priceClass = "PriceClass_100"),
    );
    const cost = estimateCost(loaded, prices, "test.json");
    // 2,000 × 2,000,000 b/s × 450 / 2^30 = 1,676.3806343078613 GB; europe 3/4 = 1,257.285475730896 GB × 0.10
    expect(line(cost, "CloudFront", "data transfer out (europe)").perHour).toBeCloseTo(125.7285475730896, 9);
    // southAmerica 1/4 = 419.0951585769653 GB, served from North America under PriceClass_100: × 0.08
    const sa = line(cost, "CloudFront", "data transfer out (southAmerica, billed as northAmerica)");
    expect(sa.perHour).toBeCloseTo(33.52761268615723, 9);
    expect(sa.assumption).toBe("test: viewers outside the class are billed where the class serves them");
    // requests: 2,000 × 3,600 = 7,200,000; a quarter = 180 × 10k × 0.0075 (North America) = 1.35
    expect(line(cost, "CloudFront", "HTTPS requests (southAmerica, billed as northAmerica)").perHour).toBeCloseTo(1.35, 9);
  });

  test("low-latency HLS playback requests once per 1 s part", () => {
    const cost = estimateCost(withReport({ audience: { playback: "lowLatencyHls" } }), prices, "test.json");
    // 4 requests per part × 3,600 parts an hour × 1,000 viewers = 14,400,000 = 1,440 × 10k × 0.01 = 14.40
    expect(line(cost, "CloudFront", "HTTPS requests")).toMatchObject({ quantity: 1440, perHour: 14.4 });
  });

  test("a playback kind no endpoint serves is reported", () => {
    const cost = estimateCost(
      withReport({ audience: { playback: "dash" } }, (c) => (c.packaging.endpoints = { ts: { container: "TS" } })),
      prices,
      "test.json",
    );
    expect(cost.warnings).toEqual([
      'test.json: /report/audience/playback is "dash", but no endpoint serves DASH; the request estimate is for a manifest nobody can play (served: HLS, low-latency HLS)',
    ]);
  });

  test("a price the table lacks is shown as missing, left out of the total and reported", () => {
    const table = structuredClone(shippedTable) as any;
    delete table.base.mediaLive.STANDARD.output["AVC HD MAX_10_MBPS MAX_30_FPS"];
    const cost = estimateCost(load("config/default.json"), checkPrices(table, "copy.json"), "config/default.json");
    const hd = line(cost, "eu-west-1", "MediaLive outputs 1080p");
    expect(hd).toMatchObject({ quantity: 2, missing: 'mediaLive.STANDARD.output "AVC HD MAX_10_MBPS MAX_30_FPS"' });
    expect(hd.unitPrice).toBeUndefined();
    expect(hd.perHour).toBeUndefined();
    const priced = cost.lines.reduce((s, l) => s + (l.perHour ?? 0), 0);
    expect(cost.total).toBeCloseTo(priced, 6);
    expect(cost.warnings).toEqual([
      'report: 1 cost line has no price and is left out of the total: eu-west-1 mediaLive.STANDARD.output "AVC HD MAX_10_MBPS MAX_30_FPS". Add it to the price table.',
    ]);
  });
});

describe("latency estimate", () => {
  test("default event: HLS and DASH 19 s, low-latency HLS 7.5 s, per endpoint", () => {
    const { rows, warnings } = estimateLatency(load("config/default.json"), "config/default.json");
    // contribution: SRT minLatencyMs 2000 = 2 s; encoder: 1 s GOP + 1 s = 2 s
    // HLS/DASH, 4 s segments: newest segment 4/2 = 2, manifest cache ceil(4/2)/2 = 1, hold-back 3 × 4 = 12
    //   → 2 + 2 + 2 + 1 + 12 = 19
    // low-latency HLS, 1 s parts: newest part 0.5, no manifest cache, hold-back 3 × 1 = 3 → 2 + 2 + 0.5 + 3 = 7.5
    expect(rows.map((r) => [r.endpoint, r.manifest, r.contribution, r.encoder, r.newestSegment, r.manifestCache, r.holdBack, r.expected])).toEqual([
      ["cmaf", "hls", 2, 2, 2, 1, 12, 19],
      ["cmaf", "lowLatencyHls", 2, 2, 0.5, 0, 3, 7.5],
      ["cmaf", "dash", 2, 2, 2, 1, 12, 19],
      ["ts", "hls", 2, 2, 2, 1, 12, 19],
      ["ts", "lowLatencyHls", 2, 2, 0.5, 0, 3, 7.5],
    ]);
    expect(warnings).toEqual([]);
  });

  test("mediaconnect-rtp-fec-merge example: RTP buffers nothing, MERGE waits 300 ms", () => {
    const { rows } = estimateLatency(load("config/examples/mediaconnect-rtp-fec-merge.json"), "example.json");
    // contribution 0 + 0.3 (recoveryWindowMs 300); 0.3 + 2 + 2 + 1 + 12 = 17.3
    expect(rows).toEqual([expect.objectContaining({ endpoint: "hls", manifest: "hls", contribution: 0.3, expected: expect.closeTo(17.3, 9) })]);
  });

  test("players held further back follow report.player", () => {
    const { rows } = estimateLatency(withReport({ player: { segmentsBehindLive: 2, partsBehindLive: 4 } }), "test.json");
    // HLS: 2 + 2 + 2 + 1 + 2 × 4 = 15; low-latency HLS: 2 + 2 + 0.5 + 4 × 1 = 8.5
    expect(rows.filter((r) => r.endpoint === "ts").map((r) => r.expected)).toEqual([15, 8.5]);
  });
});

describe("latency goals", () => {
  test("6 s segments with a 3 s HLS goal: no segment length and not low-latency HLS either", () => {
    const loaded = withReport({ latencyTargetSeconds: { hls: 3 } }, (c) => (c.packaging.segmentDurationSeconds = 6));
    // HLS: 2 + 2 + 6/2 + ceil(6/2)/2 + 3 × 6 = 2 + 2 + 3 + 1.5 + 18 = 26.5; 1 s segments: 2 + 2 + 0.5 + 0.5 + 3 = 8
    expect(estimateLatency(loaded, "test.json").warnings).toEqual([
      'test.json: /report/latencyTargetSeconds/hls is 3 s, but HLS from endpoints "cmaf", "ts" is expected 26.5 s behind live: players hold back 3 segments of 6 s (18 s) on top of 8.5 s of contribution, encoding and segment delay. No segment length reaches it (1 s segments: 8 s), nor does low-latency HLS (7.5 s): lower the contribution buffer or raise the goal.',
    ]);
  });

  test("a goal shorter segments would meet names the longest segment that does", () => {
    const loaded = withReport({ latencyTargetSeconds: { hls: 12 } }, (c) => (c.packaging.segmentDurationSeconds = 6));
    // 5 s: 2 + 2 + 2.5 + 1.5 + 15 = 23; 4 s: 19; 3 s: 2 + 2 + 1.5 + 1 + 9 = 15.5; 2 s: 2 + 2 + 1 + 0.5 + 6 = 11.5 ≤ 12
    expect(estimateLatency(loaded, "test.json").warnings).toEqual([
      'test.json: /report/latencyTargetSeconds/hls is 12 s, but HLS from endpoints "cmaf", "ts" is expected 26.5 s behind live: players hold back 3 segments of 6 s (18 s) on top of 8.5 s of contribution, encoding and segment delay. Segments of 2 s would bring it to 11.5 s (packaging.segmentDurationSeconds).',
    ]);
  });

  test("a goal only low-latency HLS meets points players at it", () => {
    const loaded = withReport({ latencyTargetSeconds: { hls: 7.5 } });
    // 1 s segments: 8 s > 7.5; low-latency HLS: 7.5 s
    expect(estimateLatency(loaded, "test.json").warnings).toEqual([
      'test.json: /report/latencyTargetSeconds/hls is 7.5 s, but HLS from endpoints "cmaf", "ts" is expected 19 s behind live: players hold back 3 segments of 4 s (12 s) on top of 7 s of contribution, encoding and segment delay. No segment length reaches it (1 s segments: 8 s); point players at the low-latency HLS manifest (expected 7.5 s).',
    ]);
  });

  test("a missed low-latency goal names what it is made of", () => {
    const loaded = withReport({ latencyTargetSeconds: { lowLatencyHls: 5 } });
    expect(estimateLatency(loaded, "test.json").warnings).toEqual([
      'test.json: /report/latencyTargetSeconds/lowLatencyHls is 5 s, but low-latency HLS from endpoints "cmaf", "ts" is expected 7.5 s behind live: players hold back 3 parts of 1 s (3 s; parts follow MediaLive\'s 1 s segments for a 1 s GOP), plus 2 s contribution buffer, 2 s encoding and 0.5 s for the newest part. Lower the contribution buffer or raise the goal.',
    ]);
  });

  test("a goal for a manifest no endpoint serves is reported; goals that are met are not", () => {
    const loaded = withReport({ latencyTargetSeconds: { hls: 20, dash: 10 } }, (c) => (c.packaging.endpoints = { ts: { container: "TS" } }));
    expect(estimateLatency(loaded, "test.json").warnings).toEqual([
      "test.json: /report/latencyTargetSeconds/dash is set, but no endpoint serves DASH; remove the goal or turn on dash on an endpoint",
    ]);
  });
});

describe("the printed report", () => {
  const text = formatCostAndLatency(withReport({ latencyTargetSeconds: { lowLatencyHls: 5 } }), { prices, display: "test.json", pricesDisplay: "prices.json" });
  const lines = text.split("\n");

  test("names the event, the price table and its date", () => {
    expect(lines[0]).toBe("Cost and latency report for demo-live (test.json, profile HD-1080p, STANDARD)");
    expect(text).toContain("Estimated cost per hour (USD, prices of 2026-01 from prices.json: Round test prices, so that the expected costs can be worked out by hand.)");
  });

  test("marks assumed prices and explains them once", () => {
    const sd = lines.find((l) => l.includes("MediaLive outputs 540p"))!;
    expect(sd).toMatch(/\| +1 \[1\] \| +4\.00 \|$/);
    expect(lines).toContain("[1] us-east-1 price, used where the table has no price for the region, itself assumed: a test assumption about SD outputs");
    expect(text).not.toContain("[2]");
  });

  test("prints subtotals, the total, the assumptions, the latency table and the warnings", () => {
    expect(lines.find((l) => l.startsWith("| eu-west-1 ") && l.includes("subtotal"))).toMatch(/\| +12\.34 \|$/);
    expect(lines.find((l) => l.startsWith("| total "))).toMatch(/\| +191\.79 \|$/);
    expect(lines).toContain(
      "- Audience: 1,000 concurrent viewers at 4.196 Mb/s each (default: the top rendition 1080p 4.1 Mb/s plus audio 0.096 Mb/s; an upper bound, QVBR averages less), in europe 100% (default: the zone of eu-west-1): 1,758.5 GB an hour.",
    );
    expect(lines.find((l) => l.startsWith("| ts (TS) ") && l.includes("| low-latency HLS |"))).toMatch(/\| +7\.5 \| +5 \(missed\) \|$/);
    expect(lines.filter((l) => l.startsWith("warning: "))).toHaveLength(1);
    expect(lines[lines.length - 1]).toMatch(/^warning: test\.json: \/report\/latencyTargetSeconds\/lowLatencyHls is 5 s, /);
  });
});

describe("the shipped price table", () => {
  test("its schema is a valid draft-07 JSON Schema (the report skips that check for speed)", () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema(priceSchema)).toBe(true);
    expect(ajv.errors ?? null).toBeNull();
  });

  test("is valid, dated and names its sources", () => {
    const table = shippedPrices();
    expect(table.date).toMatch(/^20\d\d-(0[1-9]|1[0-2])$/);
    expect(Object.keys(table.sources).length).toBeGreaterThan(0);
  });

  // The table covers what the shipped ladders need (AVC, SD and HD, up to 10 Mb/s and 30 fps, both
  // channel classes); other profiles get "no price" lines and a warning until someone adds prices.
  const ladderConfigs = shippedConfigs().filter((file) => ["HD-1080p", "HD-720p", "SD-540p"].includes(load(file).profile.name));
  test.each(ladderConfigs)("prices everything %s needs", (file) => {
    const { cost } = buildCostAndLatency(load(file), { display: file });
    expect(cost.lines.filter((l) => l.perHour === undefined).map((l) => l.missing)).toEqual([]);
    expect(cost.warnings).toEqual([]);
  });

  test("rejects a price with both a source and an assumption, or an unknown source", () => {
    const table = structuredClone(shippedTable) as any;
    table.base.mediaPackage.ingestPerGb = { usd: 0.03, source: "nowhere", assumption: "and a reason as well" };
    expect(() => checkPrices(table, "copy.json")).toThrow(ConfigError);
    try {
      checkPrices(table, "copy.json");
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'copy.json: /base/mediaPackage/ingestPerGb must have exactly one of "source" (the id of where the price comes from) and "assumption" (why it is assumed)',
        'copy.json: /base/mediaPackage/ingestPerGb/source names no entry of /sources (got "nowhere"; known: cloudfront-pricing, cloudfront-price-classes, live-streaming-solution, mediapackage-price-list)',
      ]);
    }
  });

  test("rejects a malformed price key with the schema's words", () => {
    const table = structuredClone(shippedTable) as any;
    table.base.mediaLive.STANDARD.output["AVC HD 10 Mbps"] = { usd: 1, source: "cloudfront-pricing" };
    expect(() => checkPrices(table, "copy.json")).toThrow(
      /copy\.json: \/base\/mediaLive\/STANDARD\/output key "AVC HD 10 Mbps" is not allowed: a key must be "<codec> <resolution> <bitrate tier> <frame-rate tier>"/,
    );
  });
});
