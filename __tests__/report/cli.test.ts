import * as fs from "fs";
import * as path from "path";
import { bundleEntry, runBundle } from "../support/entry";
import { ROOT, runNpmScript } from "../support/project";

/** scripts/report.ts bundled once for this file, as `npm run report` bundles it. */
let REPORT: string;
beforeAll(async () => {
  REPORT = await bundleEntry("scripts/report.ts", "report-cli-test");
});

function reportEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.EVENT_CONFIG;
  delete env.INIT_CWD;
  return env;
}

/** The report command with arguments, typed in the project root. */
async function report(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await runBundle(REPORT, args, { env: reportEnv() });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run report", () => {
  test("prints the report for the default event without synthesizing", () => {
    const before = fs.existsSync(path.join(ROOT, "cdktf.out")) ? fs.statSync(path.join(ROOT, "cdktf.out")).mtimeMs : undefined;
    // The command as the README gives it (bundles scripts/report.ts, then runs it).
    const r = runNpmScript("report", [], reportEnv());
    expect(r.stderr.trim()).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Cost and latency report for demo-live (config/default.json, profile HD-1080p, STANDARD)");
    expect(lines).toContain("Expected glass-to-glass latency (seconds behind live)");
    expect(lines.some((l) => /^\| total +\| .*\| +[0-9,]+\.\d\d \|$/.test(l))).toBe(true);
    const after = fs.existsSync(path.join(ROOT, "cdktf.out")) ? fs.statSync(path.join(ROOT, "cdktf.out")).mtimeMs : undefined;
    expect(after).toBe(before);
  });

  test("a configuration with mistakes prints them and exits 1", async () => {
    const r = await report("__tests__/fixtures/config/three-mistakes.json");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("No report: fix the 3 problems above.");
  });

  test("a price table that cannot be read is named, with the reason", async () => {
    const r = await report("config/default.json", "--prices", "no-such-prices.json");
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual(["no-such-prices.json: cannot read the file (no such file)", "No report: fix the problem above."]);
  });
});
