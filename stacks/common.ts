import { Construct } from "constructs";
import { DataTerraformRemoteState, LocalBackend, S3Backend, TerraformBackend, TerraformRemoteState } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AwsccProvider } from "../.gen/providers/awscc/provider";
import type { EventConfig, StateConfig } from "../config/types";

/** Tags on every resource: who runs it, for which event, billed to whom. */
export function eventTags(config: EventConfig): Record<string, string> {
  return {
    ...config.tags,
    Event: config.event.name,
    Environment: config.event.environment,
    CostCentre: config.event.costCentre,
    ManagedBy: "live-event-pipeline",
  };
}

/** The same tags in the list form awscc resources take, sorted for stable output. */
export function awsccTags(tags: Record<string, string>): { key: string; value: string }[] {
  return Object.keys(tags)
    .sort()
    .map((key) => ({ key, value: tags[key] }));
}

/**
 * Each stack's state, as the configuration chooses. Cross-stack references read it back through
 * the matching remote-state data source, which cdktf derives from the same backend.
 * - local: next to the project rather than inside the build output. The path is relative to the
 *   stack's directory (cdktf.out/stacks/<stack>), whose depth every stack shares, so a stack that
 *   reads another's outputs finds the same file; and no absolute path enters the output.
 * - s3: key `<keyPrefix><stack>.tfstate`, encrypted, locked with an S3 lock file (Terraform 1.10+).
 * - cloud: one Terraform Cloud workspace per stack, `<workspacePrefix><stack>`.
 */
export function stateBackend(scope: Construct, stackName: string, state: StateConfig): void {
  switch (state.backend) {
    case "local":
      new LocalBackend(scope, { path: `../../../terraform.${stackName}.tfstate` });
      return;
    case "s3": {
      const s3 = state.s3!;
      const backend = new S3Backend(scope, { bucket: s3.bucket, region: s3.region, key: `${s3.keyPrefix}${stackName}.tfstate`, encrypt: true, kmsKeyId: s3.kmsKeyArn });
      backend.addOverride("use_lockfile", true);
      return;
    }
    case "cloud": {
      const cloud = state.cloud!;
      new CloudStateBackend(scope, { organization: cloud.organization, hostname: cloud.hostname, workspace: `${cloud.workspacePrefix}${stackName}`, project: cloud.project });
      return;
    }
  }
}

export interface CloudStateBackendProps {
  /** The Terraform Cloud / Enterprise organization. */
  readonly organization: string;
  /** The host name, such as app.terraform.io. */
  readonly hostname: string;
  /** The stack's workspace. */
  readonly workspace: string;
  /**
   * The workspace's project.
   * @default the organization's default project
   */
  readonly project?: string;
}

/**
 * State in one named Terraform Cloud workspace: the `cloud` block
 * (https://developer.hashicorp.com/terraform/cli/cloud/settings), written as cdktf's CloudBackend
 * writes it, and read by other stacks through the remote-state data source CloudBackend gives.
 * Unlike CloudBackend, it does not check at synthesis that a terraform binary of version 1.1 or
 * later is on the PATH: with this backend Terraform runs in Terraform Cloud, and a machine that only
 * synthesizes and uploads (`npm run tfc -- upload`) needs none. (CloudBackend's check ran
 * `terraform version` through a shell once per stack, and without terraform it failed the synthesis.)
 */
export class CloudStateBackend extends TerraformBackend {
  constructor(
    scope: Construct,
    private readonly props: CloudStateBackendProps,
  ) {
    super(scope, "backend", "cloud");
  }

  public toTerraform(): any {
    const { organization, hostname, workspace, project } = this.props;
    return { terraform: { cloud: { organization, hostname, workspaces: { name: workspace, project } } } };
  }

  public toMetadata(): any {
    // "tfc" or "tfe", as CloudBackend says it for the cdktf CLI.
    return { ...super.toMetadata(), cloud: this.props.hostname.startsWith("app.terraform.io") ? "tfc" : "tfe" };
  }

  public getRemoteStateDataSource(scope: Construct, name: string, _fromStack: string): TerraformRemoteState {
    return new DataTerraformRemoteState(scope, name, { organization: this.props.organization, hostname: this.props.hostname, workspaces: { name: this.props.workspace } });
  }
}

export function awsProvider(scope: Construct, id: string, region: string, tags: Record<string, string>, alias?: string): AwsProvider {
  return new AwsProvider(scope, id, { region, alias, defaultTags: [{ tags }] });
}

export function awsccProvider(scope: Construct, id: string, region: string, alias?: string): AwsccProvider {
  return new AwsccProvider(scope, id, { region, alias });
}
