// Policy-gated, all-or-nothing synthesis: the app is synthesized into a staging folder beside the
// output folder, the policy pack reads what was written, and only a passing synthesis replaces
// the output folder, as a whole. A failure of any kind (a config error, a policy error, an
// exception) leaves the output folder exactly as it was and no staging folder behind.
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { ConfigError } from "../config/json-file";
import type { LoadedEvent } from "../config/types";
import { buildApp } from "../stacks/app";
import { PolicyReport, blocking, checkPolicy, waiverProblems } from "./index";
import type { TerraformJson } from "./model";

export interface CheckedSynthProps {
  /** The folder the synthesized app belongs in (cdktf.out or CDKTF_OUTDIR). */
  readonly outdir: string;
  /** How to name the configuration in messages. */
  readonly display: string;
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

/**
 * Synthesizes the app for a loaded configuration, checks every stack against the policy pack and
 * replaces `outdir` only when no unwaived error remains. Throws ConfigError for wrong waivers.
 */
export function synthesizeChecked(loaded: LoadedEvent, props: CheckedSynthProps): CheckedSynthResult {
  const early = waiverProblems(loaded.config, props.display);
  if (early.length > 0) throw new ConfigError(early);

  const outdir = path.resolve(props.outdir);
  fs.mkdirSync(path.dirname(outdir), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(outdir), `.${path.basename(outdir)}-staging-`));
  try {
    const app = (props.build ?? ((l, dir) => buildApp(l, { outdir: dir }).app))(loaded, staging);
    app.synth();
    const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c)).map((s) => s.node.id);
    const report = checkPolicy(readStacks(staging), loaded.config, props.display);
    if (blocking(report).length > 0) return { report, written: false, stacks };
    replaceFolder(staging, outdir);
    return { report, written: true, stacks };
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
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
  fs.renameSync(from, to);
  fs.rmSync(previous, { recursive: true, force: true });
}
