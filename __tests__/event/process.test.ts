// The npm scripts as users run them, in a folder where nothing was synthesized: one clear line,
// exit 1, nothing else done (no AWS call is possible without resources, no cdktf destroy).
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { splitDestroyArgs } from "../../event/args";

const ROOT = path.resolve(__dirname, "..", "..");
let cwd: string;
beforeAll(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), "event-process-"));
});
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

function run(entry: string, args: string[]) {
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts", "run.js"), entry, ...args], { cwd, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: "" } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("npm run event / npm run destroy as processes", () => {
  test("event status without a synthesized app says what to do, exit 1", () => {
    const r = run("event/cli.ts", ["status"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toEqual([
      `${path.join(cwd, "cdktf.out", "manifest.json")}: not found: synthesize the event first (npm run synth, with the same EVENT_CONFIG)`,
      "event status: nothing was done: fix the problem above.",
    ]);
  });

  test("destroy refuses when it cannot check that nothing runs, and does not run cdktf destroy", () => {
    const r = run("event/destroy.ts", ["--stop-first", "--auto-approve"]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n").at(-1)).toBe(
      "Destroy refused: could not find the event's resources to check that nothing runs. Fix the above, or pass --force to destroy without the check.",
    );
  });

  test("destroy keeps its own options and passes the rest on to cdktf", () => {
    expect(splitDestroyArgs(["--stop-first", "--auto-approve", "--outputs", "o.json", "--outdir=x", "--force"])).toEqual({
      ours: ["--stop-first", "--outputs", "o.json", "--outdir=x", "--force"],
      passOn: ["--auto-approve"],
    });
  });
});
