// The output folder is the one thing synthesis replaces, so it must be one synthesis may replace:
// missing, empty, or an earlier synthesis (cdktf's manifest.json and stacks/, nothing else). Never
// the project, the folder the user works in or one above them, a symbolic link or a file. Staging
// folders beside it are recognised by name and content, and an interrupted run's are removed.
import * as fs from "fs";
import * as path from "path";

/** A refusal or a file-system failure of synthesis: one line for the user, nothing was written. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

/** The staging folders of an output folder: `.<name>-staging-<pid>-<6 characters>`, and `-previous` for the one being replaced. */
export function stagingPrefix(outdir: string): string {
  return path.join(path.dirname(outdir), `.${path.basename(outdir)}-staging-${process.pid}-`);
}

/** A path as the user knows it: relative to the working folder when inside it, else absolute. */
export function displayPath(p: string): string {
  const relative = path.relative(process.cwd(), p);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : p;
}

/** What cdktf writes into an output folder: the manifest and one folder per stack. */
const SYNTHESIS_ENTRIES = new Set(["manifest.json", "stacks"]);

/**
 * Why `outdir` must not be replaced by a synthesis, or undefined when it may be. `protect` are
 * folders that must survive (the project root, the working folder): neither they nor a folder
 * holding them may be the output folder. Reads only; changes nothing.
 */
export function outputFolderRefusal(outdir: string, protect: readonly string[]): string | undefined {
  const target = realPath(path.resolve(outdir));
  const refuse = (reason: string, advice = "synthesis replaces the output folder as a whole, so choose an empty or new folder") =>
    `cannot use ${displayPath(path.resolve(outdir))} as the output folder (${reason}); ${advice}; nothing was synthesized`;
  const own = "synthesis replaces the output folder as a whole, so choose a folder of its own such as cdktf.out";
  for (const folder of protect) {
    const kept = realPath(path.resolve(folder));
    if (kept === target) return refuse(`it is ${describe(folder, protect)}`, own);
    if (isInside(kept, target)) return refuse(`it holds ${describe(folder, protect)}`, own);
  }
  // A path is one line in every message, and folders it would create are ones people can name.
  const typed = path.resolve(outdir);
  if (CONTROL.test(typed)) {
    return `cannot use ${JSON.stringify(displayPath(typed))} as the output folder (it holds a control character such as a line break); choose a folder name without one; nothing was synthesized`;
  }
  const created = missingSegments(typed);
  if (created.some((segment) => segment.startsWith("~"))) {
    return refuse(
      "it would create a folder named ~, which is a home folder the shell did not expand because the path was quoted",
      "write the path out, such as $HOME/cdktf.out",
    );
  }
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(outdir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Missing, or a file on its path: writing says which (see fileOnPath).
    if (code === "ENOENT" || code === "ENOTDIR") return undefined;
    return refuse(`it cannot be read: ${code ?? String(err)}`, "choose another folder");
  }
  if (stat.isSymbolicLink()) return refuse("it is a symbolic link", "name the real folder, or an empty or new one");
  if (!stat.isDirectory()) return refuse("it is a file, not a folder", "choose an empty or new folder");
  const entries = fs.readdirSync(outdir).sort();
  if (entries.length === 0 || isSynthesis(outdir, entries)) return undefined;
  const foreign = entries.filter((e) => !SYNTHESIS_ENTRIES.has(e));
  if (foreign.length === 0) return refuse("its manifest.json or stacks/ is not what cdktf writes, so it is not an earlier synthesis");
  const list = foreign.length <= 3 ? foreign.join(", ") : `${foreign.slice(0, 3).join(", ")} and ${foreign.length - 3} more`;
  return refuse(`it holds ${list}, not only the manifest.json and stacks/ of an earlier synthesis`);
}

/** Control characters (C0, DEL, C1), as in config/text-rules.ts. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The segments at the end of `p` that do not exist yet (that writing it would create). */
function missingSegments(p: string): string[] {
  const missing: string[] = [];
  for (let dir = p; !fs.existsSync(dir) && path.dirname(dir) !== dir; dir = path.dirname(dir)) missing.unshift(path.basename(dir));
  return missing;
}

/**
 * Removes what an interrupted run left beside `outdir`: staging folders of processes that are no
 * longer running, holding nothing but (part of) a synthesis. A previous synthesis that was being
 * replaced when the run stopped is put back when the output folder is missing.
 */
export function removeStaleStaging(outdir: string): void {
  const parent = path.dirname(outdir);
  const pattern = new RegExp(`^\\.${escapeRegExp(path.basename(outdir))}-staging-(?:(\\d+)-)?[A-Za-z0-9]{6}(-previous)?$`);
  let names: string[];
  try {
    names = fs.readdirSync(parent);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const match = pattern.exec(name);
    if (!match) continue;
    const pid = match[1] === undefined ? undefined : Number(match[1]);
    if (pid !== undefined && isRunning(pid)) continue;
    const folder = path.join(parent, name);
    const stat = fs.lstatSync(folder, { throwIfNoEntry: false });
    if (!stat?.isDirectory()) continue;
    const entries = fs.readdirSync(folder);
    if (!entries.every((e) => SYNTHESIS_ENTRIES.has(e))) continue;
    if (match[2] && !fs.existsSync(outdir) && isSynthesis(folder, entries)) fs.renameSync(folder, outdir);
    else fs.rmSync(folder, { recursive: true, force: true });
  }
}

/** The nearest existing folder on the path to `outdir` when it is a file (so nothing can be written below it), or undefined. */
export function fileOnPath(outdir: string): string | undefined {
  for (let dir = path.dirname(path.resolve(outdir)); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir);
    } catch {
      // Missing, or below a file: look further up.
    }
    if (stat) return stat.isDirectory() ? undefined : dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * True when a folder holds an earlier synthesis: cdktf's manifest.json (an object with "stacks")
 * and stacks/ of stack folders, nothing else.
 */
function isSynthesis(dir: string, entries: readonly string[]): boolean {
  if (!entries.includes("manifest.json") || !entries.every((e) => SYNTHESIS_ENTRIES.has(e))) return false;
  const manifestFile = path.join(dir, "manifest.json");
  const stat = fs.lstatSync(manifestFile);
  if (!stat.isFile() || stat.size > 10_000_000) return false;
  try {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    if (typeof manifest?.stacks !== "object" || manifest.stacks === null || Array.isArray(manifest.stacks)) return false;
  } catch {
    return false;
  }
  if (!entries.includes("stacks")) return true;
  const stacks = path.join(dir, "stacks");
  if (!fs.lstatSync(stacks).isDirectory()) return false;
  // A stack folder holds cdk.tf.json, and after `terraform init` Terraform's own files; never a link.
  return fs.readdirSync(stacks).every((s) => fs.lstatSync(path.join(stacks, s)).isDirectory());
}

/** The real path of `p`, following links in the part that exists. */
function realPath(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realPath(parent), path.basename(p));
  }
}

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
}

function describe(folder: string, protect: readonly string[]): string {
  return folder === protect[0] ? "the project folder" : "the folder you are working in";
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
