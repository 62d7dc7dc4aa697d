import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { FIXTURES_DIR, ROOT } from "../support/project";

/* eslint-disable @typescript-eslint/no-var-requires */
const { templateSchemaProblems } = require("../../scripts/generate/medialive-check.js") as { templateSchemaProblems(root: string): string[] };
const { tagSupportProblems } = require("../../scripts/generate/tag-support-check.js") as { tagSupportProblems(root: string): string[] };
/* eslint-enable @typescript-eslint/no-var-requires */

/**
 * Runs the generator's drift check in a child process (json-schema-to-typescript loads prettier
 * through a dynamic import, which jest's module sandbox does not allow) for one schema of a
 * fixture folder: the stale files with their fresh text, and, when `regenerateIn` names a folder
 * holding a copy of the schema, the answer there once the fresh text was written (one process
 * for both: loading the generator is most of the cost).
 */
function driftCheck(fixture: { dir: string; schema: string; out: string; name: string; regenerateIn?: string }): { found: { file: string; fresh: string }[]; after?: { file: string; fresh: string }[] } {
  const script = `
    const fs = require("fs");
    const path = require("path");
    const generate = require(${JSON.stringify(path.join(ROOT, "scripts/generate.js"))});
    const { schemaTypes } = require(${JSON.stringify(path.join(ROOT, "scripts/generate/schema-types.js"))});
    const f = ${JSON.stringify(fixture)};
    const check = (dir) => generate.stale([{ file: f.out, make: () => schemaTypes(dir, f.schema, f.name, generate.COMMAND) }], dir);
    (async () => {
      const found = await check(f.dir);
      let after;
      if (f.regenerateIn) {
        fs.writeFileSync(path.join(f.regenerateIn, f.out), found[0].fresh);
        after = await check(f.regenerateIn);
      }
      process.stdout.write(JSON.stringify({ found, after }));
    })().catch((e) => { console.error(e); process.exit(2); });`;
  const run = spawnSync(process.execPath, ["-e", script], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (run.status !== 0) throw new Error(`the drift check failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const FIXTURE = path.join(FIXTURES_DIR, "generated");

describe("generated files (npm run generate)", () => {
  test("a generated file says where it comes from and how to regenerate it", () => {
    const text = fs.readFileSync(path.join(ROOT, "config/event.generated.ts"), "utf8");
    expect(text.split("\n")[0]).toBe("// Generated from config/event.schema.json by `npm run generate` (json-schema-to-typescript). Do not edit:");
  });

  test("a property with a schema default is required in the generated type (the loader fills it)", () => {
    const text = fs.readFileSync(path.join(ROOT, "encoding-profiles/ladder.generated.ts"), "utf8");
    // sceneChangeDetect has a default; bFrames has none.
    expect(text).toMatch(/\n {4}sceneChangeDetect: boolean;/);
    expect(text).toMatch(/\n {4}bFrames\?: number;/);
  });
});

describe("the drift check fails on a deliberate mismatch (fixture)", () => {
  // drift.generated.ts was generated before drift.schema.json gained `ingest`. The check runs on
  // the fixture, and on a copy of its schema once the fresh text is written beside it.
  let copy: string | undefined;
  let result: ReturnType<typeof driftCheck> | undefined;
  const drift = () => {
    if (!copy) {
      copy = fs.mkdtempSync(path.join(os.tmpdir(), "drift-"));
      fs.copyFileSync(path.join(FIXTURE, "drift.schema.json"), path.join(copy, "drift.schema.json"));
    }
    result ??= driftCheck({ dir: FIXTURE, schema: "drift.schema.json", out: "drift.generated.ts", name: "DriftFile", regenerateIn: copy });
    return { ...result, copy };
  };
  afterAll(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  test("the stale fixture is reported, with text that has the new property", () => {
    const { found } = drift();
    expect(found.map((s) => s.file)).toEqual(["drift.generated.ts"]);
    expect(found[0].fresh).toContain('ingest: "CMAF" | "HLS";');
    expect(fs.readFileSync(path.join(FIXTURE, "drift.generated.ts"), "utf8")).not.toContain("ingest");
  }, 60_000);

  test("once regenerated, the fixture is fresh", () => {
    const { found, after, copy } = drift();
    expect(fs.readFileSync(path.join(copy, "drift.generated.ts"), "utf8")).toBe(found[0].fresh);
    expect(after).toEqual([]);
  }, 60_000);
});

describe("npm run generate -- --check", () => {
  // It names each stale file on stderr: this is the check that every committed generated file
  // equals what its input generates now.
  test("passes on the committed project (exit 0, nothing printed on stderr)", () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, "scripts/generate.js"), "--check"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  }, 60_000);
});

/** A scratch copy of `files` (relative to the project) with `edit` applied to one of them. */
function scratch(files: string[], edit: { file: string; change(text: string): string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "derived-"));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    fs.writeFileSync(path.join(dir, file), file === edit.file ? edit.change(text) : text);
  }
  return dir;
}

describe("derived files whose input is not available offline are checked for consistency", () => {
  const MEDIALIVE = ["providers/aws/medialive-encoder-settings.json", "encoding-profiles/medialive-template.schema.json"];

  test("the MediaLive template schema matches the encoder-settings description", () => {
    expect(templateSchemaProblems(ROOT)).toEqual([]);
  });

  test("a template schema edited alone is reported", () => {
    const dir = scratch(MEDIALIVE, {
      file: "encoding-profiles/medialive-template.schema.json",
      change: (text) => {
        const schema = JSON.parse(text);
        schema.properties.videoDescriptions.items.properties.extraKey = { type: "string" };
        return JSON.stringify(schema);
      },
    });
    try {
      expect(templateSchemaProblems(dir)).toEqual(["/videoDescriptions/extraKey is in the schema but not in the description"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("the tag support table agrees with the provider bindings and the awscc schema", () => {
    expect(tagSupportProblems(ROOT)).toEqual([]);
  });

  test("a resource type in the wrong tag list is reported", () => {
    const dir = scratch(["policy/tag-support.ts", "providers/awscc/schema.json"], {
      file: "policy/tag-support.ts",
      change: (text) => text.replace('"aws_s3_bucket_policy", ', "").replace('"aws_s3_bucket",', '"aws_s3_bucket", "aws_s3_bucket_policy",').replace("awscc_mediaconnect_flow_source: \"list\"", "awscc_mediaconnect_flow_source: \"none\""),
    });
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
    try {
      expect(tagSupportProblems(dir)).toEqual([
        "aws_s3_bucket_policy is listed as taggable, but its binding has no tags argument",
        'awscc_mediaconnect_flow_source takes tags as "none" in the table, but providers/awscc/schema.json says "list"',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
