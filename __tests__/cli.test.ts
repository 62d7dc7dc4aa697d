import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ROOT } from "./support/project";

/** Runs the synth entry point the way `npm run synth` does, into a temporary output folder. */
function synth(config?: string): { status: number; stdout: string; stderr: string; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"));
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  if (config) env.EVENT_CONFIG = config;
  else delete env.EVENT_CONFIG;
  const r = spawnSync(process.execPath, [path.join(ROOT, ".build", "main.js")], { cwd: ROOT, env, encoding: "utf8" });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, outdir };
}

function filesUnder(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out[path.relative(dir, full)] = fs.readFileSync(full, "utf8");
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

beforeAll(() => {
  const build = spawnSync("npm", ["run", "--silent", "build"], { cwd: ROOT, encoding: "utf8" });
  expect(build.status).toBe(0);
});

describe("npm run synth", () => {
  test("synthesizes the default event without being told which config to use", () => {
    const r = synth();
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Synthesized config/default.json (demo-live, profile HD-1080p)");
    expect(Object.keys(filesUnder(r.outdir)).sort()).toEqual(["manifest.json", "stacks/demo-live-cdn/cdk.tf.json", "stacks/demo-live-eu-west-1/cdk.tf.json"]);
  });

  test("two synths are byte-identical and carry no machine paths, user names or timestamps", () => {
    const a = filesUnder(synth().outdir);
    const b = filesUnder(synth().outdir);
    expect(a).toEqual(b);
    const all = Object.values(a).join("\n");
    for (const local of [ROOT, os.homedir(), os.tmpdir(), os.hostname()]) expect(all).not.toContain(local);
    expect(all).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
  });

  test("a config with three mistakes prints three lines, synthesizes nothing and exits non-zero", () => {
    const r = synth("__tests__/fixtures/config/three-mistakes.json");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      '__tests__/fixtures/config/three-mistakes.json: /regions/1 must be one of "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2" (got "mars-1")',
      "__tests__/fixtures/config/three-mistakes.json: /contribution/mediaconnect/primaryPort must be >= 1024 (got 80)",
      '__tests__/fixtures/config/three-mistakes.json: /channel/class must be one of "STANDARD", "SINGLE_PIPELINE" (got "DUAL")',
      "Nothing was synthesized: fix the 3 problems above.",
    ]);
    expect(filesUnder(r.outdir)).toEqual({});
  });

  test("prints warnings and still synthesizes when the config opens the ingest explicitly", () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "default.json"), "utf8"));
    config.contribution.allowlistCidrs = ["0.0.0.0/0"];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-open-")), "open.json");
    fs.writeFileSync(file, JSON.stringify(config));
    const r = synth(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${file}: /contribution/allowlistCidrs/0 is 0.0.0.0/0: anyone on the internet can send to this ingest. Narrow it to your encoders' networks unless that is intended.\n`,
    );
  });
});
