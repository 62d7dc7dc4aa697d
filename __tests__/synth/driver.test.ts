import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { App, TerraformStack } from "cdktf";
import { ConfigError } from "../../config/load";
import type { LoadedEvent } from "../../config/types";
import { blocking } from "../../policy";
import { OutputError, synthesizeChecked } from "../../synth/driver";
import { buildApp } from "../../stacks/app";
import { filesUnder, load } from "../support/project";

const ours = load("config/default.json");
const OUR_FILES = ["manifest.json", "stacks/demo-live-cdn/cdk.tf.json", "stacks/demo-live-eu-west-1/cdk.tf.json"];

/** Our app plus a bucket with none of the protections: a synthesis the policy pack stops. */
function withUnprotectedBucket(loaded: LoadedEvent, dir: string) {
  const built = buildApp(loaded, { outdir: dir });
  new S3Bucket(built.delivery, "Recordings", { bucketPrefix: "demo-live-recordings-" });
  return built.app;
}

/**
 * A one-stack app, for what is about the folders rather than the app (the driver takes any app):
 * a fraction of the project's synthesis time. With `unprotectedBucket`, the bucket the policy stops.
 */
function smallApp(options: { unprotectedBucket?: boolean } = {}) {
  return (_loaded: LoadedEvent, dir: string) => {
    const app = new App({ outdir: dir });
    const stack = new TerraformStack(app, "demo-live-cdn");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    if (options.unprotectedBucket) new S3Bucket(stack, "Recordings", { bucketPrefix: "demo-live-recordings-" });
    return app;
  };
}
const SMALL_FILES = ["manifest.json", "stacks/demo-live-cdn/cdk.tf.json"];

/** A parent folder holding an earlier synthesis of another event in cdktf.out. */

function earlierSynthesis(): { parent: string; outdir: string; before: Record<string, string> } {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
  const outdir = path.join(parent, "cdktf.out");
  fs.mkdirSync(path.join(outdir, "stacks", "old-event-cdn"), { recursive: true });
  fs.writeFileSync(path.join(outdir, "stacks", "old-event-cdn", "cdk.tf.json"), "{}\n");
  fs.writeFileSync(path.join(outdir, "manifest.json"), '{"stacks":{}}\n');
  return { parent, outdir, before: filesUnder(outdir) };
}

let parents: string[] = [];
afterEach(() => {
  for (const p of parents) fs.rmSync(p, { recursive: true, force: true });
  parents = [];
});

describe("policy-gated synthesis", () => {
  test("a passing synthesis replaces the output folder as a whole: no stale stacks, no staging folder left", () => {
    const { parent, outdir } = earlierSynthesis();
    parents.push(parent);
    const result = synthesizeChecked(ours, { outdir, display: "config/default.json" });
    expect(result.written).toBe(true);
    expect(result.stacks).toEqual(["demo-live-eu-west-1", "demo-live-cdn"]);
    expect(blocking(result.report)).toEqual([]);
    expect(Object.keys(filesUnder(outdir)).sort()).toEqual(OUR_FILES);
    expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
  });

  test("creates the output folder (and its parents) when it does not exist", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    parents.push(parent);
    const outdir = path.join(parent, "build", "cdktf.out");
    expect(synthesizeChecked(ours, { outdir, display: "config/default.json", build: smallApp() }).written).toBe(true);
    expect(Object.keys(filesUnder(outdir)).sort()).toEqual(SMALL_FILES);
    expect(fs.readdirSync(path.join(parent, "build"))).toEqual(["cdktf.out"]);
  });

  test("a policy error writes nothing: the earlier synthesis stays as it was", () => {
    const { parent, outdir, before } = earlierSynthesis();
    parents.push(parent);
    const result = synthesizeChecked(ours, {
      outdir,
      display: "config/default.json",
      build: withUnprotectedBucket,
    });
    expect(result.written).toBe(false);
    expect(blocking(result.report).map((f) => `${f.rule} ${f.resource}`)).toEqual([
      "s3-encryption demo-live-cdn/Recordings",
      "s3-owner-enforced demo-live-cdn/Recordings",
      "s3-public-access-block demo-live-cdn/Recordings",
      "s3-tls-only demo-live-cdn/Recordings",
    ]);
    expect(filesUnder(outdir)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
  });

  test("an exception while building leaves no output folder and no staging folder", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    parents.push(parent);
    const build = () => {
      throw new Error("a module failed");
    };
    expect(() => synthesizeChecked(ours, { outdir: path.join(parent, "cdktf.out"), display: "config/default.json", build })).toThrow("a module failed");
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  test("a waiver naming an unknown rule stops before anything is synthesized", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    parents.push(parent);
    const loaded = { ...ours, config: { ...ours.config, policy: { waivers: [{ rule: "no-such-rule", resource: "demo-live-cdn/Delivery/Distribution", reason: "written long enough to count" }] } } };
    let build = 0;
    const attempt = () =>
      synthesizeChecked(loaded, {
        outdir: path.join(parent, "cdktf.out"),
        display: "event.json",
        build: (l, dir) => {
          build++;
          return buildApp(l, { outdir: dir }).app;
        },
      });
    expect(attempt).toThrow(ConfigError);
    expect(build).toBe(0);
    expect(fs.readdirSync(parent)).toEqual([]);
  });

  test("staging folders an interrupted run left are removed by the next run; other folders that look alike are not", () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), "gate-"));
    parents.push(parent);
    const outdir = path.join(parent, "cdktf.out");
    // A process that has ended, and one that runs (jest's own parent).
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    const live = process.ppid;
    const stale = [`.cdktf.out-staging-${dead}-AbC123`, ".cdktf.out-staging-Old123"];
    fs.mkdirSync(path.join(parent, stale[0], "stacks", "demo-live-cdn"), { recursive: true });
    fs.writeFileSync(path.join(parent, stale[0], "manifest.json"), '{"stacks":{}}\n');
    fs.mkdirSync(path.join(parent, stale[1]));
    const kept = [`.cdktf.out-staging-${dead}-NotOur`, `.cdktf.out-staging-${live}-Live12`, ".cdktf.out-staging-mine"];
    fs.mkdirSync(path.join(parent, kept[0]));
    fs.writeFileSync(path.join(parent, kept[0], "notes.txt"), "not a synthesis\n");
    fs.mkdirSync(path.join(parent, kept[1]));
    fs.mkdirSync(path.join(parent, kept[2]));

    expect(synthesizeChecked(ours, { outdir, display: "config/default.json", build: smallApp() }).written).toBe(true);
    expect(fs.readdirSync(parent).sort()).toEqual([...kept, "cdktf.out"].sort());
    expect(filesUnder(path.join(parent, kept[0]))).toEqual({ "notes.txt": "not a synthesis\n" });
  });

  test("an earlier synthesis a run was replacing when it was killed is put back, and a policy error then leaves it as it was", () => {
    const { parent, outdir, before } = earlierSynthesis();
    parents.push(parent);
    const dead = spawnSync(process.execPath, ["-e", ""]).pid;
    fs.renameSync(outdir, path.join(parent, `.cdktf.out-staging-${dead}-AbC123-previous`));
    const result = synthesizeChecked(ours, {
      outdir,
      display: "config/default.json",
      build: smallApp({ unprotectedBucket: true }),
    });
    expect(result.written).toBe(false);
    expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
    expect(filesUnder(outdir)).toEqual(before);
  });

  test("an output folder with other files is refused before anything is written", () => {
    const { parent, outdir } = earlierSynthesis();
    parents.push(parent);
    fs.writeFileSync(path.join(outdir, "notes.txt"), "mine\n");
    const before = filesUnder(parent);
    let built = 0;
    const attempt = () =>
      synthesizeChecked(ours, {
        outdir,
        display: "config/default.json",
        build: (l, dir) => {
          built++;
          return buildApp(l, { outdir: dir }).app;
        },
      });
    expect(attempt).toThrow(new OutputError(`cannot use ${outdir} as the output folder (it holds notes.txt, not only the manifest.json and stacks/ of an earlier synthesis); synthesis replaces the output folder as a whole, so choose an empty or new folder; nothing was synthesized`));
    expect(built).toBe(0);
    expect(filesUnder(parent)).toEqual(before);
    expect(fs.readdirSync(parent)).toEqual(["cdktf.out"]);
  });
});
