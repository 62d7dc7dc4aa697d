import { Construct, IConstruct } from "constructs";
import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack } from "cdktf";
import { TfeProvider } from "@cdktf/provider-tfe/lib/provider";
import type { LoadedEvent } from "../config/types";
import { AccountIdentity } from "../modules/identity";
import { DynamicCredentials, TerraformCloudWorkspaces } from "../modules/terraform-cloud";
import { awsProvider, eventTags, stateBackend } from "./common";

/** One application stack as the bootstrap sees it. */
export interface BootstrappedStack {
  readonly stack: TerraformStack;
  /** Stacks whose outputs it reads: applied before it. */
  readonly upstream: readonly TerraformStack[];
  /** Physical-name prefixes of its IAM roles and buckets (Naming.prefix). */
  readonly namePrefixes: readonly string[];
}

export interface TerraformCloudStackProps {
  readonly loaded: LoadedEvent;
  /** Every application stack, upstream first. */
  readonly stacks: readonly BootstrappedStack[];
}

/**
 * `<event>-tfc`: what Terraform Cloud needs before the event's stacks can run there. Only with
 * `state.backend: cloud`. Applied once, first, by a person with an organization token and AWS
 * credentials that may manage IAM; its own state is local (terraform.<event>-tfc.tfstate beside
 * the project), because the workspaces it creates cannot hold the state that creates them.
 */
export class TerraformCloudStack extends TerraformStack {
  public readonly workspaces: TerraformCloudWorkspaces;
  public readonly credentials: DynamicCredentials;

  constructor(scope: Construct, id: string, props: TerraformCloudStackProps) {
    super(scope, id);
    const { config } = props.loaded;
    const cloud = config.state.cloud!;
    const event = config.event.name;
    stateBackend(this, id, { backend: "local" });
    // The token comes from TFE_TOKEN or the Terraform CLI credentials for the host, never from here.
    new TfeProvider(this, "tfe", { hostname: cloud.hostname, organization: cloud.organization });
    // IAM is global; the provider still needs a region.
    awsProvider(this, "aws", config.regions[0], eventTags(config));

    this.credentials = new DynamicCredentials(this, "Credentials", {
      hostname: cloud.hostname,
      organization: cloud.organization,
      project: cloud.project,
      event,
      account: new AccountIdentity(this, "Identity"),
      workspaces: props.stacks.map((s) => ({
        stack: s.stack.node.id,
        workspace: `${cloud.workspacePrefix}${s.stack.node.id}`,
        regions: providerRegions(s.stack),
        namePrefixes: s.namePrefixes,
        resourceTypes: managedTypes(s.stack),
      })),
    });
    this.workspaces = new TerraformCloudWorkspaces(this, "Workspaces", {
      organization: cloud.organization,
      project: cloud.project,
      workspacePrefix: cloud.workspacePrefix,
      event,
      environment: config.event.environment,
      workspaces: props.stacks.map((s) => ({ stack: s.stack.node.id, upstream: s.upstream.map((u) => u.node.id) })),
      roles: this.credentials.roles,
    });
  }
}

/** The regions of a stack's aws and awscc providers, sorted. */
function providerRegions(stack: TerraformStack): string[] {
  const regions = stack.node
    .findAll()
    .filter((c): c is TerraformProvider => TerraformProvider.isTerraformProvider(c))
    .filter((p) => p.terraformResourceType === "aws" || p.terraformResourceType === "awscc")
    .map((p) => (p as unknown as { region?: string }).region)
    .filter((r): r is string => typeof r === "string");
  return [...new Set(regions)].sort();
}

/** Resource types and data source types (`data.<type>`) a stack declares. */
function managedTypes(stack: TerraformStack): string[] {
  const types = stack.node.findAll().flatMap((c: IConstruct) => {
    if (TerraformResource.isTerraformResource(c)) return [c.terraformResourceType];
    if (TerraformDataSource.isTerraformDataSource(c)) return [`data.${c.terraformResourceType}`];
    return [];
  });
  return [...new Set(types)].sort();
}
