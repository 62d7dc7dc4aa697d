import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { build, BuildOptions } from "esbuild";
import { ROOT } from "./project";

// Tests of a command run its entry point in a process of its own, as users do, but bundled once
// per test file rather than once per run (`npm run <script>` starts npm and bundles each time:
// about a second of CPU per run). One test per command still goes through `npm run`.

const { bundleOptions } = require("../../scripts/run.js") as { bundleOptions: (entry: string, outfile: string) => BuildOptions };

/**
 * Bundles an entry point (relative to the project root) the way scripts/run.js does, into
 * .build/<name>.js (with further esbuild options, such as plugins), and returns that file. `name` must be the test file's own: test files run in
 * parallel, and .build/<entry>.js belongs to `npm run`.
 */
export async function bundleEntry(entry: string, name: string, options: BuildOptions = {}): Promise<string> {
  const outfile = path.join(ROOT, ".build", `${name}.js`);
  await build({ ...bundleOptions(entry, outfile), ...options });
  return outfile;
}

export interface Ran {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a bundled entry point with arguments, in its own process (asynchronously, so runs of one file may overlap). */
export function runBundle(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran> {
  return runCommand([file, ...args], options);
}

/**
 * At most this many processes of a test file run at once: concurrent tests would otherwise start
 * them all together (thirty runs of the synth entry point hold about 1.4 GB), for no gain on two cores.
 */
const MAX_CHILDREN = 4;
let running = 0;
const waiting: (() => void)[] = [];

/** Waits until a process may start; call the function it gives once that process has ended. */
export async function childSlot(): Promise<() => void> {
  if (running >= MAX_CHILDREN) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
}

/** Runs node with these arguments. */
async function runCommand(nodeArgs: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<Ran> {
  const release = await childSlot();
  try {
    return await new Promise<Ran>((resolve, reject) => {
      const child = spawn(process.execPath, nodeArgs, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr }));
    });
  } finally {
    release();
  }
}

/**
 * Runs a bundled entry point like runBundle and also says which packages of node_modules it
 * loaded (by name, such as "cdktf" or "@aws-sdk/client-medialive"), for tests that a refusal
 * comes before the heavy ones are loaded.
 */
export async function packagesLoadedBy(file: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Ran & { readonly packages: string[] }> {
  const out = path.join(os.tmpdir(), `loaded-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const script = [
    "const fs = require('fs');",
    "process.on('exit', () => fs.writeFileSync(process.env.LOADED_REPORT, JSON.stringify(Object.keys(require.cache))));",
    "const [file, ...args] = process.argv.slice(1);",
    "process.argv = [process.argv[0], file, ...args];",
    "require(file);",
  ].join("\n");
  const r = await runCommand(["-e", script, file, ...args], { ...options, env: { ...(options.env ?? process.env), LOADED_REPORT: out } });
  try {
    const files: string[] = JSON.parse(fs.readFileSync(out, "utf8"));
    const packages = new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter((p): p is string => p !== undefined));
    return { ...r, packages: [...packages].sort() };
  } finally {
    fs.rmSync(out, { force: true });
  }
}
