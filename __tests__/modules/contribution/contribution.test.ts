import { readFileSync } from "fs";
import { join } from "path";
import { Testing } from "cdktf";
import "cdktf/lib/testing/adapters/jest"; // the matchers' types (support/setup.ts registers them)
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { MedialiveInput } from "@cdktf/provider-aws/lib/medialive-input";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MediaconnectFlow } from "../../../.gen/providers/awscc/mediaconnect-flow";
import { MediaconnectFlowOutput } from "../../../.gen/providers/awscc/mediaconnect-flow-output";
import { MediaconnectFlowSourceA as MediaconnectFlowSource } from "../../../.gen/providers/awscc/mediaconnect-flow-source";
import { AwsccProvider } from "../../../.gen/providers/awscc/provider";
import { Contribution, ContributionProps, ContributionSettings } from "../../../modules/contribution";
import { AccountIdentity } from "../../../modules/identity";
import { Naming } from "../../../modules/naming";
import { ROOT, check, defaultConfig } from "../../support/project";

// The Contribution construct on its own, with props written by hand (no event file, no loader):
// what it builds for each input type, its defaults, and what it refuses.

const ROLE = "arn:aws:iam::111122223333:role/ev-euw1-medialive";
const SECRET = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:ev/srt-Ab12Cd";
// The matchers compare the top level of a block partially and nested values exactly; `has` makes a nested object partial.
const has = expect.objectContaining;
const SRT: ContributionSettings = { allowlistCidrs: ["198.51.100.0/24"], mediaconnect: { protocol: "srt-listener" } };

type Extra = Partial<Omit<ContributionProps, keyof ContributionSettings>> & { scope?: (scope: any) => Partial<ContributionProps> };

function props(contribution: ContributionSettings, extra: Extra = {}): ContributionProps {
  const { scope: _scope, ...rest } = extra;
  return { ...contribution, naming: new Naming("ev", "eu-west-1"), region: "eu-west-1", account: { accountId: "111122223333", partition: "aws" }, mediaLiveRoleArn: ROLE, ...rest };
}

/** Synthesizes one Contribution; `extra.scope` adds props that need the scope (providers). */
function synth(contribution: ContributionSettings, extra: Extra = {}): string {
  return Testing.synthScope((scope) => {
    new Contribution(scope, "Contribution", { ...props(contribution, extra), ...extra.scope?.(scope) });
  });
}

/** The synthesized blocks of one type, by logical name. */
function blocks(json: string, kind: "resource" | "data", type: string): Record<string, any> {
  return JSON.parse(json)[kind]?.[type] ?? {};
}

/** `${type.<logical name>.attr}` of the block with this physical name. */
function ref(json: string, type: string, name: string, attr: string): string {
  const found = Object.entries(blocks(json, "resource", type)).filter(([, b]) => b.name === name);
  expect(found).toHaveLength(1);
  return `\${${type}.${found[0][0]}.${attr}}`;
}

describe("MEDIACONNECT", () => {
  test("minimal (only required props): two pipelines, srt ports 5000/5001, latency 2000 ms, the account's first two zones, no encryption", () => {
    const json = synth(SRT);
    const zones = Object.keys(blocks(json, "data", "aws_availability_zones"));
    expect(zones).toHaveLength(1);
    const zone = (i: number) => `\${element(data.aws_availability_zones.${zones[0]}.names, ${i})}`;
    // Zones that need no opt-in (no Local Zones), and at least two of them, or the plan stops.
    expect(json).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, {
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
      lifecycle: { postcondition: [{ condition: "${length(self.names) >= 2}", error_message: "MediaConnect flows need two Availability Zones; the region lists fewer for this account." }] },
    });
    const flows = blocks(json, "resource", "awscc_mediaconnect_flow");
    expect(Object.values(flows).map((f) => f.name).sort()).toEqual(["ev-euw1-flow-backup-a", "ev-euw1-flow-backup-b", "ev-euw1-flow-primary-a", "ev-euw1-flow-primary-b"]);
    for (const [role, port] of [["primary", 5000], ["backup", 5001]] as const) {
      for (const [i, letter] of ["a", "b"].entries()) {
        const flow = Object.values(flows).find((f) => f.name === `ev-euw1-flow-${role}-${letter}`);
        // The whole flow: nothing else (no decryption, no failover, no stream id) by default.
        expect(flow).toEqual({
          name: `ev-euw1-flow-${role}-${letter}`,
          availability_zone: zone(i),
          source: { name: "main", description: `${role} feed, pipeline ${letter}`, protocol: "srt-listener", ingest_port: port, min_latency: 2000, whitelist_cidr: "198.51.100.0/24" },
        });
      }
      expect(json).toHaveResourceWithProperties(MedialiveInput, {
        name: `ev-euw1-input-${role}`,
        type: "MEDIACONNECT",
        role_arn: ROLE,
        media_connect_flows: ["a", "b"].map((l) => ({ flow_arn: ref(json, "awscc_mediaconnect_flow", `ev-euw1-flow-${role}-${l}`, "flow_arn") })),
      });
    }
    expect(json).not.toHaveResource(IamRole);
    expect(json).not.toHaveResource(MediaconnectFlowSource);
    expect(json).not.toHaveResource(MedialiveInputSecurityGroup);
    expect(Object.values(blocks(json, "resource", "aws_medialive_input")).map((i) => i.depends_on)).toEqual([undefined, undefined]);
  });

  test("maximal: configured ports, latency, stream id and zones, a second source merged in, an encrypted source, tags, boundary and dependencies", () => {
    const json = Testing.synthScope((scope) => {
      const before = new IamRolePolicy(scope, "Before", { role: "r", policy: "{}" });
      new Contribution(scope, "Contribution", {
        ...props({
          allowlistCidrs: ["203.0.113.0/24"],
          mediaconnect: {
            protocol: "srt-listener",
            primaryPort: 6000,
            backupPort: 6100,
            minLatencyMs: 800,
            streamId: "final",
            availabilityZones: { "eu-west-1": ["eu-west-1c", "eu-west-1a"], "us-east-1": ["us-east-1a", "us-east-1b"] },
            secondSource: { allowlistCidr: "192.0.2.0/28", portOffset: 20, failoverMode: "MERGE", recoveryWindowMs: 300 },
          },
        }),
        pipelines: 2,
        awsccTags: [{ key: "Event", value: "ev" }],
        inputsDependOn: [before],
        sourceSecretArn: SECRET,
        permissionsBoundary: "arn:aws:iam::111122223333:policy/ev-boundary",
      });
    });
    const roleArn = ref(json, "aws_iam_role", "ev-euw1-mediaconnect-secrets", "arn");
    const decryption = { key_type: "srt-password", role_arn: roleArn, secret_arn: SECRET };
    // Configured zones are used as written, and the plan checks that the account has them.
    expect(json).toHaveDataSourceWithProperties(DataAwsAvailabilityZones, {
      lifecycle: {
        postcondition: [
          has({ condition: "${length(self.names) >= 2}" }),
          {
            condition: '${length(setsubtract(["eu-west-1c","eu-west-1a"], self.names)) == 0}',
            error_message: "contribution.mediaconnect.availabilityZones names a zone this account does not have in the region (configured: eu-west-1c, eu-west-1a).",
          },
        ],
      },
    });
    for (const [role, port] of [["primary", 6000], ["backup", 6100]] as const) {
      for (const [letter, zone] of [["a", "eu-west-1c"], ["b", "eu-west-1a"]]) {
        expect(json).toHaveResourceWithProperties(MediaconnectFlow, {
          name: `ev-euw1-flow-${role}-${letter}`,
          availability_zone: zone,
          source: has({ protocol: "srt-listener", ingest_port: port, min_latency: 800, stream_id: "final", whitelist_cidr: "203.0.113.0/24", decryption }),
          source_failover_config: { state: "ENABLED", failover_mode: "MERGE", recovery_window: 300 },
        });
        expect(json).toHaveResourceWithProperties(MediaconnectFlowSource, {
          flow_arn: ref(json, "awscc_mediaconnect_flow", `ev-euw1-flow-${role}-${letter}`, "flow_arn"),
          name: "second",
          description: `${role} feed, pipeline ${letter}, second path`,
          ingest_port: port + 20,
          whitelist_cidr: "192.0.2.0/28",
          min_latency: 800,
          stream_id: "final",
          decryption,
          tags: [{ key: "Event", value: "ev" }],
        });
      }
    }
    // MERGE has no source priority (that is FAILOVER's).
    for (const f of Object.values(blocks(json, "resource", "awscc_mediaconnect_flow"))) expect(f.source_failover_config.source_priority).toBeUndefined();
    // One role MediaConnect assumes, allowed to read that one secret and nothing else, bounded.
    expect(json).toHaveResourceWithProperties(IamRole, { name: "ev-euw1-mediaconnect-secrets", permissions_boundary: "arn:aws:iam::111122223333:policy/ev-boundary" });
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, { statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["mediaconnect.amazonaws.com"] }] }] });
    expect(json).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "ReadOneSecret",
          actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:ListSecretVersionIds"],
          resources: [SECRET],
        },
      ],
    });
    expect(json).toHaveResourceWithProperties(IamRolePolicy, { name: "read-one-secret", role: ref(json, "aws_iam_role", "ev-euw1-mediaconnect-secrets", "id") });
    const before = Object.keys(blocks(json, "resource", "aws_iam_role_policy")).find((n) => n.startsWith("Before"));
    for (const input of Object.values(blocks(json, "resource", "aws_medialive_input"))) expect(input.depends_on).toEqual([`aws_iam_role_policy.${before}`]);
  });

  test("a second source fails over by default (main source first), 10 ports above the flow's", () => {
    const json = synth({ ...SRT, mediaconnect: { protocol: "srt-listener", secondSource: { allowlistCidr: "192.0.2.0/28" } } });
    expect(json).toHaveResourceWithProperties(MediaconnectFlow, {
      name: "ev-euw1-flow-backup-b",
      source_failover_config: { state: "ENABLED", failover_mode: "FAILOVER", source_priority: { primary_source: "main" } },
    });
    expect(json).toHaveResourceWithProperties(MediaconnectFlowSource, { description: "backup feed, pipeline b, second path", ingest_port: 5011 });
    for (const f of Object.values(blocks(json, "resource", "awscc_mediaconnect_flow"))) expect(f.source_failover_config.recovery_window).toBeUndefined();
  });

  test("zixi push: port 2088 is implicit, the key is a static key, aes256 by default", () => {
    const json = synth({ ...SRT, mediaconnect: { protocol: "zixi-push", streamId: "concert" } }, { sourceSecretArn: SECRET });
    for (const f of Object.values(blocks(json, "resource", "awscc_mediaconnect_flow"))) {
      expect(f.source.ingest_port).toBeUndefined();
      expect(f.source).toMatchObject({ protocol: "zixi-push", stream_id: "concert", max_latency: 2000 });
      expect(f.source.decryption).toMatchObject({ key_type: "static-key", algorithm: "aes256", secret_arn: SECRET });
      expect(f.source.min_latency).toBeUndefined();
    }
    const configured = synth({ ...SRT, mediaconnect: { protocol: "zixi-push", streamId: "concert", decryption: { algorithm: "aes128" } } }, { sourceSecretArn: SECRET });
    expect(configured).toHaveResourceWithProperties(MediaconnectFlow, { source: has({ decryption: has({ algorithm: "aes128" }) }) });
  });

  test("rist: the receive buffer is max latency; a stream id is not sent", () => {
    const json = synth({ ...SRT, mediaconnect: { protocol: "rist", maxLatencyMs: 1000, streamId: "ignored" } });
    for (const f of Object.values(blocks(json, "resource", "awscc_mediaconnect_flow"))) {
      expect(f.source).toMatchObject({ protocol: "rist", max_latency: 1000 });
      expect(f.source.stream_id).toBeUndefined();
      expect(f.source.min_latency).toBeUndefined();
    }
  });

  test("single pipeline: two flows (pipeline a), each input reads one", () => {
    const json = synth(SRT, { pipelines: 1 });
    expect(Object.values(blocks(json, "resource", "awscc_mediaconnect_flow")).map((f) => f.name).sort()).toEqual(["ev-euw1-flow-backup-a", "ev-euw1-flow-primary-a"]);
    for (const input of Object.values(blocks(json, "resource", "aws_medialive_input"))) expect(input.media_connect_flows).toHaveLength(1);
  });

  test("forwarded feed: each flow listens only to its primary-region flow, which sends to it over srt (the default link) with 2000 ms latency", () => {
    const upstreamFlows = Object.fromEntries(
      ["primary-a", "primary-b", "backup-a", "backup-b"].map((k) => [k, { flowArn: `arn:aws:mediaconnect:us-east-1:111122223333:flow:1-${k}:up`, egressIp: `192.0.2.${k.length}` }]),
    );
    const json = synth(SRT, {
      scope: (scope) => ({
        upstream: {
          region: "us-east-1",
          flows: upstreamFlows,
          awsccProvider: new AwsccProvider(scope, "awscc-primary", { region: "us-east-1", alias: "primary" }),
          awsProvider: new AwsProvider(scope, "aws-primary", { region: "us-east-1", alias: "primary" }),
        },
      }),
    });
    expect(json).toHaveResourceWithProperties(MediaconnectFlow, {
      name: "ev-euw1-flow-primary-a",
      source: { name: "main", description: "primary feed, pipeline a, forwarded from us-east-1", protocol: "srt-listener", ingest_port: 5000, whitelist_cidr: "192.0.2.9/32", min_latency: 2000 },
    });
    expect(json).toHaveResourceWithProperties(MediaconnectFlowOutput, {
      provider: "awscc.primary",
      flow_arn: upstreamFlows["backup-b"].flowArn,
      name: "to-eu-west-1",
      protocol: "srt-caller",
      port: 5001,
      min_latency: 2000,
      destination: ref(json, "awscc_mediaconnect_flow", "ev-euw1-flow-backup-b", "source.ingest_ip"),
    });
    expect(json).not.toHaveResource(IamRole);
  });

  test("forwarded feed over an encrypted zixi link: a secret reader on each side, the sending one through the primary region's provider", () => {
    const json = synth(SRT, {
      scope: (scope) => ({
        upstream: {
          region: "us-east-1",
          flows: Object.fromEntries(["primary-a", "primary-b", "backup-a", "backup-b"].map((k) => [k, { flowArn: `flow-${k}`, egressIp: "192.0.2.1" }])),
          awsccProvider: new AwsccProvider(scope, "awscc-primary", { region: "us-east-1", alias: "primary" }),
          awsProvider: new AwsProvider(scope, "aws-primary", { region: "us-east-1", alias: "primary" }),
          protocol: "zixi",
          latencyMs: 900,
          secretArns: { "eu-west-1": SECRET, "us-east-1": "arn:aws:secretsmanager:us-east-1:111122223333:secret:ev/link-Cc22Dd" },
        },
      }),
    });
    expect(json).toHaveResourceWithProperties(IamRole, { name: "ev-euw1-link-in-secrets" });
    expect(json).toHaveResourceWithProperties(IamRole, { name: "ev-euw1-link-out-secrets", provider: "aws.primary" });
    expect(json).toHaveResourceWithProperties(MediaconnectFlow, {
      name: "ev-euw1-flow-backup-a",
      source: has({ protocol: "zixi-push", stream_id: "ev-backup-a", max_latency: 900, decryption: has({ key_type: "static-key", algorithm: "aes256", secret_arn: SECRET }) }),
    });
    expect(json).toHaveResourceWithProperties(MediaconnectFlowOutput, {
      flow_arn: "flow-backup-a",
      protocol: "zixi-push",
      port: 2088,
      stream_id: "ev-backup-a",
      encryption: has({ key_type: "static-key", algorithm: "aes256", secret_arn: "arn:aws:secretsmanager:us-east-1:111122223333:secret:ev/link-Cc22Dd" }),
    });
  });
});

describe("other input types", () => {
  test.each(["RTP_PUSH", "UDP_PUSH", "RTMP_PUSH"] as const)("%s: both inputs behind one input security group built from the allowlist; no flows, no zones", (type) => {
    const json = synth({ type, allowlistCidrs: ["203.0.113.0/24", "198.51.100.0/24"] });
    expect(json).toHaveResourceWithProperties(MedialiveInputSecurityGroup, { whitelist_rules: [{ cidr: "203.0.113.0/24" }, { cidr: "198.51.100.0/24" }] });
    const group = `\${aws_medialive_input_security_group.${Object.keys(blocks(json, "resource", "aws_medialive_input_security_group"))[0]}.id}`;
    for (const role of ["primary", "backup"]) expect(json).toHaveResourceWithProperties(MedialiveInput, { name: `ev-euw1-input-${role}`, type, input_security_groups: [group] });
    expect(json).not.toHaveResource(MediaconnectFlow);
    expect(JSON.parse(json).data?.aws_availability_zones).toBeUndefined();
  });

  test("RTMP push: one stream name per pipeline, under application `live` by default or the configured one", () => {
    expect(synth({ type: "RTMP_PUSH", allowlistCidrs: ["203.0.113.0/24"] })).toHaveResourceWithProperties(MedialiveInput, {
      name: "ev-euw1-input-primary",
      destinations: [{ stream_name: "live/ev-primary-a" }, { stream_name: "live/ev-primary-b" }],
    });
    expect(synth({ type: "RTMP_PUSH", allowlistCidrs: ["203.0.113.0/24"], rtmpPush: { applicationName: "studio" } }, { pipelines: 1 })).toHaveResourceWithProperties(MedialiveInput, {
      name: "ev-euw1-input-backup",
      destinations: [{ stream_name: "studio/ev-backup-a" }],
    });
  });

  test.each(["RTMP_PULL", "URL_PULL", "MP4_FILE", "TS_FILE"] as const)("%s: one source per pipeline, unauthenticated unless a user and password parameter are given", (type) => {
    const urls = (role: string) => [`https://origin.example.com/${role}/a`, `https://origin.example.com/${role}/b`];
    const json = synth({ type, pull: { primaryUrls: urls("primary"), backupUrls: urls("backup") } });
    expect(json).toHaveResourceWithProperties(MedialiveInput, {
      name: "ev-euw1-input-backup",
      type,
      // The provider requires all three keys; empty credentials mean an unauthenticated source.
      sources: urls("backup").map((url) => ({ url, username: "", password_param: "" })),
    });
    const withPassword = synth({ type, pull: { primaryUrls: urls("primary"), backupUrls: urls("backup"), username: "broadcast", passwordParameter: "/ev/pull" } });
    expect(withPassword).toHaveResourceWithProperties(MedialiveInput, {
      name: "ev-euw1-input-primary",
      sources: urls("primary").map((url) => ({ url, username: "broadcast", password_param: "/ev/pull" })),
    });
  });

  test("INPUT_DEVICE: each input uses its own Elemental Link devices, one per pipeline", () => {
    const json = synth({ type: "INPUT_DEVICE", inputDevices: { primary: ["hd-0a1b2c3d4e5f60718293", "hd-1a1b2c3d4e5f60718293"], backup: ["hd-2a1b2c3d4e5f60718293", "hd-3a1b2c3d4e5f60718293"] } });
    expect(json).toHaveResourceWithProperties(MedialiveInput, { name: "ev-euw1-input-primary", type: "INPUT_DEVICE", input_devices: [{ id: "hd-0a1b2c3d4e5f60718293" }, { id: "hd-1a1b2c3d4e5f60718293" }] });
    expect(json).toHaveResourceWithProperties(MedialiveInput, { name: "ev-euw1-input-backup", input_devices: [{ id: "hd-2a1b2c3d4e5f60718293" }, { id: "hd-3a1b2c3d4e5f60718293" }] });
  });
});

describe("rejects", () => {
  const build = (contribution: ContributionSettings, extra: Extra = {}) => () => synth(contribution, extra);

  test.each(["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH", "RTMP_PUSH"] as const)("rejects a listening input (%s) without allowlistCidrs", (type) => {
    expect(build({ type, mediaconnect: { protocol: "rist" } })).toThrow(
      `Contribution: type ${type} listens for the feed and needs allowlistCidrs, the networks the encoders send from (got null)`,
    );
  });

  test("rejects more than one CIDR for MediaConnect sources", () => {
    expect(build({ ...SRT, allowlistCidrs: ["198.51.100.0/24", "203.0.113.0/24"] })).toThrow(
      "Contribution: a MediaConnect source accepts exactly one CIDR, but allowlistCidrs has 2 (got 198.51.100.0/24, 203.0.113.0/24); use one block that covers the encoders, or add mediaconnect.secondSource with its own",
    );
  });

  test("rejects MEDIACONNECT without mediaconnect settings", () => {
    expect(build({ allowlistCidrs: ["198.51.100.0/24"] })).toThrow("Contribution: type MEDIACONNECT needs mediaconnect settings (at least the protocol)");
  });

  test("rejects MEDIACONNECT without the MediaLive role", () => {
    expect(build(SRT, { mediaLiveRoleArn: undefined })).toThrow("Contribution: type MEDIACONNECT needs mediaLiveRoleArn, the role MediaLive reads the flows with");
  });

  test.each<[string, Record<string, string[]>, string[]]>([
    [
      "Availability Zones other than two per region",
      { "eu-west-1": ["eu-west-1a", "eu-west-1b", "eu-west-1c"] },
      ['mediaconnect.availabilityZones.eu-west-1 must list two zones, for the flows of pipeline a and b (got ["eu-west-1a","eu-west-1b","eu-west-1c"])'],
    ],
    [
      "what is not an Availability Zone name, the region code and a letter (it would go into a Terraform expression)",
      { "eu-west-1": ['eu-west-1b"]) || true #', "euw1-az1"] },
      [
        'mediaconnect.availabilityZones.eu-west-1[0] is not an Availability Zone name, which is the region code and a letter such as eu-west-1a (got "eu-west-1b\\"]) || true #")',
        'mediaconnect.availabilityZones.eu-west-1[1] is not an Availability Zone name, which is the region code and a letter such as eu-west-1a (got "euw1-az1")',
      ],
    ],
    [
      "an Availability Zone of another region",
      { "eu-west-1": ["eu-west-1a", "eu-west-1b"], "us-east-1": ["us-east-1a", "us-east-2b"] },
      ['mediaconnect.availabilityZones.us-east-1[1] is not an Availability Zone of us-east-1 (got "us-east-2b")'],
    ],
    [
      "the same Availability Zone for both pipelines",
      { "eu-west-1": ["eu-west-1b", "eu-west-1b"] },
      ['mediaconnect.availabilityZones.eu-west-1[1] names the same zone as item 0: the flows of pipeline a and b run in different zones, so that losing one zone stops one pipeline only (got "eu-west-1b")'],
    ],
  ])("rejects %s", (_name, zones, lines) => {
    expect(build({ ...SRT, mediaconnect: { ...SRT.mediaconnect!, availabilityZones: zones } })).toThrow(lines.map((l) => `Contribution: ${l}`).join("\n"));
  });

  test("rejects zixi push without a stream id", () => {
    expect(build({ ...SRT, mediaconnect: { protocol: "zixi-push" } })).toThrow("Contribution: protocol zixi-push needs mediaconnect.streamId, the stream id the encoders send");
  });

  test("rejects a forwarded feed that lacks a flow to forward from", () => {
    const upstream = (scope: any) => ({
      upstream: {
        region: "us-east-1",
        flows: { "primary-a": { flowArn: "a", egressIp: "192.0.2.1" }, "backup-a": { flowArn: "b", egressIp: "192.0.2.2" } },
        awsccProvider: new AwsccProvider(scope, "awscc-primary", { region: "us-east-1", alias: "primary" }),
        awsProvider: new AwsProvider(scope, "aws-primary", { region: "us-east-1", alias: "primary" }),
      },
    });
    expect(build(SRT, { scope: upstream })).toThrow("Contribution: upstream.flows has no flow primary-b, backup-b to forward from (got primary-a, backup-a)");
  });

  test.each(["RTMP_PULL", "URL_PULL", "MP4_FILE", "TS_FILE"] as const)("rejects %s without pull settings", (type) => {
    expect(build({ type })).toThrow(`Contribution: type ${type} needs pull settings, the URLs to read the feed from`);
  });

  test("rejects pull URLs that are not one per pipeline", () => {
    expect(build({ type: "URL_PULL", pull: { primaryUrls: ["https://a.example.com/x"], backupUrls: ["https://b.example.com/x"] } })).toThrow(
      "Contribution: pull.primaryUrls must list one URL per pipeline, 2 (got 1)",
    );
  });

  test("rejects INPUT_DEVICE without devices", () => {
    expect(build({ type: "INPUT_DEVICE" })).toThrow("Contribution: type INPUT_DEVICE needs inputDevices, the Elemental Link devices of the primary and backup inputs");
  });

  test("rejects devices that are not one per pipeline", () => {
    expect(build({ type: "INPUT_DEVICE", inputDevices: { primary: ["hd-0a1b2c3d4e5f60718293"], backup: ["hd-2a1b2c3d4e5f60718293", "hd-3a1b2c3d4e5f60718293"] } }, { pipelines: 1 })).toThrow(
      "Contribution: inputDevices.backup must list one device per pipeline, 1 (got 2)",
    );
  });
});

describe("defaults", () => {
  // The event file's schema fills the same defaults when the configuration loads; the construct
  // applies its own, so it works without the loader. Both must build the same thing.
  // Rows of three (jest takes a callback with more parameters than the row has values for a done callback).
  test.each<[string, ContributionSettings, string | undefined]>([
    ["srt-listener", { type: "MEDIACONNECT", allowlistCidrs: ["198.51.100.0/24"], mediaconnect: { protocol: "srt-listener" } }, undefined],
    ["zixi-push, encrypted, second source", { type: "MEDIACONNECT", allowlistCidrs: ["198.51.100.0/24"], mediaconnect: { protocol: "zixi-push", streamId: "s", decryption: {}, secondSource: { allowlistCidr: "192.0.2.0/28" } } }, SECRET],
    ["rtp-fec merged", { type: "MEDIACONNECT", allowlistCidrs: ["198.51.100.0/24"], mediaconnect: { protocol: "rtp-fec", primaryPort: 5000, backupPort: 5100, secondSource: { allowlistCidr: "192.0.2.0/28", failoverMode: "MERGE" } } }, undefined],
    ["rist", { type: "MEDIACONNECT", allowlistCidrs: ["198.51.100.0/24"], mediaconnect: { protocol: "rist" } }, undefined],
    ["RTMP push", { type: "RTMP_PUSH", allowlistCidrs: ["198.51.100.0/24"] }, undefined],
    ["TS file", { type: "TS_FILE", pull: { primaryUrls: ["https://a.example.com/1.ts", "https://b.example.com/1.ts"], backupUrls: ["https://a.example.com/2.ts", "https://b.example.com/2.ts"] } }, undefined],
  ])("%s: the construct's defaults are the schema's", (_name, contribution, sourceSecretArn) => {
    const file = defaultConfig();
    // The schema requires a secret where decryption is written; the construct takes it as a prop.
    file.contribution = JSON.parse(JSON.stringify(contribution).replace('"decryption":{}', `"decryption":{"secretArn":"${SECRET}"}`));
    const loaded = check(file).config.contribution;
    expect(synth(contribution, { sourceSecretArn })).toBe(synth(loaded, { sourceSecretArn }));
  });
});

test("the example in docs/contribution.md compiles (tsc checks this file) and builds two inputs reading four flows", () => {
  const json = Testing.synthScope((stack) => {
    // example begin
    const naming = new Naming("final", "eu-west-1");
    const account = new AccountIdentity(stack, "Identity");
    const ingest = new Contribution(stack, "Contribution", {
      naming,
      region: "eu-west-1",
      account,
      allowlistCidrs: ["198.51.100.0/24"],
      mediaconnect: { protocol: "srt-listener" },
      mediaLiveRoleArn: "arn:aws:iam::111122223333:role/final-euw1-medialive",
    });
    // ingest.inputs.primary / ingest.inputs.backup go to your MediaLive channel's input attachments.
    // example end
    expect(ingest.flows.map((f) => f.key)).toEqual(["primary-a", "primary-b", "backup-a", "backup-b"]);
  });
  expect(json).toHaveResourceWithProperties(MedialiveInput, { name: "final-euw1-input-backup", type: "MEDIACONNECT" });
  const doc = readFileSync(join(ROOT, "docs", "contribution.md"), "utf8");
  const example = /\/\/ example begin\n([\s\S]*?)\s*\/\/ example end/.exec(readFileSync(__filename, "utf8"))![1];
  // The page shows the same lines (dedented).
  expect(doc).toContain(example.replace(/^ {4}/gm, "").trim());
});
