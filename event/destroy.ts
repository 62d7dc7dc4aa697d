// `npm run destroy`: refuse while the event runs (or stop it first with --stop-first), then
// `cdktf destroy` of the event's own stacks (the regional pipelines and the CDN, by name: never
// `'*'`, which would take any other stack of the app with it), with any further arguments.
// --force skips the running check, not the choice of stacks; --outputs/--outdir find the resources
// as for `npm run event`.
import { spawnSync } from "child_process";
import { invocationFolder, projectRoot } from "../config/paths";
import { parseArgs, splitDestroyArgs } from "./args";
import { sdkClients } from "./aws";
import { DiscoveryError, stackNames } from "./discovery";
import { loadContext, outdirOf } from "./load";
import { processRuntime } from "./runtime";

async function main(): Promise<number> {
  const rt = processRuntime();
  const { ours, passOn } = splitDestroyArgs(process.argv.slice(2));
  const args = parseArgs(ours, { commandless: true });
  if (args.problems.length) {
    for (const p of args.problems) rt.err(`destroy: ${p}`);
    return 2;
  }
  // npm runs scripts in the project folder; paths the user typed are relative to where they typed them.
  const root = projectRoot(__dirname) ?? process.cwd();
  const deps = { rt, clients: sdkClients, env: process.env, cwd: invocationFolder(root), root };
  let stacks: string[];
  // cdktf synthesizes again before it destroys: into the same folder whose stacks were checked here.
  const outdir = outdirOf(args, deps);
  const ownOutput = passOn.filter((a) => a === "-o" || a === "--output" || a.startsWith("--output="));
  if (ownOutput.length) {
    rt.err(`destroy: ${ownOutput.map((a) => JSON.stringify(a)).join(", ")}: name the synthesized app with --outdir (or CDKTF_OUTDIR), which is both checked and handed to cdktf. Nothing was destroyed.`);
    return 2;
  }
  try {
    const names = stackNames(outdir);
    stacks = names.event;
    // Arguments for cdktf must not add stacks: another stack of the app, or all of them.
    const widening = passOn.filter((a) => a === "*" || names.other.includes(a));
    if (widening.length) {
      rt.err(`destroy: ${widening.map((a) => JSON.stringify(a)).join(", ")}: npm run destroy removes the event's stacks only (${stacks.join(", ")}); destroy other stacks with cdktf itself. Nothing was destroyed.`);
      return 2;
    }
  } catch (e) {
    if (!(e instanceof DiscoveryError)) throw e;
    for (const p of e.problems) rt.err(p);
    rt.err("Destroy refused: the synthesized app says which stacks belong to the event; nothing was destroyed.");
    return 1;
  }
  if (stacks.length === 0) {
    rt.err("Destroy refused: the synthesized app has no event stack (regional pipeline or CDN); nothing was destroyed.");
    return 1;
  }
  if (!args.force) {
    const ctx = loadContext(args, deps);
    if (Array.isArray(ctx)) {
      for (const p of ctx) rt.err(p);
      rt.err("Destroy refused: could not find the event's resources to check that nothing runs. Fix the above, or pass --force to destroy without the check.");
      return 1;
    }
    // The guard calls AWS: its module (and the AWS SDK) is loaded only here.
    const { destroyGuard } = require("./commands/guard") as typeof import("./commands/guard");
    const code = await destroyGuard(ctx, { stopFirst: args.stopFirst });
    if (code !== 0) return code;
  }
  rt.err(`Destroying the event's stacks: ${stacks.join(", ")}`);
  const r = spawnSync("cdktf", ["destroy", "--output", outdir, ...stacks, ...passOn], { stdio: "inherit" });
  if (r.error) {
    rt.err(`destroy: could not run cdktf (${(r.error as NodeJS.ErrnoException).code ?? r.error.message}): run it through npm (npm run destroy), which puts the project's cdktf on PATH.`);
    return 1;
  }
  return r.status ?? 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`destroy: unexpected error: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
