// Entry point: load and check the event configuration, build one stack per region plus the
// CDN stack, synthesize, and check every stack against the policy pack before anything is
// written. The only place that reads the environment, prints, or exits.
import * as os from "os";
import * as path from "path";
import { fixTheProblems, printedProblems } from "./config/json-file";
import { ConfigError, loadEvent } from "./config/load";
import { eventConfigFile, invocationFolder, outputFolder, projectRoot } from "./config/paths";
import { blocking, formatReport } from "./policy";
import { OutputError, removeStagingFolders, stageChecked } from "./synth/driver";
import { formatCostAndLatency } from "./report";

/** A path as short as it can be said: relative to `from`, or absolute when that is shorter. */
function shortest(from: string, to: string): string {
  const relative = path.relative(from, to) || ".";
  return relative.length <= to.length ? relative : to;
}

/** True once the output folder holds this run's synthesis: a signal after that interrupts nothing. */
let committed = false;

async function main(): Promise<number> {
  const root = projectRoot(__dirname) ?? process.cwd();
  const from = invocationFolder(root);
  // EVENT_CONFIG and CDKTF_OUTDIR are read relative to where the command was typed; the defaults
  // are the project's own config/default.json and cdktf.out (cdktf sets CDKTF_OUTDIR absolute).
  const { file: configFile, display } = eventConfigFile(root, from);
  const outdir = outputFolder(root, from);
  try {
    const loaded = loadEvent(configFile, { profilesDir: path.join(root, "encoding-profiles"), display });
    for (const warning of loaded.warnings) console.error(`warning: ${warning}`);

    // Synthesized beside outdir, checked, and only then moved into place: a failure writes nothing.
    const staged = stageChecked(loaded, { outdir, display, protect: [from] });
    try {
      if (!staged.passed) {
        for (const line of formatReport(staged.report)) console.error(line);
        const errors = blocking(staged.report).length;
        console.error(`Nothing was synthesized: fix the ${errors === 1 ? "policy error" : `${errors} policy errors`} above, or waive ${errors === 1 ? "it" : "each"} in policy.waivers with a reason.`);
        return 1;
      }
      // Synthesis is synchronous, so a Ctrl-C or SIGTERM that came during it is handled here,
      // before the output folder is replaced (see the handlers below).
      await new Promise((resolve) => setImmediate(resolve));
      staged.commit();
      committed = true;
    } finally {
      staged.discard();
    }
    console.log(`Synthesized ${display} (${loaded.config.event.name}, profile ${loaded.profile.name}) into ${shortest(from, outdir)}: ${staged.stacks.join(", ")}`);
    for (const line of formatReport(staged.report)) console.log(line);
    console.log(formatCostAndLatency(loaded, { display }));
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of printedProblems(err.problems)) console.error(line);
      console.error(`Nothing was synthesized: ${fixTheProblems(err.problems.length)}.`);
      return 1;
    }
    if (err instanceof OutputError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

// Ctrl-C, SIGTERM (a CI job cancelled) or a closed terminal: remove the staging folder and stop
// before anything is replaced. A run killed outright (SIGKILL) leaves it to the next run to remove.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    removeStagingFolders();
    if (!committed) console.error(`Interrupted by ${signal}: nothing was synthesized.`);
    process.exit(128 + os.constants.signals[signal]);
  });
}

main().then((code) => {
  process.exitCode = code;
});
