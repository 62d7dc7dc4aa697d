import * as fs from "fs";
import type { ErrorObject, ValidateFunction } from "ajv";
import ajvOptions from "./ajv-options.json";
import { FORMATS } from "./formats";
import { scanJson, TextPosition } from "./json-syntax";

/** Thrown when a configuration or profile is invalid. One line per problem, in reading order. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in the configuration:\n${problems.join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * The largest configuration, profile, price or key file read, in bytes. Ours are under 50 KB; the
 * limit keeps a wrong path (a disk image, a log) from being read whole.
 */
export const MAX_INPUT_BYTES = 1_000_000;

/** How many problems a command prints before it says how many more there are. */
export const MAX_PRINTED_PROBLEMS = 50;

/** The lines a command prints for a list of problems: the first 50, then how many more were found. */
export function printedProblems(problems: readonly string[], limit = MAX_PRINTED_PROBLEMS): string[] {
  if (problems.length <= limit) return [...problems];
  return [...problems.slice(0, limit), `... and ${problems.length - limit} more problems, not shown: fix the ones above and run again`];
}

/** The closing words of a refusal: "fix the problem above" or "fix the 3 problems above". */
export function fixTheProblems(count: number): string {
  return `fix the ${count === 1 ? "problem" : `${count} problems`} above`;
}

/**
 * A value for a message: JSON as the user wrote it, shortened when long (a 100 KB string pasted
 * into a name must not become a 100 KB line), with its full length said.
 */
export function shown(value: unknown, max = 80): string {
  // JSON leaves the Unicode line and paragraph separators as they are: escaped, a message stays one line.
  const json = (JSON.stringify(value) ?? String(value)).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  if (json.length <= max) return json;
  let head = json.slice(0, max - 20);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  if (typeof value === "string") return `${head}…" (${[...value].length} characters)`;
  if (Array.isArray(value)) return `${head}… (${value.length} items)`;
  if (value !== null && typeof value === "object") return `${head}… (${Object.keys(value).length} keys)`;
  return `${head}… (${json.length} characters)`;
}

/** A JSON pointer for a message, each overlong key shortened. */
export function shownPointer(pointer: string): string {
  return pointer.length <= 120 ? pointer : pointer.split("/").map((k) => (k.length > 40 ? `${k.slice(0, 30)}…` : k)).join("/");
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ENOTDIR: "a folder on its path is a file",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EIO: "input/output error",
};

/** What a file is when it is not a regular file, for messages. */
function kindOf(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return "it is a folder, not a file";
  if (stat.isFIFO()) return "it is a named pipe, not a regular file";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "it is a device, not a regular file";
  if (stat.isSocket()) return "it is a socket, not a regular file";
  return "it is not a regular file";
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/**
 * Reads an input file as strict UTF-8 text, or says in one phrase why it cannot: it must be a
 * regular file (never a pipe or a device, which could block forever), at most MAX_INPUT_BYTES,
 * UTF-8 (a leading byte order mark is dropped), with no NUL bytes. Never blocks, never throws.
 */
export function readInputText(file: string, limit = MAX_INPUT_BYTES): { readonly text: string } | { readonly problem: string; readonly missing?: boolean } {
  const cannot = (err: unknown) => {
    const code = (err as NodeJS.ErrnoException).code ?? "";
    return { problem: `cannot read the file (${READ_ERRORS[code] ?? (code || String(err))})`, missing: code === "ENOENT" };
  };
  const tooLarge = (size: string) => ({ problem: `cannot read the file (it is ${size}; input files may be at most ${limit / 1_000_000} MB)` });
  let bytes: Buffer;
  try {
    // Look before opening: opening a named pipe for reading waits for a writer.
    const kind = kindOf(fs.statSync(file));
    if (kind) return { problem: `cannot read the file (${kind})` };
    const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      // The path may have changed between the two looks; the open file is what counts.
      const stat = fs.fstatSync(fd);
      const again = kindOf(stat);
      if (again) return { problem: `cannot read the file (${again})` };
      if (stat.size > limit) return tooLarge(megabytes(stat.size));
      // Read to the end (files under /proc report size 0), never more than the limit.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.alloc(Math.min(64 * 1024, limit + 1 - total));
        const n = fs.readSync(fd, chunk, 0, chunk.length, null);
        if (n === 0) break;
        chunks.push(chunk.subarray(0, n));
        total += n;
        if (total > limit) return tooLarge(`more than ${limit / 1_000_000} MB`);
      }
      bytes = Buffer.concat(chunks, total);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    return cannot(err);
  }
  return decodeUtf8(bytes);
}

/** Strict UTF-8 decoding: the first byte that is not UTF-8 is named with its line and column. */
export function decodeUtf8(bytes: Uint8Array): { readonly text: string } | { readonly problem: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { problem: "the file is UTF-16 encoded (it starts with a UTF-16 byte order mark); save it as UTF-8" };
  }
  const at = (offset: number) => {
    const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
    let line = 1;
    for (let k = bytes.indexOf(0x0a); k !== -1 && k < offset; k = bytes.indexOf(0x0a, k + 1)) line++;
    const column = new TextDecoder("utf-8").decode(bytes.subarray(lineStart, offset)).length + 1;
    return `line ${line}, column ${column}`;
  };
  const bad = firstInvalidUtf8(bytes);
  if (bad !== -1) {
    return { problem: `invalid UTF-8 at ${at(bad)} (byte 0x${bytes[bad].toString(16).padStart(2, "0")}); save the file as UTF-8` };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { problem: `the file holds a NUL byte at ${at(nul)}: it is not text, or UTF-16 without a byte order mark; save it as UTF-8` };
  }
  // Some editors start UTF-8 files with a byte order mark; it is not part of the content.
  return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k] & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const d = b[i + 1];
    if ((c === 0xe0 && d < 0xa0) || (c === 0xed && d > 0x9f) || (c === 0xf0 && d < 0x90) || (c === 0xf4 && d > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Reads and parses a JSON file; problems (not a readable regular text file, syntax error with line
 * and column, repeated keys, numbers no reader keeps) are collected, one line each.
 */
export function readJsonFile(file: string, display: string, problems: string[]): unknown {
  const read = readInputText(file);
  if ("problem" in read) {
    problems.push(`${display}: ${read.problem}`);
    return undefined;
  }
  const json = read.text.replace(/^\uFEFF/, "");
  const scan = scanJson(json);
  if (scan.error) {
    const e = scan.error;
    problems.push(`${display}: invalid JSON at line ${e.at.line}, column ${e.at.column}: ${e.message}`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    problems.push(`${display}: invalid JSON: ${(err as Error).message}`);
    return undefined;
  }
  // JSON.parse keeps the last of two equal keys without a word; a second endpoint "ts" would
  // silently replace the first.
  // One line per key, however often it repeats: where it is, by line (and column when lines coincide).
  const repeated = new Map<string, { pointer: string; key: string; at: TextPosition[] }>();
  for (const d of scan.duplicates) {
    const id = JSON.stringify([d.pointer, d.key]);
    const entry = repeated.get(id) ?? repeated.set(id, { pointer: d.pointer, key: d.key, at: [d.first] }).get(id)!;
    entry.at.push(d.second);
  }
  for (const { pointer, key, at } of repeated.values()) {
    const sameLine = new Set(at.map((p) => p.line)).size < at.length;
    const where = (p: TextPosition) => (sameLine ? `${p.line}:${p.column}` : `${p.line}`);
    const first = at.slice(0, 3).map(where);
    const places = at.length > 3 ? `${first.join(", ")} and ${at.length - 3} more` : `${first.slice(0, -1).join(", ")} and ${first[first.length - 1]}`;
    const times = at.length === 2 ? "twice" : `${at.length} times`;
    problems.push(`${display}: ${shownPointer(pointer) || "/"} has the key ${shown(key, 60)} ${times} (${sameLine ? "line:column" : "lines"} ${places}); JSON keeps only the last, so rename or merge them`);
  }
  for (const n of scan.numbers) {
    problems.push(`${display}: ${shownPointer(n.pointer) || "/"} ${n.reason} (got ${n.text.length > 40 ? `${n.text.slice(0, 30)}…, ${n.text.length} characters` : n.text})`);
  }
  // Checking a list of 100,000 items against a schema with uniqueItems takes quadratic time;
  // no file this project reads has a list anywhere near the limit.
  const long = longLists(data);
  for (const l of long) {
    problems.push(`${display}: ${shownPointer(l.pointer) || "/"} is a list of ${l.length} items, more than any list in these files may hold (${MAX_LIST_ITEMS}); check that this is the right file`);
  }
  return scan.duplicates.length > 0 || scan.numbers.length > 0 || long.length > 0 ? undefined : data;
}

/** The most items a list in an input file may have. */
export const MAX_LIST_ITEMS = 1000;

/** Lists longer than MAX_LIST_ITEMS, with their pointers (one walk over the parsed data). */
function longLists(data: unknown): { pointer: string; length: number }[] {
  const found: { pointer: string; length: number }[] = [];
  const walk = (value: unknown, pointer: string) => {
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST_ITEMS) found.push({ pointer, length: value.length });
      else value.forEach((item, index) => walk(item, `${pointer}/${index}`));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
  };
  walk(data, "");
  return found;
}

/**
 * A validator for one of the project's schemas (ajv-options.json: all errors, strict, defaults
 * filled in). The event file and ladder schemas are precompiled (`npm run generate`); this
 * compiles the others when first used.
 */
export function compileSchema(schema: object): ValidateFunction {
  const { "//": _why, ...options } = ajvOptions;
  // Loaded here, not at the top: the configuration's own validators are precompiled, and ajv's
  // compiler is the largest package a refused run would otherwise load.
  const { default: Ajv } = require("ajv") as typeof import("ajv");
  const ajv = new Ajv(options);
  for (const [name, format] of Object.entries(FORMATS)) ajv.addFormat(name, format);
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
  const at = shownPointer(err.instancePath) || "/";
  // A secret pasted where its ARN or parameter name belongs must not end up in CI logs.
  const got = SECRET_POINTER.test(at) ? "(the value is not shown: it may be a secret)" : `(got ${shown(err.data)})`;
  const schema = err.parentSchema as { description?: string } | undefined;
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case "required":
      return `${at} is missing the required key "${params.missingProperty}"`;
    case "additionalProperties": {
      const allowed = Object.keys((schema as { properties?: object })?.properties ?? {}).filter((k) => k !== "$schema");
      return `${shownPointer(join(at, String(params.additionalProperty)))} is not a known key (allowed: ${allowed.join(", ")})`;
    }
    case "enum":
      if (err.propertyName !== undefined) {
        return `${at} key ${shown(err.propertyName, 60)} is not allowed: a key must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
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
        return `${at} key ${shown(name, 60)} is not allowed: a key must be ${schema?.description ?? `matching ${String(params.pattern)}`}`;
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
