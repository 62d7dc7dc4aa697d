// `npm run event -- <command>`: run a deployed event (see docs/runbook.md). The only file that
// touches process: it wires the real runtime, AWS clients and ffmpeg, and sets the exit code.
// Synthesis never imports this folder, so the AWS SDK is loaded only here.
import { spawn } from "child_process";
import { invocationFolder, projectRoot } from "../config/paths";
import { parseArgs } from "./args";
import { sdkClients } from "./aws";
import { run } from "./run";
import { processRuntime } from "./runtime";

const root = projectRoot(__dirname) ?? process.cwd();

run(parseArgs(process.argv.slice(2)), {
  rt: processRuntime(),
  clients: sdkClients,
  env: process.env,
  // npm runs scripts in the project folder; paths the user typed are relative to where they typed them.
  cwd: invocationFolder(root),
  root,
  spawn: (program, args) =>
    new Promise((resolve) => {
      const child = spawn(program, [...args], { stdio: "inherit" });
      child.on("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 0 : 1)));
      child.on("error", () => resolve(1));
    }),
}).then(
  (code) => (process.exitCode = code),
  (err) => {
    console.error(`event: unexpected error: ${(err as Error).message}`);
    process.exitCode = 1;
  },
);
