import * as path from "path";
import { ConfigError, loadEvent } from "../../config/load";
import { FIXTURES_DIR, PROFILES_DIR, check, defaultConfig, load, problemsOf, shippedConfigs } from "../support/project";


/** The default configuration with one change applied. */
function withChange(change: (c: Record<string, any>) => void): Record<string, any> {
  const c = defaultConfig();
  change(c);
  return c;
}

describe("loading the event configuration", () => {
  test.each(shippedConfigs())("%s loads without problems", (file) => {
    const loaded = load(file);
    expect(loaded.config.event.name).toMatch(/^[a-z][a-z0-9-]+$/);
    expect(loaded.profile.name).toBe(loaded.config.channel.encodingProfile);
  });

  test("fills in the documented defaults", () => {
    const { config } = check({
      event: { name: "minimal" },
      regions: ["us-west-2"],
      contribution: { type: "RTP_PUSH", allowlistCidrs: ["203.0.113.0/24"] },
    });
    expect(config.channel).toEqual({
      class: "STANDARD",
      encodingProfile: "HD-1080p",
      start: false,
      logLevel: "WARNING",
      scte35Passthrough: true,
      inputFailover: {
        preference: "PRIMARY_INPUT_PREFERRED",
        errorClearTimeMs: 10000,
        inputLossThresholdMs: 1000,
        videoBlackThresholdMs: 5000,
        audioSilenceThresholdMs: 5000,
        conditions: ["INPUT_LOSS"],
      },
    });
    expect(config.packaging.segmentDurationSeconds).toBe(4);
    expect(config.packaging.manifestWindowSeconds).toBe(60);
    expect(config.packaging.endpoints).toEqual({
      ts: { container: "TS", hls: true, lowLatencyHls: true, dash: false },
      cmaf: { container: "CMAF", hls: true, lowLatencyHls: true, dash: false },
    });
    expect(config.event).toEqual({ name: "minimal", description: "", environment: "production", costCentre: "live-events" });
  });

  test("does not change the object it is given", () => {
    const given = defaultConfig();
    const before = JSON.stringify(given);
    check(given);
    expect(JSON.stringify(given)).toBe(before);
  });

  test("reports three mistakes as three lines naming file, pointer, value and what is allowed", () => {
    const file = path.join(FIXTURES_DIR, "config", "three-mistakes.json");
    expect(() => loadEvent(file, { profilesDir: PROFILES_DIR, display: "three-mistakes.json" })).toThrow(ConfigError);
    try {
      loadEvent(file, { profilesDir: PROFILES_DIR, display: "three-mistakes.json" });
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        'three-mistakes.json: /regions/1 must be one of "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2" (got "mars-1")',
        "three-mistakes.json: /contribution/mediaconnect/primaryPort must be >= 1024 (got 80)",
        'three-mistakes.json: /channel/class must be one of "STANDARD", "SINGLE_PIPELINE" (got "DUAL")',
      ]);
    }
  });

  test("rejects JSON syntax errors with line and column", () => {
    const file = path.join(FIXTURES_DIR, "config", "syntax-error.json");
    expect(() => loadEvent(file, { profilesDir: PROFILES_DIR, display: "syntax-error.json" })).toThrow(
      'syntax-error.json: invalid JSON at line 4, column 3: a comma is missing before the key "contribution"',
    );
  });

  test("rejects a missing file", () => {
    expect(() => loadEvent("/nonexistent/event.json", { profilesDir: PROFILES_DIR, display: "event.json" })).toThrow("event.json: cannot read the file (no such file)");
  });

  describe("schema rules", () => {
    test("rejects unknown keys, listing the allowed ones", () => {
      expect(problemsOf(withChange((c) => (c.channel.colour = "blue")))).toEqual([
        'test.json: /channel/colour is not a known key (allowed: class, encodingProfile, start, logLevel, ingest, outputLocking, scte35Passthrough, inputFailover)',
      ]);
    });

    test("rejects a missing required key", () => {
      expect(problemsOf(withChange((c) => delete c.event.name))).toEqual(['test.json: /event is missing the required key "name"']);
    });

    test("rejects a wrong type", () => {
      expect(problemsOf(withChange((c) => (c.channel.start = "yes")))).toEqual(['test.json: /channel/start must be a boolean (got "yes")']);
    });

    test("rejects a malformed CIDR", () => {
      expect(problemsOf(withChange((c) => (c.contribution.allowlistCidrs = ["198.51.100.0/33"])))).toEqual([
        'test.json: /contribution/allowlistCidrs/0 must be an IPv4 CIDR block such as 203.0.113.0/24 (got "198.51.100.0/33")',
      ]);
    });

    test("rejects a bad event name, saying what a name may contain", () => {
      expect(problemsOf(withChange((c) => (c.event.name = "Final_2026")))).toEqual([
        'test.json: /event/name must be lowercase letters, digits and hyphens, 3 to 24 characters, starting with a letter and not ending with a hyphen (got "Final_2026")',
      ]);
    });

    test("rejects a bad secret ARN", () => {
      expect(problemsOf(withChange((c) => (c.contribution.mediaconnect.decryption = { secretArn: "my-srt-passphrase" })))).toEqual([
        "test.json: /contribution/mediaconnect/decryption/secretArn must be a Secrets Manager secret ARN such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:srt-passphrase-AbCdEf (the value is not shown: it may be a secret)",
      ]);
    });

    test("rejects a bad tag key", () => {
      expect(problemsOf(withChange((c) => (c.tags = { "bad{key}": "x" })))).toEqual([
        'test.json: /tags key "bad{key}" is not allowed: a key must be a tag key: 1 to 128 letters, digits, spaces or _.:/=+-@',
      ]);
    });

    test("rejects repeated regions", () => {
      expect(problemsOf(withChange((c) => (c.regions = ["eu-west-1", "eu-west-1"])))).toEqual(["test.json: /regions must not repeat items (items 0 and 1 are equal)"]);
    });
  });

  describe("semantic rules", () => {
    test("warns about an open allowlist written explicitly", () => {
      const loaded = check(withChange((c) => (c.contribution.allowlistCidrs = ["0.0.0.0/0"])));
      expect(loaded.warnings).toEqual([
        "test.json: /contribution/allowlistCidrs/0 is 0.0.0.0/0: anyone on the internet can send to this ingest. Narrow it to your encoders' networks unless that is intended.",
      ]);
    });

    test("the default configuration has no warnings", () => {
      expect(load("config/default.json").warnings).toEqual([]);
    });

    test("rejects a CIDR with host bits set and suggests the network", () => {
      expect(problemsOf(withChange((c) => (c.contribution.allowlistCidrs = ["198.51.100.7/24"])))).toEqual([
        'test.json: /contribution/allowlistCidrs/0 has host bits set; did you mean 198.51.100.0/24? (got "198.51.100.7/24")',
      ]);
    });

    test("rejects more than one CIDR for a MediaConnect source", () => {
      expect(problemsOf(withChange((c) => (c.contribution.allowlistCidrs = ["198.51.100.0/24", "203.0.113.0/24"])))).toEqual([
        "test.json: /contribution/allowlistCidrs has 2 entries, but a MediaConnect source accepts exactly one CIDR; use one block that covers your encoders, or add mediaconnect.secondSource with its own",
      ]);
    });

    test("rejects a push input without an allowlist", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution = { type: "RTMP_PUSH" };
          }),
        ),
      ).toEqual(['test.json: /contribution is missing the key "allowlistCidrs", which contribution.type RTMP_PUSH needs (the networks your encoders send from)']);
    });

    test("rejects a block the input type does not read", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution = { type: "RTP_PUSH", allowlistCidrs: ["198.51.100.0/24"], mediaconnect: { protocol: "rtp" } };
          }),
        ),
      ).toEqual(["test.json: /contribution/mediaconnect is not used by contribution.type RTP_PUSH; remove it (it is read only for MEDIACONNECT)"]);
    });

    test("rejects a MEDIACONNECT input without its settings", () => {
      expect(problemsOf(withChange((c) => delete c.contribution.mediaconnect))).toEqual([
        'test.json: /contribution is missing the key "mediaconnect", which contribution.type MEDIACONNECT needs',
      ]);
    });

    test("rejects zixi-push without a stream id", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution.mediaconnect = { protocol: "zixi-push" };
          }),
        ),
      ).toEqual(['test.json: /contribution/mediaconnect is missing the key "streamId", which protocol zixi-push needs']);
    });

    test("rejects decryption for a protocol MediaConnect cannot decrypt", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution.mediaconnect = { protocol: "rtp", decryption: { secretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:key-AbCdEf" } };
          }),
        ),
      ).toEqual(["test.json: /contribution/mediaconnect/decryption is not supported for protocol rtp; MediaConnect decrypts only srt-listener and zixi-push sources"]);
    });

    test("rejects a decryption secret in another region", () => {
      expect(
        problemsOf(withChange((c) => (c.contribution.mediaconnect.decryption = { secretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf" }))),
      ).toEqual([
        'test.json: /contribution/mediaconnect/decryption/secretArn is in us-east-1, but MediaConnect reads secrets from the flow\'s own region eu-west-1 (got "arn:aws:secretsmanager:us-east-1:123456789012:secret:srt-AbCdEf")',
      ]);
    });

    test("rejects overlapping ports, counting the FEC ports of rtp-fec", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution.mediaconnect = { protocol: "rtp-fec", primaryPort: 5000, backupPort: 5002 };
          }),
        ),
      ).toEqual(["test.json: /contribution/mediaconnect uses ports 5000 and 5002, which overlap (rtp-fec also uses port+2 and port+4); choose ports further apart"]);
    });

    test("rejects MERGE failover for a protocol that cannot merge", () => {
      expect(
        problemsOf(withChange((c) => (c.contribution.mediaconnect.secondSource = { allowlistCidr: "203.0.113.0/24", failoverMode: "MERGE" }))),
      ).toEqual([
        "test.json: /contribution/mediaconnect/secondSource/failoverMode MERGE needs two packet-identical RTP or RIST sources (SMPTE 2022-7); use FAILOVER with protocol srt-listener",
      ]);
    });

    test("rejects an Availability Zone of another region", () => {
      expect(problemsOf(withChange((c) => (c.contribution.mediaconnect.availabilityZones = { "eu-west-1": ["eu-west-1a", "us-east-1b"] })))).toEqual([
        'test.json: /contribution/mediaconnect/availabilityZones/eu-west-1/1 is not an Availability Zone of eu-west-1 (got "us-east-1b")',
      ]);
    });

    // The zone rules are the Contribution construct's (modules/contribution/zones.ts), reported against the file.
    test("rejects what is not an Availability Zone name, alongside the schema's problems elsewhere", () => {
      const problems = problemsOf(
        withChange((c) => {
          c.contribution.mediaconnect.availabilityZones = { "eu-west-1": ["eu-west-1a", "euw1-az2"] };
          c.channel = { class: "DOUBLE" };
        }),
      );
      expect(problems).toContain('test.json: /contribution/mediaconnect/availabilityZones/eu-west-1/1 is not an Availability Zone name, which is the region code and a letter such as eu-west-1a (got "euw1-az2")');
      expect(problems.filter((line) => line.includes("/channel/class"))).toHaveLength(1);
    });

    test("rejects Availability Zones other than two per region", () => {
      expect(problemsOf(withChange((c) => (c.contribution.mediaconnect.availabilityZones = { "eu-west-1": ["eu-west-1a"] })))).toEqual([
        'test.json: /contribution/mediaconnect/availabilityZones/eu-west-1 must list two zones, for the flows of pipeline a and b (got ["eu-west-1a"])',
      ]);
    });

    test("rejects the same Availability Zone for both pipelines", () => {
      expect(problemsOf(withChange((c) => (c.contribution.mediaconnect.availabilityZones = { "eu-west-1": ["eu-west-1c", "eu-west-1c"] })))).toEqual([
        'test.json: /contribution/mediaconnect/availabilityZones/eu-west-1/1 names the same zone as item 0: the flows of pipeline a and b run in different zones, so that losing one zone stops one pipeline only (got "eu-west-1c")',
      ]);
    });

    test("rejects pull URLs that do not match the pipelines or the input type", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution = { type: "RTMP_PULL", pull: { primaryUrls: ["rtmp://a.example.com/live/x"], backupUrls: ["https://b.example.com/x.m3u8", "rtmp://b.example.com/live/y"] } };
          }),
        ),
      ).toEqual([
        "test.json: /contribution/pull/primaryUrls must list 2 URLs, one per pipeline of a STANDARD channel (got 1)",
        'test.json: /contribution/pull/backupUrls/0 must be an rtmp:// URL for RTMP_PULL (got "https://b.example.com/x.m3u8")',
      ]);
    });

    test("rejects half-given pull credentials", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.contribution = {
              type: "URL_PULL",
              pull: { primaryUrls: ["https://a.example.com/1.m3u8", "https://a.example.com/2.m3u8"], backupUrls: ["https://b.example.com/1.m3u8", "https://b.example.com/2.m3u8"], username: "ops" },
            };
          }),
        ),
      ).toEqual(["test.json: /contribution/pull sets only one of username and passwordParameter; set both or neither"]);
    });

    test("rejects a device used by both inputs", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.channel.class = "SINGLE_PIPELINE";
            c.contribution = { type: "INPUT_DEVICE", inputDevices: { primary: ["hd-0123456789abcdef"], backup: ["hd-0123456789abcdef"] } };
          }),
        ),
      ).toEqual(["test.json: /contribution/inputDevices uses a device twice; the primary and backup inputs need different devices"]);
    });

    test("rejects epoch locking together with SCTE-35 passthrough", () => {
      expect(problemsOf(withChange((c) => (c.channel.outputLocking = "EPOCH_LOCKING")))).toEqual([
        "test.json: /channel/outputLocking EPOCH_LOCKING cannot be combined with SCTE-35 passthrough (MediaLive rejects the channel); set channel.scte35Passthrough to false, use PIPELINE_LOCKING, or use CMAF ingest (a CMAF Ingest group carries SCTE-35 as its own track)",
      ]);
    });

    test("rejects output locking on a single-pipeline channel", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.channel.class = "SINGLE_PIPELINE";
            c.channel.outputLocking = "PIPELINE_LOCKING";
          }),
        ),
      ).toEqual(["test.json: /channel/outputLocking PIPELINE_LOCKING needs a STANDARD channel (a SINGLE_PIPELINE channel has nothing to lock against); use DISABLED"]);
    });

    test("rejects DASH on a TS endpoint and an endpoint with no manifest", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.packaging.endpoints = { ts: { container: "TS", dash: true }, quiet: { container: "CMAF", hls: false, lowLatencyHls: false } };
          }),
        ),
      ).toEqual([
        "test.json: /packaging/endpoints/ts/dash needs container CMAF (DASH is not served from TS segments)",
        "test.json: /packaging/endpoints/quiet serves no manifest; turn on hls, lowLatencyHls or dash",
      ]);
    });

    test("rejects a manifest window shorter than three segments", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.packaging.segmentDurationSeconds = 12;
            c.packaging.manifestWindowSeconds = 30;
          }),
        ),
      ).toEqual(["test.json: /packaging/manifestWindowSeconds must hold at least three segments (36 s with 12 s segments) so players can start (got 30)"]);
    });

    test("rejects a startover window shorter than the manifest window", () => {
      expect(
        problemsOf(
          withChange((c) => {
            c.packaging.manifestWindowSeconds = 120;
            c.packaging.startoverWindowSeconds = 90;
          }),
        ),
      ).toEqual(["test.json: /packaging/startoverWindowSeconds must be at least the manifest window (120 s) (got 90)"]);
    });

    test("rejects an unknown encoding profile, listing the available ones", () => {
      expect(problemsOf(withChange((c) => (c.channel.encodingProfile = "UHD-2160p")))).toEqual([
        'test.json: /channel/encodingProfile names no profile in encoding-profiles/ (got "UHD-2160p"; available: HD-1080p, HD-720p, SD-540p, imported-avc-1080p, imported-hevc-2160p)',
      ]);
    });

    test("reports every problem at once", () => {
      const problems = problemsOf(
        withChange((c) => {
          c.contribution.allowlistCidrs = ["198.51.100.7/24"];
          c.channel.outputLocking = "EPOCH_LOCKING";
          c.packaging.endpoints = { ts: { container: "TS", dash: true } };
        }),
      );
      expect(problems).toEqual([
        'test.json: /contribution/allowlistCidrs/0 has host bits set; did you mean 198.51.100.0/24? (got "198.51.100.7/24")',
        "test.json: /channel/outputLocking EPOCH_LOCKING cannot be combined with SCTE-35 passthrough (MediaLive rejects the channel); set channel.scte35Passthrough to false, use PIPELINE_LOCKING, or use CMAF ingest (a CMAF Ingest group carries SCTE-35 as its own track)",
        "test.json: /packaging/endpoints/ts/dash needs container CMAF (DASH is not served from TS segments)",
      ]);
    });
  });
});
