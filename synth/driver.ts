// Policy-gated, all-or-nothing synthesis: the app is synthesized into a staging folder beside the
// output folder, the policy pack reads what was written, and only a passing synthesis replaces
// the output folder, as a whole. A failure of any kind (a config error, a policy error, an
// exception, a file system that refuses) leaves the output folder exactly as it was and no
// staging folder behind. Only a folder synthesis may replace is ever replaced (output-folder.ts).
import * as fs from "fs";
import * as path from "path";
import type { App } from "cdktf";
import { ConfigError } from "../config/json-file";
import type { LoadedEvent } from "../config/types";
import { PolicyReport, blocking, checkPolicy, waiverProblems } from "../policy";
import { projectRoot } from "../config/paths";
import { OutputError, displayPath, fileOnPath, outputFolderRefusal, removeStaleStaging, stagingPrefix } from "./output-folder";
import type { TerraformJson } from "../policy/model";

export { OutputError } from "./output-folder";

export interface CheckedSynthProps {
  /** The folder the synthesized app belongs in (cdktf.out or CDKTF_OUTDIR). */
  readonly outdir: string;
  /** How to name the configuration in messages. */
  readonly display: string;
  /**
   * Folders that must never be the output folder nor inside it, besides the project root and the
   * working folder (which are always kept).
   * @default none
   */
  readonly protect?: readonly string[];
  /**
   * Builds the app into a folder.
   * @default the project's app (stacks/app.ts)
   */
  readonly build?: (loaded: LoadedEvent, outdir: string) => App;
}

export interface CheckedSynthResult {
  readonly report: PolicyReport;
  /** True when `outdir` now holds this synthesis; false when the policy stopped it and `outdir` is untouched. */
  readonly written: boolean;
  /** The stacks, in the order the app defines them. */
  readonly stacks: readonly string[];
}

/** A synthesis checked in its staging folder, not yet in place. */
export interface StagedSynth {
  readonly report: PolicyReport;
  readonly stacks: readonly string[];
  /** True when no unwaived policy error remains, so `commit` may put it in place. */
  readonly passed: boolean;
  /** Replaces the output folder with the staged synthesis. Throws OutputError when the file system refuses. */
  commit(): void;
  /** Removes the staging folder (after a commit there is nothing left to remove). */
  discard(): void;
}

/**
 * The project's app (stacks/app.ts), loaded on first use: cdktf and the providers' bindings take
 * most of a run's start-up, and a run refused before synthesis (a configuration or output folder
 * that fails its checks) never needs them.
 */
function projectApp(loaded: LoadedEvent, outdir: string): App {
  const { buildApp } = require("../stacks/app") as typeof import("../stacks/app");
  return buildApp(loaded, { outdir }).app;
}

/** The app's stacks, in the order the app defines them. */
function stackNames(app: App): string[] {
  const { TerraformStack } = require("cdktf") as typeof import("cdktf");
  return app.node.children.filter((c) => TerraformStack.isStack(c)).map((s) => s.node.id);
}

/** Staging folders of this process that exist right now, for removeStagingFolders. */
const active = new Set<string>();

/**
 * Removes this process's staging folders. For a signal handler: synthesis is synchronous, so a
 * handler runs only between its steps, when the staging folder is complete or gone.
 */
export function removeStagingFolders(): void {
  for (const dir of active) {
    fs.rmSync(dir, { recursive: true, force: true });
    active.delete(dir);
  }
}

/**
 * Synthesizes the app for a loaded configuration, checks every stack against the policy pack and
 * replaces `outdir` only when no unwaived error remains. Throws ConfigError for wrong waivers and
 * OutputError (one line, nothing written) for an output folder that must not be replaced or a
 * file system that refuses the writes.
 */
export function synthesizeChecked(loaded: LoadedEvent, props: CheckedSynthProps): CheckedSynthResult {
  const staged = stageChecked(loaded, props);
  try {
    if (staged.passed) staged.commit();
    return { report: staged.report, written: staged.passed, stacks: staged.stacks };
  } finally {
    staged.discard();
  }
}

/**
 * The first half of synthesizeChecked: synthesizes into a staging folder beside `outdir` and
 * checks the policy, without touching `outdir`. The caller commits or discards.
 */
export function stageChecked(loaded: LoadedEvent, props: CheckedSynthProps): StagedSynth {
  const early = waiverProblems(loaded.config, props.display);
  if (early.length > 0) throw new ConfigError(early);

  const outdir = path.resolve(props.outdir);
  const protect = [projectRoot(__dirname) ?? process.cwd(), process.cwd(), ...(props.protect ?? [])];
  const prefix = stagingPrefix(outdir);
  // Every check before the first change on disk.
  const refusal = writing(outdir, prefix, () => outputFolderRefusal(outdir, protect));
  if (refusal) throw new OutputError(refusal);

  let staging: string | undefined;
  const discard = () => {
    if (staging === undefined) return;
    fs.rmSync(staging, { recursive: true, force: true });
    active.delete(staging);
  };
  try {
    return writing(outdir, prefix, () => {
      const file = fileOnPath(outdir);
      if (file) throw new OutputError(`cannot write ${displayPath(outdir)} (${displayPath(file)} is a file, not a folder); nothing was synthesized`);
      removeStaleStaging(outdir);
      fs.mkdirSync(path.dirname(outdir), { recursive: true });
      staging = fs.mkdtempSync(prefix);
      active.add(staging);
      const app = (props.build ?? projectApp)(loaded, staging);
      app.synth();
      const stacks = stackNames(app);
      const report = checkPolicy(readStacks(staging), loaded.config, props.display);
      const from = staging;
      return {
        report,
        stacks,
        passed: blocking(report).length === 0,
        commit: () =>
          writing(outdir, prefix, () => {
            // The folder may have changed while the app was synthesized.
            const late = outputFolderRefusal(outdir, protect);
            if (late) throw new OutputError(late);
            replaceFolder(from, outdir);
            active.delete(from);
          }),
        discard,
      };
    });
  } catch (err) {
    discard();
    throw err;
  }
}

/** Each stack's Terraform JSON from a synthesized folder, by stack name. */
export function readStacks(outdir: string): Record<string, TerraformJson> {
  const dir = path.join(outdir, "stacks");
  const stacks: Record<string, TerraformJson> = {};
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    stacks[name] = JSON.parse(fs.readFileSync(path.join(dir, name, "cdk.tf.json"), "utf8"));
  }
  return stacks;
}

/** Puts `from` where `to` is, removing what was there (stacks of an earlier synthesis included). */
function replaceFolder(from: string, to: string): void {
  const previous = `${from}-previous`;
  if (fs.existsSync(to)) fs.renameSync(to, previous);
  try {
    fs.renameSync(from, to);
  } catch (err) {
    // Put the earlier synthesis back: a failure leaves the output folder as it was.
    if (fs.existsSync(previous)) fs.renameSync(previous, to);
    throw err;
  }
  fs.rmSync(previous, { recursive: true, force: true });
}

const WRITE_ERRORS: Record<string, string> = {
  EACCES: "permission denied",
  ENOENT: "no such file or folder, and it cannot be created there",
  EINVAL: "the file system does not accept that name",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EEXIST: "it already exists",
  ENAMETOOLONG: "the name is too long",
  ELOOP: "too many symbolic links",
  EIO: "input/output error",
  EBUSY: "it is in use",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EXDEV: "it is on another file system",
};

/**
 * Runs file-system work for the output folder; an operating-system error becomes one line naming
 * the path as the user knows it (the output folder, never the staging folder) and the reason.
 */
function writing<T>(outdir: string, prefix: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (err instanceof OutputError || typeof e?.code !== "string" || typeof e.syscall !== "string") throw err;
    const staged = /^[A-Za-z0-9]{6}(-previous)?/;
    let at = e.path ?? outdir;
    if (at.startsWith(prefix) && staged.test(at.slice(prefix.length))) at = path.join(outdir, at.slice(prefix.length).replace(staged, ""));
    throw new OutputError(`cannot write ${displayPath(at)} (${WRITE_ERRORS[e.code] ?? e.code}); nothing was synthesized`);
  }
}
