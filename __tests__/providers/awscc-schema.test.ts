import * as fs from "fs";
import * as path from "path";
import { SchemaAttribute, awsccResourceSchemas } from "../support/awscc-schema";
import { ROOT, load, shippedConfigs, synthApp } from "../support/project";

/** The awscc 1.96.0 attribute tree kept beside the repository for checking (present in CI). */
const REFERENCE = path.resolve(ROOT, "..", "shared", "reference", "awscc-1.96.0-schema.json");

interface Simplified {
  type: string;
  element?: string;
  required: boolean;
  optional: boolean;
  computed: boolean;
  enum?: string[];
  attributes?: Record<string, Simplified>;
}

/** Our Terraform-format schema in the reference's simplified shape. */
function simplify(attrs: Record<string, SchemaAttribute>): Record<string, Simplified> {
  const out: Record<string, Simplified> = {};
  for (const [name, a] of Object.entries(attrs)) {
    const flags = { required: !!a.required, optional: !!a.optional, computed: !!a.computed };
    if (a.nested_type) {
      const mode = a.nested_type.nesting_mode;
      out[name] = { type: mode === "single" ? "object" : mode, ...flags, attributes: simplify(a.nested_type.attributes) };
    } else if (Array.isArray(a.type)) {
      out[name] = { type: a.type[0], element: a.type[1] as string, ...flags, ...(a.enum ? { enum: a.enum } : {}) };
    } else {
      out[name] = { type: a.type as string, ...flags, ...(a.enum ? { enum: a.enum } : {}) };
    }
  }
  return out;
}

/** One line per difference, by attribute path. */
function differences(prefix: string, ours: Record<string, Simplified>, theirs: Record<string, any>): string[] {
  const lines: string[] = [];
  for (const name of [...new Set([...Object.keys(ours), ...Object.keys(theirs)])].sort()) {
    const at = `${prefix}.${name}`;
    const a = ours[name];
    const b = theirs[name];
    if (!a) lines.push(`${at}: missing from the project's schema`);
    else if (!b) lines.push(`${at}: not in awscc 1.96.0`);
    else {
      for (const key of ["type", "element", "required", "optional", "computed"] as const) {
        if (a[key] !== b[key]) lines.push(`${at}: ${key} is ${JSON.stringify(a[key])} here, ${JSON.stringify(b[key])} in awscc 1.96.0`);
      }
      if (JSON.stringify(a.enum ?? null) !== JSON.stringify(b.enum ?? null)) lines.push(`${at}: allowed values ${JSON.stringify(a.enum)} here, ${JSON.stringify(b.enum)} in awscc 1.96.0`);
      if (a.attributes || b.attributes) lines.push(...differences(at, a.attributes ?? {}, b.attributes ?? {}));
    }
  }
  return lines;
}

const usedTypes = [
  ...new Set(
    shippedConfigs().flatMap((file) =>
      Object.values(synthApp(load(file))).flatMap((stack) => Object.keys(stack.resource ?? {}).filter((t) => t.startsWith("awscc_"))),
    ),
  ),
].sort();

describe("the project's awscc provider schema", () => {
  const ours = awsccResourceSchemas();

  test("covers every awscc resource the shipped configurations synthesize", () => {
    expect(usedTypes).toEqual(
      expect.arrayContaining([
        "awscc_mediaconnect_flow",
        "awscc_mediapackagev2_channel",
        "awscc_mediapackagev2_channel_policy",
        "awscc_mediapackagev2_origin_endpoint",
        "awscc_mediapackagev2_origin_endpoint_policy",
      ]),
    );
    for (const type of usedTypes) expect(Object.keys(ours)).toContain(type);
  });

  test("carries at least the resources the bindings promise", () => {
    expect(Object.keys(ours).sort()).toEqual([
      "awscc_mediaconnect_flow",
      "awscc_mediaconnect_flow_output",
      "awscc_mediaconnect_flow_source",
      "awscc_mediapackagev2_channel",
      "awscc_mediapackagev2_channel_policy",
      "awscc_mediapackagev2_origin_endpoint",
      "awscc_mediapackagev2_origin_endpoint_policy",
    ]);
  });

  const haveReference = fs.existsSync(REFERENCE);
  if (!haveReference) console.log(`awscc reference comparison skipped: ${path.relative(ROOT, REFERENCE)} is not present`);
  (haveReference ? test : test.skip).each(Object.keys(ours).sort())("%s matches awscc 1.96.0 attribute for attribute", (type) => {
    const reference = JSON.parse(fs.readFileSync(REFERENCE, "utf8"));
    expect(reference[type]).toBeDefined();
    expect(differences(type, simplify(ours[type].block.attributes), reference[type].attributes)).toEqual([]);
  });

  test("synthesized stacks require hashicorp/awscc ~> 1.96", () => {
    const stacks = synthApp(load("config/default.json"));
    for (const stack of Object.values(stacks)) {
      expect(stack.terraform.required_providers.awscc).toEqual({ source: "hashicorp/awscc", version: "~> 1.96" });
    }
  });
});
