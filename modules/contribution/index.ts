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
import { ACCESS_PRINCIPALS, accessStatements } from "../access";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";
import { type ZonesProblem, availabilityZonesProblems } from "./zones";

export { availabilityZonesProblems, type ZonesProblem } from "./zones";

/** The two inputs every channel gets; the channel fails over from primary to backup. */
export const INPUT_ROLES = ["primary", "backup"] as const;
export type InputRole = (typeof INPUT_ROLES)[number];
/** Pipeline letters: pipeline 0 is "a", pipeline 1 is "b". */
export const PIPELINE_LETTERS = ["a", "b"] as const;

/** How the event feed reaches MediaLive. */
export type ContributionType = "MEDIACONNECT" | "RTP_PUSH" | "UDP_PUSH" | "RTMP_PUSH" | "RTMP_PULL" | "URL_PULL" | "MP4_FILE" | "TS_FILE" | "INPUT_DEVICE";
/** The transport a MediaConnect flow's source listens with. */
export type FlowProtocol = "rtp" | "rtp-fec" | "rist" | "srt-listener" | "zixi-push";

/** Input types that listen for the feed, so need the senders' networks. */
const LISTENING_TYPES: ReadonlySet<ContributionType> = new Set(["MEDIACONNECT", "RTP_PUSH", "UDP_PUSH", "RTMP_PUSH"]);
/** Input types that pull the feed from URLs. */
const PULL_TYPES: ReadonlySet<ContributionType> = new Set(["RTMP_PULL", "URL_PULL", "MP4_FILE", "TS_FILE"]);

/**
 * How the feed reaches MediaLive: the input type and the settings of that type. The shape is the
 * `contribution` block of the event file, so a validated configuration can be spread into
 * ContributionProps as it is.
 */
export interface ContributionSettings {
  /**
   * The MediaLive input type.
   * @default "MEDIACONNECT"
   */
  readonly type?: ContributionType;
  /**
   * Networks allowed to send the feed. Required for MEDIACONNECT (exactly the first one is used by
   * each flow's main source) and the *_PUSH types (all of them, in the input security group).
   * @default none; a listening input type refuses to be built without it
   */
  readonly allowlistCidrs?: readonly string[];
  /**
   * The flows of a MEDIACONNECT input.
   * @default none; required for type MEDIACONNECT
   */
  readonly mediaconnect?: FlowSettings;
  /**
   * RTMP_PUSH stream names.
   * @default application name "live"
   */
  readonly rtmpPush?: RtmpPushSettings;
  /**
   * Source URLs of RTMP_PULL, URL_PULL, MP4_FILE and TS_FILE inputs.
   * @default none; required for those types
   */
  readonly pull?: PullSettings;
  /**
   * Elemental Link devices of an INPUT_DEVICE input.
   * @default none; required for type INPUT_DEVICE
   */
  readonly inputDevices?: { readonly primary: readonly string[]; readonly backup: readonly string[] };
}

/** One MediaConnect flow per input and pipeline, all configured alike. */
export interface FlowSettings {
  /** The protocol the encoders send with. */
  readonly protocol: FlowProtocol;
  /**
   * The port the primary input's flows listen on (not used by zixi-push, which always listens on 2088).
   * @default 5000
   */
  readonly primaryPort?: number;
  /**
   * The port the backup input's flows listen on (not used by zixi-push).
   * @default 5001
   */
  readonly backupPort?: number;
  /**
   * The receive buffer of rist and zixi-push sources, in milliseconds.
   * @default 2000
   */
  readonly maxLatencyMs?: number;
  /**
   * The latency an srt-listener source negotiates with the sender, in milliseconds.
   * @default 2000
   */
  readonly minLatencyMs?: number;
  /**
   * The stream id of zixi-push (required there) or srt-listener sources.
   * @default no stream id
   */
  readonly streamId?: string;
  /**
   * Per region, the two Availability Zones the flows of pipeline a and b run in: two different
   * zone names of that region, each the region code and a letter such as eu-west-1a (zones.ts).
   * @default the first two zones the account has in the region, read at plan time
   */
  readonly availabilityZones?: Readonly<Record<string, readonly string[]>>;
  /**
   * How the source is decrypted (the secret itself is `ContributionProps.sourceSecretArn`).
   * @default algorithm "aes256" (used by zixi-push only)
   */
  readonly decryption?: { readonly algorithm?: "aes128" | "aes192" | "aes256" };
  /**
   * A second source on every flow (another path for the same feed), with source failover.
   * @default one source per flow
   */
  readonly secondSource?: SecondSourceSettings;
}

/** A second source on every flow. */
export interface SecondSourceSettings {
  /** The network allowed to send to the second source. */
  readonly allowlistCidr: string;
  /**
   * The second source listens on the flow's port plus this offset.
   * @default 10
   */
  readonly portOffset?: number;
  /**
   * FAILOVER switches to the second source when the main one fails; MERGE combines the packets of both.
   * @default "FAILOVER"
   */
  readonly failoverMode?: "FAILOVER" | "MERGE";
  /**
   * MERGE only: how long the flow waits for missing packets, in milliseconds.
   * @default 200
   */
  readonly recoveryWindowMs?: number;
}

/** RTMP_PUSH stream names: `<applicationName>/<event>-<role>-<pipeline letter>`. */
export interface RtmpPushSettings {
  /**
   * The first part of every stream name.
   * @default "live"
   */
  readonly applicationName?: string;
}

/** Where pull inputs read the feed: one URL per pipeline for each input. */
export interface PullSettings {
  /** The primary input's URLs, one per pipeline. */
  readonly primaryUrls: readonly string[];
  /** The backup input's URLs, one per pipeline. */
  readonly backupUrls: readonly string[];
  /**
   * The user name for the source.
   * @default "" (an unauthenticated source)
   */
  readonly username?: string;
  /**
   * The name of an SSM SecureString parameter holding the source's password (never the password).
   * @default "" (no password)
   */
  readonly passwordParameter?: string;
}

/** The input type and its settings (ContributionSettings, flat), and where and how the inputs are built. */
export interface ContributionProps extends ContributionSettings {
  /** Physical names. */
  readonly naming: Naming;
  /** The region the stack deploys to (the flows' Availability Zones are in it). */
  readonly region: string;
  /** The stack's account and partition (the secret-reading roles' policies name them). */
  readonly account: AccountContext;
  /**
   * 2 for a STANDARD channel, 1 for SINGLE_PIPELINE: one flow, URL or device per pipeline.
   * @default 2
   */
  readonly pipelines?: 1 | 2;
  /**
   * The role MediaLive assumes; MEDIACONNECT inputs need it to read the flows.
   * @default none; required for type MEDIACONNECT
   */
  readonly mediaLiveRoleArn?: string;
  /**
   * Tags for awscc resources (the aws provider applies its default tags itself).
   * @default no tags
   */
  readonly awsccTags?: readonly { readonly key: string; readonly value: string }[];
  /**
   * What must exist before the inputs (MediaLive checks its role when an input is created).
   * @default nothing
   */
  readonly inputsDependOn?: ITerraformDependable[];
  /**
   * The secret that decrypts the encoders' feed in this region (mediaconnect.decryption, resolved
   * for the region by the stack). Unused when the feed is forwarded from another region.
   * @default an unencrypted feed
   */
  readonly sourceSecretArn?: string;
  /**
   * Forwarded feed: this region's flows receive from the primary region's flows instead of the encoders.
   * @default the encoders send to this region's flows
   */
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
  /** The primary region. */
  readonly region: string;
  /** The primary region's flows, by key (`primary-a`, ...). */
  readonly flows: Readonly<Record<string, { readonly flowArn: string; readonly egressIp: string }>>;
  /** An awscc provider for the primary region, declared in this stack (the outputs on the primary flows use it). */
  readonly awsccProvider: TerraformProvider;
  /** An aws provider for the primary region, declared in this stack (the sending side's secret reader uses it). */
  readonly awsProvider: TerraformProvider;
  /**
   * The transport between the regions.
   * @default "srt"
   */
  readonly protocol?: "rist" | "srt" | "zixi";
  /**
   * The receive buffer of the link, in milliseconds.
   * @default 2000
   */
  readonly latencyMs?: number;
  /**
   * The link's passphrase/key, by region (the same secret stored in both regions).
   * @default an unencrypted link
   */
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
    const { naming } = props;
    // Defaults, once (the event file's schema states the same ones; a test compares the two).
    const type = props.type ?? "MEDIACONNECT";
    const pipelines = props.pipelines ?? 2;
    const awsccTags = [...(props.awsccTags ?? [])];
    this.permissionsBoundary = props.permissionsBoundary;
    validate(type, pipelines, props);
    const pipelineLetters = PIPELINE_LETTERS.slice(0, pipelines);

    let flows: ContributionFlow[] = [];
    if (type === "MEDIACONNECT") {
      const mc = flowDefaults(props.mediaconnect!);
      const configured = mc.availabilityZones?.[props.region];
      const read = (this.zones = availabilityZones(this, configured));
      const zones = configured ?? [0, 1].map((i) => Fn.element(read.names, i));
      flows = props.upstream
        ? this.createForwardedFlows(props, pipelines, mc, props.upstream, zones, awsccTags)
        : this.createFlows(props, pipelines, mc, props.allowlistCidrs![0], zones, awsccTags);
    }
    if (type === "RTP_PUSH" || type === "UDP_PUSH" || type === "RTMP_PUSH") {
      this.securityGroup = new MedialiveInputSecurityGroup(this, "SecurityGroup", {
        whitelistRules: props.allowlistCidrs!.map((cidr) => ({ cidr })),
      });
    }
    this.flows = flows;

    const inputFor = (role: InputRole): MedialiveInputConfig => {
      const name = naming.name(`input-${role}`);
      switch (type) {
        case "MEDIACONNECT":
          return {
            name,
            type: "MEDIACONNECT",
            roleArn: props.mediaLiveRoleArn,
            mediaConnectFlows: flows.filter((f) => f.role === role).map((f) => ({ flowArn: f.flow.flowArn })),
          };
        case "RTP_PUSH":
        case "UDP_PUSH":
          return { name, type, inputSecurityGroups: [this.securityGroup!.id] };
        case "RTMP_PUSH":
          return {
            name,
            type: "RTMP_PUSH",
            inputSecurityGroups: [this.securityGroup!.id],
            destinations: pipelineLetters.map((letter) => ({
              streamName: `${props.rtmpPush?.applicationName ?? "live"}/${naming.event}-${role}-${letter}`,
            })),
          };
        case "INPUT_DEVICE":
          return { name, type: "INPUT_DEVICE", inputDevices: props.inputDevices![role].map((deviceId) => ({ id: deviceId })) };
        default: {
          const pull = props.pull!;
          const urls = role === "primary" ? pull.primaryUrls : pull.backupUrls;
          return {
            name,
            type,
            // The provider requires all three keys; empty credentials mean an unauthenticated source.
            sources: urls.map((url) => ({ url, username: pull.username ?? "", passwordParam: pull.passwordParameter ?? "" })),
          };
        }
      }
    };
    this.inputs = {
      primary: new MedialiveInput(this, "InputPrimary", { ...inputFor("primary"), dependsOn: props.inputsDependOn }),
      backup: new MedialiveInput(this, "InputBackup", { ...inputFor("backup"), dependsOn: props.inputsDependOn }),
    };
  }

  private createFlows(
    props: ContributionProps,
    pipelines: number,
    mc: ResolvedFlowSettings,
    allowlistCidr: string,
    zones: readonly string[],
    awsccTags: { key: string; value: string }[],
  ): ContributionFlow[] {
    const { naming } = props;
    const decryption = props.sourceSecretArn
      ? mc.protocol === "srt-listener"
        ? { keyType: "srt-password", roleArn: this.secretReader("Decryption", naming.name("mediaconnect-secrets"), props.account, props.sourceSecretArn).arn, secretArn: props.sourceSecretArn }
        : {
            keyType: "static-key",
            algorithm: mc.decryptionAlgorithm,
            roleArn: this.secretReader("Decryption", naming.name("mediaconnect-secrets"), props.account, props.sourceSecretArn).arn,
            secretArn: props.sourceSecretArn,
          }
      : undefined;
    // Zixi push always listens on 2088; the other protocols take the configured ports.
    // https://docs.aws.amazon.com/mediaconnect/latest/ug/source-ports.html
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
            tags: awsccTags,
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
  private createForwardedFlows(
    props: ContributionProps,
    pipelines: number,
    mc: ResolvedFlowSettings,
    up: UpstreamFeed,
    zones: readonly string[],
    awsccTags: { key: string; value: string }[],
  ): ContributionFlow[] {
    const { naming, region } = props;
    const protocol = up.protocol ?? "srt";
    const latencyMs = up.latencyMs ?? 2000;
    const link = LINK[protocol];
    const here = up.secretArns?.[region];
    const there = up.secretArns?.[up.region];
    const decryptRole = here ? this.secretReader("LinkDecryption", naming.name("link-in-secrets"), props.account, here) : undefined;
    // The sending side reads the same secret in the primary region; IAM is global, the name says which link.
    const encryptRole = there ? this.secretReader("LinkEncryption", naming.name("link-out-secrets"), props.account, there, up.awsProvider) : undefined;
    const algorithm = protocol === "zixi" ? "aes256" : undefined;
    const latency = protocol === "srt" ? { minLatency: latencyMs } : { maxLatency: latencyMs };

    const flows: ContributionFlow[] = [];
    for (const { role, pipeline, letter, key, idSuffix } of flowSlots(pipelines)) {
      const sender = up.flows[key];
      // Zixi push always listens on 2088; the other links reuse the configured ports.
      const port = protocol === "zixi" ? 2088 : role === "primary" ? mc.primaryPort : mc.backupPort;
      const streamId = protocol === "zixi" ? `${naming.event}-${key}` : undefined;
      const flow = new MediaconnectFlow(this, `Flow${idSuffix}`, {
        name: naming.name(`flow-${key}`),
        availabilityZone: zones[pipeline],
        source: {
          name: "main",
          description: `${role} feed, pipeline ${letter}, forwarded from ${up.region}`,
          protocol: link.source,
          ingestPort: protocol === "zixi" ? undefined : port,
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
        tags: awsccTags,
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

/** FlowSettings with every default filled in. */
interface ResolvedFlowSettings {
  readonly protocol: FlowProtocol;
  readonly primaryPort: number;
  readonly backupPort: number;
  readonly maxLatencyMs: number;
  readonly minLatencyMs: number;
  readonly streamId?: string;
  readonly availabilityZones?: Readonly<Record<string, readonly string[]>>;
  readonly decryptionAlgorithm: "aes128" | "aes192" | "aes256";
  readonly secondSource?: { readonly allowlistCidr: string; readonly portOffset: number; readonly failoverMode: "FAILOVER" | "MERGE"; readonly recoveryWindowMs: number };
}

/** The defaults of FlowSettings (the `@default`s above). */
function flowDefaults(mc: FlowSettings): ResolvedFlowSettings {
  const second = mc.secondSource;
  return {
    protocol: mc.protocol,
    primaryPort: mc.primaryPort ?? 5000,
    backupPort: mc.backupPort ?? 5001,
    maxLatencyMs: mc.maxLatencyMs ?? 2000,
    minLatencyMs: mc.minLatencyMs ?? 2000,
    streamId: mc.streamId,
    availabilityZones: mc.availabilityZones,
    decryptionAlgorithm: mc.decryption?.algorithm ?? "aes256",
    secondSource: second && {
      allowlistCidr: second.allowlistCidr,
      portOffset: second.portOffset ?? 10,
      failoverMode: second.failoverMode ?? "FAILOVER",
      recoveryWindowMs: second.recoveryWindowMs ?? 200,
    },
  };
}

/**
 * What the construct cannot be built without; each message says what is missing and what to do.
 * (The event file's loader reports the same problems against the file, with its pointers.)
 */
function validate(type: ContributionType, pipelines: number, props: ContributionProps): void {
  const fail = (what: string) => {
    throw new Error(`Contribution: ${what}`);
  };
  // A forwarded feed's flows listen to the primary region's flows only (their egress addresses).
  const listening = LISTENING_TYPES.has(type) && !props.upstream;
  if (listening && !props.allowlistCidrs?.length) {
    fail(`type ${type} listens for the feed and needs allowlistCidrs, the networks the encoders send from (got ${JSON.stringify(props.allowlistCidrs ?? null)})`);
  }
  if (listening && type === "MEDIACONNECT" && props.allowlistCidrs!.length > 1) {
    fail(`a MediaConnect source accepts exactly one CIDR, but allowlistCidrs has ${props.allowlistCidrs!.length} (got ${props.allowlistCidrs!.join(", ")}); use one block that covers the encoders, or add mediaconnect.secondSource with its own`);
  }
  if (type === "MEDIACONNECT") {
    if (!props.mediaconnect) fail("type MEDIACONNECT needs mediaconnect settings (at least the protocol)");
    if (!props.mediaLiveRoleArn) fail("type MEDIACONNECT needs mediaLiveRoleArn, the role MediaLive reads the flows with");
    if (props.mediaconnect!.protocol === "zixi-push" && !props.upstream && !props.mediaconnect!.streamId) fail("protocol zixi-push needs mediaconnect.streamId, the stream id the encoders send");
    const missing = props.upstream && flowSlots(pipelines).filter((s) => !props.upstream!.flows[s.key]).map((s) => s.key);
    if (missing?.length) fail(`upstream.flows has no flow ${missing.join(", ")} to forward from (got ${Object.keys(props.upstream!.flows).join(", ") || "none"})`);
    // The loader's rule too (zones.ts); zone names go into a plan-time check (a Terraform expression).
    const zoneProblems = availabilityZonesProblems(props.mediaconnect!.availabilityZones ?? {});
    if (zoneProblems.length) {
      const name = ([region, index]: ZonesProblem["path"]) => `mediaconnect.availabilityZones.${region}${index === undefined ? "" : `[${index}]`}`;
      throw new Error(zoneProblems.map((p) => `Contribution: ${name(p.path)} ${p.text}`).join("\n"));
    }
  }
  if (PULL_TYPES.has(type)) {
    if (!props.pull) fail(`type ${type} needs pull settings, the URLs to read the feed from`);
    for (const key of ["primaryUrls", "backupUrls"] as const) {
      const n = props.pull![key].length;
      if (n !== pipelines) fail(`pull.${key} must list one URL per pipeline, ${pipelines} (got ${n})`);
    }
  }
  if (type === "INPUT_DEVICE") {
    if (!props.inputDevices) fail("type INPUT_DEVICE needs inputDevices, the Elemental Link devices of the primary and backup inputs");
    for (const key of ["primary", "backup"] as const) {
      const n = props.inputDevices![key].length;
      if (n !== pipelines) fail(`inputDevices.${key} must list one device per pipeline, ${pipelines} (got ${n})`);
    }
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
 * flows run in the configured zones (checked by validate() with the loader's rule, zones.ts) or
 * else in the first two zones listed. Postconditions stop the plan when
 * the region has fewer than two zones or a configured zone is not among them.
 * https://registry.terraform.io/providers/hashicorp/aws/5.100.0/docs/data-sources/availability_zones
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html
 */
function availabilityZones(scope: Construct, configured: readonly string[] | undefined): DataAwsAvailabilityZones {
  const postcondition = [{ condition: "${length(self.names) >= 2}", errorMessage: "MediaConnect flows need two Availability Zones; the region lists fewer for this account." }];
  if (configured) {
    // Zone names are checked by validate() (a region code and a letter): safe to quote.
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
