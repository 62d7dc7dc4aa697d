import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { scanJson } from "../config/json-syntax";
import { ConfigError, loadEvent } from "../config/load";
import eventSchema from "../config/event.schema.json";
import { blocking } from "../policy";
import { synthesizeChecked } from "../synth/driver";
import { stackNames } from "../stacks/app";
import { PROFILES_DIR, defaultConfig } from "./support/project";

// Configs are edited in a hurry before showtime. Whatever the edit, `npm run synth` ends in one
// of two ways: a synthesis whose every stack passes the policy pack, written as a whole, or
// config errors naming the file (a JSON pointer, or the line and column of a syntax error) with
// nothing written. Never a stack trace, never a partial cdktf.out.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const DISPLAY = "mutated.json";
/** One line naming the file, then a JSON pointer (any key may appear in it) or a syntax error's place. */
const PROBLEM = /^mutated\.json: (\/.* \S.*|invalid JSON at line \d+, column \d+: \S.*)$/;

/** Every path into a JSON value (objects, lists and leaves), the root excluded. */
function pathsOf(value: Json, at: Path = []): Path[] {
  const children: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : value !== null && typeof value === "object"
      ? Object.entries(value)
      : [];
  return children.flatMap(([k, v]) => [[...at, k], ...pathsOf(v, [...at, k])]);
}

/** Values the schema itself names (enums, defaults, examples of each kind), so that many edits stay valid. */
function schemaValues(node: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => schemaValues(n, out));
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "enum") (v as Json[]).forEach((e) => out.add(JSON.stringify(e)));
      else if (k === "default" || k === "minimum" || k === "maximum") out.add(JSON.stringify(v));
      schemaValues(v, out);
    }
  }
  return out;
}

const base = defaultConfig() as Json;
const basePaths = pathsOf(base);
const objectPaths: Path[] = [[], ...basePaths.filter((p) => isObject(get(base, p)))];
const knownKeys = [...new Set(pathsOf(eventSchema as unknown as Json).map((p) => p[p.length - 1]).filter((k): k is string => typeof k === "string"))].sort();
const interesting = [
  ...[...schemaValues(eventSchema, new Set<string>())].sort().map((v) => JSON.parse(v) as Json),
  "0.0.0.0/0",
  "203.0.113.0/24",
  "198.51.100.7/24",
  "arn:aws:secretsmanager:eu-west-1:123456789012:secret:demo-live/srt-AbCdEf",
  "arn:aws:secretsmanager:us-east-1:123456789012:secret:demo-live/srt-AbCdEf",
  "a-very-long-event-name-x",
  "HD-720p",
  [],
  {},
];

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function get(root: Json, p: Path): Json | undefined {
  return p.reduce<Json | undefined>((node, k) => (node === undefined || node === null || typeof node !== "object" ? undefined : (node as any)[k]), root);
}

type Mutation =
  | { kind: "set"; path: Path; value: Json }
  | { kind: "delete"; path: Path }
  | { kind: "add"; path: Path; key: string; value: Json }
  | { kind: "truncate"; at: number }
  | { kind: "inject"; path: Path; text: string };

/** What users could type into any string that Terraform or cdktf would not read as text. */
const INJECTED = ["${aws_iam_role.x.arn}", "%{ if true }x%{ endif }", "${TfToken[TOKEN.1]}", "#{TfToken[TOKEN.1]}", "&{TfToken[TOKEN.1]}"];
/** The same, unescaped, in synthesized Terraform JSON: a live reference, a directive, a token. */
const UNESCAPED = /(^|[^$])\$\{aws_iam_role\.x\.arn\}|(^|[^%])%\{ if true \}|TfToken/;

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...interesting) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
);
/** Paths of the strings in the default config, where user text could carry interpolation. */
const stringPaths = basePaths.filter((p) => typeof get(base, p) === "string");
/** The same kind of value as the one a path holds now: edits that keep the file's shape, more of them valid. */
const leafPaths = basePaths.filter((p) => {
  const v = get(base, p);
  return v !== null && typeof v !== "object";
});
const sameKind = (p: Path): fc.Arbitrary<Json> => {
  const kind = typeof get(base, p);
  const candidates = interesting.filter((v) => typeof v === kind);
  return candidates.length > 0 ? fc.constantFrom(...candidates) : anyValue;
};
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...leafPaths).chain((p) => sameKind(p).map((value) => ({ kind: "set" as const, path: p, value }))) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("set" as const), path: fc.constantFrom(...basePaths), value: anyValue }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("delete" as const), path: fc.constantFrom(...basePaths) }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("add" as const), path: fc.constantFrom(...objectPaths), key: fc.oneof(fc.constantFrom(...knownKeys), fc.string({ maxLength: 12 })), value: anyValue }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("inject" as const),
      path: fc.constantFrom(...stringPaths),
      text: fc.tuple(fc.constantFrom(...INJECTED), fc.nat(), fc.boolean()).map(([t, cut, whole]) => (whole ? t : t.slice(0, 2 + (cut % (t.length - 1))))),
    }),
  },
);

/** The edited file's text. */
function apply(mutations: Mutation[]): string {
  const config = structuredClone(base);
  let cut: number | undefined;
  for (const m of mutations) {
    if (m.kind === "truncate") {
      cut = m.at;
      continue;
    }
    const parentPath = m.kind === "add" ? m.path : m.path.slice(0, -1);
    const parent = parentPath.length === 0 ? config : get(config, parentPath);
    if (parent === null || typeof parent !== "object") continue;
    const key = m.kind === "add" ? m.key : m.path[m.path.length - 1];
    if (m.kind === "inject") {
      const current = (parent as any)[key];
      if (typeof current === "string") (parent as any)[key] = `${current}${m.text}`;
      continue;
    }
    if (m.kind === "delete") {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete parent[key as string];
    } else (parent as any)[key] = m.value;
  }
  const text = JSON.stringify(config, null, 2);
  return cut === undefined ? text : text.slice(0, cut % text.length);
}

test("every edit of the default config ends in a checked synthesis or config errors, never a crash or a partial output", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "property-"));
  const outcomes = { synthesized: 0, rejected: 0, injectedSynthesized: 0 };
  try {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const dir = fs.mkdtempSync(path.join(work, "case-"));
        const file = path.join(dir, DISPLAY);
        const outdir = path.join(dir, "cdktf.out");
        fs.writeFileSync(file, apply(mutations));
        try {
          const loaded = loadEvent(file, { profilesDir: PROFILES_DIR, display: DISPLAY });
          const result = synthesizeChecked(loaded, { outdir, display: DISPLAY });
          // Every stack of a synthesis that loads passes the policy pack, and all of it is written.
          expect(blocking(result.report).map((f) => `${f.rule} ${f.resource}: ${f.message}`)).toEqual([]);
          expect(result.written).toBe(true);
          expect(fs.readdirSync(path.join(outdir, "stacks")).sort()).toEqual([...stackNames(loaded)].sort());
          expect(fs.readdirSync(dir).sort()).toEqual(["cdktf.out", DISPLAY]);
          // No user string reached the output as Terraform syntax or a cdktf token.
          for (const stack of fs.readdirSync(path.join(outdir, "stacks"))) {
            const json = fs.readFileSync(path.join(outdir, "stacks", stack, "cdk.tf.json"), "utf8");
            expect(json.match(UNESCAPED)).toBeNull();
          }
          if (mutations.some((m) => m.kind === "inject")) outcomes.injectedSynthesized++;
          outcomes.synthesized++;
        } catch (err) {
          if (!(err instanceof ConfigError)) throw err;
          expect(err.problems.length).toBeGreaterThan(0);
          for (const line of err.problems) expect(line).toMatch(PROBLEM);
          // Nothing written: no cdktf.out and no staging folder.
          expect(fs.readdirSync(dir)).toEqual([DISPLAY]);
          outcomes.rejected++;
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { seed: 20260214, numRuns: 200 },
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  // Both outcomes are exercised, so neither branch passes vacuously.
  expect(outcomes.synthesized).toBeGreaterThanOrEqual(10);
  expect(outcomes.rejected).toBeGreaterThanOrEqual(10);
  // Some injected text was accepted (free prose, escaped), so the output check above ran on it.
  expect(outcomes.injectedSynthesized).toBeGreaterThanOrEqual(1);
});

test("the JSON reader finds a syntax error exactly when JSON.parse rejects the text, and places it inside the text", () => {
  const edit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: fc.constantFrom("", ",", "}", "]", '"', "'", ":", "//", "x", " ", "\n", "{", "[", "1", "tru") });
  fc.assert(
    fc.property(fc.json({ maxDepth: 3 }), fc.array(edit, { maxLength: 2 }), (json, edits) => {
      let text = json;
      for (const e of edits) {
        const at = text.length === 0 ? 0 : e.at % text.length;
        text = text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      const scan = scanJson(text);
      expect(scan.error === undefined).toBe(parses);
      if (scan.error) {
        const lines = text.split("\n");
        expect(scan.error.at.line).toBeLessThanOrEqual(lines.length);
        expect(scan.error.at.column).toBeLessThanOrEqual(lines[scan.error.at.line - 1].length + 1);
      }
    }),
    { seed: 20260214, numRuns: 500 },
  );
});
