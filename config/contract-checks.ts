import { outputLockingOf } from "./ingest";
import type { EventConfig } from "./types";

// Warnings about combinations AWS accepts but that behave differently from what a user would
// expect, each with the AWS page that says so. They never block synthesis.

/** CloudFront's default quota for the origin response (read) timeout, in seconds. */
export const CLOUDFRONT_MAX_READ_TIMEOUT = 60;

export function checkServiceContracts(c: EventConfig, display: string, warnings: string[]): void {
  const type = c.contribution.type;
  const locking = outputLockingOf(c);
  // https://docs.aws.amazon.com/medialive/latest/ug/pipeline-locking-verify-input.html
  if (type === "URL_PULL" && locking !== "DISABLED") {
    warnings.push(
      `${display}: /channel/outputLocking is ${c.channel.outputLocking ?? `${locking} (the default)`} with an HLS input (contribution.type URL_PULL): MediaLive stops locking the pipelines of a channel that has an HLS input, and does not resume after an input switch, so the two pipelines' segments will not line up. Set channel.outputLocking to DISABLED to say so, or use a push input.`,
    );
  }

  const feed = c.contribution.mediaconnect?.regionalFeed;
  if (type === "MEDIACONNECT" && feed?.mode === "forward" && c.regions.length > 1) {
    const [primary, ...extra] = c.regions;
    warnings.push(
      `${display}: /contribution/mediaconnect/regionalFeed/mode is forward: ${extra.join(", ")} receive the feed from the flows in ${primary}, so an outage of ${primary}'s flows (or of that region) takes the feed from every region, and the extra regions' stacks change resources in ${primary}. Use mode direct (encoders send to every region) for regions that fail independently.`,
    );
  }

  // https://datatracker.ietf.org/doc/html/draft-pantos-hls-rfc8216bis#section-6.2.5.2 (blocking playlist reload)
  // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesOrigin.html#DownloadDistValuesOriginResponseTimeout
  const segment = c.packaging.segmentDurationSeconds;
  const lowLatency = Object.values(c.packaging.endpoints).some((e) => e.lowLatencyHls);
  if (lowLatency && 3 * segment > CLOUDFRONT_MAX_READ_TIMEOUT) {
    warnings.push(
      `${display}: /packaging/segmentDurationSeconds ${segment} with low-latency HLS: the origin may hold a blocking playlist reload for up to three target durations (${3 * segment} s), longer than CloudFront's ${CLOUDFRONT_MAX_READ_TIMEOUT} s origin read timeout; CloudFront answers 504 first. Use segments of at most ${CLOUDFRONT_MAX_READ_TIMEOUT / 3} s, or raise the timeout quota and the timeout with it.`,
    );
  }
}
