// A synthesized app on disk, as the operator CLI finds it: cdktf.out/manifest.json, each stack's
// cdk.tf.json and an outputs file. Apart from support.ts so that tests of the CLI as a process
// need not load the AWS SDK and its stubs.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const EVENT = "show";

export interface AppOptions {
  readonly regions: readonly string[];
  /** SINGLE_PIPELINE: one flow per role and one pipeline. */
  readonly singlePipeline?: boolean;
  /** No MediaConnect: MediaLive inputs only. */
  readonly noFlows?: boolean;
  readonly protocol?: string;
  readonly secretArn?: string;
  readonly passwordParam?: string;
}

export function flowArn(region: string, key: string): string {
  return `arn:aws:mediaconnect:${region}:111122223333:flow:1-abc:${EVENT}-${region}-flow-${key}`;
}

/** Channel ids per region: distinct, so calls can be told apart. */
export function channelId(region: string, regions: readonly string[]): string {
  return String(1000000 + regions.indexOf(region) * 1111);
}

export function flowKeys(options: AppOptions): string[] {
  if (options.noFlows) return [];
  const letters = options.singlePipeline ? ["a"] : ["a", "b"];
  return ["primary", "backup"].flatMap((role) => letters.map((l) => `${role}-${l}`));
}

/**
 * Writes what `npm run synth` and `terraform output -json` would give for an event in these
 * regions: cdktf.out/manifest.json, each stack's cdk.tf.json (provider region, output names,
 * secret references) and an outputs file. Returns the folder and the outputs file.
 */
const written: string[] = [];

/** Removes every folder writeApp made (call from afterAll). */
export function removeApps(): void {
  for (const d of written.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function writeApp(options: AppOptions): { dir: string; outdir: string; outputsFile: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "event-cli-"));
  written.push(dir);
  const outdir = path.join(dir, "cdktf.out");
  const stacks: Record<string, unknown> = {};
  const outputs: Record<string, Record<string, { value: unknown; type: unknown; sensitive: boolean }>> = {};
  const wrap = (value: unknown) => ({ value, type: "dynamic", sensitive: false });
  const writeStack = (name: string, region: string, outs: Record<string, unknown>, resource: unknown, dependencies: string[] = []) => {
    const wd = path.join("stacks", name);
    fs.mkdirSync(path.join(outdir, wd), { recursive: true });
    const tf = { provider: { aws: [{ region }, { region: "eu-central-1", alias: "other" }] }, output: Object.fromEntries(Object.keys(outs).map((k) => [k, { value: "${x}" }])), resource };
    fs.writeFileSync(path.join(outdir, wd, "cdk.tf.json"), JSON.stringify(tf));
    stacks[name] = { name, workingDirectory: wd, synthesizedStackPath: `${wd}/cdk.tf.json`, dependencies };
    outputs[name] = Object.fromEntries(Object.entries(outs).map(([k, v]) => [k, wrap(v)]));
  };
  for (const region of options.regions) {
    const outs: Record<string, unknown> = {};
    for (const key of flowKeys(options)) {
      outs[`ingest-${key}`] = { protocol: options.protocol ?? "srt-listener", ip: `198.51.100.${10 + options.regions.indexOf(region)}`, port: key.startsWith("primary") ? 5000 : 5001, flow_arn: flowArn(region, key) };
    }
    outs["input-primary"] = { id: `${region}-in-primary`, arn: `arn:aws:medialive:${region}:111122223333:input:1` };
    outs["input-backup"] = { id: `${region}-in-backup`, arn: `arn:aws:medialive:${region}:111122223333:input:2` };
    outs.channel = { id: channelId(region, options.regions), arn: `arn:aws:medialive:${region}:111122223333:channel:x`, class: options.singlePipeline ? "SINGLE_PIPELINE" : "STANDARD" };
    outs.packaging = { channel_group: EVENT, egress_domain: `abc.egress.mediapackagev2.${region}.amazonaws.com`, ingest_segment_seconds: 2 };
    const resource = {
      awscc_mediaconnect_flow: { Flow: { source: { decryption: options.secretArn ? { secret_arn: options.secretArn, role_arn: "${aws_iam_role.x.arn}" } : undefined } } },
      aws_medialive_input: { Input: { sources: options.passwordParam ? [{ password_param: options.passwordParam, url: "rtmp://x" }] : [] } },
    };
    writeStack(`${EVENT}-${region}`, region, outs, resource);
  }
  writeStack(
    `${EVENT}-cdn`,
    "us-east-1",
    { distribution: { id: "E2EXAMPLE", domain_name: "d111111abcdef8.cloudfront.net" }, "playback-ts-hls": "https://d111111abcdef8.cloudfront.net/out/v1/show/live/ts/index.m3u8" },
    {},
    options.regions.map((r) => `${EVENT}-${r}`),
  );
  // Like cdktf: stacks by name in the manifest; the app's region order only in the CDN's dependencies.
  const sorted = Object.fromEntries(Object.keys(stacks).sort().map((k) => [k, stacks[k]]));
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify({ stacks: sorted, version: "0.21.0" }));
  const outputsFile = path.join(dir, "outputs.json");
  fs.writeFileSync(outputsFile, JSON.stringify(outputs));
  return { dir, outdir, outputsFile };
}
