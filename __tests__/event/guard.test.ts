import { destroyGuard } from "../../event/commands/guard";
import { parseArgs } from "../../event/args";
import { sdkClients } from "../../event/aws";
import { loadContext } from "../../event/load";
import type { Context } from "../../event/context";
import { awsError, channelId, FakeAws, flowKeys, testRuntime, writeApp, removeApps } from "./support";

const REGIONS = ["eu-west-1", "us-east-1"];
let aws: FakeAws;
afterEach(() => aws?.restore());
afterAll(removeApps);

function context(rt = testRuntime()): { ctx: Context; rt: ReturnType<typeof testRuntime> } {
  const app = writeApp({ regions: REGIONS, singlePipeline: true });
  const ctx = loadContext(parseArgs(["--outputs", app.outputsFile], { commandless: true }), { rt, clients: sdkClients, env: {}, cwd: app.dir });
  if (Array.isArray(ctx)) throw new Error(ctx.join("\n"));
  return { ctx, rt };
}

describe("npm run destroy guard", () => {
  test("refuses while anything runs, naming it, and changes nothing", async () => {
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }) });
    aws.flows.get([...aws.flows.keys()][0])!.status = "ACTIVE";
    aws.channels.get(channelId("us-east-1", REGIONS))!.state = "RUNNING";
    const { ctx, rt } = context();
    expect(await destroyGuard(ctx, { stopFirst: false })).toBe(1);
    expect(aws.changes()).toEqual([]);
    expect(rt.stderr).toEqual([
      `Destroy refused: still running: eu-west-1 flow primary-a (ACTIVE), us-east-1 channel ${channelId("us-east-1", REGIONS)} (RUNNING).`,
      "Stop the event first (npm run event -- stop), or let destroy do it: npm run destroy -- --stop-first",
    ]);
  });

  test("--stop-first stops everything (channels before flows) and then lets destroy go on", async () => {
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }), flowStatus: "ACTIVE", channelState: "RUNNING" });
    const { ctx } = context();
    expect(await destroyGuard(ctx, { stopFirst: true })).toBe(0);
    expect(aws.changes().map((l) => l.split(" ")[1])).toEqual([
      "medialive:StopChannel",
      "medialive:StopChannel",
      "mediaconnect:StopFlow",
      "mediaconnect:StopFlow",
      "mediaconnect:StopFlow",
      "mediaconnect:StopFlow",
    ]);
  });

  test("lets destroy go on when nothing runs, or a resource is already gone", async () => {
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }) });
    aws.channels.delete(channelId("eu-west-1", REGIONS));
    const { ctx, rt } = context();
    expect(await destroyGuard(ctx, { stopFirst: false })).toBe(0);
    expect(rt.stderr).toEqual(["Nothing is running: going on with destroy."]);
  });

  test("refuses when it cannot tell (e.g. no permission to look)", async () => {
    aws = new FakeAws(REGIONS, { flowKeys: flowKeys({ regions: REGIONS, singlePipeline: true }) });
    aws.before.set(`DescribeChannel ${channelId("us-east-1", REGIONS)}`, () => {
      throw awsError("ForbiddenException", "denied", 403);
    });
    const { ctx, rt } = context();
    expect(await destroyGuard(ctx, { stopFirst: true })).toBe(1);
    expect(aws.changes()).toEqual([]);
    expect(rt.stderr.at(-1)).toBe("Destroy refused: could not check whether the event is still running (see above).");
  });
});
