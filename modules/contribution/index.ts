import { Construct } from "constructs";
import { Fn, ITerraformDependable, TerraformProvider } from "cdktf";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { MedialiveInput, MedialiveInputConfig } from "@cdktf/provider-aws/lib/medialive-input";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { MediaconnectFlow } from "../../.gen/providers/awscc/mediaconnect-flow";
import { MediaconnectFlowOutput } from "../../.gen/providers/awscc/mediaconnect-flow-output";
// The generator suffixes this class with "A" because the flow binding already has a MediaconnectFlowSource struct.
import { MediaconnectFlowSourceA as MediaconnectFlowSource } from "../../.gen/providers/awscc/mediaconnect-flow-source";
import type { ContributionConfig, MediaConnectConfig } from "../../config/types";
import { ACCESS_PRINCIPALS, accessStatements } from "../access";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";

/** The two inputs every channel gets; the channel fails over from primary to backup. */
export const INPUT_ROLES = ["primary", "backup"] as const;
export type InputRole = (typeof INPUT_ROLES)[number];
/** Pipeline letters: pipeline 0 is "a", pipeline 1 is "b". */
export const PIPELINE_LETTERS = ["a", "b"] as const;

export interface ContributionProps {
  /** Physical names. */
  readonly naming: Naming;
  /** The region the stack deploys to (the flows' Availability Zones are in it). */
  readonly region: string;
  /** The stack's account and partition. */
  readonly account: AccountContext;
  /** The validated `contribution` block of the event configuration. */
  readonly contribution: ContributionConfig;
  /** 2 for a STANDARD channel, 1 for SINGLE_PIPELINE. */
  readonly pipelines: 1 | 2;
  /** The role MediaLive assumes; MEDIACONNECT inputs need it to read the flows. */
  readonly mediaLiveRoleArn: string;
  /** Tags for awscc resources (the aws provider applies its default tags itself). */
  readonly awsccTags: { key: string; value: string }[];
  /** What must exist before the inputs (MediaLive checks its role when an input is created). */
  readonly inputsDependOn?: ITerraformDependable[];
  /**
   * The secret that decrypts the encoders' feed in this region (mediaconnect.decryption, resolved
   * for the region by the stack). Unused when the feed is forwarded from another region.
   */
  readonly sourceSecretArn?: string;
  /** Forwarded feed: this region's flows receive from the primary region's flows instead of the encoders. */
  readonly upstream?: UpstreamFeed;
  /**
   * The managed policy ARN that bounds the secret-reading roles (Terraform Cloud runs may create only bounded roles).
   * @default no permissions boundary
   */
  readonly permissionsBoundary?: string;
}

/**
 * The primary region's flows, seen from an extra region that they forward to. The outputs on the
 * primary flows are created from the extra region's stack (through providers for the primary
 * region), so the primary stack never depends on the extra ones: no cycle between stacks.
 */
export interface UpstreamFeed {
  readonly region: string;
  /** The primary region's flows, by key (`primary-a`, ...). */
  readonly flows: Readonly<Record<string, { readonly flowArn: string; readonly egressIp: string }>>;
  /** awscc and aws providers for the primary region, declared in this stack. */
  readonly awsccProvider: TerraformProvider;
  readonly awsProvider: TerraformProvider;
  readonly protocol: "rist" | "srt" | "zixi";
  readonly latencyMs: number;
  /** The link's passphrase/key, by region (present for an encrypted link). */
  readonly secretArns?: Readonly<Record<string, string>>;
}

/** What a forwarded link uses on each end. */
const LINK = {
  srt: { source: "srt-listener", output: "srt-caller", keyType: "srt-password" },
  rist: { source: "rist", output: "rist", keyType: undefined },
  zixi: { source: "zixi-push", output: "zixi-push", keyType: "static-key" },
} as const;

/** One MediaConnect flow feeding one pipeline of one input. */
export interface ContributionFlow {
  /** `primary-a`, `backup-b`, ...: stable, used in ids, names and outputs. */
  readonly key: string;
  readonly role: InputRole;
  readonly pipeline: number;
  readonly flow: MediaconnectFlow;
  readonly availabilityZone: string;
  /** The port the main source listens on. */
  readonly port: number;
  /** The second source, when mediaconnect.secondSource is configured. */
  readonly secondSource?: MediaconnectFlowSource;
  readonly secondPort?: number;
}

/**
 * How the event feed reaches MediaLive: MediaConnect flows (one per input and pipeline, the two
 * pipelines in different Availability Zones) or a MediaLive push/pull/device input, always as a
 * primary and a backup input so the channel can fail over.
 */
export class Contribution extends Construct {
  /** The MediaLive inputs, by role. */
  public readonly inputs: Readonly<Record<InputRole, MedialiveInput>>;
  /** The MediaConnect flows (empty for other input types). */
  public readonly flows: readonly ContributionFlow[];
  /** The input security group of push inputs. */
  public readonly securityGroup?: MedialiveInputSecurityGroup;
  /** The region's Availability Zones as the account sees them (MediaConnect inputs only). */
  public readonly zones?: DataAwsAvailabilityZones;

  private readonly permissionsBoundary?: string;

  constructor(scope: Construct, id: string, props: ContributionProps) {
    super(scope, id);
    this.permissionsBoundary = props.permissionsBoundary;
    const { naming, contribution, pipelines } = props;
    const pipelineLetters = PIPELINE_LETTERS.slice(0, pipelines);

    let flows: ContributionFlow[] = [];
    if (contribution.type === "MEDIACONNECT") {
      const configured = contribution.mediaconnect!.availabilityZones?.[props.region];
      const read = (this.zones = availabilityZones(this, configured));
      const zones = configured ?? [0, 1].map((i) => Fn.element(read.names, i));
      flows = props.upstream
        ? this.createForwardedFlows(props, contribution.mediaconnect!, props.upstream, zones)
        : this.createFlows(props, contribution.mediaconnect!, contribution.allowlistCidrs![0], zones);
    }
    if (contribution.type === "RTP_PUSH" || contribution.type === "UDP_PUSH" || contribution.type === "RTMP_PUSH") {
      this.securityGroup = new MedialiveInputSecurityGroup(this, "SecurityGroup", {
        whitelistRules: contribution.allowlistCidrs!.map((cidr) => ({ cidr })),
      });
    }
    this.flows = flows;

    const inputFor = (role: InputRole): MedialiveInputConfig => {
      const name = naming.name(`input-${role}`);
      switch (contribution.type) {
        case "MEDIACONNECT":
          return {
            name,
            type: "MEDIACONNECT",
            roleArn: props.mediaLiveRoleArn,
            mediaConnectFlows: flows.filter((f) => f.role === role).map((f) => ({ flowArn: f.flow.flowArn })),
          };
        case "RTP_PUSH":
        case "UDP_PUSH":
          return { name, type: contribution.type, inputSecurityGroups: [this.securityGroup!.id] };
        case "RTMP_PUSH":
          return {
            name,
            type: "RTMP_PUSH",
            inputSecurityGroups: [this.securityGroup!.id],
            destinations: pipelineLetters.map((letter) => ({
              streamName: `${contribution.rtmpPush?.applicationName ?? "live"}/${naming.event}-${role}-${letter}`,
            })),
          };
        case "INPUT_DEVICE":
          return { name, type: "INPUT_DEVICE", inputDevices: contribution.inputDevices![role].map((deviceId) => ({ id: deviceId })) };
        default: {
          const pull = contribution.pull!;
          const urls = role === "primary" ? pull.primaryUrls : pull.backupUrls;
          return {
            name,
            type: contribution.type,
            // The provider requires all three keys; empty credentials mean an unauthenticated source.
            sources: urls.map((url) => ({ url, username: pull.username, passwordParam: pull.passwordParameter })),
          };
        }
      }
    };
    this.inputs = {
      primary: new MedialiveInput(this, "InputPrimary", { ...inputFor("primary"), dependsOn: props.inputsDependOn }),
      backup: new MedialiveInput(this, "InputBackup", { ...inputFor("backup"), dependsOn: props.inputsDependOn }),
    };
  }

  private createFlows(props: ContributionProps, mc: MediaConnectConfig, allowlistCidr: string, zones: readonly string[]): ContributionFlow[] {
    const { naming, pipelines } = props;
    const decryption = props.sourceSecretArn
      ? mc.protocol === "srt-listener"
        ? { keyType: "srt-password", roleArn: this.secretReader("Decryption", naming.name("mediaconnect-secrets"), props.account, props.sourceSecretArn).arn, secretArn: props.sourceSecretArn }
        : {
            keyType: "static-key",
            algorithm: mc.decryption!.algorithm,
            roleArn: this.secretReader("Decryption", naming.name("mediaconnect-secrets"), props.account, props.sourceSecretArn).arn,
            secretArn: props.sourceSecretArn,
          }
      : undefined;
    // Zixi push always listens on 2088; the other protocols take the configured ports.
    const fixedPort = mc.protocol === "zixi-push" ? 2088 : undefined;
    const latency = {
      maxLatency: mc.protocol === "rist" || mc.protocol === "zixi-push" ? mc.maxLatencyMs : undefined,
      minLatency: mc.protocol === "srt-listener" ? mc.minLatencyMs : undefined,
      streamId: mc.protocol === "zixi-push" || mc.protocol === "srt-listener" ? mc.streamId : undefined,
    };

    const flows: ContributionFlow[] = [];
    for (const { role, pipeline, letter, key, idSuffix } of flowSlots(pipelines)) {
      const port = fixedPort ?? (role === "primary" ? mc.primaryPort : mc.backupPort);
      const second = mc.secondSource;
      const secondPort = second ? (fixedPort ?? port + second.portOffset) : undefined;
      const flow = new MediaconnectFlow(this, `Flow${idSuffix}`, {
        name: naming.name(`flow-${key}`),
        availabilityZone: zones[pipeline],
        source: {
          name: "main",
          description: `${role} feed, pipeline ${letter}`,
          protocol: mc.protocol,
          ingestPort: fixedPort === undefined ? port : undefined,
          whitelistCidr: allowlistCidr,
          decryption,
          ...latency,
        },
        sourceFailoverConfig: second
          ? {
              state: "ENABLED",
              failoverMode: second.failoverMode,
              recoveryWindow: second.failoverMode === "MERGE" ? second.recoveryWindowMs : undefined,
              sourcePriority: second.failoverMode === "FAILOVER" ? { primarySource: "main" } : undefined,
            }
          : undefined,
      });
      const secondSource = second
        ? new MediaconnectFlowSource(this, `SecondSource${idSuffix}`, {
            flowArn: flow.flowArn,
            name: "second",
            description: `${role} feed, pipeline ${letter}, second path`,
            protocol: mc.protocol,
            ingestPort: fixedPort === undefined ? secondPort : undefined,
            whitelistCidr: second.allowlistCidr,
            decryption,
            ...latency,
            tags: props.awsccTags,
          })
        : undefined;
      flows.push({ key, role, pipeline, flow, availabilityZone: zones[pipeline], port, secondSource, secondPort });
    }
    return flows;
  }

  /**
   * Extra region, forwarded feed: one flow per primary-region flow, listening only to that flow's
   * egress address, and an output on the primary flow sending to it.
   */
  private createForwardedFlows(props: ContributionProps, mc: MediaConnectConfig, up: UpstreamFeed, zones: readonly string[]): ContributionFlow[] {
    const { naming, region, pipelines } = props;
    const link = LINK[up.protocol];
    const here = up.secretArns?.[region];
    const there = up.secretArns?.[up.region];
    const decryptRole = here ? this.secretReader("LinkDecryption", naming.name("link-in-secrets"), props.account, here) : undefined;
    // The sending side reads the same secret in the primary region; IAM is global, the name says which link.
    const encryptRole = there ? this.secretReader("LinkEncryption", naming.name("link-out-secrets"), props.account, there, up.awsProvider) : undefined;
    const algorithm = up.protocol === "zixi" ? "aes256" : undefined;
    const latency = up.protocol === "srt" ? { minLatency: up.latencyMs } : { maxLatency: up.latencyMs };

    const flows: ContributionFlow[] = [];
    for (const { role, pipeline, letter, key, idSuffix } of flowSlots(pipelines)) {
      const sender = up.flows[key];
      // Zixi push always listens on 2088; the other links reuse the configured ports.
      const port = up.protocol === "zixi" ? 2088 : role === "primary" ? mc.primaryPort : mc.backupPort;
      const streamId = up.protocol === "zixi" ? `${naming.event}-${key}` : undefined;
      const flow = new MediaconnectFlow(this, `Flow${idSuffix}`, {
        name: naming.name(`flow-${key}`),
        availabilityZone: zones[pipeline],
        source: {
          name: "main",
          description: `${role} feed, pipeline ${letter}, forwarded from ${up.region}`,
          protocol: link.source,
          ingestPort: up.protocol === "zixi" ? undefined : port,
          whitelistCidr: `${sender.egressIp}/32`,
          streamId,
          decryption: decryptRole ? { keyType: link.keyType, algorithm, roleArn: decryptRole.arn, secretArn: here } : undefined,
          ...latency,
        },
      });
      new MediaconnectFlowOutput(this, `Forward${idSuffix}`, {
        provider: up.awsccProvider,
        flowArn: sender.flowArn,
        name: `to-${region}`,
        description: `${role} feed, pipeline ${letter}, to ${region}`,
        protocol: link.output,
        destination: flow.source.ingestIp,
        port,
        streamId,
        encryption: encryptRole ? { keyType: link.keyType, algorithm, roleArn: encryptRole.arn, secretArn: there } : undefined,
        ...latency,
        tags: props.awsccTags,
      });
      flows.push({ key, role, pipeline, flow, availabilityZone: zones[pipeline], port });
    }
    return flows;
  }

  /** A role MediaConnect assumes to read one secret (an SRT passphrase or a Zixi key), and nothing else. */
  private secretReader(id: string, name: string, account: AccountContext, secretArn: string, provider?: TerraformProvider): IamRole {
    const permissionsBoundary = this.permissionsBoundary;
    const trust = new DataAwsIamPolicyDocument(this, `${id}Trust`, {
      provider,
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [ACCESS_PRINCIPALS.mediaconnect.service] }] }],
    });
    const role = new IamRole(this, `${id}Role`, {
      provider,
      name,
      description: "Lets MediaConnect read one secret of this event",
      assumeRolePolicy: trust.json,
      permissionsBoundary,
    });
    const access = new DataAwsIamPolicyDocument(this, `${id}Access`, {
      provider,
      // The catalog's secret requirement, for this one secret.
      statement: accessStatements("mediaconnect", new Set(["secret"]), { partition: account.partition, account: account.accountId, region: "", secretArn }),
    });
    new IamRolePolicy(this, `${id}Policy`, { provider, name: "read-one-secret", role: role.id, policy: access.json });
    return role;
  }
}

function pascal(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** One flow position: an input role and a pipeline, with its key (`primary-a`) and construct-id suffix (`PrimaryA`). */
interface FlowSlot {
  readonly role: InputRole;
  readonly pipeline: number;
  readonly letter: string;
  readonly key: string;
  readonly idSuffix: string;
}

/** Every flow position of a channel: each input role, one per pipeline. */
function flowSlots(pipelines: number): FlowSlot[] {
  return INPUT_ROLES.flatMap((role) =>
    PIPELINE_LETTERS.slice(0, pipelines).map((letter, pipeline) => ({ role, pipeline, letter, key: `${role}-${letter}`, idSuffix: `${pascal(role)}${letter.toUpperCase()}` })),
  );
}

/**
 * The region's Availability Zones that need no opt-in (no Local Zones), read at plan time: zone
 * names are mapped per account, and not every region has an `a` and a `b` for every account. The
 * flows run in the configured zones (their format, `<region><letter>`, is checked when the
 * configuration loads) or else in the first two zones listed. Postconditions stop the plan when
 * the region has fewer than two zones or a configured zone is not among them.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/availability_zones
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html
 */
function availabilityZones(scope: Construct, configured: readonly string[] | undefined): DataAwsAvailabilityZones {
  const postcondition = [{ condition: "${length(self.names) >= 2}", errorMessage: "MediaConnect flows need two Availability Zones; the region lists fewer for this account." }];
  if (configured) {
    // Zone names are pattern-checked at load (lowercase letters, digits and dashes): safe to quote.
    postcondition.push({
      condition: `\${length(setsubtract(${JSON.stringify(configured)}, self.names)) == 0}`,
      errorMessage: `contribution.mediaconnect.availabilityZones names a zone this account does not have in the region (configured: ${configured.join(", ")}).`,
    });
  }
  return new DataAwsAvailabilityZones(scope, "Zones", {
    state: "available",
    filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    lifecycle: { postcondition },
  });
}
