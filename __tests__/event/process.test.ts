// The npm scripts as users run them, in a folder where nothing was synthesized: one clear line,
// exit 1, nothing else done (no AWS call is possible without resources, no cdktf destroy).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { splitDestroyArgs } from "../../event/args";
import { bundleEntry, packagesLoadedBy, runBundle } from "../support/entry";
import { removeApps, writeApp } from "./app";

const ENTRIES: Record<string, string> = {};
let cwd: string;
beforeAll(async () => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), "event-process-"));
  ENTRIES["event/cli.ts"] = await bundleEntry("event/cli.ts", "event-process-cli");
  ENTRIES["event/destroy.ts"] = await bundleEntry("event/destroy.ts", "event-process-destroy");
});
afterAll(() => {
  fs.rmSync(cwd, { recursive: true, force: true });
  removeApps();
});

function run(entry: "event/cli.ts" | "event/destroy.ts", args: string[], options: { cwd?: string; PATH?: string } = {}) {
  // Run directly (not by npm) in `cwd`: a relative CDKTF_OUTDIR is that folder's, as for synth
  // (unset, it would be the project's own cdktf.out, wherever the command runs).
  const env = { ...process.env, INIT_CWD: undefined, CDKTF_OUTDIR: "cdktf.out", ...(options.PATH === undefined ? {} : { PATH: options.PATH }) };
  return runBundle(ENTRIES[entry], args, { cwd: options.cwd ?? cwd, env });
}

describe("npm run event / npm run destroy as processes", () => {
  test("event status without a synthesized app says what to do, exit 1", async () => {
    const r = await run("event/cli.ts", ["status"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      `${path.join(cwd, "cdktf.out", "manifest.json")}: not found: synthesize the event first (npm run synth, with the same EVENT_CONFIG)`,
      "event status: nothing was done: fix the problem above.",
    ]);
  });

  test("destroy refuses without a synthesized app, and does not run cdktf destroy", async () => {
    const r = await run("event/destroy.ts", ["--stop-first", "--auto-approve"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      `${path.join(cwd, "cdktf.out", "manifest.json")}: not found: synthesize the event first (npm run synth, with the same EVENT_CONFIG)`,
      "Destroy refused: the synthesized app says which stacks belong to the event; nothing was destroyed.",
    ]);
  });

  test("destroy names the event's own stacks to cdktf, never '*' (another stack of the app is left alone)", async () => {
    const app = writeApp({ regions: ["eu-west-1", "us-east-1"] });
    // A stack of another kind (e.g. a Terraform Cloud bootstrap) in the same app.
    const manifestFile = path.join(app.outdir, "manifest.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    fs.mkdirSync(path.join(app.outdir, "stacks", "bootstrap"), { recursive: true });
    fs.writeFileSync(path.join(app.outdir, "stacks", "bootstrap", "cdk.tf.json"), JSON.stringify({ output: { workspace: { value: "x" } } }));
    manifest.stacks.bootstrap = { name: "bootstrap", workingDirectory: "stacks/bootstrap", synthesizedStackPath: "stacks/bootstrap/cdk.tf.json", dependencies: [] };
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    // cdktf as npm would find it: here a stand-in that prints its arguments.
    const bin = path.join(app.dir, "bin");
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, "cdktf"), '#!/bin/sh\necho "cdktf $*"\n', { mode: 0o755 });
    const r = await run("event/destroy.ts", ["--force", "--auto-approve"], { cwd: app.dir, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    expect(r.status).toBe(0);
    // cdktf synthesizes again before destroying: into the folder whose stacks were checked.
    expect(r.stdout.trim()).toBe(`cdktf destroy --output ${app.outdir} show-cdn show-eu-west-1 show-us-east-1 --auto-approve`);
    expect(r.stderr.trim()).toBe("Destroying the event's stacks: show-cdn, show-eu-west-1, show-us-east-1");
    // Nor can cdktf be pointed at another synthesized app than the one checked.
    const elsewhere = await run("event/destroy.ts", ["--force", "--output", "other.out"], { cwd: app.dir, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
    expect(elsewhere.status).toBe(2);
    expect(elsewhere.stdout).toBe("");
    expect(elsewhere.stderr.trim()).toBe('destroy: "--output": name the synthesized app with --outdir (or CDKTF_OUTDIR), which is both checked and handed to cdktf. Nothing was destroyed.');
    // Nor can arguments for cdktf widen it.
    for (const extra of ["bootstrap", "*"]) {
      const widened = await run("event/destroy.ts", ["--force", extra], { cwd: app.dir, PATH: `${bin}${path.delimiter}${process.env.PATH}` });
      expect(widened.status).toBe(2);
      expect(widened.stdout).toBe("");
      expect(widened.stderr.trim()).toBe(
        `destroy: "${extra}": npm run destroy removes the event's stacks only (show-cdn, show-eu-west-1, show-us-east-1); destroy other stacks with cdktf itself. Nothing was destroyed.`,
      );
    }
  });

  test("without terraform on PATH: one line that says so (not one per stack), exit 1", async () => {
    const app = writeApp({ regions: ["eu-west-1", "us-east-1"] });
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "event-nopath-"));
    const r = await run("event/cli.ts", ["status"], { cwd: app.dir, PATH: empty });
    fs.rmSync(empty, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      "terraform is not installed (not found on PATH): install it, or pass the stacks' outputs in a file with --outputs <file> (see docs/runbook.md)",
      "event status: nothing was done: fix the problem above.",
    ]);
  });

  test.each([
    [["launch"], 'event: unknown command "launch": use one of status, start, stop, ad-break, schedule, test-signal, help'],
    [["status", "--regoin"], 'event: unknown option "--regoin"'],
    [["ad-break", "--duration"], "event: --duration needs a value"],
  ])("bad usage %j: one line and the usage, no stack trace, exit 2", async (args, line) => {
    const r = await run("event/cli.ts", args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n");
    expect(lines[0]).toBe(line);
    expect(lines[1]).toBe("usage: npm run event -- <command> [options]");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  test("bad usage and a missing app are said before the AWS SDK is loaded (each command loads it when it runs)", async () => {
    const env = { ...process.env, INIT_CWD: undefined, CDKTF_OUTDIR: "cdktf.out" };
    for (const [entry, args] of [
      ["event/cli.ts", ["launch"]],
      ["event/cli.ts", ["status"]],
      ["event/destroy.ts", ["--stop-first"]],
    ] as const) {
      const r = await packagesLoadedBy(ENTRIES[entry], args, { cwd, env });
      expect(r.status).not.toBe(0);
      // Packages are seen (the observer works: the file reader loads some), the AWS SDK is not among them.
      expect(r.packages.length).toBeGreaterThan(0);
      expect(r.packages.filter((p) => p.startsWith("@aws-sdk/") || p.startsWith("@smithy/"))).toEqual([]);
    }
  });

  test.each([
    [["ad-break", "--duration", "-5"], "ad-break: --duration must be a number of seconds above 0 and at most 95443 (got -5)"],
    [["test-signal", "--duration", "1.5"], "test-signal: --duration must be a whole number of seconds above 0 (got 1.5)"],
  ])("a bad --duration (%j) is refused before the AWS SDK is loaded and before the app is looked for: one line, exit 2", async (args, line) => {
    const env = { ...process.env, INIT_CWD: undefined, CDKTF_OUTDIR: "cdktf.out" };
    const r = await packagesLoadedBy(ENTRIES["event/cli.ts"], args, { cwd, env });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    // Not the missing app of `cwd`: the duration is said first.
    expect(r.stderr.trim()).toBe(line);
    expect(r.packages.filter((p) => p.startsWith("@aws-sdk/") || p.startsWith("@smithy/"))).toEqual([]);
  });

  test("destroy keeps its own options and passes the rest on to cdktf", () => {
    expect(splitDestroyArgs(["--stop-first", "--auto-approve", "--outputs", "o.json", "--outdir=x", "--force"])).toEqual({
      ours: ["--stop-first", "--outputs", "o.json", "--outdir=x", "--force"],
      passOn: ["--auto-approve"],
    });
  });
});
