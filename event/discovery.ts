// Where the CLI finds the event's resources: the stacks' Terraform outputs.
//
// Decision: the synthesized app (cdktf.out) says which stacks exist and which region each runs in;
// `terraform output -json`, run in each stack's directory, reads the values from the state backend
// the configuration chose (local file, S3 or Terraform Cloud: Terraform itself reads the configured
// backend, with the operator's own backend credentials), so the CLI needs no second copy of
// anything and works for 1 to 8 regions alike. `--outputs <file>` takes the same values from a
// file instead: { "<stack>": <terraform output -json of that stack> }, for machines without
// Terraform or state access. Tags were the alternative; outputs are exact and already carry the
// ingest addresses and playback URLs that tags do not.
import * as path from "path";
import { readInputText, shown } from "../config/json-file";

export interface FlowRef {
  /** `primary-a`, `backup-b`, ... (the `ingest-<key>` output). */
  readonly key: string;
  readonly role: string;
  readonly arn: string;
  readonly protocol: string;
  readonly ip?: string;
  readonly port?: number;
}

export interface RegionResources {
  readonly region: string;
  readonly stack: string;
  /** MediaConnect flows, primary before backup; empty when MediaLive receives the feed directly. */
  readonly flows: readonly FlowRef[];
  readonly inputs: readonly { readonly role: string; readonly id: string; readonly arn?: string }[];
  readonly channel: { readonly id: string; readonly arn?: string; readonly class?: string };
  readonly packaging?: { readonly channelGroup: string; readonly egressDomain?: string };
  /** Secrets Manager secret ARNs the stack's resources read (decryption, forwarding). */
  readonly secretArns: readonly string[];
  /** SSM parameter names the stack's resources read (pull passwords). */
  readonly parameterNames: readonly string[];
}

export interface EventResources {
  /** Regional pipelines in the app's order: primary first. */
  readonly regions: readonly RegionResources[];
  readonly distribution?: { readonly id: string; readonly domainName?: string };
  /** `<endpoint>-<kind>` → URL, e.g. `ts-hls`. */
  readonly playbackUrls: Readonly<Record<string, string>>;
}

/** Reads a stack's outputs (name → value); the real one runs Terraform in the stack's directory. */
export type OutputReader = (stack: string, workingDirectory: string) => Record<string, unknown>;

export class DiscoveryError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

interface SynthStack {
  readonly name: string;
  /** Stacks this one reads outputs from; the CDN stack lists the regional ones primary first. */
  readonly dependencies: readonly string[];
  readonly workingDirectory: string;
  readonly region?: string;
  readonly outputNames: readonly string[];
  readonly secretArns: readonly string[];
  readonly parameterNames: readonly string[];
}

/** The largest synthesized stack or outputs file read: far above any event's (about 120 KB per stack). */
const MAX_SYNTHESIZED_BYTES = 16_000_000;

/** A synthesized or outputs file, read like every input file (config/json-file.ts): a regular file, bounded, strict UTF-8. */
function readJson(file: string, what: string): unknown {
  const read = readInputText(file, MAX_SYNTHESIZED_BYTES);
  if ("problem" in read) throw new DiscoveryError([read.missing ? `${file}: not found: ${what}` : `${file}: ${read.problem}: ${what}`]);
  try {
    return JSON.parse(read.text);
  } catch (e) {
    throw new DiscoveryError([`${file}: not valid JSON (${shown((e as Error).message, 120)}): ${what}`]);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Literal values (never `${...}` references) of the keys that name secrets, anywhere in a stack's resources. */
function collectRefs(node: unknown, into: { secrets: Set<string>; parameters: Set<string> }): void {
  if (Array.isArray(node)) {
    for (const v of node) collectRefs(v, into);
  } else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === "string" && !v.includes("${")) {
        if (k === "secret_arn" && v.startsWith("arn:")) into.secrets.add(v);
        if (k === "password_param" && v !== "") into.parameters.add(v);
      } else collectRefs(v, into);
    }
  }
}

/** The synthesized stacks: names, directories, regions (the default aws provider's) and output names. */
export function readSynthesized(outdir: string): SynthStack[] {
  const file = path.join(outdir, "manifest.json");
  const manifest = readJson(file, "synthesize the event first (npm run synth, with the same EVENT_CONFIG)");
  const stacks = isRecord(manifest) && isRecord(manifest.stacks) ? Object.values(manifest.stacks) : undefined;
  const isStack = (s: unknown) =>
    isRecord(s) && typeof s.name === "string" && typeof s.workingDirectory === "string" && typeof s.synthesizedStackPath === "string" && (s.dependencies === undefined || Array.isArray(s.dependencies));
  if (!stacks || !stacks.every(isStack)) throw new DiscoveryError([`${file}: not a manifest cdktf writes (stacks, each with a name, workingDirectory and synthesizedStackPath): synthesize the event again (npm run synth)`]);
  return (stacks as { name: string; workingDirectory: string; synthesizedStackPath: string; dependencies?: string[] }[]).map((s) => {
    const stackFile = path.join(outdir, s.synthesizedStackPath);
    const read = readJson(stackFile, "synthesize the event again (npm run synth)");
    if (!isRecord(read)) throw new DiscoveryError([`${stackFile}: not a synthesized stack (a JSON object): synthesize the event again (npm run synth)`]);
    const tf = read as {
      provider?: { aws?: { region?: string; alias?: string }[] };
      output?: Record<string, unknown>;
      resource?: unknown;
    };
    const refs = { secrets: new Set<string>(), parameters: new Set<string>() };
    collectRefs(tf.resource, refs);
    return {
      name: s.name,
      dependencies: s.dependencies ?? [],
      workingDirectory: path.join(outdir, s.workingDirectory),
      region: (tf.provider?.aws ?? []).find((p) => !p.alias)?.region,
      outputNames: Object.keys(tf.output ?? {}).filter((n) => !n.startsWith("cross-stack-output-")),
      secretArns: [...refs.secrets].sort(),
      parameterNames: [...refs.parameters].sort(),
    };
  });
}

/** A regional pipeline (it has a channel output), the CDN (a distribution output), or another kind of stack. */
function kindOf(s: SynthStack): "regional" | "cdn" | undefined {
  return s.outputNames.includes("channel") ? "regional" : s.outputNames.includes("distribution") ? "cdn" : undefined;
}

/** The app's stacks by name: the event's own (regional pipelines and the CDN: what `npm run destroy` may remove) and the others. */
export function stackNames(outdir: string): { event: string[]; other: string[] } {
  const stacks = readSynthesized(outdir);
  return { event: stacks.filter((s) => kindOf(s) !== undefined).map((s) => s.name), other: stacks.filter((s) => kindOf(s) === undefined).map((s) => s.name) };
}

/** `terraform output -json` gives { name: { value, type, sensitive } }; a flat { name: value } file is accepted too. */
function unwrap(outputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(outputs).map(([k, v]) => [k, v && typeof v === "object" && "value" in v && ("type" in v || "sensitive" in v) ? (v as { value: unknown }).value : v]),
  );
}

/** Outputs from a file: { "<stack>": { ... } } as written by `terraform output -json` per stack. */
export function fileOutputReader(file: string): OutputReader {
  const what = "pass the file written from `terraform output -json` of each stack";
  const read = readJson(file, what);
  if (!isRecord(read)) throw new DiscoveryError([`${file}: must be an object of { "<stack>": <outputs> }: ${what}`]);
  const all = read as Record<string, Record<string, unknown>>;
  return (stack) => {
    if (!all[stack]) throw new DiscoveryError([`${file}: /${stack} is missing: add that stack's outputs (terraform output -json in cdktf.out/stacks/${stack})`]);
    return all[stack];
  };
}

/** Turn the synthesized stacks and their outputs into the event's resources. */
export function discover(outdir: string, readOutputs: OutputReader): EventResources {
  const stacks = readSynthesized(outdir);
  const problems: string[] = [];
  const regions: RegionResources[] = [];
  let distribution: EventResources["distribution"];
  const playbackUrls: Record<string, string> = {};

  for (const s of stacks) {
    const kind = kindOf(s);
    if (!kind) continue; // a stack of another kind (e.g. bootstrap): not ours to run
    let out: Record<string, unknown>;
    try {
      out = unwrap(readOutputs(s.name, s.workingDirectory));
    } catch (e) {
      problems.push(...(e instanceof DiscoveryError ? e.problems : [`${s.name}: could not read its outputs: ${(e as Error).message.split("\n")[0]}`]));
      continue;
    }
    if (Object.keys(out).length === 0) {
      problems.push(`${s.name}: its state has no outputs: deploy it first (npm run deploy)`);
      continue;
    }
    if (kind === "regional") {
      const channel = out.channel as { id?: string; arn?: string; class?: string } | undefined;
      if (!channel?.id) {
        problems.push(`${s.name}: output channel has no id (got ${JSON.stringify(out.channel)})`);
        continue;
      }
      if (!s.region) problems.push(`${s.name}: no region in its aws provider`);
      const flows: FlowRef[] = Object.keys(out)
        .filter((k) => k.startsWith("ingest-"))
        .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
        .map((k) => {
          const v = out[k] as { flow_arn?: string; protocol?: string; ip?: string; port?: number };
          const key = k.slice("ingest-".length);
          return { key, role: key.split("-")[0], arn: v.flow_arn ?? "", protocol: v.protocol ?? "", ip: v.ip, port: v.port };
        });
      const inputs = Object.keys(out)
        .filter((k) => k.startsWith("input-"))
        .sort((a, b) => order(a) - order(b))
        .map((k) => {
          const v = out[k] as { id?: string; arn?: string };
          return { role: k.slice("input-".length), id: String(v.id ?? ""), arn: v.arn };
        });
      const packaging = out.packaging as { channel_group?: string; egress_domain?: string } | undefined;
      regions.push({
        region: s.region ?? "",
        stack: s.name,
        flows,
        inputs,
        channel: { id: String(channel.id), arn: channel.arn, class: channel.class },
        packaging: packaging?.channel_group ? { channelGroup: packaging.channel_group, egressDomain: packaging.egress_domain } : undefined,
        secretArns: s.secretArns,
        parameterNames: s.parameterNames,
      });
    }
    if (kind === "cdn") {
      const d = out.distribution as { id?: string; domain_name?: string } | undefined;
      if (d?.id) distribution = { id: d.id, domainName: d.domain_name };
      for (const [k, v] of Object.entries(out)) if (k.startsWith("playback-") && typeof v === "string") playbackUrls[k.slice("playback-".length)] = v;
    }
  }
  if (problems.length > 0) throw new DiscoveryError(problems);
  // The manifest lists stacks by name; the app's order (primary region first) is the order in which
  // the CDN stack depends on the regional ones.
  const cdn = stacks.find((s) => kindOf(s) === "cdn");
  const rank = (stack: string) => {
    const i = cdn?.dependencies.indexOf(stack) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  regions.sort((a, b) => rank(a.stack) - rank(b.stack));
  if (regions.length === 0) throw new DiscoveryError([`${outdir}: no regional pipeline stack (one with a channel output) was synthesized`]);
  return { regions, distribution, playbackUrls };
}

/** Primary before backup. */
function order(name: string): number {
  return name.includes("primary") ? 0 : name.includes("backup") ? 1 : 2;
}

/**
 * Runs a program and returns its standard output; throws with its standard error on failure, with
 * code ENOENT when the program is not installed and ETIMEDOUT after TERRAFORM_TIMEOUT_MS.
 */
export type Exec = (program: string, args: readonly string[], cwd: string) => string;

/** How long one `terraform output` may take (remote state included). */
export const TERRAFORM_TIMEOUT_MS = 120000;

export const TERRAFORM_MISSING = "terraform is not installed (not found on PATH): install it, or pass the stacks' outputs in a file with --outputs <file> (see docs/runbook.md)";

/**
 * Outputs through `terraform output -json` in the stack's directory: Terraform reads the backend the
 * stack was synthesized with (local, S3 or Terraform Cloud). The directory must have been
 * initialised, which `npm run deploy` does.
 */
export function terraformOutputReader(exec: Exec): OutputReader {
  return (stack, workingDirectory) => {
    let text: string;
    try {
      text = exec("terraform", ["output", "-json", "-no-color"], workingDirectory);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === "ENOENT") throw new DiscoveryError([TERRAFORM_MISSING]);
      if (code === "ETIMEDOUT") throw new DiscoveryError([`${stack}: terraform output -json gave no answer within ${TERRAFORM_TIMEOUT_MS / 1000} s (state backend unreachable?): try again, or pass --outputs <file>`]);
      const lines = ((e as { stderr?: Buffer | string }).stderr?.toString() || (e as Error).message).split("\n").map((l) => l.replace(/^[│╷╵\s]+/, "").trim());
      const said = lines.find((l) => l.startsWith("Error: ")) ?? lines.find((l) => l !== "") ?? "";
      throw new DiscoveryError([
        `${stack}: terraform output -json failed in ${path.relative(process.cwd(), workingDirectory) || "."}: ${said.replace(/^[│\s]*(Error: )?/, "")} (deploy first, or pass --outputs <file>)`,
      ]);
    }
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new DiscoveryError([`${stack}: terraform output -json did not print JSON`]);
    }
  };
}
