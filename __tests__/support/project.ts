import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError, checkEvent, loadEvent } from "../../config/load";
import type { LoadedEvent } from "../../config/types";
import { cached } from "./synth-cache";

export const ROOT = path.resolve(__dirname, "..", "..");
export const PROFILES_DIR = path.join(ROOT, "encoding-profiles");
export const CONFIG_DIR = path.join(ROOT, "config");
export const FIXTURES_DIR = path.join(ROOT, "__tests__", "fixtures");

/** Every shipped event configuration: the default and the examples, by path relative to the root. */
export function shippedConfigs(): string[] {
  const examples = fs
    .readdirSync(path.join(CONFIG_DIR, "examples"))
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => `config/examples/${f}`);
  return ["config/default.json", ...examples];
}

/** Loads a configuration file the way the CLI does (paths relative to the project root). */
export function load(relativePath: string): LoadedEvent {
  return loadEvent(path.join(ROOT, relativePath), { profilesDir: PROFILES_DIR, display: relativePath });
}

/** The default configuration as a plain object, for tests that change one thing. */
export function defaultConfig(): Record<string, any> {
  return JSON.parse(fs.readFileSync(path.join(CONFIG_DIR, "default.json"), "utf8"));
}

/** The default event with a profile from the valid fixtures (__tests__/fixtures/profiles/valid). */
export function withFixtureProfile(name: string): LoadedEvent {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "profiles-"));
  try {
    fs.copyFileSync(path.join(FIXTURES_DIR, "profiles", "valid", `${name}.json`), path.join(dir, `${name}.json`));
    const config = defaultConfig();
    config.channel.encodingProfile = name;
    return checkEvent(config, "event.json", dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks an in-memory configuration (as if it were the file `display`, in folder `baseDir`). */
export function check(config: unknown, display = "test.json", baseDir?: string): LoadedEvent {
  return checkEvent(config, display, PROFILES_DIR, baseDir);
}

export type StackJson = Record<string, any>;

/**
 * Synthesizes the whole app the way `npm run synth` does, into a temporary folder, and returns
 * each stack's Terraform JSON. Unlike Testing.synth on one stack, this resolves cross-stack
 * references (outputs and remote state), so what is checked is what users deploy.
 *
 * Each distinct event is synthesized once per test run: the files are kept in the run's cache
 * folder (see synth-cache.ts), keyed by a hash of the loaded event, and every later call, in any
 * test file or worker, parses them instead. Each call returns a fresh copy.
 */
export function synthApp(loaded: LoadedEvent): Record<string, StackJson> {
  const files = synthOutputFiles(loaded);
  const stacks: Record<string, StackJson> = {};
  for (const file of Object.keys(files).sort()) {
    const name = /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(file.split(path.sep).join("/"))?.[1];
    if (name) stacks[name] = JSON.parse(files[file]);
  }
  return stacks;
}

/** The manifest.json of the same synthesis (stacks, their dependencies: cdktf's apply order). */
export function synthManifest(loaded: LoadedEvent): Record<string, any> {
  return JSON.parse(synthOutputFiles(loaded)["manifest.json"]);
}

/**
 * The same synthesis as the files of its output folder (manifest.json, stacks/<name>/cdk.tf.json),
 * from the run's cache: the bytes cdktf wrote.
 */
export function synthOutputFiles(loaded: LoadedEvent): Record<string, string> {
  return cached(loaded, () => {
    // Loaded only when this run has not synthesized the event yet: a test file that reads cached
    // syntheses never loads cdktf, the providers' bindings or the stacks.
    const { buildApp } = require("../../stacks/app") as typeof import("../../stacks/app");
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
    try {
      const { app } = buildApp(loaded, { outdir });
      app.synth();
      return filesUnder(outdir);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
}

/** All resources of one type in a synthesized stack, by logical name. */
export function resources(stack: StackJson, type: string): Record<string, any> {
  return stack.resource?.[type] ?? {};
}

/** The only resource of a type (fails the test when there is not exactly one). */
export function only(stack: StackJson, type: string): any {
  const all = Object.values(resources(stack, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** The logical name of the only resource of a type, for building `${type.name.attr}` references. */
export function nameOf(stack: StackJson, type: string, match: (r: any) => boolean = () => true): string {
  const names = Object.entries(resources(stack, type))
    .filter(([, r]) => match(r))
    .map(([n]) => n);
  if (names.length !== 1) throw new Error(`expected exactly one matching ${type}, found ${names.length}`);
  return names[0];
}

/** The logical name of the only data source of a type that matches. */
export function dataNameOf(stack: StackJson, type: string, match: (d: any) => boolean = () => true): string {
  const names = Object.entries(stack.data?.[type] ?? {})
    .filter(([, d]) => match(d))
    .map(([n]) => n);
  if (names.length !== 1) throw new Error(`expected exactly one matching data.${type}, found ${names.length}`);
  return names[0];
}

/** The problems a configuration produces; fails the test when it loads. */
export function problemsOf(config: unknown, display = "test.json", baseDir?: string): readonly string[] {
  try {
    check(config, display, baseDir);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error("expected the configuration to be rejected");
}

/** Every file under a folder, relative path → content (empty when the folder does not exist). */
export function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Runs `npm run <script> -- <args>` in the project; npm's own warnings about the machine's configuration are dropped from stderr. */
export function runNpmScript(script: string, args: string[], env: NodeJS.ProcessEnv = process.env): { status: number; stdout: string; stderr: string } {
  // No update check: npm would look for a newer npm on the network.
  const r = spawnSync("npm", ["run", "--silent", script, "--", ...args], { cwd: ROOT, env: { ...env, npm_config_update_notifier: "false" }, encoding: "utf8" });
  const stderr = r.stderr
    .split("\n")
    .filter((line) => !line.startsWith("npm warn"))
    .join("\n");
  return { status: r.status ?? 1, stdout: r.stdout, stderr };
}
