import * as fs from "fs";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";
import { scanJson } from "./json-syntax";

/** Thrown when a configuration or profile is invalid. One line per problem, in reading order. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Reads and parses a JSON file; problems (missing file, syntax error with line and column) are collected. */
export function readJsonFile(file: string, display: string, problems: string[]): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    problems.push(`${display}: cannot read the file (${code === "ENOENT" ? "no such file" : code ?? String(err)})`);
    return undefined;
  }
  // Some editors start UTF-8 files with a byte order mark; it is not part of the JSON.
  const json = text.replace(/^\uFEFF/, "");
  const scan = scanJson(json);
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    const e = scan.error;
    problems.push(`${display}: invalid JSON${e ? ` at line ${e.at.line}, column ${e.at.column}: ${e.message}` : `: ${(err as Error).message}`}`);
    return undefined;
  }
  // JSON.parse keeps the last of two equal keys without a word; a second endpoint "ts" would
  // silently replace the first.
  for (const d of scan.duplicates) {
    problems.push(`${display}: ${d.pointer || "/"} has the key ${JSON.stringify(d.key)} twice (lines ${d.first.line} and ${d.second.line}); JSON keeps only the last, so rename or merge them`);
  }
  return scan.duplicates.length > 0 ? undefined : data;
}

const ipv4Cidr = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}\/(3[0-2]|[12]?\d)$/;

/** One ajv instance for the project's schemas: all errors, strict, defaults filled in. */
export function compileSchema(schema: object): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: true, useDefaults: true, verbose: true });
  ajv.addFormat("ipv4-cidr", ipv4Cidr);
  return ajv.compile(schema);
}

/** Validates `data`, appending one readable line per ajv error to `problems`. */
export function validateAgainst(validate: ValidateFunction, data: unknown, display: string, problems: string[]): boolean {
  if (validate(data)) return true;
  for (const err of validate.errors ?? []) {
    const line = describeAjvError(err);
    if (line) problems.push(`${display}: ${line}`);
  }
  return false;
}

function describeAjvError(err: ErrorObject): string | undefined {
  const at = err.instancePath || "/";
  // A secret pasted where its ARN or parameter name belongs must not end up in CI logs.
  const got = SECRET_POINTER.test(at) ? "(the value is not shown: it may be a secret)" : `(got ${JSON.stringify(err.data)})`;
  const schema = err.parentSchema as { description?: string } | undefined;
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "required":
      return `${at} is missing the required key "${params.missingProperty}"`;
    case "additionalProperties": {
      const allowed = Object.keys((schema as { properties?: object })?.properties ?? {}).filter((k) => k !== "$schema");
      return `${join(at, String(params.additionalProperty))} is not a known key (allowed: ${allowed.join(", ")})`;
    }
    case "enum":
      if (err.propertyName !== undefined) {
        return `${at} key ${JSON.stringify(err.propertyName)} is not allowed: a key must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
      }
      return `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")} ${got}`;
    case "type":
      return `${at} must be ${article(String(params.type))} ${got}`;
    case "propertyNames":
      // ajv reports the failing name through the nested keyword as well; that line carries the detail.
      return undefined;
    case "pattern":
    case "format":
      if (params.propertyName !== undefined || err.propertyName !== undefined) {
        const name = (err.propertyName ?? params.propertyName) as string;
        return `${at} key ${JSON.stringify(name)} is not allowed: a key must be ${schema?.description ?? `matching ${String(params.pattern)}`}`;
      }
      return `${at} must be ${schema?.description ?? err.message} ${got}`;
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum":
      return `${at} ${err.message} ${got}`;
    case "minLength":
    case "maxLength": {
      const limit = Number(params.limit);
      const length = typeof err.data === "string" ? [...err.data].length : 0;
      const bound = err.keyword === "minLength" ? `at least ${limit}` : `at most ${limit}`;
      return `${at} must be ${bound} character${limit === 1 ? "" : "s"} long (got ${SECRET_POINTER.test(at) || length > 60 ? `${length} characters` : JSON.stringify(err.data)})`;
    }
    case "minItems":
    case "maxItems":
    case "minProperties":
    case "maxProperties": {
      const limit = Number(params.limit);
      const what = err.keyword.endsWith("Items") ? "item" : "entry";
      const plural = limit === 1 ? what : what === "entry" ? "entries" : "items";
      const count = Array.isArray(err.data) ? err.data.length : Object.keys((err.data ?? {}) as object).length;
      return `${at} must have ${err.keyword.startsWith("min") ? "at least" : "at most"} ${limit} ${plural} (got ${count})`;
    }
    case "uniqueItems":
      return `${at} must not repeat items (items ${params.j} and ${params.i} are equal)`;
    default:
      return `${at} ${err.message} ${got}`;
  }
}

/** Values that name a secret (an ARN, a parameter name) and so may hold the secret by mistake. */
const SECRET_POINTER = /(secretArns?(\/[^/]+)?|passwordParameter|password|passphrase)$/i;

function join(pointer: string, key: string): string {
  const escaped = key.replace(/~/g, "~0").replace(/\//g, "~1");
  return pointer === "/" ? `/${escaped}` : `${pointer}/${escaped}`;
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}
