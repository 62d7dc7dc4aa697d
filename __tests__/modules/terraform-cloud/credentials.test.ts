// cdktf's matcher types (the matchers themselves are set up in support/setup.ts).
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { IamOpenidConnectProvider } from "@cdktf/provider-aws/lib/iam-openid-connect-provider";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AccountIdentity } from "../../../modules/identity";
import { DynamicCredentials, DynamicCredentialsProps, RESOURCE_PERMISSIONS } from "../../../modules/terraform-cloud";
import { load, shippedConfigs, synthApp } from "../../support/project";

const BASE: Omit<DynamicCredentialsProps, "account"> = {
  hostname: "app.terraform.io",
  organization: "acme",
  project: "Live Events",
  event: "final",
  workspaces: [
    { stack: "final-eu-west-1", workspace: "live-final-eu-west-1", regions: ["eu-west-1"], namePrefixes: ["final-euw1"], resourceTypes: ["aws_iam_role", "aws_kms_key", "awscc_mediaconnect_flow", "data.aws_iam_policy_document"] },
    { stack: "final-cdn", workspace: "live-final-cdn", regions: ["eu-west-1", "us-east-1"], namePrefixes: ["final-global"], resourceTypes: ["aws_cloudfront_distribution", "aws_s3_bucket"] },
  ],
};

function synth(props: Partial<DynamicCredentialsProps> = {}): { json: string; parsed: any } {
  const json = Testing.synthScope((scope) => {
    new DynamicCredentials(scope, "Credentials", { ...BASE, account: new AccountIdentity(scope, "Identity"), ...props });
  });
  return { json, parsed: JSON.parse(json) };
}

/** The statements of the policy document a `${data.aws_iam_policy_document.X.json}` reference names. */
function statements(parsed: any, reference: string): any[] {
  const name = /^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/.exec(reference)![1];
  return parsed.data.aws_iam_policy_document[name].statement;
}

function role(parsed: any, name: string): [string, any] {
  return Object.entries(parsed.resource.aws_iam_role).find(([, r]: [string, any]) => r.name === name) as [string, any];
}

describe("dynamic AWS credentials for Terraform Cloud runs", () => {
  const { json, parsed } = synth();

  test("an OIDC provider for the Terraform Cloud host, audience aws.workload.identity, no thumbprint", () => {
    expect(json).toHaveResourceWithProperties(IamOpenidConnectProvider, { url: "https://app.terraform.io", client_id_list: ["aws.workload.identity"] });
    expect((Object.values(parsed.resource.aws_iam_openid_connect_provider)[0] as any).thumbprint_list).toBeUndefined();
  });

  test("a plan and an apply role per workspace, each trusted only for its organization, project, workspace and run phase", () => {
    expect(Object.values(parsed.resource.aws_iam_role).map((r: any) => r.name).sort()).toEqual(["final-tfc-cdn-apply", "final-tfc-cdn-plan", "final-tfc-eu-west-1-apply", "final-tfc-eu-west-1-plan"]);
    expect(json).toHaveResourceWithProperties(IamRole, { name: "final-tfc-cdn-plan", max_session_duration: 3600 });
    const [, plan] = role(parsed, "final-tfc-eu-west-1-plan");
    const [trust] = statements(parsed, plan.assume_role_policy);
    expect(trust.actions).toEqual(["sts:AssumeRoleWithWebIdentity"]);
    expect(trust.principals).toEqual([{ type: "Federated", identifiers: [expect.stringMatching(/^\$\{aws_iam_openid_connect_provider\..+\.arn\}$/)] }]);
    expect(trust.condition).toEqual([
      { test: "StringEquals", variable: "app.terraform.io:aud", values: ["aws.workload.identity"] },
      { test: "StringEquals", variable: "app.terraform.io:sub", values: ["organization:acme:project:Live Events:workspace:live-final-eu-west-1:run_phase:plan"] },
    ]);
    const [, apply] = role(parsed, "final-tfc-cdn-apply");
    expect(statements(parsed, apply.assume_role_policy)[0].condition[1].values).toEqual(["organization:acme:project:Live Events:workspace:live-final-cdn:run_phase:apply"]);
  });

  test("another host: the issuer URL and the claim keys follow it; no project means the Default Project", () => {
    const other = synth({ hostname: "tfe.example.com", project: undefined }).parsed;
    expect((Object.values(other.resource.aws_iam_openid_connect_provider)[0] as any).url).toBe("https://tfe.example.com");
    const [, plan] = role(other, "final-tfc-cdn-plan");
    expect(statements(other, plan.assume_role_policy)[0].condition.map((c: any) => [c.variable, c.values])).toEqual([
      ["tfe.example.com:aud", ["aws.workload.identity"]],
      ["tfe.example.com:sub", ["organization:acme:project:Default Project:workspace:live-final-cdn:run_phase:plan"]],
    ]);
  });

  test("plan roles read, apply roles also write; actions named one by one, on this account's ARNs in the stack's regions", () => {
    const policies = Object.values(parsed.resource.aws_iam_role_policy) as any[];
    const policyOf = (roleName: string) => {
      const [logical] = role(parsed, roleName);
      return statements(parsed, policies.find((p) => p.role === `\${aws_iam_role.${logical}.id}`).policy);
    };
    const plan = policyOf("final-tfc-eu-west-1-plan");
    const apply = policyOf("final-tfc-eu-west-1-apply");
    const actions = (s: any[]) => s.flatMap((x) => x.actions);
    expect(actions(plan)).toContain("kms:DescribeKey");
    expect(actions(plan)).not.toContain("kms:PutKeyPolicy");
    expect(actions(apply)).toEqual(expect.arrayContaining(["kms:DescribeKey", "kms:PutKeyPolicy", "mediaconnect:CreateFlow", "iam:CreateRole", "iam:PassRole"]));
    for (const s of [...plan, ...apply]) {
      for (const a of s.actions) expect(a).not.toContain("*");
      expect(s.resources).not.toContain("*");
    }
    const partitionAccount = /^arn:\$\{data\.aws_partition\..+\.partition\}:/;
    const kms = apply.find((s) => s.sid === "Kms");
    expect(kms.resources).toEqual([expect.stringMatching(partitionAccount)]);
    expect(kms.resources[0]).toMatch(/:kms:eu-west-1:\$\{data\.aws_caller_identity\..+\.account_id\}:\*$/);
    // Roles only by the stack's name prefix: never the Terraform Cloud roles themselves.
    expect(apply.find((s) => s.sid === "Iam").resources).toEqual([expect.stringMatching(/:iam::\$\{data\.aws_caller_identity\..+\.account_id\}:role\/final-euw1-\*$/)]);
    const cdnApply = policyOf("final-tfc-cdn-apply");
    expect(cdnApply.find((s) => s.sid === "S3").resources).toEqual([expect.stringMatching(/:s3:::final-global-\*$/)]);
    expect(cdnApply.find((s) => s.sid === "Cloudfront").resources).toEqual([expect.stringMatching(/:cloudfront::\$\{data\.aws_caller_identity\..+\.account_id\}:\*$/)]);
  });

  test("actions that take no resource ARN: two shared policies, limited to the event's regions", () => {
    const policies = Object.values(parsed.resource.aws_iam_policy) as any[];
    // Besides the two shared policies, only the service-role boundary (boundary.test.ts).
    expect(policies.map((p) => p.name).sort()).toEqual(["final-tfc-account-wide-read", "final-tfc-account-wide-write", "final-tfc-service-role-boundary"]);
    const shared = policies.filter((p) => p.name.includes("account-wide"));
    const write = statements(parsed, shared.find((p) => p.name === "final-tfc-account-wide-write").policy);
    expect(write).toEqual([
      expect.objectContaining({ resources: ["*"], condition: [{ test: "StringEquals", variable: "aws:RequestedRegion", values: ["eu-west-1", "us-east-1"] }] }),
    ]);
    expect(write[0].actions).toEqual(expect.arrayContaining(["kms:CreateKey", "cloudformation:CreateResource"]));
    // Plan roles get the read policy only.
    const attachments = Object.values(parsed.resource.aws_iam_role_policy_attachment) as any[];
    const [planLogical] = role(parsed, "final-tfc-cdn-plan");
    expect(attachments.filter((a) => a.role === `\${aws_iam_role.${planLogical}.name}`)).toHaveLength(1);
  });

  test("rejects a resource type with no known permissions, naming it", () => {
    expect(() => synth({ workspaces: [{ ...BASE.workspaces[0], resourceTypes: ["aws_lambda_function"] }] })).toThrow(
      "no deploy permissions known for aws_lambda_function: add them to modules/terraform-cloud/permissions.ts",
    );
  });
});

// A resource type added to any stack without permissions would give its workspace a role that cannot deploy it.
test.each(shippedConfigs())("every resource and data source type of %s has deploy permissions", (file) => {
  const loaded = load(file);
  const stacks = Object.entries(synthApp(loaded)).filter(([name]) => name !== `${loaded.config.event.name}-tfc`);
  const types = stacks.flatMap(([, stack]) => [...Object.keys(stack.resource ?? {}), ...Object.keys(stack.data ?? {}).map((t) => `data.${t}`)]);
  expect(types.filter((t) => !RESOURCE_PERMISSIONS[t])).toEqual([]);
});
