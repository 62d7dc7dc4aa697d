import { channelId, cli, FakeAws, flowKeys, writeApp, removeApps } from "./support";

const REGIONS = ["eu-west-1", "us-east-1"];
let aws: FakeAws;
afterEach(() => aws?.restore());
afterAll(removeApps);

describe("event status", () => {
  test("while everything runs: every flow, input, channel, ingest endpoint, the distribution and playback; exit 0", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }), flowStatus: "ACTIVE", channelState: "RUNNING" });
    aws.ingestDelayPolls = 0;
    const { code, stdout } = await cli(["status"], app);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      "eu-west-1",
      "  flow primary-a  ACTIVE    source stream arriving",
      "  flow backup-a   ACTIVE    source stream arriving",
      "  input primary   ATTACHED",
      "  input backup    ATTACHED",
      `  channel ${channelId("eu-west-1", ["eu-west-1"])}  RUNNING   pipeline 0 on primary, pipeline 1 on primary`,
      "  ingest live/1    receiving (2350000 bytes in 3 min)",
      "  ingest live/2    receiving (2350000 bytes in 3 min)",
      "distribution E2EXAMPLE Deployed",
      "playback ts-hls             https://d111111abcdef8.cloudfront.net/out/v1/show/live/ts/index.m3u8",
      "Running: everything in 1 region is as it should be.",
    ]);
  });

  test("before the event: lists what is not running, one line each, exit 1; --json for scripts", async () => {
    const app = writeApp({ regions: REGIONS, singlePipeline: true });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }) });
    const text = await cli(["status"], app);
    expect(text.code).toBe(1);
    expect(text.stdout.slice(text.stdout.indexOf("Not running as expected: 6 problems:"))).toEqual([
      "Not running as expected: 6 problems:",
      "  eu-west-1 flow primary-a: STANDBY (expected ACTIVE)",
      "  eu-west-1 flow backup-a: STANDBY (expected ACTIVE)",
      `  eu-west-1 channel ${channelId("eu-west-1", REGIONS)}: IDLE (expected RUNNING)`,
      "  us-east-1 flow primary-a: STANDBY (expected ACTIVE)",
      "  us-east-1 flow backup-a: STANDBY (expected ACTIVE)",
      `  us-east-1 channel ${channelId("us-east-1", REGIONS)}: IDLE (expected RUNNING)`,
    ]);
    expect(aws.changes()).toEqual([]);

    const json = await cli(["status", "--json"], app);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout.join("\n"));
    expect(report.ok).toBe(false);
    expect(report.regions.map((r: { region: string; channel: { state: string } }) => [r.region, r.channel.state])).toEqual([
      ["eu-west-1", "IDLE"],
      ["us-east-1", "IDLE"],
    ]);
    expect(report.distribution).toEqual({ id: "E2EXAMPLE", status: "Deployed", enabled: true });
  });

  test("an active flow without a source stream and a silent pipeline are problems", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }), flowStatus: "ACTIVE", channelState: "RUNNING" });
    aws.flows.get([...aws.flows.keys()][1])!.receiving = false;
    aws.ingestDelayPolls = 5;
    const { code, stdout } = await cli(["status"], app);
    expect(code).toBe(1);
    expect(stdout).toContain("  eu-west-1 flow backup-a: ACTIVE but no source stream arrives (no content received)");
    expect(stdout).toContain("  eu-west-1 MediaPackage: 0 of 1 pipelines' ingest endpoints receive (endpoint 1, endpoint 2 silent)");
  });

  test("without per-endpoint figures in CloudWatch, the channel total stands for every pipeline and says so", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }), flowStatus: "ACTIVE", channelState: "RUNNING" });
    aws.ingestDelayPolls = 0;
    aws.perEndpointMetrics = false;
    const { code, stdout } = await cli(["status"], app);
    expect(code).toBe(0);
    expect(stdout).toContain("  ingest live      receiving (2350000 bytes in 3 min, channel total: no per-pipeline figures)");
  });
});
