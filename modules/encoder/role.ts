import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Naming } from "../naming";

export interface MediaLiveRoleProps {
  readonly naming: Naming;
  readonly region: string;
  /** Name prefix of this event's MediaConnect flows in the region, when inputs read flows. */
  readonly mediaConnectFlowPrefix?: string;
  /** The MediaPackage v2 channel group and channel MediaLive pushes to. */
  readonly packagerChannel: { readonly group: string; readonly channel: string };
  /** An SSM SecureString parameter holding the pull-input password, when there is one. */
  readonly passwordParameter?: string;
}

/**
 * The role MediaLive assumes: push segments to this event's MediaPackage v2 channel, use this
 * event's MediaConnect flows, write its own logs, read the pull-input password. Resources are
 * given by ARN pattern built from the physical names, so the policy exists before the inputs
 * and channel that need it (MediaLive checks the role when an input is created). The account
 * field is a wildcard because the account id is not known without an API call at plan time;
 * the names and the region still scope every statement to this event.
 */
export class MediaLiveRole extends Construct {
  public readonly role: IamRole;
  public readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: MediaLiveRoleProps) {
    super(scope, id);
    const { naming, region } = props;
    const trust = new DataAwsIamPolicyDocument(this, "Trust", {
      statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["medialive.amazonaws.com"] }] }],
    });
    this.role = new IamRole(this, "Resource", {
      name: naming.name("medialive"),
      description: "Lets MediaLive read this event's inputs and push to its MediaPackage v2 channel",
      assumeRolePolicy: trust.json,
    });

    const statements: DataAwsIamPolicyDocumentStatement[] = [
      {
        sid: "PushToPackager",
        actions: ["mediapackagev2:PutObject"],
        resources: [`arn:aws:mediapackagev2:${region}:*:channelGroup/${props.packagerChannel.group}/channel/${props.packagerChannel.channel}`],
      },
      {
        sid: "WriteChannelLogs",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        resources: [`arn:aws:logs:${region}:*:log-group:ElementalMediaLive*`],
      },
    ];
    if (props.mediaConnectFlowPrefix) {
      statements.push({
        sid: "UseMediaConnectFlows",
        actions: ["mediaconnect:ManagedDescribeFlow", "mediaconnect:ManagedAddOutput", "mediaconnect:ManagedRemoveOutput"],
        resources: [`arn:aws:mediaconnect:${region}:*:flow:*:${props.mediaConnectFlowPrefix}*`],
      });
    }
    if (props.passwordParameter) {
      statements.push({
        sid: "ReadPullPassword",
        actions: ["ssm:GetParameter", "ssm:GetParameters"],
        resources: [`arn:aws:ssm:${region}:*:parameter/${props.passwordParameter.replace(/^\//, "")}`],
      });
    }
    const access = new DataAwsIamPolicyDocument(this, "Access", { statement: statements });
    this.policy = new IamRolePolicy(this, "Policy", { name: "medialive-access", role: this.role.id, policy: access.json });
  }
}
