import { Construct } from "constructs";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ACCESS_PRINCIPALS, AccessFeature, accessStatements, s3Location } from "../access";
import type { AccountContext } from "../identity";
import { Naming } from "../naming";

export interface MediaLiveRoleProps {
  /** Physical names: the role is `<event>-<region>-medialive`. */
  readonly naming: Naming;
  /** The region every resource ARN names. */
  readonly region: string;
  /** The stack's account and partition: every resource ARN names them. */
  readonly account: AccountContext;
  /**
   * Name prefix of this event's MediaConnect flows in the region, when inputs read flows.
   * @default no MediaConnect access
   */
  readonly mediaConnectFlowPrefix?: string;
  /** The MediaPackage v2 channel group and channel MediaLive pushes to. */
  readonly packagerChannel: { readonly group: string; readonly channel: string };
  /**
   * An SSM SecureString parameter holding the pull-input password, when there is one.
   * @default no parameter is read
   */
  readonly passwordParameter?: string;
  /**
   * The pull inputs' source URLs (files and HLS); those on S3 (`s3ssl://`) are read with this role.
   * @default no S3 access
   */
  readonly sourceUrls?: readonly string[];
  /**
   * The managed policy ARN that bounds the role (Terraform Cloud runs may create only bounded roles).
   * @default no permissions boundary
   */
  readonly permissionsBoundary?: string;
}

/**
 * The role MediaLive assumes, with exactly the statements the access catalog
 * (modules/access/requirements.json) lists for this event's features: push to its MediaPackage v2
 * channel, write its logs, and, when used, its MediaConnect flows, its pull password and its S3
 * source files. Resources are ARNs built from the physical names, the stack's account and
 * partition, so the policy exists before the inputs and channel that need it (MediaLive checks the
 * role when an input is created).
 */
export class MediaLiveRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: MediaLiveRoleProps) {
    super(scope, id);
    const { naming, region } = props;
    const s3 = (props.sourceUrls ?? []).map(s3Location).filter((l): l is NonNullable<typeof l> => l !== undefined);
    const features = new Set<AccessFeature>();
    if (props.mediaConnectFlowPrefix) features.add("mediaconnectInput");
    if (props.passwordParameter) features.add("pullPassword");
    if (s3.length > 0) features.add("s3Source");

    const trust = new DataAwsIamPolicyDocument(this, "Trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [ACCESS_PRINCIPALS.medialive.service] }] }],
    });
    this.role = new IamRole(this, "Resource", {
      name: naming.name("medialive"),
      description: "Lets MediaLive read this event's inputs and push to its MediaPackage v2 channel",
      assumeRolePolicy: trust.json,
      permissionsBoundary: props.permissionsBoundary,
    });
    const access = new DataAwsIamPolicyDocument(this, "Access", {
      statement: accessStatements("medialive", features, {
        partition: props.account.partition,
        account: props.account.accountId,
        region,
        channelGroup: props.packagerChannel.group,
        channel: props.packagerChannel.channel,
        flowPrefix: props.mediaConnectFlowPrefix,
        parameter: props.passwordParameter?.replace(/^\//, ""),
        bucket: s3.map((l) => l.bucket),
        object: s3.map((l) => l.object),
      }),
    });
    this.policy = new IamRolePolicy(this, "Policy", { name: "medialive-access", role: this.role.id, policy: access.json });
  }
}
