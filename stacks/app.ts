import { App } from "cdktf";
import type { LoadedEvent } from "../config/types";
import { DeliveryStack } from "./delivery-stack";
import { RegionalPipelineStack } from "./regional-stack";

export interface BuiltApp {
  readonly app: App;
  readonly regional: readonly RegionalPipelineStack[];
  readonly delivery: DeliveryStack;
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
  return { app, regional, delivery };
}
