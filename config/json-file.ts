import * as fs from "fs";
import Ajv, { ErrorObject, ValidateFunction } from "ajv";

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
  try {
    return JSON.parse(text);
  } catch (err) {
    problems.push(`${display}: ${describeSyntaxError(text, (err as Error).message)}`);
    return undefined;
  }
}

function describeSyntaxError(text: string, message: string): string {
  const detail = message.replace(/\s*in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
  const pos = /position (\d+)/.exec(message);
  if (!pos) return `invalid JSON: ${detail}`;
  const before = text.slice(0, Number(pos[1]));
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  return `invalid JSON at line ${line}, column ${column}: ${detail}`;
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
  const got = `(got ${JSON.stringify(err.data)})`;
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
    case "uniqueItems":
      return `${at} must not repeat items (items ${params.j} and ${params.i} are equal)`;
    default:
      return `${at} ${err.message} ${got}`;
  }
}

function join(pointer: string, key: string): string {
  const escaped = key.replace(/~/g, "~0").replace(/\//g, "~1");
  return pointer === "/" ? `/${escaped}` : `${pointer}/${escaped}`;
}

function article(type: string): string {
  return `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;
}
