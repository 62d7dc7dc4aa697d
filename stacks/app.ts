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
  const regional = loaded.config.regions.map((region) => new RegionalPipelineStack(app, `${event}-${region}`, { loaded, region }));
  const delivery = new DeliveryStack(app, `${event}-cdn`, { loaded, regions: regional });
  return { app, regional, delivery };
}
