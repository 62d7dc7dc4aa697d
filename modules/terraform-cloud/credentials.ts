import { Construct } from "constructs";
import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ACCESS_PRINCIPALS } from "../access";
import type { AccountContext } from "../identity";
import { ServiceRoleBoundary } from "./boundary";
import { SERVICES, ServiceName, actionsFor } from "./permissions";
import { DEFAULT_PROJECT } from "./workspaces";

/** What one workspace's runs manage, so its roles may do that and nothing else. */
export interface WorkspaceAccess {
  readonly stack: string;
  /** The workspace name (the workload identity's subject names it). */
  readonly workspace: string;
  /** Regions the stack's providers use. */
  readonly regions: readonly string[];
  /** Physical-name prefixes of the stack's IAM roles and S3 buckets, such as `demo-live-euw1`. */
  readonly namePrefixes: readonly string[];
  /** Terraform types the stack manages (data sources as `data.<type>`). */
  readonly resourceTypes: readonly string[];
}

export interface DynamicCredentialsProps {
  /** The Terraform Cloud / Enterprise host name; it is the OIDC issuer and the claim-key prefix. */
  readonly hostname: string;
  readonly organization: string;
  /** @default "Default Project" */
  readonly project?: string;
  readonly event: string;
  /** The stack's account and partition (AccountIdentity, read once per stack). */
  readonly account: AccountContext;
  readonly workspaces: readonly WorkspaceAccess[];
  /**
   * The audience Terraform Cloud puts in its tokens.
   * @default "aws.workload.identity", Terraform Cloud's default (TFC_AWS_WORKLOAD_IDENTITY_AUDIENCE unset)
   */
  readonly audience?: string;
}

/**
 * Terraform Cloud dynamic provider credentials for AWS: the OIDC identity provider for the
 * Terraform Cloud host and, per workspace, a plan role (read only) and an apply role, each
 * trusted only by tokens for that organization, project, workspace and run phase.
 * https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
 *
 * No certificate thumbprint is configured: IAM verifies the issuer's TLS certificate against its
 * library of trusted root CAs and ignores thumbprints when the certificate chains to one
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateOpenIDConnectProviderThumbprint.html).
 * A self-hosted Terraform Enterprise with a private CA needs a thumbprint added by hand.
 *
 * Permissions come from the resource types each stack manages (permissions.ts), on ARNs in the
 * stack's regions and this account. Actions that accept no resource ARN sit in two shared
 * policies (read, write) limited to the event's regions; the policy pack flags them
 * (iam-no-wildcard-resource) and the configuration waives them with its reason.
 */
export class DynamicCredentials extends Construct {
  public readonly provider: IamOpenidConnectProvider;
  /** The permissions boundary every role a run creates must carry. */
  public readonly boundary: ServiceRoleBoundary;
  /** Role ARNs per stack name. */
  public readonly roles: Readonly<Record<string, { readonly plan: string; readonly apply: string }>>;

  constructor(scope: Construct, id: string, props: DynamicCredentialsProps) {
    super(scope, id);
    const audience = props.audience ?? "aws.workload.identity";
    const project = props.project ?? DEFAULT_PROJECT;
    const host = props.hostname;
    const { partition, accountId: account } = props.account;

    this.provider = new IamOpenidConnectProvider(this, "Provider", { url: `https://${host}`, clientIdList: [audience] });

    this.boundary = new ServiceRoleBoundary(this, "ServiceRoleBoundary", { event: props.event, account: props.account });

    const regions = [...new Set(props.workspaces.flatMap((w) => w.regions))].sort();
    const allTypes = props.workspaces.flatMap((w) => w.resourceTypes);
    const everything = actionsFor(allTypes);
    if (everything.unknown.length > 0) {
      throw new Error(`no deploy permissions known for ${everything.unknown.join(", ")}: add them to modules/terraform-cloud/permissions.ts`);
    }

    // Actions without a resource ARN, shared by every workspace of the event.
    const accountWide = (phase: "read" | "write") => {
      const actions = [...(phase === "read" ? everything.read : everything.write).entries()].flatMap(([service, list]) => list.filter((a) => SERVICES[service].accountWide?.includes(a))).sort();
      if (actions.length === 0) return undefined;
      const label = phase === "read" ? "Read" : "Write";
      const doc = new DataAwsIamPolicyDocument(this, `AccountWide${label}Document`, {
        statement: [{ sid: "NoResourceArn", actions, resources: ["*"], condition: [{ test: "StringEquals", variable: "aws:RequestedRegion", values: regions }] }],
      });
      return new IamPolicy(this, `AccountWide${label}`, {
        name: `${props.event}-tfc-account-wide-${phase}`,
        description: `Terraform Cloud runs of ${props.event}: ${phase} actions that take no resource ARN`,
        policy: doc.json,
      });
    };
    const shared = { read: accountWide("read"), write: accountWide("write") };

    const roles: Record<string, { plan: string; apply: string }> = {};
    for (const ws of props.workspaces) {
      const access = actionsFor(ws.resourceTypes);
      const made = { plan: "", apply: "" };
      const wsScope = new Construct(this, ws.stack);
      for (const phase of ["plan", "apply"] as const) {
        const label = phase === "plan" ? "Plan" : "Apply";
        const trust = new DataAwsIamPolicyDocument(wsScope, `${label}Trust`, {
          statement: [
            {
              actions: ["sts:AssumeRoleWithWebIdentity"],
              principals: [{ type: "Federated", identifiers: [this.provider.arn] }],
              condition: [
                { test: "StringEquals", variable: `${host}:aud`, values: [audience] },
                { test: "StringEquals", variable: `${host}:sub`, values: [`organization:${props.organization}:project:${project}:workspace:${ws.workspace}:run_phase:${phase}`] },
              ],
            },
          ],
        });
        const suffix = ws.stack.startsWith(`${props.event}-`) ? ws.stack.slice(props.event.length + 1) : ws.stack;
        const role = new IamRole(wsScope, `${label}Role`, {
          name: `${props.event}-tfc-${suffix}-${phase}`,
          description: `Terraform Cloud ${phase} runs of workspace ${ws.workspace} (event ${props.event})`,
          assumeRolePolicy: trust.json,
          maxSessionDuration: 3600,
        });
        const byService = new Map<ServiceName, string[]>(access.read);
        if (phase === "apply") for (const [service, list] of access.write) byService.set(service, [...new Set([...(byService.get(service) ?? []), ...list])].sort());
        const statements: DataAwsIamPolicyDocumentStatement[] = [];
        for (const [service, list] of byService) {
          const scoped = list.filter((a) => !SERVICES[service].accountWide?.includes(a));
          if (scoped.length === 0) continue;
          const sid = service.replace(/^./, (c) => c.toUpperCase());
          const resources = arns(service, ws, partition, account);
          if (service !== "iam") {
            statements.push({ sid, actions: scoped, resources });
            continue;
          }
          // Roles a run writes must carry the boundary, and may be handed only to the pipeline's services.
          const plain = scoped.filter((a) => !BOUNDED_ROLE_ACTIONS.includes(a) && a !== "iam:PassRole" && !NEVER_GRANTED.includes(a));
          const bounded = scoped.filter((a) => BOUNDED_ROLE_ACTIONS.includes(a));
          if (plain.length > 0) statements.push({ sid, actions: plain, resources });
          if (bounded.length > 0) {
            statements.push({ sid: "IamWithBoundary", actions: bounded, resources, condition: [{ test: "StringEquals", variable: "iam:PermissionsBoundary", values: [this.boundary.arn] }] });
          }
          if (scoped.includes("iam:PassRole")) {
            const services = Object.values(ACCESS_PRINCIPALS).map((p) => p.service).sort();
            statements.push({ sid: "IamPassRole", actions: ["iam:PassRole"], resources, condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: services }] });
          }
        }
        if (statements.length > 0) {
          const doc = new DataAwsIamPolicyDocument(wsScope, `${label}Permissions`, { statement: statements });
          new IamRolePolicy(wsScope, `${label}Policy`, { name: `deploy-${phase}`, role: role.id, policy: doc.json });
        }
        const sharedPolicies = phase === "plan" ? [shared.read] : [shared.read, shared.write];
        for (const policy of sharedPolicies) {
          if (policy) new IamRolePolicyAttachment(wsScope, `${label}${policy.node.id}`, { role: role.name, policyArn: policy.arn });
        }
        made[phase] = role.arn;
      }
      roles[ws.stack] = made;
    }
    this.roles = roles;
  }
}

/**
 * Role-writing actions that the Service Authorization Reference lists with the condition key
 * iam:PermissionsBoundary: granted only when the request names the service-role boundary.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
 */
export const BOUNDED_ROLE_ACTIONS: readonly string[] = ["iam:AttachRolePolicy", "iam:CreateRole", "iam:DeleteRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy"];
/** Removing the boundary would undo it. */
const NEVER_GRANTED: readonly string[] = ["iam:DeleteRolePermissionsBoundary"];

/** The ARNs a service's scoped actions may touch for one workspace. */
function arns(service: ServiceName, ws: WorkspaceAccess, partition: string, account: string): string[] {
  const s = SERVICES[service];
  switch (service) {
    // Roles and buckets by the stack's physical-name prefixes: never the Terraform Cloud roles themselves.
    case "iam":
      return ws.namePrefixes.map((p) => `arn:${partition}:iam::${account}:role/${p}-*`);
    case "s3":
      return ws.namePrefixes.map((p) => `arn:${partition}:s3:::${p}-*`);
    case "route53":
      return [`arn:${partition}:route53:::hostedzone/*`, `arn:${partition}:route53:::change/*`];
    default:
      return s.global ? [`arn:${partition}:${s.arnService}::${account}:*`] : ws.regions.map((r) => `arn:${partition}:${s.arnService}:${r}:${account}:*`);
  }
}
