// Paths as people type them: relative to the folder the command was typed in, with blank
// settings counting as unset. Every command (synth, report, profile, event, tfc) finds the
// project, the event configuration and the synthesized app here, so they all agree.
import * as fs from "fs";
import * as path from "path";

/** An environment variable, or undefined when it is unset, empty or blank. */
export function setting(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/** The project root: the nearest folder above `start` that holds cdktf.json (works bundled too). */
export function projectRoot(start: string): string | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The folder the user typed the command in. `npm run` runs this project's scripts in its root,
 * names its package.json in npm_package_json and says where it was started in INIT_CWD
 * (https://docs.npmjs.com/cli/commands/npm-run). Run any other way (directly, by a script of
 * another package, from another folder), the working folder is that place and an inherited
 * INIT_CWD means nothing.
 */
export function invocationFolder(projectRoot: string): string {
  const init = process.env.INIT_CWD;
  const pkg = process.env.npm_package_json;
  const root = path.resolve(projectRoot);
  const byNpm = pkg !== undefined && path.resolve(pkg) === path.join(root, "package.json") && path.resolve(process.cwd()) === root;
  return init && path.isAbsolute(init) && byNpm ? init : process.cwd();
}

/**
 * The event configuration: `given` (an argument, else EVENT_CONFIG) relative to `from`, else the
 * project's config/default.json; `display` is the name messages use for it.
 */
export function eventConfigFile(root: string, from: string, given: string | undefined = setting("EVENT_CONFIG")): { file: string; display: string } {
  return given ? { file: path.resolve(from, given), display: given } : { file: path.join(root, "config", "default.json"), display: path.join("config", "default.json") };
}

/**
 * The output folder synthesis writes and the event commands read: `given` (an `--outdir`), else
 * CDKTF_OUTDIR, relative to `from` (the folder the command was typed in); when neither is set, the
 * project's own cdktf.out (cdktf.json's output), whatever the working folder.
 */
export function outputFolder(root: string, from: string, given?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = given !== undefined && given.trim() !== "" ? given : setting("CDKTF_OUTDIR", env);
  return chosen ? path.resolve(from, chosen) : path.join(root, "cdktf.out");
}
