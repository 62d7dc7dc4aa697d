import * as fs from "fs";
import * as path from "path";
import { ROOT, runNpmScript } from "../support/project";

/** `npm run report -- <args>` the way a user runs it (bundles scripts/report.ts, then runs it). */
function report(...args: string[]): { status: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.EVENT_CONFIG;
  return runNpmScript("report", args, env);
}

describe("npm run report", () => {
  test("prints the report for the default event without synthesizing", () => {
    const before = fs.existsSync(path.join(ROOT, "cdktf.out")) ? fs.statSync(path.join(ROOT, "cdktf.out")).mtimeMs : undefined;
    const r = report();
    expect(r.stderr.trim()).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Cost and latency report for demo-live (config/default.json, profile HD-1080p, STANDARD)");
    expect(lines).toContain("Expected glass-to-glass latency (seconds behind live)");
    expect(lines.some((l) => /^\| total +\| .*\| +[0-9,]+\.\d\d \|$/.test(l))).toBe(true);
    const after = fs.existsSync(path.join(ROOT, "cdktf.out")) ? fs.statSync(path.join(ROOT, "cdktf.out")).mtimeMs : undefined;
    expect(after).toBe(before);
  });

  test("a configuration with mistakes prints them and exits 1", () => {
    const r = report("__tests__/fixtures/config/three-mistakes.json");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe("No report: fix the 3 problems above.");
  });

  test("a price table that cannot be read is named, with the reason", () => {
    const r = report("config/default.json", "--prices", "no-such-prices.json");
    expect(r.status).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toEqual(["no-such-prices.json: cannot read the file (no such file)", "No report: fix the problem above."]);
  });
});
