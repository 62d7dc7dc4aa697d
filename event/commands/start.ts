// `start`: preflight, then flows in every region (wait ACTIVE), then channels (wait RUNNING), then
// wait until MediaPackage receives from every pipeline, then the playback URLs. Flows go first
// because a channel started without its source runs into input loss and writes stale manifests.
// Idempotent: what already runs is left as it is. A failure stops the sequence with one line and
// leaves what runs running (the operator decides: fix and start again, or stop).
import { fixTheProblems } from "../../config/json-file";
import { AwsError } from "../aws";
import { ChannelState, describeChannel, describeInput, startChannel } from "../channels";
import { pipelinesOf } from "../../modules/encoder/options";
import { Context, plural, TIMING } from "../context";
import { describeFlow, FlowState, startFlow } from "../flows";
import { ingestState, receivingPipelines } from "../ingest";
import { checkParameter, checkSecret } from "../secrets";
import { CHANNEL, FLOW, INPUT, isOneOf } from "../states";
import { reach, settle, waitFor, WaitError, Watched } from "../wait";

/** The ordered plan, from the synthesized outputs alone (no AWS call): what --dry-run prints. */
export function startPlan(ctx: Context): string[] {
  const steps: string[] = [];
  const secrets = ctx.regions.reduce((n, r) => n + r.secretArns.length + r.parameterNames.length, 0);
  steps.push(`preflight: every flow, input and channel exists${secrets ? `, ${plural(secrets, "secret")} readable` : ""}, nothing in an error state`);
  for (const r of ctx.regions) for (const f of r.flows) steps.push(`start flow ${r.region} ${f.key} (${f.arn})`);
  if (ctx.regions.some((r) => r.flows.length > 0)) steps.push(`wait until every flow is ${FLOW.running}`);
  for (const r of ctx.regions) steps.push(`start channel ${r.region} ${r.channel.id}`);
  steps.push(`wait until every channel is ${CHANNEL.running}`);
  const packaged = ctx.regions.filter((r) => r.packaging);
  if (packaged.length) steps.push(`wait until MediaPackage receives from every pipeline in ${packaged.map((r) => r.region).join(", ")}`);
  steps.push("print the playback URLs");
  return steps.map((s, i) => `  ${i + 1}. ${s}`);
}

async function preflight(ctx: Context): Promise<string[]> {
  const { rt, clients } = ctx;
  const problems: string[] = [];
  // A secret shared by several regions' stacks is checked once.
  const checked = new Set<string>();
  const guard = async (f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      problems.push(e.message);
    }
  };
  for (const r of ctx.regions) {
    for (const f of r.flows) {
      await guard(async () => {
        const s = await describeFlow(rt, clients, r.region, f);
        if (isOneOf(s.status, FLOW.failed)) problems.push(`${r.region} flow ${f.key}: ${s.status}: fix it in the MediaConnect console first`);
      });
    }
    for (const i of r.inputs) {
      await guard(async () => {
        const s = await describeInput(rt, clients, r.region, i.id);
        if (isOneOf(s.state, INPUT.failed)) problems.push(`${r.region} input ${i.role}: ${s.state}`);
      });
    }
    await guard(async () => {
      const s = await describeChannel(rt, clients, r.region, r.channel.id);
      if (isOneOf(s.state, CHANNEL.failed)) problems.push(`${r.region} channel ${r.channel.id}: ${s.state}: fix it in the MediaLive console first`);
    });
    for (const arn of r.secretArns.filter((a) => !checked.has(a))) {
      checked.add(arn);
      const p = await checkSecret(rt, clients, r.region, arn);
      if (p) problems.push(p);
    }
    for (const name of r.parameterNames) {
      const p = await checkParameter(rt, clients, r.region, name);
      if (p) problems.push(p);
    }
  }
  return problems;
}

export async function start(ctx: Context, options: { dryRun: boolean }): Promise<number> {
  const { rt, clients } = ctx;
  const where = ctx.regions.map((r) => r.region).join(", ");
  if (options.dryRun) {
    rt.out(`Plan for start in ${plural(ctx.regions.length, "region")} (${where}):`);
    for (const l of startPlan(ctx)) rt.out(l);
    rt.out("Nothing was changed (--dry-run).");
    return 0;
  }

  rt.err(`Preflight in ${where} ...`);
  const problems = await preflight(ctx);
  if (problems.length) {
    for (const p of problems) rt.err(p);
    rt.err(`Nothing was started: ${fixTheProblems(problems.length)}.`);
    return 1;
  }

  /** What runs now (started by us or before), for the failure message. */
  const running: string[] = [];
  try {
    // 1. Flows, every region, then wait for all of them.
    const flowWaits: (() => Promise<unknown>)[] = [];
    for (const r of ctx.regions) {
      for (const f of r.flows) {
        const flow: Watched<FlowState> = { label: `${r.region} flow ${f.key}`, poll: () => describeFlow(rt, clients, r.region, f), state: (t) => t.status, ...TIMING.flow };
        // Being updated or stopped: let it settle, then decide.
        const s = await settle(rt, flow, await flow.poll(), [...FLOW.busy, ...FLOW.stopping]);
        if (isOneOf(s.status, FLOW.failed)) throw new WaitError(`${flow.label}: ${s.status}`, flow.label);
        if (s.status === FLOW.running) {
          rt.err(`  ${flow.label}: already ${FLOW.running}`);
          running.push(flow.label);
          continue;
        }
        if (s.status === FLOW.stopped) {
          await startFlow(rt, clients, r.region, f);
          rt.err(`  ${flow.label}: starting`);
        }
        running.push(flow.label);
        flowWaits.push(() => reach(rt, flow, FLOW.running, (t) => (isOneOf(t.status, FLOW.failed) ? `went to ${t.status}` : undefined)));
      }
    }
    for (const w of flowWaits) await w();

    // 2. Channels, every region, then wait for all of them.
    const channelWaits: (() => Promise<unknown>)[] = [];
    for (const r of ctx.regions) {
      const channel: Watched<ChannelState> = {
        label: `${r.region} channel ${r.channel.id}`,
        poll: () => describeChannel(rt, clients, r.region, r.channel.id),
        state: (t) => t.state,
        ...TIMING.channel,
      };
      const s = await settle(rt, channel, await channel.poll(), [...CHANNEL.busy, ...CHANNEL.stopping]);
      if (isOneOf(s.state, CHANNEL.failed)) throw new WaitError(`${channel.label}: ${s.state}`, channel.label);
      if (s.state === CHANNEL.running) {
        rt.err(`  ${channel.label}: already ${CHANNEL.running}`);
        running.push(channel.label);
        continue;
      }
      if (s.state === CHANNEL.stopped) {
        await startChannel(rt, clients, r.region, r.channel.id);
        rt.err(`  ${channel.label}: starting`);
      }
      running.push(channel.label);
      let wasStarting = false;
      channelWaits.push(() =>
        reach(rt, channel, CHANNEL.running, (t) => {
          if (isOneOf(t.state, CHANNEL.starting)) wasStarting = true;
          if (isOneOf(t.state, CHANNEL.failed)) return `went to ${t.state}`;
          if (wasStarting && t.state === CHANNEL.stopped) return `went back to ${CHANNEL.stopped} (see the channel's alerts in the MediaLive console)`;
          return undefined;
        }),
      );
    }
    for (const w of channelWaits) await w();

    // 3. MediaPackage receives from every pipeline.
    for (const r of ctx.regions) {
      if (!r.packaging) continue;
      const expected = pipelinesOf(r.channel.class);
      await waitFor(rt, {
        label: `${r.region} MediaPackage ingest`,
        target: `receiving from ${plural(expected, "pipeline")}`,
        poll: () => ingestState(rt, clients, r.region, r.packaging!.channelGroup),
        state: (t) => `${receivingPipelines(t, expected)} of ${expected} receiving${t.perPipeline ? "" : " (channel total)"}`,
        done: (t) => receivingPipelines(t, expected) >= expected,
        ...TIMING.ingest,
      });
    }
  } catch (e) {
    if (!(e instanceof AwsError) && !(e instanceof WaitError)) throw e;
    rt.err(`start failed: ${e.message}`);
    // The one that failed is not "running"; the rest are left as they are.
    const failed = e instanceof WaitError ? e.label : undefined;
    const left = running.filter((n) => n !== failed);
    rt.err(
      left.length
        ? `Stopped the sequence here. Left running as it was: ${left.join(", ")}. Fix the cause and run start again, or stop everything: npm run event -- stop`
        : "Stopped the sequence here; nothing was running.",
    );
    return 1;
  }

  rt.out(`Running in ${plural(ctx.regions.length, "region")} (${where}). Playback:`);
  for (const [k, url] of Object.entries(ctx.event.playbackUrls)) rt.out(`  ${k.padEnd(18)} ${url}`);
  return 0;
}
