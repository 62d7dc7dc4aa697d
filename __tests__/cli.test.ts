import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { secretsIn } from "./policy/secret-scan";
import { bundleEntry, runBundle } from "./support/entry";
import { ROOT, filesUnder, load, runNpmScript, synthOutputFiles } from "./support/project";

/** main.ts bundled for these tests (not .build/main.js, which `npm run synth` rebuilds). */
let MAIN: string;
/** main.ts bundled with an app that adds an unprotected S3 bucket (see policy/bad-app.ts). */
let BAD_APP: string;

/** The environment of a run typed in the project root, into `outdir`, with this EVENT_CONFIG (unset when not given). */
function synthEnv(outdir: string, config?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CDKTF_OUTDIR: outdir };
  // As if typed in the project root (`npm test` started elsewhere would set another INIT_CWD).
  delete env.INIT_CWD;
  if (config) env.EVENT_CONFIG = config;
  else delete env.EVENT_CONFIG;
  return env;
}

/**
 * Runs the synth entry point as `npm run synth` does (bundled once for this file), into a
 * temporary output folder (or the one given, which may hold an earlier synthesis).
 */
async function synth(config?: string, options: { entry?: string; outdir?: string } = {}): Promise<{ status: number; stdout: string; stderr: string; outdir: string }> {
  const outdir = options.outdir ?? fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"));
  const r = await runBundle(options.entry ?? MAIN, [], { env: synthEnv(outdir, config) });
  return { status: r.status ?? 1, stdout: r.stdout, stderr: r.stderr, outdir };
}

/** A folder holding an earlier synthesis of another event, and its files. */
function earlierSynthesis(): { outdir: string; before: Record<string, string> } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-earlier-"));
  fs.mkdirSync(path.join(outdir, "stacks", "old-event-cdn"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "stacks", "old-event-cdn", "cdk.tf.json"), "{}\n");
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"stacks":{}}\n');
  return { outdir, before: filesUnder(outdir) };
}

/** Staging folders the synthesis left beside an output folder (there must be none). */
function leftovers(outdir: string): string[] {
  return fs.readdirSync(path.dirname(outdir)).filter((f) => f.startsWith(`.${path.basename(outdir)}-staging-`));
}

/** Two syntheses of one event: byte-identical, with no machine paths, user names, timestamps or secrets. */
function expectReproducible(a: Record<string, string>, b: Record<string, string>): void {
  expect(Object.keys(a).length).toBeGreaterThan(1);
  expect(a).toEqual(b);
  const all = Object.values(a).join("\n");
  for (const local of [ROOT, os.homedir(), os.tmpdir(), os.hostname()]) expect(all).not.toContain(local);
  expect(all).not.toMatch(/20\d\d-\d\d-\d\dT\d\d:\d\d/);
  expect(secretsIn(a)).toEqual([]);
}

beforeAll(async () => {
  MAIN = await bundleEntry("main.ts", "cli-test-main");
  // The same bundle, with synth/driver.ts loading the bad app instead of stacks/app.
  BAD_APP = await bundleEntry("main.ts", "cli-test-bad-app", {
    plugins: [
      {
        name: "bad-app",
        setup(b) {
          b.onResolve({ filter: /\/stacks\/app$/ }, (args) => (args.importer.endsWith(path.join("synth", "driver.ts")) ? { path: path.join(ROOT, "__tests__", "policy", "bad-app.ts") } : undefined));
        },
      },
    ],
  });
});

describe("npm run synth", () => {
  test("synthesizes the default event without being told which config to use, replacing an earlier synthesis as a whole; the bytes are those of another synthesis", async () => {
    // The command as the README gives it; the other tests run the same bundle without npm.
    const { outdir } = earlierSynthesis();
    const r = runNpmScript("synth", [], synthEnv(outdir));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Synthesized config/default.json (demo-live, profile HD-1080p)");
    expect(r.stdout).toContain("Policy check of config/default.json: 25 rules on 2 stacks: no errors, 0 waived, 1 note\n");
    expect(Object.keys(filesUnder(outdir)).sort()).toEqual(["manifest.json", "stacks/demo-live-cdn/cdk.tf.json", "stacks/demo-live-eu-west-1/cdk.tf.json"]);
    expect(leftovers(outdir)).toEqual([]);
    // The run's synthesis of the same event, made in another process (the test harness's own).
    expectReproducible(filesUnder(outdir), synthOutputFiles(load("config/default.json")));
  });

  // Every shipped configuration's bytes, compared with another synthesis (usually made in another
  // process) and scanned for secrets, machine paths and timestamps: __tests__/policy/shipped.test.ts.

  test("a Terraform Cloud event synthesizes on a machine without terraform (it runs in Terraform Cloud)", async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cli-synth-"));
    // A PATH that holds no terraform (the entry point itself is started by its full path).
    const env = { ...synthEnv(outdir, "config/examples/terraform-cloud.json"), PATH: fs.mkdtempSync(path.join(os.tmpdir(), "cli-empty-path-")) };
    const r = await runBundle(MAIN, [], { env });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(Object.keys(filesUnder(outdir)).sort()).toEqual(["manifest.json", ...["cdn", "eu-central-1", "eu-west-1", "tfc"].map((s) => `stacks/cup-final-${s}/cdk.tf.json`)]);
  });

  test("a policy error prints the report, writes nothing and exits non-zero", async () => {
    const { outdir, before } = earlierSynthesis();
    const r = await synth(undefined, { entry: BAD_APP, outdir });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const bucket = "demo-live-cdn/Recordings (aws_s3_bucket.Recordings)";
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      "Policy check of config/default.json: 25 rules on 2 stacks: 4 errors, 0 waived, 1 note",
      `error  s3-encryption  ${bucket}`,
      '       has no default encryption; add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "AES256" or "aws:kms" or "aws:kms:dsse"',
      "       why: Objects are encrypted at rest with a configured algorithm (SSE-S3 or KMS), not left to defaults nobody reviewed.",
      `error  s3-owner-enforced  ${bucket}`,
      '       has no aws_s3_bucket_ownership_controls with object_ownership "BucketOwnerEnforced"',
      "       why: With object ownership BucketOwnerEnforced, ACLs are off: only bucket policies decide access, and we own every object written.",
      `error  s3-public-access-block  ${bucket}`,
      "       has no aws_s3_bucket_public_access_block; add one with all four settings true",
      "       why: Buckets hold viewer logs; all four public access block settings keep them from ever becoming public by ACL or policy.",
      `error  s3-tls-only  ${bucket}`,
      '       has no bucket policy statement that denies s3:* to everyone when aws:SecureTransport is "false", on the bucket and its objects',
      "       why: The bucket policy refuses every request not made over TLS (Deny s3:* when aws:SecureTransport is false).",
      "note   cdn-viewer-tls  demo-live-cdn/Delivery/Distribution (aws_cloudfront_distribution.Delivery_Distribution_CFF1B36C)",
      "       serves the default *.cloudfront.net certificate, for which CloudFront fixes the security policy at TLSv1 whatever minimum_protocol_version says; a custom domain with an ACM certificate and TLSv1.2_2021 removes this note",
      "Nothing was synthesized: fix the 4 policy errors above, or waive each in policy.waivers with a reason.",
    ]);
    expect(filesUnder(outdir)).toEqual(before);
    expect(leftovers(outdir)).toEqual([]);
  });

  test("a waiver in the config accepts one finding on one resource, and the report shows its reason", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "default.json"), "utf8"));
    config.policy = { waivers: [{ rule: "s3-encryption", resource: "demo-live-cdn/Recordings", reason: "holds only public trailers, encrypted before upload" }] };
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-waiver-")), "waiver.json");
    fs.writeFileSync(file, JSON.stringify(config));
    const r = await synth(file, { entry: BAD_APP });
    expect(r.status).toBe(1);
    const lines = r.stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`Policy check of ${file}: 25 rules on 2 stacks: 3 errors, 1 waived, 1 note`);
    expect(lines.slice(10, 13)).toEqual([
      "waived s3-encryption  demo-live-cdn/Recordings (aws_s3_bucket.Recordings)",
      '       has no default encryption; add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "AES256" or "aws:kms" or "aws:kms:dsse"',
      '       waived by policy.waivers/0: "holds only public trailers, encrypted before upload"',
    ]);
    expect(lines[lines.length - 1]).toBe("Nothing was synthesized: fix the 3 policy errors above, or waive each in policy.waivers with a reason.");
    expect(filesUnder(r.outdir)).toEqual({});
  });

  test("a config with three mistakes prints three lines, synthesizes nothing and exits non-zero", async () => {
    const r = await synth("__tests__/fixtures/config/three-mistakes.json");
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

  test("prints warnings and still synthesizes when the config opens the ingest explicitly", async () => {
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "config", "default.json"), "utf8"));
    config.contribution.allowlistCidrs = ["0.0.0.0/0"];
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "cli-open-")), "open.json");
    fs.writeFileSync(file, JSON.stringify(config));
    const r = await synth(file);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${file}: /contribution/allowlistCidrs/0 is 0.0.0.0/0: anyone on the internet can send to this ingest. Narrow it to your encoders' networks unless that is intended.\n`,
    );
  });
});
