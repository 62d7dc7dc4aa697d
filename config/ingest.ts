// The default output locking is the encoder's own (modules/encoder/options.ts).
import { type OutputLocking, outputLockingFor } from "../modules/encoder/options";
import type { EventConfig, IngestType } from "./types";

/**
 * How this event's MediaLive channels push to MediaPackage v2. Written in config, or derived:
 * CMAF with two or more regions, because seamless failover between regions needs epoch-locked
 * CMAF ingest (https://docs.aws.amazon.com/mediapackage/latest/userguide/cross-region-failover.html);
 * HLS with one region, where it needs no CloudFormation stack (docs/ingest.md says why).
 */
export function ingestTypeOf(config: Pick<EventConfig, "channel" | "regions">): IngestType {
  return config.channel.ingest ?? (config.regions.length > 1 ? "CMAF" : "HLS");
}

/**
 * The channel's output locking: as written, or EPOCH_LOCKING with CMAF ingest and
 * PIPELINE_LOCKING with HLS ingest in a STANDARD channel; DISABLED in a SINGLE_PIPELINE channel.
 */
export function outputLockingOf(config: Pick<EventConfig, "channel" | "regions">): OutputLocking {
  return outputLockingFor(config.channel, ingestTypeOf(config));
}

