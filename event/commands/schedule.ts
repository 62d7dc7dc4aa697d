// `schedule`: the actions still to come in every channel's schedule, by start time.
import { ScheduleAction } from "@aws-sdk/client-medialive";
import { AwsError } from "../aws";
import { describeSchedule } from "../channels";
import { Context } from "../context";

function kind(a: ScheduleAction): string {
  const settings = a.ScheduleActionSettings ?? {};
  const key = Object.keys(settings).find((k) => (settings as Record<string, unknown>)[k] !== undefined) ?? "unknown";
  const splice = settings.Scte35SpliceInsertSettings;
  return splice ? `SCTE-35 splice insert, ${splice.Duration !== undefined ? `${splice.Duration / 90000} s` : "no duration"}, event ${splice.SpliceEventId}` : key.replace(/Settings$/, "");
}

function startOf(a: ScheduleAction): string {
  const s = a.ScheduleActionStartSettings ?? {};
  if (s.FixedModeScheduleActionStartSettings?.Time) return s.FixedModeScheduleActionStartSettings.Time;
  if (s.FollowModeScheduleActionStartSettings) return `after ${s.FollowModeScheduleActionStartSettings.ReferenceActionName} ${s.FollowModeScheduleActionStartSettings.FollowPoint ?? ""}`.trim();
  return "immediate";
}

export async function schedule(ctx: Context, options: { json: boolean }): Promise<number> {
  const { rt, clients } = ctx;
  const now = rt.now();
  const result: { region: string; channel: string; actions: { name: string; start: string; action: string }[] }[] = [];
  let failures = 0;
  for (const r of ctx.regions) {
    try {
      const actions = (await describeSchedule(rt, clients, r.region, r.channel.id))
        .map((a) => ({ name: a.ActionName ?? "", start: startOf(a), action: kind(a) }))
        // Fixed times in the past are history; follow and immediate actions are listed as they are.
        .filter((a) => !/^\d{4}-/.test(a.start) || Date.parse(a.start) >= now)
        .sort((a, b) => (Date.parse(a.start) || Infinity) - (Date.parse(b.start) || Infinity));
      result.push({ region: r.region, channel: r.channel.id, actions });
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      rt.err(e.message);
      failures++;
    }
  }
  if (options.json) rt.out(JSON.stringify(result, null, 2));
  else {
    for (const r of result) {
      rt.out(`${r.region} channel ${r.channel}: ${r.actions.length ? `${r.actions.length} upcoming` : "nothing upcoming"}`);
      for (const a of r.actions) rt.out(`  ${a.start}  ${a.name}  ${a.action}`);
    }
  }
  return failures ? 1 : 0;
}
