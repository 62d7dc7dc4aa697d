// Discovery against what the real app synthesizes: the CLI must find every stack, its region and
// the outputs it reads, for one region and for several. And synthesis must not load the SDK.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as esbuild from "esbuild";
import { loadEvent } from "../../config/load";
import { parseArgs } from "../../event/args";
import { discover, DiscoveryError, terraformOutputReader } from "../../event/discovery";
import { outdirOf } from "../../event/load";
import { buildApp } from "../../stacks/app";

const ROOT = path.resolve(__dirname, "..", "..");

function synth(config: string): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "event-discovery-"));
  const loaded = loadEvent(path.join(ROOT, config), { profilesDir: path.join(ROOT, "encoding-profiles"), display: config });
  buildApp(loaded, { outdir }).app.synth();
  return outdir;
}

/** What `terraform output -json` prints after apply, with made-up values for the synthesized output names. */
function fakeTerraform(calls: string[][]) {
  return terraformOutputReader((program, args, cwd) => {
    calls.push([program, ...args, path.basename(cwd)]);
    const tf = JSON.parse(fs.readFileSync(path.join(cwd, "cdk.tf.json"), "utf8"));
    const region = tf.provider.aws.find((p: { alias?: string }) => !p.alias).region;
    const values: Record<string, unknown> = {};
    for (const name of Object.keys(tf.output)) {
      const v = name.startsWith("ingest-")
        ? { ...tf.output[name].value, ip: "203.0.113.5", flow_arn: `arn:aws:mediaconnect:${region}:111122223333:flow:1-x:${name}` }
        : name.startsWith("input-")
          ? { id: `${region}-${name}`, arn: "arn" }
          : name === "channel"
            ? { ...tf.output[name].value, id: `${region}-channel`, arn: "arn" }
            : name === "packaging"
              ? { ...tf.output[name].value, channel_group: "grp", egress_domain: "egress" }
              : name === "distribution"
                ? { id: "E1", domain_name: "d1.cloudfront.net" }
                : typeof tf.output[name].value === "string"
                  ? "https://d1.cloudfront.net/path"
                  : "x";
      values[name] = { value: v, type: "dynamic", sensitive: name.startsWith("cross-stack-output-") };
    }
    return JSON.stringify(values);
  });
}

const CONFIG = "config/examples/three-regions-forwarded.json";
let outdir: string;
beforeAll(() => {
  outdir = synth(CONFIG);
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe("event discovery", () => {
  test("finds every region of a three-region forwarded event, primary first, with its flows, inputs, channel and the CDN", () => {
    const calls: string[][] = [];
    const event = discover(outdir, fakeTerraform(calls));
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, CONFIG), "utf8"));
    expect(event.regions.map((r) => r.region)).toEqual(config.regions);
    for (const r of event.regions) {
      expect(r.flows.map((f) => f.key)).toEqual(["primary-a", "primary-b", "backup-a", "backup-b"]);
      expect(r.inputs.map((i) => i.role)).toEqual(["primary", "backup"]);
      expect(r.channel).toEqual({ id: `${r.region}-channel`, arn: "arn", class: config.channel.class ?? "STANDARD" });
      expect(r.packaging).toEqual({ channelGroup: "grp", egressDomain: "egress" });
    }
    expect(event.distribution).toEqual({ id: "E1", domainName: "d1.cloudfront.net" });
    expect(Object.keys(event.playbackUrls).length).toBeGreaterThan(0);
    expect(calls.every((c) => c.slice(0, 4).join(" ") === "terraform output -json -no-color")).toBe(true);
    // Outputs of the event's own stacks only: the Terraform Cloud bootstrap stack (this example uses
    // the cloud backend) holds no pipeline resource and is never asked.
    const eventStacks = [...config.regions.map((r: string) => `${config.event.name}-${r}`), `${config.event.name}-cdn`];
    expect(fs.readdirSync(path.join(outdir, "stacks"))).toContain(`${config.event.name}-tfc`);
    expect(calls.map((c) => c[4]).sort()).toEqual(eventStacks.sort());
  });

  test("finds the secrets a stack's resources read (for the preflight), never references", () => {
    const event = discover(outdir, fakeTerraform([]));
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, CONFIG), "utf8"));
    const all = event.regions.flatMap((r) => r.secretArns);
    expect([...new Set(all)].sort()).toEqual(Object.values(config.contribution.mediaconnect.regionalFeed.secretArns as Record<string, string>).sort());
    expect(all.every((a) => a.startsWith("arn:"))).toBe(true);
  });

  test("says what to do when nothing was synthesized or deployed", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "event-empty-"));
    expect(() => discover(empty, fakeTerraform([]))).toThrow(new DiscoveryError([`${path.join(empty, "manifest.json")}: not found: synthesize the event first (npm run synth, with the same EVENT_CONFIG)`]));
    fs.rmdirSync(empty);
    const failing = terraformOutputReader(() => {
      throw Object.assign(new Error("exit 1"), { stderr: '╷\n│ Error: Backend initialization required, please run "terraform init"\n│\n' });
    });
    try {
      discover(outdir, failing);
      throw new Error("no error");
    } catch (e) {
      expect((e as DiscoveryError).problems).toEqual([
        expect.stringMatching(/^world-series-cdn: terraform output -json failed in .*world-series-cdn: Backend initialization required, please run "terraform init" \(deploy first, or pass --outputs <file>\)$/),
        expect.stringMatching(/^world-series-us-east-1: terraform output -json failed in /),
        expect.stringMatching(/^world-series-us-east-2: terraform output -json failed in /),
        expect.stringMatching(/^world-series-us-west-2: terraform output -json failed in /),
      ]);
    }
    const undeployed = terraformOutputReader(() => "{}\n");
    expect(() => discover(outdir, undeployed)).toThrow("world-series-cdn: its state has no outputs: deploy it first (npm run deploy)");
  });

  test("synthesis does not load the CLI or the AWS SDK", async () => {
    // What `npm run synth` bundles (scripts/run.js main.ts), and what it would show if it did load them.
    const bundled = async (entry: string) => {
      const result = await esbuild.build({ entryPoints: [path.join(ROOT, entry)], bundle: true, platform: "node", packages: "external", write: false, metafile: true, logLevel: "silent", absWorkingDir: ROOT });
      const inputs = Object.keys(result.metafile!.inputs);
      const sdk = Object.values(result.metafile!.inputs).flatMap((i) => i.imports.map((x) => x.path)).filter((p) => p.startsWith("@aws-sdk/"));
      return { inputs, cli: inputs.filter((f) => f.startsWith("event/")), sdk: [...new Set(sdk)].sort() };
    };
    const synth = await bundled("main.ts");
    expect(synth.inputs).toContain("main.ts");
    expect(synth.cli).toEqual([]);
    expect(synth.sdk).toEqual([]);
    // The same check on the CLI's entry finds both, so the check above can fail.
    const cli = await bundled("event/cli.ts");
    expect(cli.cli).toContain("event/aws.ts");
    expect(cli.sdk).toContain("@aws-sdk/client-medialive");
  });
});

describe("where the CLI looks for the synthesized app (as synthesis writes it)", () => {
  const deps = (CDKTF_OUTDIR?: string) => ({ env: { CDKTF_OUTDIR }, cwd: "/home/op/shows", root: "/home/op/project" });
  test.each([
    [[], undefined, "/home/op/project/cdktf.out"],
    [[], "  ", "/home/op/project/cdktf.out"],
    [[], "out/tonight", "/home/op/shows/out/tonight"],
    [["--outdir", "elsewhere"], "out/tonight", "/home/op/shows/elsewhere"],
  ])("args %j, CDKTF_OUTDIR %j: %s", (argv, env, expected) => {
    expect(outdirOf(parseArgs(["status", ...argv]), deps(env))).toBe(expected);
  });
});
