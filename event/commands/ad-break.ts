// `ad-break --duration <s>`: one SCTE-35 splice_insert in the schedule of every running channel,
// with the same fixed UTC start time, action name and splice event id in every region, so every
// region's DATERANGE markers start at the same wall-clock time.
//
// Why fixed and not immediate: an immediate action starts whenever each region's request arrives,
// so eight sequential requests would open the break at eight slightly different times. A fixed
// start time is wall-clock time ("the time is the wall clock time, not the timecode in the input")
// and "should be at least 15 seconds in the future":
// https://docs.aws.amazon.com/medialive/latest/ug/schedule-fields-for-splice_insert.html
// Payload (Scte35SpliceInsertSettings, Duration in 90 kHz ticks, 1350000 = 15 s):
// https://docs.aws.amazon.com/medialive/latest/ug/cli-schedule-fields-for-splice-insert.html
import { ScheduleAction } from "@aws-sdk/client-medialive";
import { AwsError } from "../aws";
import { addScheduleActions, describeChannel } from "../channels";
import { Context, plural } from "../context";
import { CHANNEL } from "../states";
import { parseDuration } from "./usage";

/** The documented minimum: a fixed time "should be at least 15 seconds in the future" (page above). */
const MIN_LEAD_MS = 15000;
/** Seconds ahead of now: the documented minimum plus 15 s for the requests to every region (up to 8). */
export const AD_BREAK_LEAD_SECONDS = 30;

export function spliceInsert(startMs: number, durationSeconds: number): ScheduleAction {
  const time = new Date(startMs).toISOString();
  // Unique among the channel's scheduled and active splice events, and equal in every region.
  const spliceEventId = Math.floor(startMs / 1000) % 2 ** 32;
  return {
    ActionName: `ad-break-${time}`,
    ScheduleActionStartSettings: { FixedModeScheduleActionStartSettings: { Time: time } },
    ScheduleActionSettings: { Scte35SpliceInsertSettings: { SpliceEventId: spliceEventId, Duration: Math.round(durationSeconds * 90000) } },
  };
}

export async function adBreak(ctx: Context, options: { duration?: string; dryRun: boolean }): Promise<number> {
  const { rt, clients } = ctx;
  const d = parseDuration(options.duration);
  if (d.problem) {
    rt.err(d.problem);
    return 2;
  }
  // Every channel in scope must run: a break in some regions only would split the markers.
  const notRunning: string[] = [];
  for (const r of ctx.regions) {
    try {
      const s = await describeChannel(rt, clients, r.region, r.channel.id);
      if (s.state !== CHANNEL.running) notRunning.push(`${r.region} channel ${r.channel.id} is ${s.state}`);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      notRunning.push(e.message);
    }
  }
  if (notRunning.length) {
    for (const l of notRunning) rt.err(l);
    rt.err(`No ad break was scheduled: every channel in scope must be ${CHANNEL.running} (start them, or limit with --region).`);
    return 1;
  }
  const startMs = Math.ceil((rt.now() + AD_BREAK_LEAD_SECONDS * 1000) / 1000) * 1000;
  const action = spliceInsert(startMs, d.seconds!);
  const at = new Date(startMs).toISOString();
  if (options.dryRun) {
    rt.out(`Would schedule ${action.ActionName} (splice event ${action.ScheduleActionSettings!.Scte35SpliceInsertSettings!.SpliceEventId}, ${d.seconds} s) at ${at} on ${ctx.regions.map((r) => `${r.region} channel ${r.channel.id}`).join(", ")}.`);
    rt.out("Nothing was changed (--dry-run).");
    return 0;
  }
  const done: string[] = [];
  for (const r of ctx.regions) {
    try {
      // Slow or throttled requests must not leave a region less than the documented 15 s.
      if (rt.now() > startMs - MIN_LEAD_MS) {
        throw new AwsError(`${r.region}: too close to the start time ${at} to schedule it safely`, "other", { service: "medialive", action: "BatchUpdateSchedule", region: r.region });
      }
      await addScheduleActions(rt, clients, r.region, r.channel.id, [action]);
      done.push(r.region);
      rt.err(`  ${r.region} channel ${r.channel.id}: scheduled`);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      rt.err(`ad-break failed: ${e.message}`);
      rt.err(
        done.length
          ? `The break IS scheduled in ${done.join(", ")} but not in ${ctx.regions.filter((x) => !done.includes(x.region)).map((x) => x.region).join(", ")}: markers will differ between regions. Remove it from the schedule in the MediaLive console if that matters.`
          : "No ad break was scheduled.",
      );
      return 1;
    }
  }
  rt.out(`Ad break ${action.ActionName}: ${d.seconds} s from ${at} in ${plural(done.length, "region")} (${done.join(", ")}).`);
  return 0;
}
