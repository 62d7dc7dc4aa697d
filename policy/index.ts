// The policy pack: rules checked on every synthesized stack, waivers from the configuration, and
// the report. A pure function of the stacks' Terraform JSON and the configuration.
import { ConfigError } from "../config/json-file";
import type { EventConfig } from "../config/types";
import { Synthesized, TerraformJson } from "./model";
import { Rule, Violation } from "./rule";
import { cdnRules } from "./rules/cdn";
import { dataRules } from "./rules/data";
import { iamRules } from "./rules/iam";
import { mediapackageRules } from "./rules/mediapackage";
import { networkRules } from "./rules/network";
import { protectionRules } from "./rules/protection";
import { s3Rules } from "./rules/s3";

export type { Rule, Severity, Violation } from "./rule";
export type { TerraformJson } from "./model";

/** Every rule, in the order docs/security-policy.md lists them. */
export const RULES: readonly Rule[] = [...iamRules, ...networkRules, ...mediapackageRules, ...cdnRules, ...s3Rules, ...dataRules, ...protectionRules];

/** A violation with the rule that found it, and the waiver that accepts it if there is one. */
export interface Finding extends Violation {
  readonly rule: string;
  readonly waiver?: { readonly index: number; readonly reason: string };
}

export interface PolicyReport {
  /** How the configuration is named in messages. */
  readonly display: string;
  readonly rules: readonly Rule[];
  readonly stacks: readonly string[];
  /** Errors first, then waived findings, then notes; by stack, resource and rule within each. */
  readonly findings: readonly Finding[];
}

/** The errors that stop synthesis: not waived. */
export function blocking(report: PolicyReport): Finding[] {
  return report.findings.filter((f) => f.severity === "error" && !f.waiver);
}

/**
 * Problems with the waivers that need no synthesis: unknown rule ids and repeated waivers. One
 * line each, in the loader's format.
 */
export function waiverProblems(config: EventConfig, display: string, rules: readonly Rule[] = RULES): string[] {
  const problems: string[] = [];
  const ids = rules.map((r) => r.id);
  const waivers = config.policy?.waivers ?? [];
  waivers.forEach((w, i) => {
    if (!ids.includes(w.rule)) problems.push(`${display}: /policy/waivers/${i}/rule names no policy rule (got ${JSON.stringify(w.rule)}; rules: ${ids.join(", ")})`);
    const first = waivers.findIndex((o) => o.rule === w.rule && o.resource === w.resource);
    if (first < i) problems.push(`${display}: /policy/waivers/${i} repeats /policy/waivers/${first} (rule ${w.rule} on ${w.resource})`);
  });
  return problems;
}

/**
 * Runs every rule over the synthesized stacks and applies the configuration's waivers. Throws a
 * ConfigError when a waiver is wrong (unknown rule, repeated, names no resource, waives nothing):
 * a waiver that no longer applies must be removed, not forgotten.
 */
export function checkPolicy(stacks: Readonly<Record<string, TerraformJson>>, config: EventConfig, display: string, rules: readonly Rule[] = RULES): PolicyReport {
  const problems = waiverProblems(config, display, rules);
  if (problems.length > 0) throw new ConfigError(problems);

  const app = new Synthesized(stacks);
  const waivers = config.policy?.waivers ?? [];
  const raw = rules.flatMap((rule) => rule.check(app, config).map((v) => ({ ...v, rule: rule.id })));
  const findings: Finding[] = raw.map((f) => {
    const index = waivers.findIndex((w) => w.rule === f.rule && w.resource === f.resource);
    return index < 0 ? f : { ...f, waiver: { index, reason: waivers[index].reason } };
  });

  const known = new Set([...app.paths(), ...app.providers().map((p) => p.path)]);
  waivers.forEach((w, i) => {
    if (!known.has(w.resource)) {
      problems.push(`${display}: /policy/waivers/${i}/resource names no synthesized resource (got ${JSON.stringify(w.resource)}); did you mean ${JSON.stringify(closest(w.resource, [...known]))}? Use the construct path the policy report prints`);
    } else if (!findings.some((f) => f.waiver?.index === i)) {
      problems.push(`${display}: /policy/waivers/${i} waives nothing: ${w.rule} finds no problem on ${w.resource}; remove the waiver`);
    }
  });
  if (problems.length > 0) throw new ConfigError(problems);

  const group = (f: Finding) => (f.severity === "note" ? 2 : f.waiver ? 1 : 0);
  const order = (f: Finding) => [f.stack, f.resource, f.rule, f.message];
  findings.sort((a, b) => group(a) - group(b) || compare(order(a), order(b)));
  return { display, rules, stacks: app.stackNames, findings };
}

/** The candidate with the fewest single-character edits from `text` (the first in sort order on a tie). */
function closest(text: string, candidates: string[]): string {
  let best = "";
  let bestDistance = Infinity;
  for (const c of [...candidates].sort()) {
    const d = editDistance(text, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

function compare(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

/**
 * The report as lines: a summary, then each finding with the resource it is about, what is
 * wrong, and why the rule exists (errors) or why it is accepted (waived).
 */
export function formatReport(report: PolicyReport): string[] {
  const errors = blocking(report).length;
  const waived = report.findings.filter((f) => f.waiver).length;
  const notes = report.findings.filter((f) => f.severity === "note" && !f.waiver).length;
  const lines = [
    `Policy check of ${report.display}: ${report.rules.length} rules on ${report.stacks.length} stack${report.stacks.length === 1 ? "" : "s"}: ${count(errors, "error")}, ${waived} waived, ${count(notes, "note")}`,
  ];
  const rationale = new Map(report.rules.map((r) => [r.id, r.rationale]));
  for (const f of report.findings) {
    const label = f.waiver ? "waived" : f.severity;
    lines.push(`${label.padEnd(6)} ${f.rule}  ${f.resource} (${f.address})`);
    lines.push(`       ${f.message}`);
    if (f.waiver) lines.push(`       waived by policy.waivers/${f.waiver.index}: ${JSON.stringify(f.waiver.reason)}`);
    else if (f.severity === "error") lines.push(`       why: ${rationale.get(f.rule)}`);
  }
  return lines;
}

function count(n: number, word: string): string {
  return n === 0 ? `no ${word}s` : `${n} ${word}${n === 1 ? "" : "s"}`;
}
