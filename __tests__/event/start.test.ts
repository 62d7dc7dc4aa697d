import { awsError, channelId, cli, FakeAws, flowKeys, writeApp, removeApps } from "./support";

const REGIONS = ["eu-west-1", "us-east-1"];
let aws: FakeAws;
afterEach(() => aws?.restore());
afterAll(removeApps);

describe("event start", () => {
  test("starts every flow in every region, waits ACTIVE, then every channel, waits RUNNING and for ingest, then prints playback", async () => {
    const app = writeApp({ regions: REGIONS });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS }) });
    const { code, stdout, stderr } = await cli(["start"], app);
    expect(code).toBe(0);
    expect(aws.changes()).toEqual([
      "eu-west-1 mediaconnect:StartFlow primary-a",
      "eu-west-1 mediaconnect:StartFlow primary-b",
      "eu-west-1 mediaconnect:StartFlow backup-a",
      "eu-west-1 mediaconnect:StartFlow backup-b",
      "us-east-1 mediaconnect:StartFlow primary-a",
      "us-east-1 mediaconnect:StartFlow primary-b",
      "us-east-1 mediaconnect:StartFlow backup-a",
      "us-east-1 mediaconnect:StartFlow backup-b",
      `eu-west-1 medialive:StartChannel ${channelId("eu-west-1", REGIONS)}`,
      `us-east-1 medialive:StartChannel ${channelId("us-east-1", REGIONS)}`,
    ]);
    // No channel starts before the last flow reports ACTIVE.
    const lastActive = aws.log.map((l, i) => [l, i] as const).filter(([l]) => l.includes("DescribeFlow ")).pop()![1];
    const firstChannelStart = aws.log.findIndex((l) => l.includes("StartChannel"));
    expect(lastActive).toBeLessThan(firstChannelStart);
    expect([...aws.flows.values()].every((f) => f.status === "ACTIVE")).toBe(true);
    expect([...aws.channels.values()].every((c) => c.state === "RUNNING")).toBe(true);
    expect(aws.calls("GetMetricData")).toContain("us-east-1 IngressBytes");
    expect(stdout).toEqual([
      "Running in 2 regions (eu-west-1, us-east-1). Playback:",
      "  ts-hls             https://d111111abcdef8.cloudfront.net/out/v1/show/live/ts/index.m3u8",
    ]);
    expect(stderr).toContain("  eu-west-1 flow primary-a: starting");
    expect(stderr).toContain("  waiting for eu-west-1 flow primary-a to be ACTIVE: STARTING 0:00");
    expect(stderr).toContain("  eu-west-1 flow primary-a: ACTIVE after 0:10");
    expect(stderr).toContain(`  eu-west-1 channel ${channelId("eu-west-1", REGIONS)}: RUNNING after 0:30`);
  });

  test("is idempotent: run again while everything runs, it starts nothing and still confirms ingest", async () => {
    const app = writeApp({ regions: REGIONS });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS }) });
    expect((await cli(["start"], app)).code).toBe(0);
    const before = aws.changes().length;
    const again = await cli(["start"], app);
    expect(again.code).toBe(0);
    expect(aws.changes()).toHaveLength(before);
    expect(again.stderr).toContain("  us-east-1 flow backup-b: already ACTIVE");
    expect(again.stderr).toContain(`  us-east-1 channel ${channelId("us-east-1", REGIONS)}: already RUNNING`);
    expect(again.stdout[0]).toBe("Running in 2 regions (eu-west-1, us-east-1). Playback:");
  });

  test("waits for a flow already STARTING instead of starting it twice", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }), flowStatus: "STARTING" });
    for (const f of aws.flows.values()) f.queue = ["STARTING", "ACTIVE"];
    const { code } = await cli(["start"], app);
    expect(code).toBe(0);
    expect(aws.calls("StartFlow")).toEqual([]);
    expect(aws.calls("StartChannel")).toEqual([`eu-west-1 ${channelId("eu-west-1", ["eu-west-1"])}`]);
  });

  test("--dry-run prints the ordered plan and calls no AWS API", async () => {
    const app = writeApp({ regions: REGIONS, singlePipeline: true, secretArn: "arn:aws:secretsmanager:eu-west-1:111122223333:secret:srt-Ab12" });
    aws = new FakeAws(REGIONS, { flowKeys: [] });
    const { code, stdout } = await cli(["start", "--dry-run"], app);
    expect(code).toBe(0);
    expect(aws.log).toEqual([]);
    expect(stdout).toEqual([
      "Plan for start in 2 regions (eu-west-1, us-east-1):",
      "  1. preflight: every flow, input and channel exists, 2 secrets readable, nothing in an error state",
      "  2. start flow eu-west-1 primary-a (arn:aws:mediaconnect:eu-west-1:111122223333:flow:1-abc:show-eu-west-1-flow-primary-a)",
      "  3. start flow eu-west-1 backup-a (arn:aws:mediaconnect:eu-west-1:111122223333:flow:1-abc:show-eu-west-1-flow-backup-a)",
      "  4. start flow us-east-1 primary-a (arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:show-us-east-1-flow-primary-a)",
      "  5. start flow us-east-1 backup-a (arn:aws:mediaconnect:us-east-1:111122223333:flow:1-abc:show-us-east-1-flow-backup-a)",
      "  6. wait until every flow is ACTIVE",
      "  7. start channel eu-west-1 1000000",
      "  8. start channel us-east-1 1001111",
      "  9. wait until every channel is RUNNING",
      "  10. wait until MediaPackage receives from every pipeline in eu-west-1, us-east-1",
      "  11. print the playback URLs",
      "Nothing was changed (--dry-run).",
    ]);
  });

  test("--region limits every step to that region", async () => {
    const app = writeApp({ regions: REGIONS });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS }) });
    const { code, stdout } = await cli(["start", "--region", "us-east-1"], app);
    expect(code).toBe(0);
    expect(aws.log.every((l) => l.startsWith("us-east-1 "))).toBe(true);
    expect(stdout[0]).toBe("Running in 1 region (us-east-1). Playback:");
  });

  test("rejects an unknown --region with the regions the event runs in", async () => {
    const app = writeApp({ regions: REGIONS });
    aws = new FakeAws(REGIONS, { flowKeys: [] });
    const { code, stderr } = await cli(["start", "--region", "ap-south-1"], app);
    expect(code).toBe(1);
    expect(stderr).toEqual(["--region ap-south-1: the event runs in eu-west-1, us-east-1 (got ap-south-1)", "event start: nothing was done: fix the problem above."]);
    expect(aws.log).toEqual([]);
  });

  test("preflight reports every problem at once and starts nothing", async () => {
    const secret = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:srt-Ab12";
    const app = writeApp({ regions: REGIONS, secretArn: secret, passwordParam: "/show/pull-password" });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS }) });
    aws.flows.get([...aws.flows.keys()][5])!.status = "ERROR";
    aws.before.set(`DescribeSecret ${secret}`, () => {
      throw awsError("ResourceNotFoundException", "Secrets Manager can't find the specified secret.", 400);
    });
    aws.before.set("GetParameter /show/pull-password", (where) => {
      if (where.startsWith("us-east-1")) throw awsError("AccessDeniedException", "User is not authorized to perform: ssm:GetParameter", 400);
    });
    const { code, stderr } = await cli(["start"], app);
    expect(code).toBe(1);
    expect(aws.changes()).toEqual([]);
    expect(stderr.slice(1)).toEqual([
      `secretsmanager:DescribeSecret: ${secret} does not exist in eu-west-1 (AWS said: Secrets Manager can't find the specified secret.)`,
      "us-east-1 flow primary-b: ERROR: fix it in the MediaConnect console first",
      "permission denied: ssm:GetParameter on parameter /show/pull-password in us-east-1; allow the action ssm:GetParameter for the identity running this command (AWS said: User is not authorized to perform: ssm:GetParameter)",
      "Nothing was started: fix the 3 problems above.",
    ]);
  });

  test("a channel that fails to start stops the sequence with one line and leaves what runs running", async () => {
    const app = writeApp({ regions: REGIONS });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS }) });
    const us = channelId("us-east-1", REGIONS);
    aws.before.set(`StartChannel ${us}`, () => {
      aws.channelStart = ["STARTING", "STARTING", "IDLE"];
    });
    const { code, stdout, stderr } = await cli(["start"], app);
    expect(code).toBe(1);
    expect(stdout).toEqual([]);
    expect(aws.changes().filter((l) => l.includes("Stop"))).toEqual([]);
    expect(stderr.slice(-2)).toEqual([
      `start failed: us-east-1 channel ${us}: went back to IDLE (see the channel's alerts in the MediaLive console) after 0:20`,
      `Stopped the sequence here. Left running as it was: eu-west-1 flow primary-a, eu-west-1 flow primary-b, eu-west-1 flow backup-a, eu-west-1 flow backup-b, us-east-1 flow primary-a, us-east-1 flow primary-b, us-east-1 flow backup-a, us-east-1 flow backup-b, eu-west-1 channel ${channelId("eu-west-1", REGIONS)}. Fix the cause and run start again, or stop everything: npm run event -- stop`,
    ]);
    expect(aws.calls("GetMetricData")).toEqual([]);
  });

  test("a flow that goes to ERROR stops the sequence before any channel starts", async () => {
    const app = writeApp({ regions: REGIONS });
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS }) });
    aws.before.set("StartFlow backup-b", (where) => {
      if (where.startsWith("eu-west-1")) aws.flowStart = ["STARTING", "ERROR"];
    });
    const { code, stderr } = await cli(["start"], app);
    expect(code).toBe(1);
    expect(aws.calls("StartChannel")).toEqual([]);
    expect(stderr).toContain("start failed: eu-west-1 flow backup-b: went to ERROR after 0:05");
    // The failed flow is not listed as running; the others are.
    expect(stderr.at(-1)).toMatch(/^Stopped the sequence here\. Left running as it was: eu-west-1 flow primary-a, eu-west-1 flow primary-b, eu-west-1 flow backup-a, us-east-1 flow primary-a, .*us-east-1 flow backup-b\. Fix/);
  });

  test("throttling is retried with backoff; a permission error names the missing action", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }) });
    let throttled = 0;
    aws.before.set("StartFlow primary-a", () => {
      if (throttled++ < 2) throw awsError("TooManyRequestsException", "Too many requests", 429);
    });
    const ch = channelId("eu-west-1", ["eu-west-1"]);
    aws.before.set(`StartChannel ${ch}`, () => {
      throw awsError("ForbiddenException", "User is not authorized to perform medialive:StartChannel", 403);
    });
    const { code, stderr, rt } = await cli(["start"], app);
    expect(code).toBe(1);
    expect(aws.calls("StartFlow")).toEqual(["eu-west-1 primary-a", "eu-west-1 backup-a"]);
    expect(rt.slept.slice(0, 2)).toEqual([750, 1500]);
    expect(stderr).toContain(
      `start failed: permission denied: medialive:StartChannel on channel ${ch} in eu-west-1; allow the action medialive:StartChannel for the identity running this command (AWS said: User is not authorized to perform medialive:StartChannel)`,
    );
  });

  test("eight regions: every flow before any channel, channels in region order", async () => {
    const regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-northeast-1", "ap-southeast-2", "sa-east-1", "ca-central-1"];
    const app = writeApp({ regions });
    aws = new FakeAws(regions, { flowKeys: flowKeys({ regions }) });
    const { code, stdout } = await cli(["start"], app);
    expect(code).toBe(0);
    const changes = aws.changes();
    expect(changes.filter((l) => l.includes("StartFlow"))).toHaveLength(32);
    expect(changes.slice(32).map((l) => l.split(" ")[0])).toEqual(regions);
    expect(stdout[0]).toBe(`Running in 8 regions (${regions.join(", ")}). Playback:`);
  });

  test("throttling that does not end gives up after a bounded number of attempts, with one line", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }) });
    aws.before.set("StartFlow primary-a", () => {
      throw awsError("TooManyRequestsException", "Too many requests", 429);
    });
    const { code, stderr, rt } = await cli(["start"], app);
    expect(code).toBe(1);
    expect(aws.calls("StartFlow")).toEqual([]);
    expect(rt.slept).toEqual([750, 1500, 3000, 6000, 12000]);
    expect(stderr.slice(-2)).toEqual([
      "start failed: mediaconnect:StartFlow on arn:aws:mediaconnect:eu-west-1:111122223333:flow:1-abc:show-eu-west-1-flow-primary-a in eu-west-1 is still throttled after 6 attempts: try again in a minute (AWS said: Too many requests)",
      "Stopped the sequence here; nothing was running.",
    ]);
  });

  test("a flow being stopped and a channel being updated settle first, then start", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: flowKeys({ regions: [], singlePipeline: true }) });
    const primary = [...aws.flows.values()][0];
    primary.status = "STOPPING";
    // Each describe moves one step: the preflight's, the start's, then the settling wait's polls.
    primary.queue = ["STOPPING", "STOPPING", "STOPPING", "STANDBY"];
    const ch = channelId("eu-west-1", ["eu-west-1"]);
    const channel = aws.channels.get(ch)!;
    channel.state = "UPDATING";
    channel.queue = ["UPDATING", "UPDATING", "UPDATING", "IDLE"];
    const { code, stderr } = await cli(["start"], app);
    expect(code).toBe(0);
    expect(aws.changes()).toEqual(["eu-west-1 mediaconnect:StartFlow primary-a", "eu-west-1 mediaconnect:StartFlow backup-a", `eu-west-1 medialive:StartChannel ${ch}`]);
    expect(stderr.slice(1, 3)).toEqual(["  waiting for eu-west-1 flow primary-a to be past STOPPING: STOPPING 0:00", "  eu-west-1 flow primary-a: STANDBY after 0:05"]);
    expect(stderr).toContain(`  eu-west-1 channel ${ch}: IDLE after 0:10`);
  });

  test("a long wait shows its timer: a line when the state changes and every 30 s while it does not", async () => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true, noFlows: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: [] });
    aws.channelStart = [...Array(9).fill("STARTING"), "RUNNING"];
    const { code, stderr } = await cli(["start"], app);
    expect(code).toBe(0);
    const ch = channelId("eu-west-1", ["eu-west-1"]);
    expect(stderr.filter((l) => l.includes(`channel ${ch}`))).toEqual([
      `  eu-west-1 channel ${ch}: starting`,
      `  waiting for eu-west-1 channel ${ch} to be RUNNING: STARTING 0:00`,
      `  waiting for eu-west-1 channel ${ch} to be RUNNING: STARTING 0:30`,
      `  waiting for eu-west-1 channel ${ch} to be RUNNING: STARTING 1:00`,
      `  eu-west-1 channel ${ch}: RUNNING after 1:30`,
    ]);
  });

  test.each([
    [Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }), "Could not load credentials from any providers"],
    // An unknown key is answered with 403, like a missing permission: it must not be reported as one.
    [awsError("UnrecognizedClientException", "The security token included in the request is invalid.", 403), "The security token included in the request is invalid."],
  ])("without usable credentials it says how to provide them, in one line (%#)", async (error, said) => {
    const app = writeApp({ regions: ["eu-west-1"], singlePipeline: true, noFlows: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: [] });
    aws.before.set(`DescribeInput eu-west-1-in-primary`, () => {
      throw error;
    });
    const { code, stderr } = await cli(["start"], app);
    expect(code).toBe(1);
    expect(stderr).toContain(`no usable AWS credentials for eu-west-1: set AWS_PROFILE or sign in (aws sso login) and try again (AWS said: ${said})`);
    expect(stderr.join("\n")).not.toContain("permission denied");
  });
});
