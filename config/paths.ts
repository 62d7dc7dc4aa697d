// Paths as people type them: relative to the folder the command was typed in, with blank
// settings counting as unset.
import * as path from "path";

/** An environment variable, or undefined when it is unset, empty or blank. */
export function setting(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

/**
 * The folder the user typed the command in. npm runs scripts in the project root and says where
 * it was started in INIT_CWD; run any other way, the working folder is that place (an INIT_CWD
 * inherited from an npm script that started us elsewhere is not).
 */
export function invocationFolder(projectRoot: string): string {
  const init = process.env.INIT_CWD;
  return init && path.isAbsolute(init) && path.resolve(process.cwd()) === path.resolve(projectRoot) ? init : process.cwd();
}
