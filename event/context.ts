import type { Clients } from "./aws";
import type { EventResources, RegionResources } from "./discovery";
import type { Runtime } from "./runtime";

/** What every command gets: the outside world, AWS clients, and the event's resources in scope. */
export interface Context {
  readonly rt: Runtime;
  readonly clients: Clients;
  readonly event: EventResources;
  /** The regions the command acts on (all, or those named with --region), primary first. */
  readonly regions: readonly RegionResources[];
}

/** Polling intervals and limits; MediaLive channels usually take one to two minutes to start. */
export const TIMING = {
  flow: { intervalMs: 5000, timeoutMs: 5 * 60 * 1000 },
  channel: { intervalMs: 10000, timeoutMs: 15 * 60 * 1000 },
  ingest: { intervalMs: 30000, timeoutMs: 6 * 60 * 1000 },
};

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
