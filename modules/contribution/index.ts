import { Construct } from "constructs";
import { ITerraformDependable } from "cdktf";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { MedialiveInput, MedialiveInputConfig } from "@cdktf/provider-aws/lib/medialive-input";
import { MedialiveInputSecurityGroup } from "@cdktf/provider-aws/lib/medialive-input-security-group";
import { MediaconnectFlow, MediaconnectFlowSourceDecryption } from "../../.gen/providers/awscc/mediaconnect-flow";
// The generator suffixes this class with "A" because the flow binding already has a MediaconnectFlowSource struct.
import { MediaconnectFlowSourceA as MediaconnectFlowSource } from "../../.gen/providers/awscc/mediaconnect-flow-source";
import type { ContributionConfig, MediaConnectConfig } from "../../config/types";
import { Naming } from "../naming";

/** The two inputs every channel gets; the channel fails over from primary to backup. */
export const INPUT_ROLES = ["primary", "backup"] as const;
export type InputRole = (typeof INPUT_ROLES)[number];
/** Pipeline letters: pipeline 0 is "a", pipeline 1 is "b". */
export const PIPELINE_LETTERS = ["a", "b"] as const;

export interface ContributionProps {
  /** Physical names. */
  readonly naming: Naming;
  /** The region the stack deploys to (for the default Availability Zones). */
  readonly region: string;
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
}

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

  constructor(scope: Construct, id: string, props: ContributionProps) {
    super(scope, id);
    const { naming, contribution, pipelines } = props;
    const pipelineLetters = PIPELINE_LETTERS.slice(0, pipelines);

    let flows: ContributionFlow[] = [];
    if (contribution.type === "MEDIACONNECT") {
      flows = this.createFlows(props, contribution.mediaconnect!, contribution.allowlistCidrs![0]);
    } else if (contribution.type === "RTP_PUSH" || contribution.type === "UDP_PUSH" || contribution.type === "RTMP_PUSH") {
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

  private createFlows(props: ContributionProps, mc: MediaConnectConfig, allowlistCidr: string): ContributionFlow[] {
    const { naming, region, pipelines } = props;
    // Default zones: the region's "a" and "b" zones, one per pipeline.
    const zones = mc.availabilityZones?.[region] ?? [`${region}a`, `${region}b`];
    const decryption = mc.decryption ? this.createDecryption(naming, mc) : undefined;
    // Zixi push always listens on 2088; the other protocols take the configured ports.
    const fixedPort = mc.protocol === "zixi-push" ? 2088 : undefined;
    const latency = {
      maxLatency: mc.protocol === "rist" || mc.protocol === "zixi-push" ? mc.maxLatencyMs : undefined,
      minLatency: mc.protocol === "srt-listener" ? mc.minLatencyMs : undefined,
      streamId: mc.protocol === "zixi-push" || mc.protocol === "srt-listener" ? mc.streamId : undefined,
    };

    const flows: ContributionFlow[] = [];
    for (const role of INPUT_ROLES) {
      for (let pipeline = 0; pipeline < pipelines; pipeline++) {
        const letter = PIPELINE_LETTERS[pipeline];
        const key = `${role}-${letter}`;
        const port = fixedPort ?? (role === "primary" ? mc.primaryPort : mc.backupPort);
        const second = mc.secondSource;
        const secondPort = second ? (fixedPort ?? port + second.portOffset) : undefined;
        const flow = new MediaconnectFlow(this, `Flow${pascal(role)}${letter.toUpperCase()}`, {
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
          ? new MediaconnectFlowSource(this, `SecondSource${pascal(role)}${letter.toUpperCase()}`, {
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
    }
    return flows;
  }

  /** A role MediaConnect assumes to read the SRT passphrase or Zixi key, and nothing else. */
  private createDecryption(naming: Naming, mc: MediaConnectConfig): MediaconnectFlowSourceDecryption {
    const secretArn = mc.decryption!.secretArn;
    const trust = new DataAwsIamPolicyDocument(this, "DecryptionTrust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["mediaconnect.amazonaws.com"] }] }],
    });
    const role = new IamRole(this, "DecryptionRole", {
      name: naming.name("mediaconnect-secrets"),
      description: "Lets MediaConnect read the source decryption secret of this event",
      assumeRolePolicy: trust.json,
    });
    const access = new DataAwsIamPolicyDocument(this, "DecryptionAccess", {
      statement: [
        {
          sid: "ReadSourceSecret",
          actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:ListSecretVersionIds"],
          resources: [secretArn],
        },
      ],
    });
    new IamRolePolicy(this, "DecryptionPolicy", { name: "read-source-secret", role: role.id, policy: access.json });
    return mc.protocol === "srt-listener"
      ? { keyType: "srt-password", roleArn: role.arn, secretArn }
      : { keyType: "static-key", algorithm: mc.decryption!.algorithm, roleArn: role.arn, secretArn };
  }
}

function pascal(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
