// `npm run destroy`: refuse while the event runs (or stop it first with --stop-first), then
// `cdktf destroy '*'` with any further arguments. --force skips the check; --outputs/--outdir find
// the resources as for `npm run event`.
import { spawnSync } from "child_process";
import { parseArgs, splitDestroyArgs } from "./args";
import { sdkClients } from "./aws";
import { destroyGuard } from "./commands/guard";
import { loadContext } from "./load";
import { processRuntime } from "./runtime";

async function main(): Promise<number> {
  const rt = processRuntime();
  const { ours, passOn } = splitDestroyArgs(process.argv.slice(2));
  const args = parseArgs(ours, { commandless: true });
  if (args.problems.length) {
    for (const p of args.problems) rt.err(`destroy: ${p}`);
    return 2;
  }
  if (!args.force) {
    const ctx = loadContext(args, { rt, clients: sdkClients, env: process.env, cwd: process.cwd() });
    if (Array.isArray(ctx)) {
      for (const p of ctx) rt.err(p);
      rt.err("Destroy refused: could not find the event's resources to check that nothing runs. Fix the above, or pass --force to destroy without the check.");
      return 1;
    }
    const code = await destroyGuard(ctx, { stopFirst: args.stopFirst });
    if (code !== 0) return code;
  }
  const r = spawnSync("cdktf", ["destroy", "*", ...passOn], { stdio: "inherit" });
  return r.status ?? 1;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`destroy: unexpected error: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
