// The check before `npm run destroy`: refuse while any flow or channel runs (a destroy would cut a
// live event), or stop everything first when asked with --stop-first.
import { AwsError } from "../aws";
import { describeChannel } from "../channels";
import { Context } from "../context";
import { describeFlow } from "../flows";
import { CHANNEL, FLOW } from "../states";
import { stop } from "./stop";

export async function destroyGuard(ctx: Context, options: { stopFirst: boolean }): Promise<number> {
  const { rt, clients } = ctx;
  const running: string[] = [];
  const unknown: string[] = [];
  const check = async (name: string, read: () => Promise<string>, idle: string) => {
    try {
      const state = await read();
      if (state !== idle) running.push(`${name} (${state})`);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      if (e.kind !== "not-found") unknown.push(e.message); // gone already: nothing runs
    }
  };
  for (const r of ctx.regions) {
    await check(`${r.region} channel ${r.channel.id}`, async () => (await describeChannel(rt, clients, r.region, r.channel.id)).state, CHANNEL.stopped);
    for (const f of r.flows) await check(`${r.region} flow ${f.key}`, async () => (await describeFlow(rt, clients, r.region, f)).status, FLOW.stopped);
  }
  if (unknown.length) {
    for (const l of unknown) rt.err(l);
    rt.err("Destroy refused: could not check whether the event is still running (see above).");
    return 1;
  }
  if (running.length === 0) {
    rt.err("Nothing is running: going on with destroy.");
    return 0;
  }
  if (!options.stopFirst) {
    rt.err(`Destroy refused: still running: ${running.join(", ")}.`);
    rt.err("Stop the event first (npm run event -- stop), or let destroy do it: npm run destroy -- --stop-first");
    return 1;
  }
  rt.err(`Stopping first (--stop-first): ${running.join(", ")}`);
  const code = await stop(ctx, { dryRun: false });
  if (code !== 0) rt.err("Destroy refused: not everything stopped (see above).");
  return code;
}
