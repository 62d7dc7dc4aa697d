// `test-signal`: a test pattern with a 1 kHz tone, sent with ffmpeg to the primary ingest of the
// primary region in the protocol the event uses. The exact command is printed first, so it can be
// run elsewhere too; without ffmpeg on PATH the command refuses and says so.
// MediaConnect flow protocols (RIST, RTP, RTP-FEC, SRT, Zixi): https://docs.aws.amazon.com/mediaconnect/latest/ug/protocols.html
// Transport protocol values (srt-listener, zixi-push, ...): https://docs.aws.amazon.com/mediaconnect/latest/api/API_Transport.html
// Push inputs (RTMP_PUSH, RTP_PUSH, UDP_PUSH): the address is the input's Destinations from MediaLive's DescribeInput.
import * as fs from "fs";
import * as path from "path";
import { AwsError } from "../aws";
import { describeInput } from "../channels";
import { Context } from "../context";
import { parseSignalDuration } from "./usage";

/** Picture and sound: ffmpeg's built-in test pattern and sine generators, H.264/AAC in MPEG-TS or FLV. */
const SOURCE = [
  "-hide_banner",
  "-re",
  "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=25",
  "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000",
  "-c:v", "libx264", "-preset", "veryfast", "-tune", "zerolatency", "-pix_fmt", "yuv420p", "-g", "50", "-b:v", "3M", "-maxrate", "3M", "-bufsize", "6M",
  "-c:a", "aac", "-b:a", "128k", "-ar", "48000",
];

export interface Target {
  /** Where the signal goes, for the message. */
  readonly description: string;
  /** ffmpeg's output: format and URL. */
  readonly output?: readonly string[];
  /** Why ffmpeg cannot send this. */
  readonly refusal?: string;
  readonly note?: string;
}

/** The ffmpeg output for a MediaConnect flow source listening on ip:port. */
export function flowTarget(protocol: string, ip: string, port: number): Target {
  const description = `${protocol} ${ip}:${port}`;
  switch (protocol) {
    case "srt-listener":
      // The flow listens; ffmpeg calls. MPEG-TS in 1316-byte payloads (7 TS packets).
      return { description, output: ["-f", "mpegts", `srt://${ip}:${port}?mode=caller&pkt_size=1316`] };
    case "rtp":
    case "rtp-fec":
      return { description, output: ["-f", "rtp_mpegts", `rtp://${ip}:${port}`], note: protocol === "rtp-fec" ? "sent as plain RTP, without FEC columns" : undefined };
    case "rist":
      return { description, output: ["-f", "mpegts", `rist://${ip}:${port}`], note: "needs an ffmpeg built with librist" };
    case "zixi-push":
      return { description, refusal: "ffmpeg cannot send Zixi: use a Zixi feeder or broadcaster to send the test signal" };
    default:
      return { description, refusal: `ffmpeg cannot send ${protocol} to a flow source (forwarded regions are fed by the primary region's flows)` };
  }
}

/** The ffmpeg output for a MediaLive push input's destination URL. */
export function inputTarget(type: string | undefined, url: string | undefined): Target {
  const description = `${type ?? "input"} ${url ?? ""}`.trim();
  if (!url) return { description, refusal: `the primary input (${type ?? "unknown type"}) has no destination to send to: test-signal sends to push inputs only` };
  switch (type) {
    case "RTMP_PUSH":
      return { description, output: ["-f", "flv", url] };
    case "RTP_PUSH":
      return { description, output: ["-f", "rtp_mpegts", url] };
    case "UDP_PUSH":
      return { description, output: ["-f", "mpegts", `${url}${url.includes("?") ? "&" : "?"}pkt_size=1316`] };
    default:
      return { description, refusal: `test-signal sends to push inputs only; this one is ${type ?? "of an unknown type"}` };
  }
}

export function ffmpegArgs(target: Target, seconds?: number): string[] {
  return [...SOURCE, ...(seconds ? ["-t", String(seconds)] : []), ...(target.output ?? [])];
}

/** A command line to copy into a POSIX shell. */
export function shellQuote(args: readonly string[]): string {
  return args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(" ");
}

/** The first executable `name` on a PATH (POSIX ':' or Windows ';' separated). */
export function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? "").split(path.delimiter)) {
    if (!dir) continue;
    for (const candidate of [path.join(dir, name), path.join(dir, `${name}.exe`)]) {
      try {
        fs.accessSync(candidate, fs.constants.X_OK);
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export type Spawn = (program: string, args: readonly string[]) => Promise<number>;

export async function testSignal(ctx: Context, options: { duration?: string; dryRun: boolean; pathVar: string | undefined; spawn: Spawn }): Promise<number> {
  const { rt, clients } = ctx;
  const r = ctx.regions[0];
  const { seconds, problem } = parseSignalDuration(options.duration);
  if (problem) {
    rt.err(problem);
    return 2;
  }
  let target: Target;
  const flow = r.flows.find((f) => f.role === "primary");
  if (flow) {
    if (!flow.ip || !flow.port) {
      rt.err(`test-signal: ${r.stack} output ingest-${flow.key} has no ip or port (got ${JSON.stringify({ ip: flow.ip, port: flow.port })})`);
      return 1;
    }
    target = flowTarget(flow.protocol, flow.ip, flow.port);
  } else {
    const input = r.inputs.find((i) => i.role === "primary") ?? r.inputs[0];
    if (!input) {
      rt.err(`test-signal: ${r.stack} has no flow and no input output to send to`);
      return 1;
    }
    try {
      const s = await describeInput(rt, clients, r.region, input.id);
      target = inputTarget(s.type, s.destinations[0]);
    } catch (e) {
      if (!(e instanceof AwsError)) throw e;
      rt.err(`test-signal: ${e.message}`);
      return 1;
    }
  }
  if (target.refusal) {
    rt.err(`test-signal: ${target.refusal} (${r.region} primary ingest: ${target.description})`);
    return 1;
  }
  const args = ffmpegArgs(target, seconds);
  rt.out(`Test pattern with a 1 kHz tone to the ${r.region} primary ingest (${target.description}):`);
  rt.out(`  ${shellQuote(["ffmpeg", ...args])}`);
  if (target.note) rt.out(`  note: ${target.note}`);
  if (r.secretArns.length && flow?.protocol === "srt-listener") rt.out("  note: if the flow decrypts its source, add &passphrase=<the secret's value> to the srt:// URL");
  if (options.dryRun) {
    rt.out("Nothing was sent (--dry-run).");
    return 0;
  }
  const ffmpeg = findOnPath("ffmpeg", options.pathVar);
  if (!ffmpeg) {
    rt.err("test-signal: ffmpeg is not installed (not found on PATH): install it, or run the command above on a machine that has it. Nothing was sent.");
    return 1;
  }
  rt.err(`Sending${seconds ? ` for ${seconds} s` : ""}; stop with Ctrl-C.`);
  return options.spawn(ffmpeg, args);
}
