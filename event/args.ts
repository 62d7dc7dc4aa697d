// Command-line parsing: a command and its options; every problem reported, one line each.

export const COMMANDS = ["status", "start", "stop", "ad-break", "schedule", "test-signal", "help"] as const;
export type Command = (typeof COMMANDS)[number];

export interface Args {
  readonly command?: Command;
  readonly json: boolean;
  readonly dryRun: boolean;
  readonly regions: readonly string[];
  readonly duration?: string;
  readonly outputs?: string;
  readonly outdir?: string;
  readonly stopFirst: boolean;
  readonly force: boolean;
  /** Arguments after `--`, passed on (destroy). */
  readonly rest: readonly string[];
  readonly problems: readonly string[];
}

const WITH_VALUE = new Set(["--region", "--duration", "--outputs", "--outdir"]);
const FLAGS = new Set(["--json", "--dry-run", "--stop-first", "--force", "--help", "-h"]);

export function parseArgs(argv: readonly string[], options: { commandless?: boolean } = {}): Args {
  const problems: string[] = [];
  const values: Record<string, string[]> = {};
  const flags = new Set<string>();
  let command: Command | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      rest.push(...argv.slice(i + 1));
      break;
    }
    const [name, inline] = a.startsWith("--") && a.includes("=") ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (WITH_VALUE.has(name)) {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith("--"))) {
        problems.push(`${name} needs a value`);
        if (v?.startsWith("--")) i--;
        continue;
      }
      (values[name] ??= []).push(v);
    } else if (FLAGS.has(name)) flags.add(name);
    else if (!a.startsWith("-") && !command && !options.commandless) {
      if ((COMMANDS as readonly string[]).includes(a)) command = a as Command;
      else problems.push(`unknown command ${JSON.stringify(a)}: use one of ${COMMANDS.join(", ")}`);
    } else problems.push(`unknown option ${JSON.stringify(a)}`);
  }
  if (flags.has("--help") || flags.has("-h")) command = "help";
  return {
    command,
    json: flags.has("--json"),
    dryRun: flags.has("--dry-run"),
    regions: (values["--region"] ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter((v) => v !== ""),
    duration: values["--duration"]?.at(-1),
    outputs: values["--outputs"]?.at(-1),
    outdir: values["--outdir"]?.at(-1),
    stopFirst: flags.has("--stop-first"),
    force: flags.has("--force"),
    rest,
    problems,
  };
}

export const USAGE = [
  "usage: npm run event -- <command> [options]",
  "  status                 every flow, input, channel, ingest and the CDN; exit 0 only when all runs (--json)",
  "  start                  preflight, flows, channels, wait for ingest, print playback URLs (--dry-run)",
  "  stop                   channels, then flows, with waits; a summary (--dry-run)",
  "  ad-break --duration S  SCTE-35 splice insert at the same time on every running channel (--dry-run)",
  "  schedule               upcoming actions of every channel (--json)",
  "  test-signal            ffmpeg test pattern and tone to the primary ingest (--duration S, --dry-run)",
  "options: --region R (repeatable or comma-separated)  --outputs FILE (outputs instead of terraform)  --outdir DIR (default cdktf.out)",
];

/**
 * `npm run destroy -- [options]`: the guard's own options (--stop-first, --force, --outputs F,
 * --outdir D) apart from everything else, which goes on to `cdktf destroy '*'` unchanged.
 */
export function splitDestroyArgs(argv: readonly string[]): { ours: string[]; passOn: string[] } {
  const ours: string[] = [];
  const passOn: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const name = a.includes("=") ? a.slice(0, a.indexOf("=")) : a;
    if (a === "--stop-first" || a === "--force") ours.push(a);
    else if ((name === "--outputs" || name === "--outdir") && a.includes("=")) ours.push(a);
    else if (name === "--outputs" || name === "--outdir") ours.push(a, ...(i + 1 < argv.length ? [argv[++i]] : []));
    else passOn.push(a);
  }
  return { ours, passOn };
}
