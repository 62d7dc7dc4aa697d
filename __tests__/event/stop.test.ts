import { awsError, channelId, cli, FakeAws, flowKeys, writeApp, removeApps } from "./support";

const REGIONS = ["eu-west-1", "us-east-1"];
let aws: FakeAws;
afterEach(() => aws?.restore());
afterAll(removeApps);

describe("event stop", () => {
  test("stops channels first (last region first), waits IDLE, then flows, waits STANDBY, and sums up", async () => {
    const app = writeApp({ regions: REGIONS, singlePipeline: true });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }), flowStatus: "ACTIVE", channelState: "RUNNING" });
    const eu = channelId("eu-west-1", REGIONS);
    const us = channelId("us-east-1", REGIONS);
    const { code, stdout, stderr } = await cli(["stop"], app);
    expect(code).toBe(0);
    expect(aws.changes()).toEqual([
      `us-east-1 medialive:StopChannel ${us}`,
      `eu-west-1 medialive:StopChannel ${eu}`,
      "us-east-1 mediaconnect:StopFlow backup-a",
      "us-east-1 mediaconnect:StopFlow primary-a",
      "eu-west-1 mediaconnect:StopFlow backup-a",
      "eu-west-1 mediaconnect:StopFlow primary-a",
    ]);
    // Every channel is IDLE before the first flow stops.
    const lastChannelPoll = aws.log.map((l, i) => [l, i] as const).filter(([l]) => l.includes("DescribeChannel")).pop()![1];
    expect(lastChannelPoll).toBeLessThan(aws.log.findIndex((l) => l.includes("StopFlow")));
    expect([...aws.flows.values()].every((f) => f.status === "STANDBY")).toBe(true);
    expect([...aws.channels.values()].every((c) => c.state === "IDLE")).toBe(true);
    expect(stderr).toContain(`  us-east-1 channel ${us}: IDLE after 0:20`);
    expect(stdout).toEqual([
      `Stopped: us-east-1 channel ${us}, eu-west-1 channel ${eu}, us-east-1 flow backup-a, us-east-1 flow primary-a, eu-west-1 flow backup-a, eu-west-1 flow primary-a.`,
      "Every channel and flow is stopped; `npm run destroy` can remove the event.",
    ]);
  });

  test("is idempotent: what is already stopped is left alone and listed", async () => {
    const app = writeApp({ regions: REGIONS, singlePipeline: true });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }) });
    const { code, stdout } = await cli(["stop"], app);
    expect(code).toBe(0);
    expect(aws.changes()).toEqual([]);
    expect(stdout[0]).toBe("Stopped: nothing.");
    expect(stdout[1]).toMatch(/^Already stopped: us-east-1 channel \d+, eu-west-1 channel \d+, us-east-1 flow backup-a/);
  });

  test("carries on past a failure so that as little as possible keeps billing, and exits 1 naming what still runs", async () => {
    const app = writeApp({ regions: REGIONS, singlePipeline: true });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }), flowStatus: "ACTIVE", channelState: "RUNNING" });
    const us = channelId("us-east-1", REGIONS);
    aws.before.set(`StopChannel ${us}`, () => {
      throw awsError("ForbiddenException", "not authorized", 403);
    });
    const { code, stdout, stderr } = await cli(["stop"], app);
    expect(code).toBe(1);
    expect(aws.calls("StopFlow")).toHaveLength(4);
    expect(stderr).toContain(`  permission denied: medialive:StopChannel on channel ${us} in us-east-1; allow the action medialive:StopChannel for the identity running this command (AWS said: not authorized)`);
    expect(stdout.at(-1)).toBe(`Could not stop: us-east-1 channel ${us}: they may still be running (and billing); see the lines above and run stop again.`);
  });

  test("--dry-run prints the reverse plan and calls nothing", async () => {
    const app = writeApp({ regions: REGIONS, singlePipeline: true });
    aws = new FakeAws(REGIONS, { flowKeys: [] });
    const { code, stdout } = await cli(["stop", "--dry-run"], app);
    expect(code).toBe(0);
    expect(aws.log).toEqual([]);
    expect(stdout).toEqual([
      "Plan for stop in 2 regions (us-east-1, eu-west-1):",
      `  1. stop channel us-east-1 ${channelId("us-east-1", REGIONS)}`,
      `  2. stop channel eu-west-1 ${channelId("eu-west-1", REGIONS)}`,
      "  3. wait until every channel is IDLE",
      "  4. stop flow us-east-1 backup-a (arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:show-us-east-1-flow-backup-a)",
      "  5. stop flow us-east-1 primary-a (arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:show-us-east-1-flow-primary-a)",
      "  6. stop flow eu-west-1 backup-a (arn:aws:mediaconnect:eu-west-1:111122223333:flow:1-abc:show-eu-west-1-flow-backup-a)",
      "  7. stop flow eu-west-1 primary-a (arn:aws:mediaconnect:eu-west-1:111122223333:flow:1-abc:show-eu-west-1-flow-primary-a)",
      "  8. wait until every flow is STANDBY",
      "Nothing was changed (--dry-run).",
    ]);
  });

  test("a channel still starting is let to run first, then stopped", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true, noFlows: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: [], channelState: "STARTING" });
    const ch = channelId("eu-west-1", ["eu-west-1"]);
    aws.channels.get(ch)!.queue = ["STARTING", "STARTING", "RUNNING"];
    const { code, stderr } = await cli(["stop"], app);
    expect(code).toBe(0);
    expect(aws.changes()).toEqual([`eu-west-1 medialive:StopChannel ${ch}`]);
    expect(stderr.slice(0, 2)).toEqual([`  waiting for eu-west-1 channel ${ch} to be past STARTING: STARTING 0:00`, `  eu-west-1 channel ${ch}: RUNNING after 0:10`]);
  });
});
