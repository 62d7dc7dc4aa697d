import { Construct } from "constructs";
import { LocalBackend } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { AwsccProvider } from "../.gen/providers/awscc/provider";
import type { EventConfig } from "../config/types";

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
 * Local state, next to the project rather than inside the build output. The path is relative to
 * the stack's directory (cdktf.out/stacks/<stack>), which every stack shares the depth of, so a
 * stack that reads another's outputs finds the same file. No absolute paths: the synthesized
 * JSON is the same on every machine.
 */
export function localBackend(scope: Construct, stackName: string): LocalBackend {
  return new LocalBackend(scope, { path: `../../../terraform.${stackName}.tfstate` });
}

export function awsProvider(scope: Construct, id: string, region: string, tags: Record<string, string>, alias?: string): AwsProvider {
  return new AwsProvider(scope, id, { region, alias, defaultTags: [{ tags }] });
}

export function awsccProvider(scope: Construct, id: string, region: string, alias?: string): AwsccProvider {
  return new AwsccProvider(scope, id, { region, alias });
}
