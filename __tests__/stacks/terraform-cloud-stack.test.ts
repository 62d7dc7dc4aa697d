import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { buildApp } from "../../stacks/app";
import { check, defaultConfig, load, synthApp } from "../support/project";


describe("the <event>-tfc bootstrap stack", () => {
  test("exists only with state.backend cloud", () => {
    expect(Object.keys(synthApp(load("config/default.json")))).toEqual(["demo-live-cdn", "demo-live-eu-west-1"]);
    expect(Object.keys(synthApp(load("config/examples/terraform-cloud.json"))).sort()).toEqual(["cup-final-cdn", "cup-final-eu-central-1", "cup-final-eu-west-1", "cup-final-tfc"]);
  });

  test("keeps its own state locally, reads no other stack, and no other stack reads it", () => {
    const stacks = synthApp(load("config/examples/terraform-cloud.json"));
    const tfc = stacks["cup-final-tfc"];
    expect(tfc.terraform.backend).toEqual({ local: { path: "../../../terraform.cup-final-tfc.tfstate" } });
    expect(tfc.terraform.cloud).toBeUndefined();
    expect(tfc.data.terraform_remote_state).toBeUndefined();
    expect(tfc.provider.tfe).toEqual([{ hostname: "app.terraform.io", organization: "acme-broadcast" }]);
    for (const [name, stack] of Object.entries(stacks)) {
      if (name === "cup-final-tfc") continue;
      expect(stack.terraform.cloud).toEqual({ organization: "acme-broadcast", hostname: "app.terraform.io", workspaces: { name: `live-${name}`, project: "Live Events" } });
      expect(JSON.stringify(stack.data?.terraform_remote_state ?? {})).not.toContain("tfc");
    }
  });

  test("run triggers and state sharing follow the stacks' own cross-stack references (forwarded feed)", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
    try {
      const built = buildApp(load("config/examples/three-regions-forwarded.json"), { outdir });
      built.app.synth();
      // What cdktf found while resolving references: stack → the stacks it reads.
      const dependencies = [...built.regional, built.delivery].flatMap((s: TerraformStack) => s.dependencies.map((d) => [`live-${d.node.id}`, `live-${s.node.id}`]));
      const tfc = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "world-series-tfc", "cdk.tf.json"), "utf8"));
      const byName = Object.fromEntries(Object.entries(tfc.resource.tfe_workspace).map(([logical, w]: [string, any]) => [`\${tfe_workspace.${logical}.id}`, w.name]));
      const triggers = Object.values(tfc.resource.tfe_run_trigger).map((t: any) => [byName[t.sourceable_id], byName[t.workspace_id]]);
      expect(triggers.sort()).toEqual(dependencies.sort());
      expect(triggers).toContainEqual(["live-world-series-us-east-1", "live-world-series-us-west-2"]);
      const sharing = Object.values(tfc.resource.tfe_workspace_settings).flatMap((s: any) => s.remote_state_consumer_ids.map((c: string) => [byName[s.workspace_id], byName[c]]));
      expect(sharing.sort()).toEqual(dependencies.sort());
      expect(Object.values(tfc.resource.tfe_workspace_settings).every((s: any) => s.global_remote_state === false && s.execution_mode === "remote")).toBe(true);
      // The bootstrap stack is outside the apply order of the event's stacks.
      expect(built.terraformCloud!.dependencies).toEqual([]);
      expect([...built.regional, built.delivery].some((s) => s.dependencies.includes(built.terraformCloud!))).toBe(false);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("a configured host: provider, issuer and claim keys use it", () => {
    const c = defaultConfig();
    c.state = { backend: "cloud", cloud: { organization: "acme", hostname: "tfe.example.com" } };
    const tfc = synthApp(check(c))["demo-live-tfc"];
    expect(tfc.provider.tfe).toEqual([{ hostname: "tfe.example.com", organization: "acme" }]);
    expect((Object.values(tfc.resource.aws_iam_openid_connect_provider)[0] as any).url).toBe("https://tfe.example.com");
    const subs = Object.values(tfc.data.aws_iam_policy_document).flatMap((d: any) => d.statement.flatMap((s: any) => s.condition ?? [])).filter((c: any) => c.variable.endsWith(":sub"));
    expect(subs.map((s: any) => s.values[0]).sort()).toEqual([
      "organization:acme:project:Default Project:workspace:demo-live-cdn:run_phase:apply",
      "organization:acme:project:Default Project:workspace:demo-live-cdn:run_phase:plan",
      "organization:acme:project:Default Project:workspace:demo-live-eu-west-1:run_phase:apply",
      "organization:acme:project:Default Project:workspace:demo-live-eu-west-1:run_phase:plan",
    ]);
    expect(subs.every((s: any) => s.variable.startsWith("tfe.example.com:"))).toBe(true);
  });
});

describe("service roles deployed by Terraform Cloud carry the bootstrap's permissions boundary", () => {
  const boundaryOf = (stack: any) => Object.values(stack.resource.aws_iam_role ?? {}).map((r: any) => [r.name, r.permissions_boundary]);
  const arn = (event: string) =>
    `arn:\${data.aws_partition.Identity_Partition_856E58AB.partition}:iam::\${data.aws_caller_identity.Identity_Caller_D67FCA37.account_id}:policy/${event}-tfc-service-role-boundary`;

  test("terraform-cloud.json: every regional role names the boundary policy the tfc stack creates", () => {
    const stacks = synthApp(load("config/examples/terraform-cloud.json"));
    const created = Object.values(stacks["cup-final-tfc"].resource.aws_iam_policy).map((p: any) => p.name);
    expect(created).toContain("cup-final-tfc-service-role-boundary");
    for (const name of ["cup-final-eu-west-1", "cup-final-eu-central-1"]) {
      const roles = boundaryOf(stacks[name]);
      expect(roles.length).toBeGreaterThan(0);
      for (const [, boundary] of roles) expect(boundary).toBe(arn("cup-final"));
    }
  });

  test("MediaConnect secret roles too (three-regions-forwarded.json)", () => {
    const stacks = synthApp(load("config/examples/three-regions-forwarded.json"));
    const roles = Object.entries(stacks)
      .filter(([name]) => !name.endsWith("-tfc") && !name.endsWith("-cdn"))
      .flatMap(([, s]) => boundaryOf(s));
    expect(roles.map(([name]) => name)).toEqual(expect.arrayContaining([expect.stringMatching(/secrets$/)]));
    for (const [, boundary] of roles) expect(boundary).toBe(arn("world-series"));
  });

  test("other backends: no boundary", () => {
    const stacks = synthApp(load("config/default.json"));
    expect(JSON.stringify(stacks)).not.toContain("permissions_boundary");
  });
});
