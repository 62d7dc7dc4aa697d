// Dispatch: arguments to a command, with the same error handling for all of them.
import { fixTheProblems } from "../config/json-file";
import { Args, USAGE } from "./args";
import type { Spawn } from "./commands/test-signal";
import { parseDuration, parseSignalDuration } from "./commands/usage";
import { Deps, loadContext } from "./load";

export interface RunDeps extends Deps {
  readonly spawn: Spawn;
}

/** Run one command; the exit code: 0 done, 1 failed or not as expected, 2 bad usage. */
export async function run(args: Args, deps: RunDeps): Promise<number> {
  const { rt } = deps;
  if (args.problems.length) {
    for (const p of args.problems) rt.err(`event: ${p}`);
    for (const l of USAGE) rt.err(l);
    return 2;
  }
  if (!args.command || args.command === "help") {
    for (const l of USAGE) (args.command ? rt.out : rt.err)(l);
    return args.command ? 0 : 2;
  }
  // Each command's module (and with it the AWS SDK, about a second to load) is loaded once the
  // command is known to run: bad usage, bad values and a missing app are said without it.
  // Bad values are said before anything is looked up (terraform output can take a while).
  const durationProblem =
    args.command === "ad-break" ? parseDuration(args.duration).problem : args.command === "test-signal" ? parseSignalDuration(args.duration).problem : undefined;
  if (durationProblem) {
    rt.err(durationProblem);
    return 2;
  }
  const ctx = loadContext(args, deps);
  if (Array.isArray(ctx)) {
    for (const p of ctx) rt.err(p);
    rt.err(`event ${args.command}: nothing was done: ${fixTheProblems(ctx.length)}.`);
    return 1;
  }
  switch (args.command) {
    case "status":
      return (require("./commands/status") as typeof import("./commands/status")).status(ctx, { json: args.json });
    case "start":
      return (require("./commands/start") as typeof import("./commands/start")).start(ctx, { dryRun: args.dryRun });
    case "stop":
      return (require("./commands/stop") as typeof import("./commands/stop")).stop(ctx, { dryRun: args.dryRun });
    case "ad-break":
      return (require("./commands/ad-break") as typeof import("./commands/ad-break")).adBreak(ctx, { duration: args.duration, dryRun: args.dryRun });
    case "schedule":
      return (require("./commands/schedule") as typeof import("./commands/schedule")).schedule(ctx, { json: args.json });
    case "test-signal":
      return (require("./commands/test-signal") as typeof import("./commands/test-signal")).testSignal(ctx, { duration: args.duration, dryRun: args.dryRun, pathVar: deps.env.PATH, spawn: deps.spawn });
  }
}
