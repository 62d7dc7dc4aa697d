// From arguments to a Context: find the synthesized app, read the outputs, pick the regions.
import { execFileSync } from "child_process";
import * as path from "path";
import { outputFolder } from "../config/paths";
import type { Args } from "./args";
import type { Clients } from "./aws";
import type { Context } from "./context";
import { discover, DiscoveryError, Exec, fileOutputReader, TERRAFORM_TIMEOUT_MS, terraformOutputReader } from "./discovery";
import type { Runtime } from "./runtime";

export interface Deps {
  readonly rt: Runtime;
  readonly clients: () => Clients;
  readonly env: NodeJS.ProcessEnv;
  /** Where the command was typed: --outputs, --outdir and CDKTF_OUTDIR are relative to it (as for synth). */
  readonly cwd: string;
  /** The project folder, which holds the default cdktf.out; the same as cwd unless said otherwise. */
  readonly root?: string;
  readonly exec?: Exec;
}

const realExec: Exec = (program, args, cwd) =>
  execFileSync(program, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 16 * 1024 * 1024, timeout: TERRAFORM_TIMEOUT_MS });

/**
 * The synthesized app: --outdir, else the folder the synthesis used, by the helper main.ts uses
 * (config/paths.ts: CDKTF_OUTDIR from where the command was typed, blank meaning unset; else the project's cdktf.out).
 */
export function outdirOf(args: Args, deps: Pick<Deps, "env" | "cwd" | "root">): string {
  return outputFolder(deps.root ?? deps.cwd, deps.cwd, args.outdir, deps.env);
}

/** The context, or the problems (one line each) that prevent it. */
export function loadContext(args: Args, deps: Deps): Context | string[] {
  const outdir = outdirOf(args, deps);
  let event;
  try {
    const reader = args.outputs ? fileOutputReader(path.resolve(deps.cwd, args.outputs)) : terraformOutputReader(deps.exec ?? realExec);
    event = discover(outdir, reader);
  } catch (e) {
    // The same cause (e.g. terraform missing) is said once, not once per stack.
    if (e instanceof DiscoveryError) return [...new Set(e.problems)];
    throw e;
  }
  const known = event.regions.map((r) => r.region);
  const unknown = args.regions.filter((r) => !known.includes(r));
  if (unknown.length) return unknown.map((r) => `--region ${r}: the event runs in ${known.join(", ")} (got ${r})`);
  const regions = args.regions.length ? event.regions.filter((r) => args.regions.includes(r.region)) : event.regions;
  return { rt: deps.rt, clients: deps.clients(), event, regions };
}
