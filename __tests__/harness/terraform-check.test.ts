import { standInStack, terraformCheckAll, terraformCheckSkipReason } from "../support/terraform-check";

// The Terraform check is only as good as its stand-ins: these tests pin what the transformation does.
const stack = {
  terraform: {
    backend: { s3: { bucket: "b", key: "k", region: "eu-west-1" } },
    required_providers: { aws: { source: "aws", version: "5.100.0" }, awscc: { source: "hashicorp/awscc", version: "~> 1.96" } },
  },
  provider: { aws: [{ region: "eu-west-1" }], awscc: [{ region: "eu-west-1" }] },
  data: {
    terraform_remote_state: { upstream: { backend: "s3", config: {} } },
  },
  resource: {
    awscc_mediaconnect_flow: {
      Flow: {
        provider: "awscc",
        name: "f",
        source: { name: "main", whitelist_cidr: "${data.terraform_remote_state.upstream.outputs.egress_ip}/32" },
      },
    },
    aws_medialive_input: {
      Input: {
        name: "i",
        type: "MEDIACONNECT",
        media_connect_flows: [{ flow_arn: "${awscc_mediaconnect_flow.Flow.flow_arn}" }],
        depends_on: ["awscc_mediaconnect_flow.Flow"],
      },
    },
  },
  output: { ip: { value: "${awscc_mediaconnect_flow.Flow.source.ingest_ip}" } },
};

describe("the Terraform check's stand-in stack", () => {
  const out = standInStack(stack);

  test("drops the backend and the awscc provider, and gives the aws provider mock credentials", () => {
    expect(out.terraform.backend).toBeUndefined();
    expect(out.terraform.required_providers).toEqual({ aws: { source: "aws", version: "5.100.0" } });
    expect(out.provider.awscc).toBeUndefined();
    expect(out.provider.aws[0]).toMatchObject({ region: "eu-west-1", skip_credentials_validation: true, skip_requesting_account_id: true });
  });

  test("replaces awscc resources by terraform_data carrying configured values and the computed ones the stack reads", () => {
    expect(out.resource.awscc_mediaconnect_flow).toBeUndefined();
    const standIn = out.resource.terraform_data.awscc_mediaconnect_flow__Flow.input;
    expect(standIn.name).toBe("f");
    // Read by the input (flow_arn) and the output (source.ingest_ip, inside a configured block).
    expect(standIn.flow_arn).toMatch(/^arn:aws:/);
    expect(standIn.source.ingest_ip).toBe("192.0.2.10");
    // Computed, and read by nothing.
    expect(standIn).not.toHaveProperty("egress_ip");
    expect(standIn).not.toHaveProperty("outputs");
  });

  test("an expression reading the whole resource keeps every computed attribute", () => {
    const whole = standInStack({ ...structuredClone(stack), output: { flow: { value: "${awscc_mediaconnect_flow.Flow}" } } });
    expect(whole.resource.terraform_data.awscc_mediaconnect_flow__Flow.input.egress_ip).toBe("192.0.2.10");
  });

  test("rewrites references into awscc resources, in resources, outputs and depends_on", () => {
    expect(out.resource.aws_medialive_input.Input.media_connect_flows[0].flow_arn).toBe("${terraform_data.awscc_mediaconnect_flow__Flow.output.flow_arn}");
    expect(out.resource.aws_medialive_input.Input.depends_on).toEqual(["terraform_data.awscc_mediaconnect_flow__Flow"]);
    expect(out.output.ip.value).toBe("${terraform_data.awscc_mediaconnect_flow__Flow.output.source.ingest_ip}");
  });

  test("stubs remote state, also where an awscc block reads it", () => {
    expect(out.data).toBeUndefined();
    expect(out.resource.terraform_data.remote_state__upstream.input).toEqual({ egress_ip: "192.0.2.10" });
    expect(out.resource.terraform_data.awscc_mediaconnect_flow__Flow.input.source.whitelist_cidr).toBe("${terraform_data.remote_state__upstream.output.egress_ip}/32");
  });
});

// Data sources that call AWS APIs (STS, EC2) cannot be read offline: they become stand-ins too.
const withApiData = {
  provider: { aws: [{ region: "eu-west-1" }, { region: "us-west-2", alias: "primary" }] },
  data: {
    aws_caller_identity: { Caller: {} },
    aws_partition: { Partition: {} },
    aws_availability_zones: {
      Zones: {
        provider: "aws.primary",
        state: "available",
        lifecycle: { postcondition: [{ condition: "${length(self.names) >= 2}", error_message: "two zones" }] },
      },
    },
  },
  resource: {
    aws_iam_role: {
      Role: {
        name: "r",
        description: "${data.aws_caller_identity.Caller.account_id} in ${data.aws_partition.Partition.partition}",
        depends_on: ["data.aws_caller_identity.Caller"],
      },
    },
  },
  output: { zone: { value: "${element(data.aws_availability_zones.Zones.names, 1)}" } },
};

describe("the Terraform check's stand-ins for data sources that call AWS", () => {
  const out = standInStack(withApiData);

  test("the caller identity becomes a terraform_data holding the example account, and references follow it", () => {
    expect(out.data.aws_caller_identity).toBeUndefined();
    expect(out.resource.terraform_data.data_aws_caller_identity__Caller.input.account_id).toBe("123456789012");
    expect(out.resource.aws_iam_role.Role.description).toBe("${terraform_data.data_aws_caller_identity__Caller.output.account_id} in ${data.aws_partition.Partition.partition}");
    expect(out.resource.aws_iam_role.Role.depends_on).toEqual(["terraform_data.data_aws_caller_identity__Caller"]);
  });

  test("the partition stays a real data source (the provider computes it without calling AWS)", () => {
    expect(out.data.aws_partition).toEqual({ Partition: {} });
  });

  test("Availability Zones become three zones of the data source's own provider region, its postcondition kept on the stand-in (on `input`, known at plan time)", () => {
    const zones = out.resource.terraform_data.data_aws_availability_zones__Zones;
    expect(zones.input.names).toEqual(["us-west-2a", "us-west-2b", "us-west-2c"]);
    expect(zones.lifecycle.postcondition).toEqual([{ condition: "${length(self.input.names) >= 2}", error_message: "two zones" }]);
    expect(out.output.zone.value).toBe("${element(terraform_data.data_aws_availability_zones__Zones.output.names, 1)}");
  });
});

const skip = terraformCheckSkipReason();
(skip ? describe.skip : describe)("the Terraform check itself", () => {
  test("fails on a value the real provider rejects, with the provider's message; a stack terraform then did not plan fails too", async () => {
    const broken = structuredClone(stack) as any;
    broken.resource.aws_medialive_input.Input.type = "CARRIER_PIGEON";
    const results = await terraformCheckAll([
      { name: "broken", stack: broken },
      { name: "valid", stack },
      { name: "no resources", stack: { output: { greeting: { value: "hello" } } } },
    ]);
    expect(results.get("broken")!.ok).toBe(false);
    expect(results.get("broken")!.log).toContain("CARRIER_PIGEON");
    // The invalid value stops terraform before it plans anything: the stacks with no error of
    // their own are not passed unplanned, with resources or without.
    expect(results.get("valid")).toEqual({ ok: false, log: expect.stringContaining("terraform did not plan 3 of the stack's resources") });
    expect(results.get("no resources")).toEqual({ ok: false, log: expect.stringContaining("terraform stopped before it planned anything") });
  });

  // That a data source's postcondition stops the plan is shown inside the one plan of every stack
  // (__tests__/terraform.test.ts), where it also shows that the other stacks are still planned.
});

describe("the stand-in stack for Terraform Cloud resources (with the caller identity beside them)", () => {
  const bootstrap = {
    terraform: { required_providers: { aws: { source: "aws", version: "5.100.0" }, tfe: { source: "hashicorp/tfe", version: "0.71.0" } } },
    provider: { aws: [{ region: "eu-west-1" }], tfe: [{ hostname: "app.terraform.io", organization: "acme" }] },
    data: {
      tfe_project: { Project: { name: "Live Events", organization: "acme" } },
      aws_caller_identity: { Account: {} },
      aws_iam_policy_document: { Trust: { statement: [{ resources: ["arn:aws:iam::${data.aws_caller_identity.Account.account_id}:role/x"] }] } },
    },
    resource: {
      tfe_workspace: { Cdn: { name: "live-cdn", project_id: "${data.tfe_project.Project.id}" } },
      tfe_run_trigger: { After: { workspace_id: "${tfe_workspace.Cdn.id}", sourceable_id: "${tfe_workspace.Cdn.id}" } },
      aws_iam_role: { Role: { name: "r", assume_role_policy: "${data.aws_iam_policy_document.Trust.json}" } },
    },
    output: { account: { value: "${data.aws_caller_identity.Account.account_id}" } },
  };
  const out = standInStack(bootstrap);

  test("drops the tfe provider and replaces tfe resources and data sources by terraform_data with their values and a stub id", () => {
    expect(out.terraform.required_providers).toEqual({ aws: { source: "aws", version: "5.100.0" } });
    expect(out.provider.tfe).toBeUndefined();
    expect(out.resource.tfe_workspace).toBeUndefined();
    expect(out.data.tfe_project).toBeUndefined();
    expect(out.resource.terraform_data.tfe_workspace__Cdn.input).toEqual({ name: "live-cdn", project_id: "${terraform_data.data_tfe_project__Project.output.id}", id: "stub-tfe_workspace-Cdn" });
    expect(out.resource.terraform_data.data_tfe_project__Project.input).toMatchObject({ name: "Live Events", id: "stub-tfe_project-Project" });
    expect(out.resource.terraform_data.tfe_run_trigger__After.input.workspace_id).toBe("${terraform_data.tfe_workspace__Cdn.output.id}");
  });

  test("stands in for data.aws_caller_identity (STS) with a documentation account id, references included", () => {
    expect(out.data.aws_caller_identity).toBeUndefined();
    expect(out.resource.terraform_data.data_aws_caller_identity__Account.input.account_id).toBe("123456789012");
    expect(out.data.aws_iam_policy_document.Trust.statement[0].resources[0]).toBe("arn:aws:iam::${terraform_data.data_aws_caller_identity__Account.output.account_id}:role/x");
    expect(out.output.account.value).toBe("${terraform_data.data_aws_caller_identity__Account.output.account_id}");
    expect(out.resource.aws_iam_role.Role.assume_role_policy).toBe("${data.aws_iam_policy_document.Trust.json}");
  });
});
