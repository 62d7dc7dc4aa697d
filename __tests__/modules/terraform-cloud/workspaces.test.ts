// cdktf's matcher types (the matchers themselves are set up in support/setup.ts).
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";
import { DataTfeProject } from "@cdktf/provider-tfe/lib/data-tfe-project";
import { RunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";
import { TerraformCloudWorkspaces, TerraformCloudWorkspacesProps } from "../../../modules/terraform-cloud";

const BASE: TerraformCloudWorkspacesProps = {
  organization: "acme",
  workspacePrefix: "live-",
  event: "final",
  environment: "production",
  workspaces: [
    { stack: "final-eu-west-1", upstream: [] },
    { stack: "final-eu-central-1", upstream: [] },
    { stack: "final-cdn", upstream: ["final-eu-west-1", "final-eu-central-1"] },
  ],
};

function synth(props: Partial<TerraformCloudWorkspacesProps> = {}): { json: string; parsed: any } {
  const json = Testing.synthScope((scope) => {
    new TerraformCloudWorkspaces(scope, "Workspaces", { ...BASE, ...props });
  });
  return { json, parsed: JSON.parse(json) };
}

/** `${tfe_workspace.<logical name>.id}` of the workspace with this name. */
function workspaceId(parsed: any, name: string): string {
  const [logical] = Object.entries(parsed.resource.tfe_workspace).find(([, w]: [string, any]) => w.name === name)!;
  return `\${tfe_workspace.${logical}.id}`;
}

describe("Terraform Cloud workspaces", () => {
  const { json, parsed } = synth();
  const west = workspaceId(parsed, "live-final-eu-west-1");
  const central = workspaceId(parsed, "live-final-eu-central-1");
  const cdn = workspaceId(parsed, "live-final-cdn");

  test("one workspace per stack, named prefix + stack, in the looked-up project, naming the event", () => {
    expect(Object.values(parsed.resource.tfe_workspace).map((w: any) => w.name).sort()).toEqual(["live-final-cdn", "live-final-eu-central-1", "live-final-eu-west-1"]);
    expect(json).toHaveDataSourceWithProperties(DataTfeProject, { organization: "acme", name: "Default Project" });
    expect(json).toHaveResourceWithProperties(Workspace, {
      name: "live-final-cdn",
      organization: "acme",
      project_id: expect.stringMatching(/^\$\{data\.tfe_project\..+\.id\}$/),
      description: expect.stringContaining("Live event final: stack final-cdn"),
      tags: { event: "final", environment: "production" },
      auto_apply: false,
      queue_all_runs: false,
    });
    // Configurations are uploaded with the stack folder as their root.
    for (const w of Object.values(parsed.resource.tfe_workspace) as any[]) expect(w.working_directory).toBeUndefined();
  });

  test("a configured project is looked up by name", () => {
    expect(synth({ project: "Live Events" }).json).toHaveDataSourceWithProperties(DataTfeProject, { name: "Live Events" });
  });

  test("remote execution; state shared with nobody but the workspaces that read it", () => {
    const settings = Object.values(parsed.resource.tfe_workspace_settings) as any[];
    expect(settings.map((s) => [s.workspace_id, s.global_remote_state, s.remote_state_consumer_ids, s.execution_mode]).sort()).toEqual(
      [
        [west, false, [cdn], "remote"],
        [central, false, [cdn], "remote"],
        [cdn, false, [], "remote"],
      ].sort(),
    );
    expect(json).toHaveResourceWithProperties(WorkspaceSettings, { workspace_id: cdn, global_remote_state: false, remote_state_consumer_ids: [] });
  });

  test("run triggers in apply order: the CDN workspace runs after each regional workspace", () => {
    const triggers = Object.values(parsed.resource.tfe_run_trigger) as any[];
    expect(triggers.map((t) => [t.sourceable_id, t.workspace_id]).sort()).toEqual([
      [central, cdn],
      [west, cdn],
    ].sort());
    expect(json).toHaveResourceWithProperties(RunTrigger, { workspace_id: cdn, sourceable_id: west });
  });

  test("a forwarded region runs after, and reads the state of, the primary region", () => {
    const forwarded = synth({
      workspaces: [
        { stack: "final-eu-west-1", upstream: [] },
        { stack: "final-eu-central-1", upstream: ["final-eu-west-1"] },
        { stack: "final-cdn", upstream: ["final-eu-west-1", "final-eu-central-1"] },
      ],
    }).parsed;
    const [w, c, d] = ["live-final-eu-west-1", "live-final-eu-central-1", "live-final-cdn"].map((n) => workspaceId(forwarded, n));
    const primarySettings = (Object.values(forwarded.resource.tfe_workspace_settings) as any[]).find((s) => s.workspace_id === w);
    expect(primarySettings.remote_state_consumer_ids.sort()).toEqual([c, d].sort());
    expect((Object.values(forwarded.resource.tfe_run_trigger) as any[]).map((t) => [t.sourceable_id, t.workspace_id]).sort()).toEqual([[c, d], [w, c], [w, d]].sort());
  });

  test("no AWS credential variables without roles; with roles, dynamic credentials per workspace", () => {
    expect(parsed.resource.tfe_variable).toBeUndefined();
    const withRoles = synth({
      roles: Object.fromEntries(BASE.workspaces.map((w) => [w.stack, { plan: `arn:aws:iam::111122223333:role/${w.stack}-plan`, apply: `arn:aws:iam::111122223333:role/${w.stack}-apply` }])),
    });
    const vars = Object.values(withRoles.parsed.resource.tfe_variable) as any[];
    expect(vars).toHaveLength(9);
    const cdnId = workspaceId(withRoles.parsed, "live-final-cdn");
    expect(vars.filter((v) => v.workspace_id === cdnId).map((v) => [v.key, v.value, v.category]).sort()).toEqual([
      ["TFC_AWS_APPLY_ROLE_ARN", "arn:aws:iam::111122223333:role/final-cdn-apply", "env"],
      ["TFC_AWS_PLAN_ROLE_ARN", "arn:aws:iam::111122223333:role/final-cdn-plan", "env"],
      ["TFC_AWS_PROVIDER_AUTH", "true", "env"],
    ]);
    expect(withRoles.json).toHaveResourceWithProperties(Variable, { key: "TFC_AWS_PROVIDER_AUTH", value: "true", category: "env" });
  });

  test("rejects an upstream stack that has no workspace before it", () => {
    expect(() => synth({ workspaces: [{ stack: "final-cdn", upstream: ["final-eu-west-1"] }] })).toThrow("workspace final-cdn runs after final-eu-west-1, which has no workspace (list upstream stacks first)");
  });
});
