// `stop`: the reverse of start: channels first (wait IDLE), then flows (wait STANDBY), last region
// first. Unlike start it carries on past a failure, because everything left running bills; the
// summary says what stopped, what was already stopped, and what could not be stopped.
import { AwsError } from "../aws";
import { describeChannel, stopChannel } from "../channels";
import { Context, plural, TIMING } from "../context";
import { describeFlow, stopFlow } from "../flows";
import { CHANNEL, FLOW, isOneOf } from "../states";
import { waitFor, WaitError } from "../wait";

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
    const name = `${r.region} channel ${r.channel.id}`;
    await attempt(name, async () => {
      let s = await describeChannel(rt, clients, r.region, r.channel.id);
      // Starting or being updated: let it get there first, then stop it.
      const moving: readonly string[] = [...CHANNEL.starting, ...CHANNEL.busy];
      if (isOneOf(s.state, moving)) {
        s = await waitFor(rt, {
          label: name,
          target: `past ${s.state}`,
          poll: () => describeChannel(rt, clients, r.region, r.channel.id),
          state: (t) => t.state,
          done: (t) => !isOneOf(t.state, moving),
          ...TIMING.channel,
        });
      }
      if (s.state === CHANNEL.stopped) return void already.push(name);
      if (!isOneOf(s.state, CHANNEL.stopping)) {
        await stopChannel(rt, clients, r.region, r.channel.id);
        rt.err(`  ${name}: stopping`);
      }
      channelWaits.push({
        name,
        wait: () =>
          waitFor(rt, {
            label: name,
            target: CHANNEL.stopped,
            poll: () => describeChannel(rt, clients, r.region, r.channel.id),
            state: (t) => t.state,
            done: (t) => t.state === CHANNEL.stopped,
            failed: (t) => (isOneOf(t.state, CHANNEL.failed) ? `went to ${t.state}` : undefined),
            ...TIMING.channel,
          }),
      });
    });
  }
  for (const w of channelWaits) await attempt(w.name, async () => void (await w.wait(), stopped.push(w.name)));

  // 2. Flows.
  const flowWaits: { name: string; wait: () => Promise<unknown> }[] = [];
  for (const r of regions) {
    for (const f of [...r.flows].reverse()) {
      const name = `${r.region} flow ${f.key}`;
      await attempt(name, async () => {
        let s = await describeFlow(rt, clients, r.region, f);
        const moving: readonly string[] = [...FLOW.starting, ...FLOW.busy];
        if (isOneOf(s.status, moving)) {
          s = await waitFor(rt, {
            label: name,
            target: `past ${s.status}`,
            poll: () => describeFlow(rt, clients, r.region, f),
            state: (t) => t.status,
            done: (t) => !isOneOf(t.status, moving),
            ...TIMING.flow,
          });
        }
        if (s.status === FLOW.stopped) return void already.push(name);
        if (!isOneOf(s.status, FLOW.stopping)) {
          await stopFlow(rt, clients, r.region, f);
          rt.err(`  ${name}: stopping`);
        }
        flowWaits.push({
          name,
          wait: () =>
            waitFor(rt, {
              label: name,
              target: FLOW.stopped,
              poll: () => describeFlow(rt, clients, r.region, f),
              state: (t) => t.status,
              done: (t) => t.status === FLOW.stopped,
              failed: (t) => (t.status === "ERROR" ? "went to ERROR" : undefined),
              ...TIMING.flow,
            }),
        });
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
