import { Construct } from "constructs";
import { DataTfeProject } from "@cdktf/provider-tfe/lib/data-tfe-project";
import { RunTrigger } from "@cdktf/provider-tfe/lib/run-trigger";
import { Variable } from "@cdktf/provider-tfe/lib/variable";
import { Workspace } from "@cdktf/provider-tfe/lib/workspace";
import { WorkspaceSettings } from "@cdktf/provider-tfe/lib/workspace-settings";

/** One stack's workspace, in apply order. */
export interface WorkspaceSpec {
  /** The cdktf stack: `<event>-<region>` or `<event>-cdn`. */
  readonly stack: string;
  /** The stacks whose outputs this stack reads, and which must therefore be applied before it. */
  readonly upstream: readonly string[];
}

export interface TerraformCloudWorkspacesProps {
  readonly organization: string;
  /**
   * The project that holds the workspaces. It is looked up, never created: projects are an
   * organization's own structure and may hold other events.
   * @default "Default Project", the project every organization has
   */
  readonly project?: string;
  /** Workspace name = prefix + stack name (the cloud backend of every stack uses the same rule). */
  readonly workspacePrefix: string;
  readonly event: string;
  readonly environment: string;
  /** Every stack, upstream before downstream. */
  readonly workspaces: readonly WorkspaceSpec[];
  /**
   * The IAM roles each workspace's runs assume (dynamic provider credentials); without them the
   * workspaces get no AWS credentials.
   * @default no AWS credentials
   */
  readonly roles?: Readonly<Record<string, { readonly plan: string; readonly apply: string }>>;
}

/** Every organization has this project; its name is part of the workload identity's subject. */
export const DEFAULT_PROJECT = "Default Project";

/**
 * One Terraform Cloud workspace per stack, remote execution, state shared only with the stacks
 * that read it, run triggers from each stack to the stacks downstream of it, and the variables
 * that switch on dynamic AWS credentials.
 *
 * Workspaces receive their configuration through the API (`npm run tfc -- upload` uploads the
 * folder `cdktf.out/stacks/<stack>` as the root of a configuration version), so no working
 * directory is set: an uploaded configuration's root is the stack folder itself.
 * https://developer.hashicorp.com/terraform/cloud-docs/run/api
 */
export class TerraformCloudWorkspaces extends Construct {
  /** Workspace per stack name. */
  public readonly workspaces: Readonly<Record<string, Workspace>>;

  constructor(scope: Construct, id: string, props: TerraformCloudWorkspacesProps) {
    super(scope, id);
    const { organization, event } = props;
    const project = new DataTfeProject(this, "Project", { organization, name: props.project ?? DEFAULT_PROJECT });

    const workspaces: Record<string, Workspace> = {};
    for (const spec of props.workspaces) {
      workspaces[spec.stack] = new Workspace(this, spec.stack, {
        organization,
        projectId: project.id,
        name: `${props.workspacePrefix}${spec.stack}`,
        description: `Live event ${event}: stack ${spec.stack}. Configuration is uploaded from cdktf.out/stacks/${spec.stack} (npm run tfc -- upload); do not edit by hand.`,
        tags: { event, environment: props.environment },
        // Nothing to run until a configuration is uploaded; a person approves every apply.
        queueAllRuns: false,
        autoApply: false,
      });
    }
    this.workspaces = workspaces;

    // Settings after every workspace exists: consumers are the downstream workspaces.
    for (const spec of props.workspaces) {
      const scope = workspaces[spec.stack];
      const consumers = props.workspaces.filter((w) => w.upstream.includes(spec.stack)).map((w) => workspaces[w.stack].id);
      new WorkspaceSettings(scope, "Settings", {
        workspaceId: scope.id,
        executionMode: "remote",
        globalRemoteState: false,
        remoteStateConsumerIds: consumers,
      });
      for (const upstream of spec.upstream) {
        const source = workspaces[upstream];
        if (!source) throw new Error(`workspace ${spec.stack} runs after ${upstream}, which has no workspace (list upstream stacks first)`);
        new RunTrigger(scope, `After-${upstream}`, { workspaceId: scope.id, sourceableId: source.id });
      }

      const roles = props.roles?.[spec.stack];
      if (roles) {
        // https://developer.hashicorp.com/terraform/cloud-docs/workspaces/dynamic-provider-credentials/aws-configuration
        const env: Record<string, string> = { TFC_AWS_PROVIDER_AUTH: "true", TFC_AWS_PLAN_ROLE_ARN: roles.plan, TFC_AWS_APPLY_ROLE_ARN: roles.apply };
        for (const [key, value] of Object.entries(env)) {
          new Variable(scope, key, { workspaceId: scope.id, category: "env", key, value, description: "dynamic AWS credentials (set by the bootstrap stack)" });
        }
      }
    }
  }
}
