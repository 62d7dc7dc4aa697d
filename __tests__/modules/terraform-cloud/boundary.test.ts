// cdktf's matcher types (the matchers themselves are set up in support/setup.ts).
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { AccountIdentity } from "../../../modules/identity";
import { DynamicCredentials, DynamicCredentialsProps, ServiceRoleBoundary } from "../../../modules/terraform-cloud";

const PARTITION = "${data.aws_partition.Identity_Partition_856E58AB.partition}";
const ACCOUNT = "${data.aws_caller_identity.Identity_Caller_D67FCA37.account_id}";
const BOUNDARY_ARN = `arn:${PARTITION}:iam::${ACCOUNT}:policy/final-tfc-service-role-boundary`;

/** The statements of the policy document a `${data.aws_iam_policy_document.X.json}` reference names. */
function statements(parsed: any, reference: string): any[] {
  const name = /^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/.exec(reference)![1];
  return parsed.data.aws_iam_policy_document[name].statement;
}

describe("the service-role permissions boundary", () => {
  const json = Testing.synthScope((scope) => {
    new ServiceRoleBoundary(scope, "Boundary", { event: "final", account: new AccountIdentity(scope, "Identity") });
  });
  const parsed = JSON.parse(json);

  test("is one managed policy with a fixed, per-event name", () => {
    expect(json).toHaveResourceWithProperties(IamPolicy, { name: "final-tfc-service-role-boundary" });
    expect(Object.keys(parsed.resource.aws_iam_policy)).toHaveLength(1);
  });

  test("allows exactly what MediaLive's and MediaConnect's roles may do, in this account and partition", () => {
    const policy: any = Object.values(parsed.resource.aws_iam_policy)[0];
    expect(statements(parsed, policy.policy)).toEqual([
      { sid: "PushToPackager", actions: ["mediapackagev2:PutObject"], resources: [`arn:${PARTITION}:mediapackagev2:*:${ACCOUNT}:channelGroup/*/channel/*`] },
      {
        sid: "WriteChannelLogs",
        actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
        resources: [`arn:${PARTITION}:logs:*:${ACCOUNT}:log-group:ElementalMediaLive*`],
      },
      {
        sid: "UseMediaConnectFlows",
        actions: ["mediaconnect:ManagedDescribeFlow", "mediaconnect:ManagedAddOutput", "mediaconnect:ManagedRemoveOutput"],
        resources: [`arn:${PARTITION}:mediaconnect:*:${ACCOUNT}:flow:*:*`],
      },
      { sid: "ReadPullPassword", actions: ["ssm:GetParameter", "ssm:GetParameters"], resources: [`arn:${PARTITION}:ssm:*:${ACCOUNT}:parameter/*`] },
      { sid: "ListSourceBuckets", actions: ["s3:ListBucket"], resources: [`arn:${PARTITION}:s3:::*`] },
      { sid: "ReadSourceFiles", actions: ["s3:GetObject"], resources: [`arn:${PARTITION}:s3:::*`] },
      {
        sid: "ReadOneSecret",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:ListSecretVersionIds"],
        resources: [`arn:${PARTITION}:secretsmanager:*:${ACCOUNT}:*`],
      },
    ]);
  });
});

describe("apply roles write only bounded roles", () => {
  const BASE: Omit<DynamicCredentialsProps, "account"> = {
    hostname: "app.terraform.io",
    organization: "acme",
    event: "final",
    workspaces: [
      { stack: "final-eu-west-1", workspace: "live-final-eu-west-1", regions: ["eu-west-1"], namePrefixes: ["final-euw1"], resourceTypes: ["aws_iam_role", "aws_iam_role_policy", "data.aws_iam_policy_document"] },
      { stack: "final-cdn", workspace: "live-final-cdn", regions: ["us-east-1"], namePrefixes: ["final-global"], resourceTypes: ["aws_cloudfront_distribution"] },
    ],
  };
  const json = Testing.synthScope((scope) => {
    new DynamicCredentials(scope, "Credentials", { ...BASE, account: new AccountIdentity(scope, "Identity") });
  });
  const parsed = JSON.parse(json);
  const policyOf = (roleName: string): any[] => {
    const [logical] = Object.entries(parsed.resource.aws_iam_role).find(([, r]: [string, any]) => r.name === roleName)!;
    const inline: any = Object.values(parsed.resource.aws_iam_role_policy).find((p: any) => p.role === `\${aws_iam_role.${logical}.id}`);
    return inline ? statements(parsed, inline.policy) : [];
  };
  const roleArns = [`arn:${PARTITION}:iam::${ACCOUNT}:role/final-euw1-*`];

  test("the bootstrap creates the boundary policy", () => {
    expect(json).toHaveResourceWithProperties(IamPolicy, { name: "final-tfc-service-role-boundary" });
  });

  test("CreateRole, PutRolePolicy, DeleteRolePolicy and PutRolePermissionsBoundary only with iam:PermissionsBoundary = the boundary", () => {
    const apply = policyOf("final-tfc-eu-west-1-apply");
    expect(apply.find((s) => s.sid === "IamWithBoundary")).toEqual({
      sid: "IamWithBoundary",
      actions: ["iam:CreateRole", "iam:DeleteRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PutRolePolicy"],
      resources: roleArns,
      condition: [{ test: "StringEquals", variable: "iam:PermissionsBoundary", values: [BOUNDARY_ARN] }],
    });
  });

  test("PassRole only to MediaLive and MediaConnect", () => {
    const apply = policyOf("final-tfc-eu-west-1-apply");
    expect(apply.find((s) => s.sid === "IamPassRole")).toEqual({
      sid: "IamPassRole",
      actions: ["iam:PassRole"],
      resources: roleArns,
      condition: [{ test: "StringEquals", variable: "iam:PassedToService", values: ["mediaconnect.amazonaws.com", "medialive.amazonaws.com"] }],
    });
  });

  test("no unconditioned role writing, no boundary removal, nothing on managed policies", () => {
    const all = Object.values(parsed.data.aws_iam_policy_document).flatMap((d: any) => d.statement);
    const roleWriting = ["iam:CreateRole", "iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:PutRolePermissionsBoundary", "iam:PassRole"];
    for (const s of all) {
      if (s.actions.some((a: string) => roleWriting.includes(a))) expect(s.condition).toHaveLength(1);
      expect(s.actions).not.toContain("iam:DeleteRolePermissionsBoundary");
      for (const a of ["iam:CreatePolicy", "iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:DeletePolicy", "iam:DeletePolicyVersion"]) expect(s.actions).not.toContain(a);
      for (const r of s.resources ?? []) expect(r).not.toMatch(/:policy\//);
    }
    const plain = policyOf("final-tfc-eu-west-1-apply").find((s) => s.sid === "Iam");
    expect(plain.condition).toBeUndefined();
    expect(plain.actions).toEqual(["iam:DeleteRole", "iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRolePolicies", "iam:TagRole", "iam:UntagRole", "iam:UpdateAssumeRolePolicy", "iam:UpdateRole"]);
  });

  test("plan roles write no IAM at all", () => {
    expect(policyOf("final-tfc-eu-west-1-plan").flatMap((s) => s.actions)).toEqual(["iam:GetRole", "iam:GetRolePolicy", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:ListRolePolicies"]);
  });
});
