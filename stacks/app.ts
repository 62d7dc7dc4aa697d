import { App, TerraformStack } from "cdktf";
import type { LoadedEvent } from "../config/types";
import { GLOBAL_SCOPE, Naming } from "../modules/naming";
import { DeliveryStack } from "./delivery-stack";
import { RegionalPipelineStack } from "./regional-stack";

export interface BuiltApp {
  readonly app: App;
  readonly regional: readonly RegionalPipelineStack[];
  readonly delivery: DeliveryStack;
  /** `<event>-tfc`, with `state.backend: cloud` only: the Terraform Cloud workspaces and their AWS roles. */
  readonly terraformCloud?: TerraformStack;
}

/** Stack names: `<event>-<region>` per pipeline, `<event>-cdn` for delivery. */
export function stackNames(loaded: LoadedEvent): string[] {
  const event = loaded.config.event.name;
  return [...loaded.config.regions.map((r) => `${event}-${r}`), `${event}-cdn`];
}

/** One stack per region, primary first, then the delivery stack that fronts them all. */
export function buildApp(loaded: LoadedEvent, options: { outdir?: string } = {}): BuiltApp {
  const app = new App({ outdir: options.outdir, skipValidation: false });
  const event = loaded.config.event.name;
  const [primaryRegion, ...extraRegions] = loaded.config.regions;
  const primary = new RegionalPipelineStack(app, `${event}-${primaryRegion}`, { loaded, region: primaryRegion });
  // With a forwarded feed, each extra region takes its flows' sources from the primary region.
  const forwarded = loaded.config.contribution.mediaconnect?.regionalFeed.mode === "forward";
  const regional = [
    primary,
    ...extraRegions.map((region) => new RegionalPipelineStack(app, `${event}-${region}`, { loaded, region, forwardedFrom: forwarded ? primary : undefined })),
  ];
  const delivery = new DeliveryStack(app, `${event}-cdn`, { loaded, regions: regional });
  const terraformCloud = loaded.config.state.backend === "cloud" ? bootstrapStack(app, loaded, regional, delivery, forwarded) : undefined;
  return { app, regional, delivery, terraformCloud };
}

/**
 * The Terraform Cloud bootstrap, loaded only when used: the tfe bindings stay out of every other
 * synthesis. Upstream stacks are the ones whose outputs a stack reads (its cross-stack references).
 */
function bootstrapStack(app: App, loaded: LoadedEvent, regional: RegionalPipelineStack[], delivery: DeliveryStack, forwarded: boolean): TerraformStack {
  const { TerraformCloudStack } = require("./terraform-cloud-stack") as typeof import("./terraform-cloud-stack");
  const event = loaded.config.event.name;
  const [primary, ...extra] = regional;
  return new TerraformCloudStack(app, `${event}-tfc`, {
    loaded,
    stacks: [
      { stack: primary, upstream: [], namePrefixes: [new Naming(event, primary.region).prefix] },
      ...extra.map((r) => ({ stack: r, upstream: forwarded ? [primary] : [], namePrefixes: [new Naming(event, r.region).prefix] })),
      { stack: delivery, upstream: regional, namePrefixes: [new Naming(event, GLOBAL_SCOPE).prefix] },
    ],
  });
}
