// `npm run report [config] [--prices <file>]`: prints the cost and latency report for an event
// configuration (EVENT_CONFIG or config/default.json when no path is given) without synthesizing.
import * as path from "path";
import { fixTheProblems, printedProblems } from "../config/json-file";
import { ConfigError, loadEvent } from "../config/load";
import { eventConfigFile, invocationFolder, projectRoot, setting } from "../config/paths";
import { formatCostAndLatency, loadPrices } from "../report";

function main(argv: readonly string[]): number {
  const root = projectRoot(__dirname) ?? process.cwd();
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
  const { file, display: configFile } = eventConfigFile(root, from, args[0] ?? setting("EVENT_CONFIG"));
  try {
    const loaded = loadEvent(file, { profilesDir: path.join(root, "encoding-profiles"), display: configFile });
    const prices = pricesFile ? loadPrices(path.resolve(from, pricesFile), pricesFile) : undefined;
    console.log(formatCostAndLatency(loaded, { display: configFile, prices, pricesDisplay: pricesFile }));
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of printedProblems(err.problems)) console.error(line);
      console.error(`No report: ${fixTheProblems(err.problems.length)}.`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
