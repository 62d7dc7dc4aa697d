import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { ACCESS_REQUIREMENTS } from "../access";
import type { AccountContext } from "../identity";

/**
 * The permissions boundary of the pipeline's service roles when Terraform Cloud runs deploy them.
 * The workspaces' apply roles may create and change roles named after their stack only when the
 * role carries this boundary (condition key iam:PermissionsBoundary), so no run can make a role
 * that does more than the pipeline's services ever need: no escalation, no backdoor.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 *
 * The name is fixed per event, so the regional stacks build its ARN from their own account and
 * partition without reading the bootstrap stack (the apply order does not change).
 */
export function serviceRoleBoundaryName(event: string): string {
  return `${event}-tfc-service-role-boundary`;
}

/** The boundary policy's ARN in the given account and partition. */
export function serviceRoleBoundaryArn(event: string, account: AccountContext): string {
  return `arn:${account.partition}:iam::${account.accountId}:policy/${serviceRoleBoundaryName(event)}`;
}

/**
 * The boundary's statements: every requirement of the access catalog (modules/access), for
 * MediaLive's and MediaConnect's roles alike, with the catalog's ARN templates widened to any
 * region and any event resource but kept to this account and partition. A placeholder that is a
 * whole ARN (a secret) becomes the service's ARNs in this account.
 */
export function serviceRoleBoundaryStatements(account: AccountContext): DataAwsIamPolicyDocumentStatement[] {
  return ACCESS_REQUIREMENTS.map((r) => {
    const service = r.actions[0].action.split(":")[0];
    const resources = r.resources.map((t) =>
      /^\{[A-Za-z]+\}$/.test(t)
        ? `arn:${account.partition}:${service}:*:${account.accountId}:*`
        : t.replace(/\{([A-Za-z]+)\}/g, (_m, name: string) => (name === "partition" ? account.partition : name === "account" ? account.accountId : "*")),
    );
    return { sid: r.sid, actions: r.actions.map((a) => a.action), resources: [...new Set(resources.map((a) => a.replace(/\*+/g, "*")))] };
  });
}

export interface ServiceRoleBoundaryProps {
  readonly event: string;
  readonly account: AccountContext;
}

/** The managed policy that bounds every service role a Terraform Cloud run creates. */
export class ServiceRoleBoundary extends Construct {
  public readonly policy: IamPolicy;
  /** The ARN the apply roles' conditions name: built from the name, known at plan time. */
  public readonly arn: string;

  constructor(scope: Construct, id: string, props: ServiceRoleBoundaryProps) {
    super(scope, id);
    const doc = new DataAwsIamPolicyDocument(this, "Document", { statement: serviceRoleBoundaryStatements(props.account) });
    this.policy = new IamPolicy(this, "Resource", {
      name: serviceRoleBoundaryName(props.event),
      description: `Most that the service roles of ${props.event} may do (MediaLive and MediaConnect, from the access catalog)`,
      policy: doc.json,
    });
    this.arn = serviceRoleBoundaryArn(props.event, props.account);
  }
}
