import * as fs from "fs";
import * as path from "path";
import Ajv, { ValidateFunction } from "ajv";
import { ROOT, StackJson } from "./project";

/** The project's own awscc provider schema (Terraform's `providers schema -json` format, plus `enum`). */
export const AWSCC_SCHEMA_FILE = path.join(ROOT, "providers", "awscc", "schema.json");

export interface SchemaAttribute {
  type?: string | [string, unknown];
  nested_type?: { attributes: Record<string, SchemaAttribute>; nesting_mode: "single" | "list" | "set" | "map" };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  enum?: string[];
}

export function awsccResourceSchemas(): Record<string, { block: { attributes: Record<string, SchemaAttribute> } }> {
  const schema = JSON.parse(fs.readFileSync(AWSCC_SCHEMA_FILE, "utf8"));
  return schema.provider_schemas["registry.terraform.io/hashicorp/awscc"].resource_schemas;
}

// An unresolved Terraform expression, e.g. "${aws_iam_role.x.arn}": its value is known at apply.
const EXPRESSION = { type: "string", pattern: "\\$\\{" };
const META_ARGUMENTS = ["//", "depends_on", "provider", "lifecycle", "count", "for_each"];

function attributeSchema(attr: SchemaAttribute): object {
  if (attr.nested_type) {
    const object = objectSchema(attr.nested_type.attributes);
    const mode = attr.nested_type.nesting_mode;
    if (mode === "single") return { anyOf: [object, EXPRESSION] };
    if (mode === "map") return { anyOf: [{ type: "object", additionalProperties: object }, EXPRESSION] };
    return { anyOf: [{ type: "array", items: object }, EXPRESSION] };
  }
  const t = attr.type;
  if (Array.isArray(t)) {
    const [collection, element] = t;
    const item = attributeSchema({ type: element as string, enum: attr.enum });
    if (collection === "map") return { anyOf: [{ type: "object", additionalProperties: item }, EXPRESSION] };
    return { anyOf: [{ type: "array", items: item }, EXPRESSION] };
  }
  switch (t) {
    case "string":
      return attr.enum ? { anyOf: [{ enum: attr.enum }, EXPRESSION] } : { type: "string" };
    case "number":
      return { anyOf: [{ type: "number" }, EXPRESSION] };
    case "bool":
      return { anyOf: [{ type: "boolean" }, EXPRESSION] };
    default:
      throw new Error(`awscc schema: unsupported attribute type ${JSON.stringify(t)}`);
  }
}

/** Settable attributes only: a computed-only attribute in configuration is an error. */
function objectSchema(attributes: Record<string, SchemaAttribute>, extra: string[] = []): object {
  const properties: Record<string, object> = {};
  for (const [name, attr] of Object.entries(attributes)) {
    if (attr.required || attr.optional) properties[name] = attributeSchema(attr);
  }
  for (const name of extra) properties[name] = {};
  const required = Object.entries(attributes)
    .filter(([, a]) => a.required)
    .map(([n]) => n);
  return { type: "object", additionalProperties: false, properties, required };
}

let validators: Record<string, ValidateFunction> | undefined;

function compileValidators(): Record<string, ValidateFunction> {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const out: Record<string, ValidateFunction> = {};
  for (const [type, resource] of Object.entries(awsccResourceSchemas())) {
    out[type] = ajv.compile(objectSchema(resource.block.attributes, META_ARGUMENTS));
  }
  return out;
}

/**
 * Checks every awscc resource block of a synthesized stack against the project's awscc schema:
 * known attributes only, required ones present, computed-only ones absent, types and allowed
 * values respected. Returns one line per problem.
 */
export function checkAwsccBlocks(stackName: string, stack: StackJson): string[] {
  validators ??= compileValidators();
  const problems: string[] = [];
  for (const [type, blocks] of Object.entries(stack.resource ?? {})) {
    if (!type.startsWith("awscc_")) continue;
    const validate = validators[type];
    if (!validate) {
      problems.push(`${stackName}: ${type} is not in the project's awscc schema`);
      continue;
    }
    for (const [name, block] of Object.entries(blocks as Record<string, unknown>)) {
      if (validate(block)) continue;
      for (const e of validate.errors ?? []) {
        const extra = e.keyword === "additionalProperties" ? ` "${(e.params as { additionalProperty: string }).additionalProperty}"` : "";
        problems.push(`${stackName}: ${type}.${name}${e.instancePath} ${e.message}${extra}`);
      }
    }
  }
  return problems;
}
