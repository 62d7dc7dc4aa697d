// `npm run report [config] [--prices <file>]`: prints the cost and latency report for an event
// configuration (EVENT_CONFIG or config/default.json when no path is given) without synthesizing.
import * as fs from "fs";
import * as path from "path";
import { printedProblems } from "../config/json-file";
import { ConfigError, loadEvent } from "../config/load";
import { invocationFolder, setting } from "../config/paths";
import { formatCostAndLatency, loadPrices } from "../report";

/** The project root: the nearest folder above this file that holds cdktf.json (works bundled too). */
function projectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (path.dirname(dir) === dir) return process.cwd();
  }
}

function main(argv: readonly string[]): number {
  const root = projectRoot(__dirname);
  const args = [...argv];
  const usage = "usage: npm run report -- [config.json] [--prices prices.json]";
  let pricesFile: string | undefined;
  const at = args.indexOf("--prices");
  if (at >= 0) {
    pricesFile = args[at + 1];
    if (!pricesFile) {
      console.error(usage);
      return 2;
    }
    args.splice(at, 2);
  }
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    console.error(usage);
    return 2;
  }
  // Paths relative to where the command was typed; the default is the project's own config.
  const from = invocationFolder(root);
  const given = args[0] ?? setting("EVENT_CONFIG");
  const configFile = given ?? path.join("config", "default.json");
  try {
    const loaded = loadEvent(given ? path.resolve(from, given) : path.join(root, configFile), { profilesDir: path.join(root, "encoding-profiles"), display: configFile });
    const prices = pricesFile ? loadPrices(path.resolve(from, pricesFile), pricesFile) : undefined;
    console.log(formatCostAndLatency(loaded, { display: configFile, prices, pricesDisplay: pricesFile }));
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of printedProblems(err.problems)) console.error(line);
      console.error(`No report: fix the ${err.problems.length === 1 ? "problem" : `${err.problems.length} problems`} above.`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
