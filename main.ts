// Entry point: load and check the event configuration, build one stack per region plus the
// CDN stack, synthesize, and check every stack against the policy pack before anything is
// written. The only place that reads the environment, prints, or exits.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadEvent } from "./config/load";
import { blocking, formatReport } from "./policy";
import { synthesizeChecked } from "./policy/gate";
import { formatCostAndLatency } from "./report";

/** The project root: the nearest folder above this file that holds cdktf.json (works bundled too). */
function projectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function main(): number {
  const root = projectRoot(__dirname);
  const configFile = process.env.EVENT_CONFIG ?? path.join("config", "default.json");
  // cdktf sets CDKTF_OUTDIR when it runs the app; run directly, the app writes cdktf.out here.
  const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  try {
    const loaded = loadEvent(path.resolve(configFile), { profilesDir: path.join(root, "encoding-profiles"), display: configFile });
    for (const warning of loaded.warnings) console.error(`warning: ${warning}`);

    // Synthesized beside outdir, checked, and only then moved into place: a failure writes nothing.
    const result = synthesizeChecked(loaded, { outdir, display: configFile });
    if (!result.written) {
      for (const line of formatReport(result.report)) console.error(line);
      const errors = blocking(result.report).length;
      console.error(`Nothing was synthesized: fix the ${errors === 1 ? "policy error" : `${errors} policy errors`} above, or waive ${errors === 1 ? "it" : "each"} in policy.waivers with a reason.`);
      return 1;
    }
    console.log(`Synthesized ${configFile} (${loaded.config.event.name}, profile ${loaded.profile.name}) into ${path.relative(process.cwd(), outdir) || "."}: ${result.stacks.join(", ")}`);
    for (const line of formatReport(result.report)) console.log(line);
    console.log(formatCostAndLatency(loaded, { display: configFile }));
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.problems) console.error(line);
      console.error(`Nothing was synthesized: fix the ${err.problems.length === 1 ? "problem" : `${err.problems.length} problems`} above.`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main();
