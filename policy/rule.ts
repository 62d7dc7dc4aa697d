import type { EventConfig } from "../config/types";
import type { Block, Synthesized } from "./model";

/** error: stops synthesis unless waived. note: printed, never blocks (a known limitation, not a defect). */
export type Severity = "error" | "note";

/** One thing a rule found on one resource. */
export interface Violation {
  readonly stack: string;
  /** The construct path, the address waivers use: `demo-live-cdn/Delivery/LogBucket`. */
  readonly resource: string;
  /** The Terraform address inside the stack: `aws_s3_bucket.Delivery_LogBucket_7A7FE0D0`. */
  readonly address: string;
  /** What is wrong and what to do, without the resource (the report prints that). */
  readonly message: string;
  readonly severity: Severity;
}

/** A check over every synthesized stack, in the spirit of checkov/tfsec rules. */
export interface Rule {
  /** Stable, kebab-case: used in reports and in `policy.waivers[].rule`. */
  readonly id: string;
  /** One line: why the rule exists. */
  readonly rationale: string;
  /** Every violation in the app. Must not throw on shapes it does not know; unresolved `${...}` values are never "public". */
  readonly check: (app: Synthesized, config: EventConfig) => Violation[];
}

/** A violation located at a resource or data source. */
export function at(block: Block, message: string, severity: Severity = "error"): Violation {
  return { stack: block.stack, resource: block.path, address: block.address, message, severity };
}
