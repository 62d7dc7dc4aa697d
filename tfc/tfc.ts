// `npm run tfc -- upload [--hostname host[:port]] [--no-queue]`: pushes each synthesized stack of
// the event (EVENT_CONFIG, default config/default.json; output CDKTF_OUTDIR, default cdktf.out)
// to its Terraform Cloud workspace. The only place here that reads the environment, prints or exits.
import * as path from "path";
import { fixTheProblems, printedProblems } from "../config/json-file";
import { ConfigError, loadEvent } from "../config/load";
import { eventConfigFile, invocationFolder, outputFolder, projectRoot } from "../config/paths";
import { findToken, tokenVariable } from "./token";
import { UploadError, uploadStacks } from "./upload";

const USAGE = "usage: npm run tfc -- upload [--hostname <host[:port]>] [--no-queue]";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "upload") {
    console.error(command ? `unknown command ${JSON.stringify(command)}; ${USAGE}` : USAGE);
    return 2;
  }
  let hostnameOverride: string | undefined;
  let queue = true;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--hostname" && rest[i + 1]) hostnameOverride = rest[++i];
    else if (rest[i] === "--no-queue") queue = false;
    else {
      console.error(`unknown option ${JSON.stringify(rest[i])}; ${USAGE}`);
      return 2;
    }
  }

  // The same event and output folder as `npm run synth` typed in the same place.
  const root = projectRoot(__dirname) ?? process.cwd();
  const from = invocationFolder(root);
  const { file, display: configFile } = eventConfigFile(root, from);
  try {
    const loaded = loadEvent(file, { profilesDir: path.join(root, "encoding-profiles"), display: configFile });
    const { state, event, regions } = loaded.config;
    if (state.backend !== "cloud") {
      console.error(`${configFile}: /state/backend must be "cloud" to upload to Terraform Cloud (got ${JSON.stringify(state.backend)})`);
      return 1;
    }
    const cloud = state.cloud!;
    const hostname = hostnameOverride ?? cloud.hostname;
    const credential = findToken(hostname);
    if (!credential) {
      console.error(`no API token for ${hostname}: run terraform login ${hostname}, or set ${tokenVariable(hostname)}`);
      return 1;
    }
    // Apply order: regions (the primary first) then the CDN; the bootstrap stack is applied by hand.
    const primary = `${event.name}-${regions[0]}`;
    const forwarded = loaded.config.contribution.mediaconnect?.regionalFeed.mode === "forward";
    const stacks = [...regions.map((r) => `${event.name}-${r}`), `${event.name}-cdn`].map((stack) => ({
      stack,
      workspace: `${cloud.workspacePrefix}${stack}`,
      // Stacks with upstream stacks run when those apply (run triggers), with this configuration.
      queue: queue && (stack === primary || (!forwarded && stack !== `${event.name}-cdn`)),
    }));
    await uploadStacks({
      hostname,
      organization: cloud.organization,
      token: credential.token,
      outdir: outputFolder(root, from),
      stacks,
      bootstrapStack: `${event.name}-tfc`,
      log: (line) => console.log(line),
    });
    return 0;
  } catch (err) {
    if (err instanceof ConfigError) {
      for (const line of printedProblems(err.problems)) console.error(line);
      console.error(`Nothing was uploaded: ${fixTheProblems(err.problems.length)}.`);
      return 1;
    }
    if (err instanceof UploadError) {
      console.error(err.message);
      return 1;
    }
    throw err;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`tfc: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
