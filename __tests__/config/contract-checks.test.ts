import { check, defaultConfig, load } from "../support/project";

// Combinations AWS accepts but that do not behave as a user expects: a warning each, never an error.

function urlPull(change: (c: Record<string, any>) => void = () => {}) {
  const c = defaultConfig();
  c.contribution = {
    type: "URL_PULL",
    pull: { primaryUrls: ["https://a.example.com/a.m3u8", "https://a.example.com/b.m3u8"], backupUrls: ["https://b.example.com/a.m3u8", "https://b.example.com/b.m3u8"] },
  };
  change(c);
  return check(c);
}

const LOCKING = "MediaLive stops locking the pipelines of a channel that has an HLS input";

test("an HLS input with pipeline locking (the STANDARD default) warns that MediaLive will not lock", () => {
  expect(urlPull().warnings).toContain(
    "test.json: /channel/outputLocking is PIPELINE_LOCKING (the default) with an HLS input (contribution.type URL_PULL): MediaLive stops locking the pipelines of a channel that has an HLS input, and does not resume after an input switch, so the two pipelines' segments will not line up. Set channel.outputLocking to DISABLED to say so, or use a push input.",
  );
  expect(urlPull((c) => Object.assign(c.channel, { outputLocking: "EPOCH_LOCKING", scte35Passthrough: false })).warnings.filter((w) => w.includes(LOCKING))).toHaveLength(1);
});

test("an HLS input with locking disabled, or a push input with locking, does not warn about locking", () => {
  expect(urlPull((c) => (c.channel.outputLocking = "DISABLED")).warnings.filter((w) => w.includes(LOCKING))).toEqual([]);
  expect(load("config/default.json").warnings).toEqual([]);
});

test("a forwarded regional feed warns that the extra regions depend on the primary region's flows", () => {
  expect(load("config/examples/three-regions-forwarded.json").warnings).toContain(
    "config/examples/three-regions-forwarded.json: /contribution/mediaconnect/regionalFeed/mode is forward: us-west-2, us-east-2 receive the feed from the flows in us-east-1, so an outage of us-east-1's flows (or of that region) takes the feed from every region, and the extra regions' stacks change resources in us-east-1. Use mode direct (encoders send to every region) for regions that fail independently.",
  );
  expect(load("config/examples/two-regions.json").warnings.filter((w) => w.includes("regionalFeed"))).toEqual([]);
});

test("low-latency HLS with segments whose blocking-reload hold exceeds CloudFront's 60 s read timeout warns", () => {
  const withSegments = (seconds: number) => {
    const c = defaultConfig();
    c.packaging.segmentDurationSeconds = seconds;
    c.packaging.manifestWindowSeconds = Math.max(c.packaging.manifestWindowSeconds ?? 0, 3 * seconds);
    return check(c).warnings.filter((w) => w.includes("blocking playlist reload"));
  };
  expect(withSegments(24)).toEqual([
    "test.json: /packaging/segmentDurationSeconds 24 with low-latency HLS: the origin may hold a blocking playlist reload for up to three target durations (72 s), longer than CloudFront's 60 s origin read timeout; CloudFront answers 504 first. Use segments of at most 20 s, or raise the timeout quota and the timeout with it.",
  ]);
  expect(withSegments(20)).toEqual([]);
});
