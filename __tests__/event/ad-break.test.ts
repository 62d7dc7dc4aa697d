import { awsError, channelId, cli, FakeAws, testRuntime, writeApp, removeApps } from "./support";

const REGIONS = ["eu-west-1", "us-east-1", "ap-southeast-2"];
let aws: FakeAws;
afterEach(() => aws?.restore());
afterAll(removeApps);

describe("event ad-break", () => {
  test("schedules one splice insert with the same fixed time, name and event id on every running channel", async () => {
    const app = writeApp({ regions: REGIONS, noFlows: true });
    aws = new FakeAws(REGIONS, { flowKeys: [], channelState: "RUNNING" });
    const rt = testRuntime("2030-05-01T18:00:00.250Z");
    const { code, stdout } = await cli(["ad-break", "--duration", "30"], app, rt);
    expect(code).toBe(0);
    expect(aws.calls("BatchUpdateSchedule")).toEqual(REGIONS.map((r) => `${r} ${channelId(r, REGIONS)}`));
    // 30 s ahead (the documented minimum is 15 s, plus 15 s for the requests), rounded up to the whole second.
    const expected = {
      ActionName: "ad-break-2030-05-01T18:00:31.000Z",
      ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: "2030-05-01T18:00:31.000Z" } },
      ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 1903888831, Duration: 2700000 } },
    };
    for (const c of aws.channels.values()) expect(c.schedule).toEqual([expected]);
    expect(stdout).toEqual(["Ad break ad-break-2030-05-01T18:00:31.000Z: 30 s from 2030-05-01T18:00:31.000Z in 3 regions (eu-west-1, us-east-1, ap-southeast-2)."]);
  });

  test("refuses when a channel in scope is not running, so markers never differ between regions", async () => {
    const app = writeApp({ regions: REGIONS, noFlows: true });
    aws = new FakeAws(REGIONS, { flowKeys: [], channelState: "RUNNING" });
    aws.channels.get(channelId("us-east-1", REGIONS))!.state = "IDLE";
    const { code, stderr } = await cli(["ad-break", "--duration", "30"], app);
    expect(code).toBe(1);
    expect(aws.calls("BatchUpdateSchedule")).toEqual([]);
    expect(stderr).toEqual([
      `us-east-1 channel ${channelId("us-east-1", REGIONS)} is IDLE`,
      "No ad break was scheduled: every channel in scope must be RUNNING (start them, or limit with --region).",
    ]);
    // Limited to the running regions, it goes ahead.
    const limited = await cli(["ad-break", "--duration", "15", "--region", "eu-west-1,ap-southeast-2"], app);
    expect(limited.code).toBe(0);
    expect(aws.calls("BatchUpdateSchedule").map((l) => l.split(" ")[0])).toEqual(["eu-west-1", "ap-southeast-2"]);
  });

  test("a failure part-way says where the break is and is not scheduled", async () => {
    const app = writeApp({ regions: REGIONS, noFlows: true });
    aws = new FakeAws(REGIONS, { flowKeys: [], channelState: "RUNNING" });
    aws.before.set(`BatchUpdateSchedule ${channelId("ap-southeast-2", REGIONS)}`, () => {
      throw awsError("UnprocessableEntityException", "Start time is in the past", 422);
    });
    const { code, stderr } = await cli(["ad-break", "--duration", "30"], app);
    expect(code).toBe(1);
    expect(stderr.slice(-1)).toEqual([
      "The break IS scheduled in eu-west-1, us-east-1 but not in ap-southeast-2: markers will differ between regions. Remove it from the schedule in the MediaLive console if that matters.",
    ]);
  });

  test.each([
    [[], "ad-break: --duration <seconds> is required (e.g. --duration 30)"],
    [["--duration", "0"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got 0)"],
    [["--duration", "1e3"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got 1e3)"],
    [["--duration", "100000"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got 100000)"],
    [["--duration", "-5"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got -5)"],
    [["--duration", "abc"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got abc)"],
    [["--duration", "1e9"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got 1e9)"],
    [["--duration=0.000001"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got 0.000001)"],
  ])("rejects %j with one line and exit 2", async (extra, line) => {
    const app = writeApp({ regions: REGIONS, noFlows: true });
    aws = new FakeAws(REGIONS, { flowKeys: [], channelState: "RUNNING" });
    const { code, stderr } = await cli(["ad-break", ...extra], app);
    expect(code).toBe(2);
    expect(stderr).toEqual([line]);
    expect(aws.log).toEqual([]);
  });
});

test("a bad --duration is reported before the resources are looked up (no deployed app needed)", async () => {
  aws = new FakeAws(REGIONS, { flowKeys: [], channelState: "RUNNING" });
  const { code, stderr } = await cli(["ad-break", "--duration", "-5"], { dir: "/nonexistent-app", outputsFile: "/nonexistent-app/outputs.json" });
  expect(code).toBe(2);
  expect(stderr).toEqual(["ad-break: --duration must be a number of seconds above 0 and at most 95443 (got -5)"]);
});

test("ad-break --dry-run says what it would schedule and changes nothing", async () => {
  const app = writeApp({ regions: ["eu-west-1"], noFlows: true });
  aws = new FakeAws(["eu-west-1"], { flowKeys: [], channelState: "RUNNING" });
  const { code, stdout } = await cli(["ad-break", "--duration", "30", "--dry-run"], app, testRuntime("2030-05-01T18:00:00.000Z"));
  expect(code).toBe(0);
  expect(aws.changes()).toEqual([]);
  expect(stdout).toEqual([
    `Would schedule ad-break-2030-05-01T18:00:30.000Z (splice event 1903888830, 30 s) at 2030-05-01T18:00:30.000Z on eu-west-1 channel ${channelId("eu-west-1", ["eu-west-1"])}.`,
    "Nothing was changed (--dry-run).",
  ]);
});

test("ad-break never schedules a region too close to the start time (slow or throttled requests)", async () => {
  const app = writeApp({ regions: REGIONS, noFlows: true });
  aws = new FakeAws(REGIONS, { flowKeys: [], channelState: "RUNNING" });
  const rt = testRuntime("2030-05-01T18:00:00.000Z");
  aws.before.set(`BatchUpdateSchedule ${channelId("us-east-1", REGIONS)}`, () => {
    void rt.sleep(16000); // the request took 16 s: 14 s left, under the documented 15 s
  });
  const { code, stderr } = await cli(["ad-break", "--duration", "30"], app, rt);
  expect(code).toBe(1);
  expect(aws.calls("BatchUpdateSchedule").map((l) => l.split(" ")[0])).toEqual(["eu-west-1", "us-east-1"]);
  expect(stderr.slice(-2)).toEqual([
    "ad-break failed: ap-southeast-2: too close to the start time 2030-05-01T18:00:30.000Z to schedule it safely",
    "The break IS scheduled in eu-west-1, us-east-1 but not in ap-southeast-2: markers will differ between regions. Remove it from the schedule in the MediaLive console if that matters.",
  ]);
});

describe("event schedule", () => {
  test("lists upcoming actions per channel, oldest first, past ones left out", async () => {
    const app = writeApp({ regions: ["eu-west-1"], noFlows: true });
    aws = new FakeAws(["eu-west-1"], { flowKeys: [], channelState: "RUNNING" });
    const rt = testRuntime("2030-05-01T18:00:00.000Z");
    expect((await cli(["ad-break", "--duration", "45"], app, rt)).code).toBe(0);
    aws.channels.get(channelId("eu-west-1", ["eu-west-1"]))!.schedule.push({
      ActionName: "old-break",
      ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: "2030-05-01T17:00:00.000Z" } },
      ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: 1, Duration: 90000 } },
    });
    const rt2 = testRuntime("2030-05-01T18:00:05.000Z");
    const { code, stdout } = await cli(["schedule"], app, rt2);
    expect(code).toBe(0);
    expect(stdout).toEqual([
      `eu-west-1 channel ${channelId("eu-west-1", ["eu-west-1"])}: 1 upcoming`,
      `  2030-05-01T18:00:30.000Z  ad-break-2030-05-01T18:00:30.000Z  SCTE-35 splice insert, 45 s, event 1903888830`,
    ]);
  });
});
