// Test support for the operator CLI: a synthesized app on disk (app.ts), a runtime with a fake
// clock, and stubbed AWS services whose resources move through the states AWS documents
// (see event/states.ts): STANDBY→STARTING→ACTIVE, IDLE→STARTING→RUNNING, and back.
import { mockClient } from "aws-sdk-client-mock";
import { CloudFrontClient, GetDistributionCommand } from "@aws-sdk/client-cloudfront";
import { CloudWatchClient, GetMetricDataCommand, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import {
  DescribeFlowCommand,
  DescribeFlowSourceMetadataCommand,
  MediaConnectClient,
  StartFlowCommand,
  StopFlowCommand,
} from "@aws-sdk/client-mediaconnect";
import {
  BatchUpdateScheduleCommand,
  DescribeChannelCommand,
  DescribeInputCommand,
  DescribeScheduleCommand,
  MediaLiveClient,
  ScheduleAction,
  StartChannelCommand,
  StopChannelCommand,
} from "@aws-sdk/client-medialive";
import { GetChannelCommand, ListChannelsCommand, MediaPackageV2Client } from "@aws-sdk/client-mediapackagev2";
import { DescribeSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { GetParameterCommand, SSMClient } from "@aws-sdk/client-ssm";
import { parseArgs } from "../../event/args";
import { sdkClients } from "../../event/aws";
import { run } from "../../event/run";
import type { Runtime } from "../../event/runtime";
import { channelId, EVENT, flowArn } from "./app";

export { channelId, EVENT, flowArn, flowKeys, removeApps, writeApp } from "./app";
export type { AppOptions } from "./app";

/** A runtime whose sleep advances a fake clock at once, and which keeps every line it prints. */
export function testRuntime(startIso = "2030-05-01T18:00:00.000Z"): Runtime & { stdout: string[]; stderr: string[]; slept: number[] } {
  let now = Date.parse(startIso);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    out: (l) => void stdout.push(l),
    err: (l) => void stderr.push(l),
    random: () => 0.5,
    stdout,
    stderr,
    slept,
  };
}

type Behaviour = (log: string) => void;

/**
 * The event's AWS side. Each Describe moves a resource one step along its queued states; Start
 * and Stop queue the documented sequence. `log` records every call as `<region> <service>:<Action> <what>`.
 */
export class FakeAws {
  readonly log: string[] = [];
  readonly flows = new Map<string, { status: string; queue: string[]; receiving: boolean }>();
  readonly channels = new Map<string, { region: string; state: string; queue: string[]; schedule: ScheduleAction[] }>();
  /** Sequences a start or stop queues, per resource kind: tests replace them to script failures. */
  flowStart = ["STARTING", "STARTING", "ACTIVE"];
  flowStop = ["STOPPING", "STANDBY"];
  channelStart = ["STARTING", "STARTING", "STARTING", "RUNNING"];
  channelStop = ["STOPPING", "STOPPING", "IDLE"];
  /** GetMetricData polls, after the channel runs, before bytes show up. */
  ingestDelayPolls = 1;
  /** Whether CloudWatch has IngressBytes per ingest endpoint, or per channel only. */
  perEndpointMetrics = true;
  readonly ingestPolls = new Map<string, number>();
  /** Hooks before a call completes: throw from them to fail it. Keyed by `<Action> <what>`. */
  readonly before = new Map<string, Behaviour>();
  readonly mocks;

  constructor(readonly regions: readonly string[], options: { flowKeys: string[]; flowStatus?: string; channelState?: string }) {
    for (const region of regions) {
      for (const key of options.flowKeys) this.flows.set(flowArn(region, key), { status: options.flowStatus ?? "STANDBY", queue: [], receiving: true });
      this.channels.set(channelId(region, regions), { region, state: options.channelState ?? "IDLE", queue: [], schedule: [] });
    }
    const mc = mockClient(MediaConnectClient);
    const ml = mockClient(MediaLiveClient);
    const mp = mockClient(MediaPackageV2Client);
    const cw = mockClient(CloudWatchClient);
    const cf = mockClient(CloudFrontClient);
    const sm = mockClient(SecretsManagerClient);
    const ssm = mockClient(SSMClient);
    this.mocks = [mc, ml, mp, cw, cf, sm, ssm];

    const step = <T extends { queue: string[] }>(r: T, set: (s: string) => void) => {
      const next = r.queue.shift();
      if (next) set(next);
    };
    const flowKey = (arn: string) => arn.split("-flow-")[1];
    const flow = (arn: string) => {
      const f = this.flows.get(arn);
      if (!f) throw Object.assign(new Error(`flow ${arn} not found`), { name: "NotFoundException", $metadata: { httpStatusCode: 404 } });
      return f;
    };
    const channel = (id: string) => {
      const c = this.channels.get(id);
      if (!c) throw Object.assign(new Error(`channel ${id} not found`), { name: "NotFoundException", $metadata: { httpStatusCode: 404 } });
      return c;
    };
    const record = async (getClient: () => { config: { region: unknown } }, service: string, action: string, what: string) => {
      const region = await (getClient().config.region as () => Promise<string>)();
      this.before.get(`${action} ${what}`)?.(`${region} ${service}:${action} ${what}`);
      this.log.push(`${region} ${service}:${action} ${what}`);
    };

    mc.on(DescribeFlowCommand).callsFake(async (input, getClient) => {
      await record(getClient, "mediaconnect", "DescribeFlow", flowKey(input.FlowArn));
      const f = flow(input.FlowArn);
      step(f, (s) => (f.status = s));
      return { Flow: { FlowArn: input.FlowArn, Status: f.status, Source: { IngestIp: "198.51.100.10" } } };
    });
    mc.on(DescribeFlowSourceMetadataCommand).callsFake(async (input, getClient) => {
      await record(getClient, "mediaconnect", "DescribeFlowSourceMetadata", flowKey(input.FlowArn));
      return flow(input.FlowArn).receiving
        ? { FlowArn: input.FlowArn, TransportMediaInfo: { Programs: [{ ProgramNumber: 1, ProgramPid: 480, PcrPid: 481, ProgramName: "test", Streams: [] }] } }
        : { FlowArn: input.FlowArn, Messages: [{ Code: "NO_SOURCE", Message: "no content received", ResourceName: "source" }] };
    });
    mc.on(StartFlowCommand).callsFake(async (input, getClient) => {
      await record(getClient, "mediaconnect", "StartFlow", flowKey(input.FlowArn));
      const f = flow(input.FlowArn);
      f.queue = [...this.flowStart];
      return { FlowArn: input.FlowArn, Status: "STARTING" };
    });
    mc.on(StopFlowCommand).callsFake(async (input, getClient) => {
      await record(getClient, "mediaconnect", "StopFlow", flowKey(input.FlowArn));
      const f = flow(input.FlowArn);
      f.queue = [...this.flowStop];
      return { FlowArn: input.FlowArn, Status: "STOPPING" };
    });

    ml.on(DescribeChannelCommand).callsFake(async (input, getClient) => {
      await record(getClient, "medialive", "DescribeChannel", input.ChannelId);
      const c = channel(input.ChannelId);
      step(c, (s) => (c.state = s));
      const running = c.state === "RUNNING";
      return { Id: input.ChannelId, State: c.state, PipelinesRunningCount: running ? 2 : 0, PipelineDetails: running ? [{ PipelineId: "0", ActiveInputAttachmentName: "primary" }, { PipelineId: "1", ActiveInputAttachmentName: "primary" }] : [] };
    });
    ml.on(StartChannelCommand).callsFake(async (input, getClient) => {
      await record(getClient, "medialive", "StartChannel", input.ChannelId);
      const c = channel(input.ChannelId);
      c.queue = [...this.channelStart];
      return { Id: input.ChannelId, State: "STARTING" };
    });
    ml.on(StopChannelCommand).callsFake(async (input, getClient) => {
      await record(getClient, "medialive", "StopChannel", input.ChannelId);
      const c = channel(input.ChannelId);
      c.queue = [...this.channelStop];
      return { Id: input.ChannelId, State: "STOPPING" };
    });
    ml.on(DescribeInputCommand).callsFake(async (input, getClient) => {
      await record(getClient, "medialive", "DescribeInput", input.InputId);
      return { Id: input.InputId, State: "ATTACHED", Type: "RTMP_PUSH", Destinations: [{ Url: `rtmp://203.0.113.7:1935/live/${input.InputId}` }] };
    });
    ml.on(BatchUpdateScheduleCommand).callsFake(async (input, getClient) => {
      await record(getClient, "medialive", "BatchUpdateSchedule", input.ChannelId);
      channel(input.ChannelId).schedule.push(...(input.Creates?.ScheduleActions ?? []));
      return { Creates: input.Creates };
    });
    ml.on(DescribeScheduleCommand).callsFake(async (input, getClient) => {
      await record(getClient, "medialive", "DescribeSchedule", input.ChannelId);
      return { ScheduleActions: channel(input.ChannelId).schedule };
    });

    mp.on(ListChannelsCommand).callsFake(async (input, getClient) => {
      await record(getClient, "mediapackagev2", "ListChannels", input.ChannelGroupName);
      if (input.ChannelGroupName !== EVENT) throw awsError("NotFoundException", `channel group ${input.ChannelGroupName} not found`, 404);
      return { Items: [{ ChannelGroupName: EVENT, ChannelName: "live" }] };
    });
    mp.on(GetChannelCommand).callsFake(async (input, getClient) => {
      await record(getClient, "mediapackagev2", "GetChannel", `${input.ChannelGroupName}/${input.ChannelName}`);
      return { ChannelGroupName: input.ChannelGroupName, ChannelName: input.ChannelName, IngestEndpoints: [{ Id: "1", Url: "https://a-1.ingest/in/v1/show/1/live/index" }, { Id: "2", Url: "https://a-2.ingest/in/v1/show/2/live/index" }] };
    });
    cw.on(GetMetricDataCommand).callsFake(async (input, getClient) => {
      const region = await (getClient().config.region as () => Promise<string>)();
      await record(getClient, "cloudwatch", "GetMetricData", "IngressBytes");
      const c = [...this.channels.values()].find((x) => x.region === region)!;
      const polls = (this.ingestPolls.get(region) ?? 0) + (c.state === "RUNNING" ? 1 : 0);
      this.ingestPolls.set(region, polls);
      const flowing = c.state === "RUNNING" && polls > this.ingestDelayPolls;
      // Only the series that exist have figures: IngressBytes Sum of this channel group's channel
      // (ChannelGroup, Channel) and, when perEndpointMetrics, of each of its ingest endpoints.
      const exists = (q: { MetricStat?: { Metric?: { Namespace?: string; MetricName?: string; Dimensions?: { Name?: string; Value?: string }[] }; Stat?: string } }) => {
        const m = q.MetricStat?.Metric;
        const dims = Object.fromEntries((m?.Dimensions ?? []).map((d) => [d.Name, d.Value]));
        if (m?.Namespace !== "AWS/MediaPackage" || m.MetricName !== "IngressBytes" || q.MetricStat?.Stat !== "Sum") return false;
        if (dims.ChannelGroup !== EVENT || dims.Channel !== "live") return false;
        const names = Object.keys(dims).sort().join(",");
        if (names === "Channel,ChannelGroup") return true;
        return this.perEndpointMetrics && names === "Channel,ChannelGroup,IngestEndpoint" && ["1", "2"].includes(dims.IngestEndpoint ?? "");
      };
      return { MetricDataResults: (input.MetricDataQueries ?? []).map((q: MetricDataQuery) => ({ Id: q.Id, Values: flowing && exists(q) ? [1200000, 1150000] : [] })) };
    });
    cf.on(GetDistributionCommand).callsFake(async (input, getClient) => {
      await record(getClient, "cloudfront", "GetDistribution", input.Id);
      return { Distribution: { Id: input.Id, Status: "Deployed", DistributionConfig: { Enabled: true } } };
    });
    sm.on(DescribeSecretCommand).callsFake(async (input, getClient) => {
      await record(getClient, "secretsmanager", "DescribeSecret", input.SecretId);
      return { ARN: input.SecretId, Name: "x" };
    });
    ssm.on(GetParameterCommand).callsFake(async (input, getClient) => {
      await record(getClient, "ssm", "GetParameter", input.Name);
      return { Parameter: { Name: input.Name, Type: "SecureString", Value: "AQICAH-encrypted" } };
    });
  }

  /** Calls of one action, in order, as `<region> <what>`. */
  calls(action: string): string[] {
    return this.log.filter((l) => l.split(" ")[1].endsWith(`:${action}`)).map((l) => `${l.split(" ")[0]} ${l.split(" ").slice(2).join(" ")}`);
  }

  /** Calls that change something (starts, stops, schedule updates), in order. */
  changes(): string[] {
    return this.log.filter((l) => /:(Start|Stop|BatchUpdate)/.test(l));
  }

  restore(): void {
    for (const m of this.mocks) m.restore();
  }
}

/** An SDK-shaped service error. */
export function awsError(name: string, message: string, status: number): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status }, $fault: "client" });
}

/** Run the CLI with arguments, against the app on disk and the stubbed services. */
export async function cli(argv: string[], app: { dir: string; outputsFile: string }, rt = testRuntime(), extra: { PATH?: string; spawn?: (p: string, a: readonly string[]) => Promise<number> } = {}) {
  const code = await run(parseArgs([...argv, "--outputs", app.outputsFile]), {
    rt,
    clients: sdkClients,
    env: { PATH: extra.PATH ?? "" },
    cwd: app.dir,
    spawn: extra.spawn ?? (async () => 0),
  });
  return { code, stdout: rt.stdout, stderr: rt.stderr, rt };
}
