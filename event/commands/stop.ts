// `stop`: the reverse of start: channels first (wait IDLE), then flows (wait STANDBY), last region
// first. Unlike start it carries on past a failure, because everything left running bills; the
// summary says what stopped, what was already stopped, and what could not be stopped.
import { AwsError } from "../aws";
import { ChannelState, describeChannel, stopChannel } from "../channels";
import { Context, plural, TIMING } from "../context";
import { describeFlow, FlowState, stopFlow } from "../flows";
import { CHANNEL, FLOW, isOneOf } from "../states";
import { reach, settle, WaitError, Watched } from "../wait";

export function stopPlan(ctx: Context): string[] {
  const regions = [...ctx.regions].reverse();
  const steps: string[] = [];
  for (const r of regions) steps.push(`stop channel ${r.region} ${r.channel.id}`);
  steps.push(`wait until every channel is ${CHANNEL.stopped}`);
  for (const r of regions) for (const f of [...r.flows].reverse()) steps.push(`stop flow ${r.region} ${f.key} (${f.arn})`);
  if (regions.some((r) => r.flows.length)) steps.push(`wait until every flow is ${FLOW.stopped}`);
  return steps.map((s, i) => `  ${i + 1}. ${s}`);
}

export async function stop(ctx: Context, options: { dryRun: boolean }): Promise<number> {
  const { rt, clients } = ctx;
  const regions = [...ctx.regions].reverse();
  if (options.dryRun) {
    rt.out(`Plan for stop in ${plural(regions.length, "region")} (${regions.map((r) => r.region).join(", ")}):`);
    for (const l of stopPlan(ctx)) rt.out(l);
    rt.out("Nothing was changed (--dry-run).");
    return 0;
  }
  const stopped: string[] = [];
  const already: string[] = [];
  const failed: string[] = [];
  const attempt = async (name: string, f: () => Promise<void>) => {
    try {
      await f();
    } catch (e) {
      if (!(e instanceof AwsError) && !(e instanceof WaitError)) throw e;
      rt.err(`  ${e.message}`);
      failed.push(name);
    }
  };

  // 1. Channels.
  const channelWaits: { name: string; wait: () => Promise<unknown> }[] = [];
  for (const r of regions) {
    const channel: Watched<ChannelState> = {
      label: `${r.region} channel ${r.channel.id}`,
      poll: () => describeChannel(rt, clients, r.region, r.channel.id),
      state: (t) => t.state,
      ...TIMING.channel,
    };
    await attempt(channel.label, async () => {
      // Starting or being updated: let it get there first, then stop it.
      const s = await settle(rt, channel, await channel.poll(), [...CHANNEL.starting, ...CHANNEL.busy]);
      if (s.state === CHANNEL.stopped) return void already.push(channel.label);
      if (!isOneOf(s.state, CHANNEL.stopping)) {
        await stopChannel(rt, clients, r.region, r.channel.id);
        rt.err(`  ${channel.label}: stopping`);
      }
      channelWaits.push({
        name: channel.label,
        wait: () => reach(rt, channel, CHANNEL.stopped, (t) => (isOneOf(t.state, CHANNEL.failed) ? `went to ${t.state}` : undefined)),
      });
    });
  }
  for (const w of channelWaits) await attempt(w.name, async () => void (await w.wait(), stopped.push(w.name)));

  // 2. Flows.
  const flowWaits: { name: string; wait: () => Promise<unknown> }[] = [];
  for (const r of regions) {
    for (const f of [...r.flows].reverse()) {
      const flow: Watched<FlowState> = { label: `${r.region} flow ${f.key}`, poll: () => describeFlow(rt, clients, r.region, f), state: (t) => t.status, ...TIMING.flow };
      await attempt(flow.label, async () => {
        const s = await settle(rt, flow, await flow.poll(), [...FLOW.starting, ...FLOW.busy]);
        if (s.status === FLOW.stopped) return void already.push(flow.label);
        if (!isOneOf(s.status, FLOW.stopping)) {
          await stopFlow(rt, clients, r.region, f);
          rt.err(`  ${flow.label}: stopping`);
        }
        flowWaits.push({ name: flow.label, wait: () => reach(rt, flow, FLOW.stopped, (t) => (isOneOf(t.status, FLOW.failed) ? `went to ${t.status}` : undefined)) });
      });
    }
  }
  for (const w of flowWaits) await attempt(w.name, async () => void (await w.wait(), stopped.push(w.name)));

  rt.out(`Stopped: ${stopped.length ? stopped.join(", ") : "nothing"}.`);
  if (already.length) rt.out(`Already stopped: ${already.join(", ")}.`);
  if (failed.length) {
    rt.out(`Could not stop: ${failed.join(", ")}: they may still be running (and billing); see the lines above and run stop again.`);
    return 1;
  }
  rt.out("Every channel and flow is stopped; `npm run destroy` can remove the event.");
  return 0;
}
