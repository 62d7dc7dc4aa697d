// `status`: every flow, input, channel, ingest endpoint and the distribution, with the playback
// URLs. Exit 0 only when everything runs as it should during an event.
import { AwsError } from "../aws";
import { describeChannel, describeInput } from "../channels";
import { pipelinesOf } from "../../modules/encoder/options";
import { Context, plural } from "../context";
import { describeDistribution } from "../distribution";
import { describeFlow, flowReceiving } from "../flows";
import { ingestState, IngestState, receivingPipelines } from "../ingest";
import { CHANNEL, DISTRIBUTION, FLOW, INPUT, isOneOf } from "../states";

export interface RegionStatus {
  readonly region: string;
  readonly flows: { key: string; arn: string; state: string; receiving?: boolean; detail?: string }[];
  readonly inputs: { role: string; id: string; state: string }[];
  readonly channel: { id: string; state: string; pipelines: { id: string; activeInput?: string }[] };
  readonly ingest: IngestState;
}

export interface StatusReport {
  readonly ok: boolean;
  readonly regions: RegionStatus[];
  readonly distribution?: { id: string; status: string; enabled: boolean };
  readonly playbackUrls: Readonly<Record<string, string>>;
  /** One line per thing that is not as it should be while the event runs. */
  readonly problems: string[];
}

async function attempt<T>(problems: string[], fallback: T, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof AwsError)) throw e;
    problems.push(e.message);
    return fallback;
  }
}

export async function collectStatus(ctx: Context): Promise<StatusReport> {
  const { rt, clients } = ctx;
  const problems: string[] = [];
  const regions: RegionStatus[] = [];
  for (const r of ctx.regions) {
    const flows: RegionStatus["flows"] = [];
    for (const f of r.flows) {
      const s = await attempt(problems, { status: "UNREADABLE" }, () => describeFlow(rt, clients, r.region, f));
      const entry: RegionStatus["flows"][number] = { key: f.key, arn: f.arn, state: s.status };
      if (s.status === FLOW.running) {
        const m = await attempt(problems, { receiving: false, detail: "unreadable" as string | undefined }, () => flowReceiving(rt, clients, r.region, f));
        entry.receiving = m.receiving;
        entry.detail = m.detail;
        if (!m.receiving) problems.push(`${r.region} flow ${f.key}: ACTIVE but no source stream arrives${m.detail ? ` (${m.detail})` : ""}`);
      } else if (s.status !== "UNREADABLE") problems.push(`${r.region} flow ${f.key}: ${s.status} (expected ${FLOW.running})`);
      flows.push(entry);
    }
    const inputs: RegionStatus["inputs"] = [];
    for (const i of r.inputs) {
      const s = await attempt(problems, { state: "UNREADABLE", destinations: [] as string[] }, () => describeInput(rt, clients, r.region, i.id));
      inputs.push({ role: i.role, id: i.id, state: s.state });
      if (!isOneOf(s.state, INPUT.ready) && s.state !== "UNREADABLE") problems.push(`${r.region} input ${i.role}: ${s.state} (expected ${INPUT.ready.join(" or ")})`);
    }
    const ch = await attempt(problems, { state: "UNREADABLE", pipelines: [] as { id: string; activeInput?: string }[] }, () => describeChannel(rt, clients, r.region, r.channel.id));
    const running = ch.state === CHANNEL.running || isOneOf(ch.state, CHANNEL.recovering);
    if (ch.state !== CHANNEL.running && ch.state !== "UNREADABLE") problems.push(`${r.region} channel ${r.channel.id}: ${ch.state} (expected ${CHANNEL.running})`);
    let ingest: IngestState = { endpoints: [], perPipeline: true };
    if (running && r.packaging) {
      ingest = await attempt(problems, ingest, () => ingestState(rt, clients, r.region, r.packaging!.channelGroup));
      const expected = pipelinesOf(r.channel.class);
      const receiving = receivingPipelines(ingest, expected);
      const silent = ingest.endpoints.filter((e) => !e.receiving).map((e) => `endpoint ${e.endpoint}`);
      if (receiving < expected) problems.push(`${r.region} MediaPackage: ${receiving} of ${expected} pipelines' ingest endpoints receive (${silent.join(", ") || "none listed"} silent)`);
    }
    regions.push({ region: r.region, flows, inputs, channel: { id: r.channel.id, state: ch.state, pipelines: [...ch.pipelines] }, ingest });
  }
  let distribution: StatusReport["distribution"];
  if (ctx.event.distribution) {
    const d = await attempt(problems, { status: "UNREADABLE", enabled: false }, () => describeDistribution(rt, clients, ctx.event.distribution!.id));
    distribution = { id: ctx.event.distribution.id, ...d };
    if (d.status !== "UNREADABLE" && (d.status !== DISTRIBUTION.ready || !d.enabled)) {
      problems.push(`distribution ${distribution.id}: ${d.status}${d.enabled ? "" : ", disabled"} (expected ${DISTRIBUTION.ready}, enabled)`);
    }
  }
  return { ok: problems.length === 0, regions, distribution, playbackUrls: ctx.event.playbackUrls, problems };
}

export function formatStatus(report: StatusReport): string[] {
  const lines: string[] = [];
  for (const r of report.regions) {
    lines.push(`${r.region}`);
    for (const f of r.flows) lines.push(`  flow ${f.key.padEnd(10)} ${f.state.padEnd(9)} ${f.receiving === undefined ? "" : f.receiving ? "source stream arriving" : "no source stream"}`.trimEnd());
    for (const i of r.inputs) lines.push(`  input ${i.role.padEnd(9)} ${i.state}`);
    const pipes = r.channel.pipelines.map((p) => `pipeline ${p.id} on ${p.activeInput ?? "-"}`).join(", ");
    lines.push(`  channel ${r.channel.id.padEnd(8)} ${r.channel.state.padEnd(9)} ${pipes}`.trimEnd());
    if (r.ingest.perPipeline) for (const e of r.ingest.endpoints) lines.push(`  ingest ${`${e.channel}/${e.endpoint}`.padEnd(9)} ${e.receiving ? `receiving (${e.bytes} bytes in 3 min)` : "silent"}`);
    else for (const c of new Set(r.ingest.endpoints.map((e) => e.channel))) {
      const bytes = r.ingest.endpoints.find((e) => e.channel === c)!.bytes;
      lines.push(`  ingest ${c.padEnd(9)} ${bytes > 0 ? `receiving (${bytes} bytes in 3 min, channel total: no per-pipeline figures)` : "silent"}`);
    }
  }
  if (report.distribution) lines.push(`distribution ${report.distribution.id} ${report.distribution.status}${report.distribution.enabled ? "" : " (disabled)"}`);
  for (const [k, url] of Object.entries(report.playbackUrls)) lines.push(`playback ${k.padEnd(18)} ${url}`);
  lines.push(report.ok ? `Running: everything in ${plural(report.regions.length, "region")} is as it should be.` : `Not running as expected: ${plural(report.problems.length, "problem")}:`);
  for (const p of report.problems) lines.push(`  ${p}`);
  return lines;
}

export async function status(ctx: Context, options: { json: boolean }): Promise<number> {
  const report = await collectStatus(ctx);
  if (options.json) ctx.rt.out(JSON.stringify(report, null, 2));
  else for (const l of formatStatus(report)) ctx.rt.out(l);
  return report.ok ? 0 : 1;
}
