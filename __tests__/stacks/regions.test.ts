import * as fs from "fs";
import * as path from "path";
import { StackJson, check, load, nameOf, only, problemsOf, resources, synthApp, synthManifest } from "../support/project";

const ref = (type: string, name: string, attr: string) => `\${${type}.${name}.${attr}}`;

function addresses(stack: StackJson): string[] {
  return Object.entries(stack.resource ?? {})
    .flatMap(([type, blocks]) => Object.keys(blocks as object).map((n) => `${type}.${n}`))
    .sort();
}

/** The two-region example with another list of regions. */
function withRegions(file: string, regions: string[]): Record<string, StackJson> {
  const config = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", file), "utf8"));
  config.regions = regions;
  const fixRegion = (arn: string, region: string) => arn.replace(/secretsmanager:[a-z0-9-]+:/, `secretsmanager:${region}:`);
  if (config.contribution.mediaconnect.decryption) {
    config.contribution.mediaconnect.decryption.regionalSecretArns = Object.fromEntries(
      regions.slice(1).map((r) => [r, fixRegion(config.contribution.mediaconnect.decryption.secretArn, r)]),
    );
  }
  if (config.contribution.mediaconnect.regionalFeed?.secretArns) {
    const any = Object.values(config.contribution.mediaconnect.regionalFeed.secretArns)[0] as string;
    config.contribution.mediaconnect.regionalFeed.secretArns = Object.fromEntries(regions.map((r) => [r, fixRegion(any, r)]));
  }
  return synthApp(check(config));
}

describe("two regions, encoders sending to both (config/examples/two-regions.json)", () => {
  const stacks = synthApp(load("config/examples/two-regions.json"));
  const west = stacks["euro-final-eu-west-1"];
  const central = stacks["euro-final-eu-central-1"];
  const cdn = stacks["euro-final-cdn"];

  test("one stack per region plus the CDN stack", () => {
    expect(Object.keys(stacks).sort()).toEqual(["euro-final-cdn", "euro-final-eu-central-1", "euro-final-eu-west-1"]);
  });

  test("physical names carry the region; MediaPackage names are identical so CloudFront can fail over on the same path", () => {
    expect(Object.values(resources(west, "awscc_mediaconnect_flow")).map((f) => f.name).sort()).toEqual([
      "euro-final-euw1-flow-backup-a",
      "euro-final-euw1-flow-backup-b",
      "euro-final-euw1-flow-primary-a",
      "euro-final-euw1-flow-primary-b",
    ]);
    expect(only(central, "aws_cloudformation_stack").name).toBe("euro-final-euc1-channel");
    expect(Object.values(resources(central, "aws_iam_role")).map((r) => r.name).sort()).toEqual(["euro-final-euc1-mediaconnect-secrets", "euro-final-euc1-medialive"]);
    for (const s of [west, central]) {
      expect(only(s, "aws_media_packagev2_channel_group").name).toBe("euro-final");
      expect(only(s, "awscc_mediapackagev2_channel").channel_name).toBe("live");
    }
  });

  test("each region decrypts with its own copy of the secret", () => {
    for (const f of Object.values(resources(central, "awscc_mediaconnect_flow"))) {
      expect(f.source.decryption.secret_arn).toBe("arn:aws:secretsmanager:eu-central-1:123456789012:secret:euro-final/srt-GhIjKl");
      expect(f.availability_zone).toMatch(/^\$\{element\(data\.aws_availability_zones\.[A-Za-z0-9_]+\.names, [01]\)\}$/);
    }
    for (const f of Object.values(resources(west, "awscc_mediaconnect_flow"))) {
      expect(f.source.decryption.secret_arn).toBe("arn:aws:secretsmanager:eu-west-1:123456789012:secret:euro-final/srt-AbCdEf");
    }
  });

  test("both channels lock output to the epoch, so segments line up across regions (CMAF ingest: __tests__/stacks/cmaf-ingest.test.ts)", () => {
    for (const s of [west, central]) {
      const settings = JSON.parse(only(s, "aws_cloudformation_stack").template_body).Resources.Channel.Properties.EncoderSettings;
      expect(settings.GlobalConfiguration.OutputLockingMode).toBe("EPOCH_LOCKING");
      expect(settings.OutputGroups[0].OutputGroupSettings.CmafIngestGroupSettings.Scte35Type).toBe("NONE");
    }
  });

  test("CloudFront fails over from the primary region to the next on the configured status codes, for every behaviour", () => {
    const distribution = only(cdn, "aws_cloudfront_distribution");
    expect(distribution.origin.map((o: any) => o.origin_id)).toEqual(["mediapackage-eu-west-1", "mediapackage-eu-central-1"]);
    expect(distribution.origin_group).toEqual([
      {
        origin_id: "mediapackage-failover",
        failover_criteria: { status_codes: [404, 500, 502, 503, 504] },
        member: [{ origin_id: "mediapackage-eu-west-1" }, { origin_id: "mediapackage-eu-central-1" }],
      },
    ]);
    const behaviours = [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior];
    for (const b of behaviours) expect(b.target_origin_id).toBe("mediapackage-failover");
    const oac = nameOf(cdn, "aws_cloudfront_origin_access_control");
    for (const o of distribution.origin) expect(o.origin_access_control_id).toBe(ref("aws_cloudfront_origin_access_control", oac, "id"));
  });

  test("endpoint policies in every region, each through that region's provider", () => {
    const policies = Object.values(resources(cdn, "awscc_mediapackagev2_origin_endpoint_policy"));
    expect(policies.map((p) => `${p.provider} ${p.origin_endpoint_name}`).sort()).toEqual([
      "awscc.eu-central-1 cmaf",
      "awscc.eu-central-1 ts",
      "awscc.eu-west-1 cmaf",
      "awscc.eu-west-1 ts",
    ]);
    expect(cdn.provider.awscc).toEqual([
      { alias: "eu-west-1", region: "eu-west-1" },
      { alias: "eu-central-1", region: "eu-central-1" },
    ]);
  });

  test("S3 state: one encrypted, locked key per stack, and remote state reads the same bucket", () => {
    expect(west.terraform.backend).toEqual({
      s3: { bucket: "acme-broadcast-terraform-state", region: "eu-west-1", key: "live-events/euro-final/euro-final-eu-west-1.tfstate", encrypt: true, use_lockfile: true },
    });
    expect(cdn.terraform.backend.s3.key).toBe("live-events/euro-final/euro-final-cdn.tfstate");
    const remote = Object.values(cdn.data.terraform_remote_state) as any[];
    expect(remote.map((r) => [r.backend, r.config.key]).sort()).toEqual([
      ["s3", "live-events/euro-final/euro-final-eu-central-1.tfstate"],
      ["s3", "live-events/euro-final/euro-final-eu-west-1.tfstate"],
    ]);
  });
});

describe("three regions fed by forwarding (config/examples/three-regions-forwarded.json)", () => {
  const stacks = synthApp(load("config/examples/three-regions-forwarded.json"));
  const primary = stacks["world-series-us-east-1"];
  const west = stacks["world-series-us-west-2"];
  const remote = (output: string) => `\${data.terraform_remote_state.${Object.keys(west.data.terraform_remote_state)[0]}.outputs.${output}}`;
  const primaryOutput = (value: string) => Object.entries(primary.output).find(([, o]: [string, any]) => o.value === value)![0];

  test("an extra region's flow listens only to the primary flow that forwards to it, over encrypted SRT", () => {
    const primaryFlow = nameOf(primary, "awscc_mediaconnect_flow", (f) => f.name === "world-series-use1-flow-primary-a");
    const flow = Object.values(resources(west, "awscc_mediaconnect_flow")).find((f) => f.name === "world-series-usw2-flow-primary-a");
    expect(flow.source).toMatchObject({
      protocol: "srt-listener",
      ingest_port: 5000,
      min_latency: 1500,
      whitelist_cidr: `${remote(primaryOutput(ref("awscc_mediaconnect_flow", primaryFlow, "egress_ip")))}/32`,
      decryption: { key_type: "srt-password", secret_arn: "arn:aws:secretsmanager:us-west-2:123456789012:secret:world-series/link-Cc22Dd" },
    });
  });

  test("the primary flow's output to that region is created from the extra region's stack, through the primary region's provider", () => {
    const primaryFlow = nameOf(primary, "awscc_mediaconnect_flow", (f) => f.name === "world-series-use1-flow-backup-b");
    const receiver = nameOf(west, "awscc_mediaconnect_flow", (f) => f.name === "world-series-usw2-flow-backup-b");
    const output = Object.values(resources(west, "awscc_mediaconnect_flow_output")).find((o) => o.description === "backup feed, pipeline b, to us-west-2");
    const encryptionRole = nameOf(west, "aws_iam_role", (r) => r.name === "world-series-usw2-link-out-secrets");
    expect(output).toMatchObject({
      provider: "awscc.primary",
      flow_arn: remote(primaryOutput(ref("awscc_mediaconnect_flow", primaryFlow, "flow_arn"))),
      name: "to-us-west-2",
      protocol: "srt-caller",
      destination: ref("awscc_mediaconnect_flow", receiver, "source.ingest_ip"),
      port: 5010,
      min_latency: 1500,
      encryption: { key_type: "srt-password", role_arn: ref("aws_iam_role", encryptionRole, "arn"), secret_arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:world-series/link-Aa11Bb" },
    });
    expect(resources(west, "aws_iam_role")[encryptionRole].provider).toBe("aws.primary");
    expect(west.provider.awscc).toEqual([{ region: "us-west-2" }, { alias: "primary", region: "us-east-1" }]);
    expect(resources(primary, "awscc_mediaconnect_flow_output")).toEqual({});
  });

  test("Terraform Cloud: one workspace per stack, and remote state reads the primary's workspace", () => {
    expect(west.terraform.cloud).toEqual({ hostname: "app.terraform.io", organization: "acme-broadcast", workspaces: { name: "live-world-series-us-west-2", project: "Live Events" } });
    expect(Object.values(west.data.terraform_remote_state)).toEqual([
      { backend: "remote", config: { hostname: "app.terraform.io", organization: "acme-broadcast", workspaces: { name: "live-world-series-us-east-1" } } },
    ]);
  });

  test("CloudFront has an origin per region; its failover group holds the first two (CloudFront allows two members)", () => {
    const distribution = only(stacks["world-series-cdn"], "aws_cloudfront_distribution");
    expect(distribution.origin.map((o: any) => o.origin_id)).toEqual(["mediapackage-us-east-1", "mediapackage-us-west-2", "mediapackage-us-east-2"]);
    expect(distribution.origin_group[0].member).toEqual([{ origin_id: "mediapackage-us-east-1" }, { origin_id: "mediapackage-us-west-2" }]);
  });
});

describe("apply order", () => {
  test.each([
    ["config/examples/two-regions.json", { "euro-final-eu-west-1": [], "euro-final-eu-central-1": [], "euro-final-cdn": ["euro-final-eu-central-1", "euro-final-eu-west-1"] }],
    [
      "config/examples/three-regions-forwarded.json",
      {
        "world-series-us-east-1": [],
        "world-series-us-west-2": ["world-series-us-east-1"],
        "world-series-us-east-2": ["world-series-us-east-1"],
        "world-series-cdn": ["world-series-us-east-1", "world-series-us-east-2", "world-series-us-west-2"],
        // The Terraform Cloud bootstrap (state.backend cloud) is applied first, by a person, and reads nothing.
        "world-series-tfc": [],
      },
    ],
  ])("%s: cdktf deploys each stack after the stacks it reads (no cycle)", (file, expected) => {
    const manifest = synthManifest(load(file));
    const dependencies = Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]: [string, any]) => [name, [...s.dependencies].sort()]));
    expect(dependencies).toEqual(expected);
  });
});

describe("adding or removing a region never changes the addresses in the other stacks", () => {
  test.each([
    ["config/examples/two-regions.json", ["eu-west-1", "eu-central-1", "eu-west-2"], ["eu-west-1", "eu-west-2"]],
    ["config/examples/three-regions-forwarded.json", ["us-east-1", "us-west-2", "us-east-2"], ["us-east-1", "us-east-2"]],
  ])("%s: %j then %j", (file, before, after) => {
    const a = withRegions(file, before);
    const b = withRegions(file, after);
    const event = Object.keys(a)[0].split("-").slice(0, 2).join("-");
    for (const region of after) expect(addresses(b[`${event}-${region}`])).toEqual(addresses(a[`${event}-${region}`]));
    // The CDN stack loses exactly the removed region's endpoint policies (and their documents' data sources).
    const removed = before.filter((r) => !after.includes(r));
    const cdnA = addresses(a[`${event}-cdn`]);
    const cdnB = addresses(b[`${event}-cdn`]);
    expect(cdnA.filter((x) => !removed.some((r) => x.includes(`-${r}-`)))).toEqual(cdnB);
  });
});

describe("loader rules for regions", () => {
  const base = () => JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "config/examples/two-regions.json"), "utf8"));

  test("rejects an extra region without its copy of the decryption secret", () => {
    const c = base();
    delete c.contribution.mediaconnect.decryption.regionalSecretArns;
    expect(problemsOf(c)).toEqual([
      "test.json: /contribution/mediaconnect/decryption has no secret for eu-central-1: MediaConnect reads secrets from the flow's own region; add regionalSecretArns.eu-central-1 with the same secret stored in eu-central-1",
    ]);
  });

  test("rejects a regional secret stored in another region", () => {
    const c = base();
    c.contribution.mediaconnect.decryption.regionalSecretArns["eu-central-1"] = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf";
    expect(problemsOf(c)).toEqual([
      'test.json: /contribution/mediaconnect/decryption/regionalSecretArns/eu-central-1 is in eu-west-1, not in eu-central-1 (got "arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-AbCdEf")',
    ]);
  });

  test("rejects forwarding with a single region", () => {
    const c = base();
    c.regions = ["eu-west-1"];
    delete c.contribution.mediaconnect.decryption.regionalSecretArns;
    c.contribution.mediaconnect.regionalFeed = { mode: "forward" };
    expect(problemsOf(c)).toEqual(['test.json: /contribution/mediaconnect/regionalFeed/mode "forward" needs at least two regions in /regions (got 1)']);
  });

  test("rejects an encrypted RIST link and a link secret missing for a region", () => {
    const c = base();
    c.contribution.mediaconnect.regionalFeed = { mode: "forward", protocol: "rist", secretArns: { "eu-west-1": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:l-AbCdEf" } };
    expect(problemsOf(c)).toEqual([
      'test.json: /contribution/mediaconnect/decryption/regionalSecretArns/eu-central-1 is not used: with regionalFeed.mode "forward" only the primary region (eu-west-1) receives the encoders\' feed; remove it',
      "test.json: /contribution/mediaconnect/regionalFeed/secretArns cannot be used with protocol rist: MediaConnect does not encrypt RIST; use srt or zixi",
      "test.json: /contribution/mediaconnect/regionalFeed/secretArns has no secret for eu-central-1: an encrypted link needs the same secret in every region",
    ]);
  });

  test("rejects a state block the backend does not read, and a missing one", () => {
    const c = base();
    c.state = { backend: "cloud", s3: c.state.s3 };
    expect(problemsOf(c)).toEqual([
      'test.json: /state/s3 is not used by backend cloud; remove it or set state.backend to "s3"',
      'test.json: /state is missing the key "cloud", which backend cloud needs',
    ]);
  });

  test("warns when several regions are not epoch-locked", () => {
    const c = base();
    c.channel.outputLocking = "PIPELINE_LOCKING";
    const warning =
      "test.json: /channel/outputLocking is PIPELINE_LOCKING with 2 regions: segments will not line up across regions, so a CDN failover between regions restarts playback. Use EPOCH_LOCKING for seamless failover.";
    expect(check(c).warnings).toContain(warning);
    expect(check(base()).warnings).not.toContain(warning.replace("PIPELINE_LOCKING", "EPOCH_LOCKING"));
  });
});
