// Entry point: load and check the event configuration, build one stack per region plus the
// CDN stack, synthesize. The only place that reads the environment, prints, or exits.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, loadEvent } from "./config/load";
import { buildApp } from "./stacks/app";

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
  let loaded;
  try {
    loaded = loadEvent(path.resolve(configFile), { profilesDir: path.join(root, "encoding-profiles"), display: configFile });
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of err.problems) console.error(line);
      console.error(`Nothing was synthesized: fix the ${err.problems.length === 1 ? "problem" : `${err.problems.length} problems`} above.`);
      return 1;
    }
    throw err;
  }
  for (const warning of loaded.warnings) console.error(`warning: ${warning}`);
  const { app } = buildApp(loaded);
  app.synth();
  const stacks = app.node.children.map((c) => c.node.id);
  console.log(`Synthesized ${configFile} (${loaded.config.event.name}, profile ${loaded.profile.name}) into ${path.relative(process.cwd(), app.outdir) || "."}: ${stacks.join(", ")}`);
  return 0;
}

process.exitCode = main();
