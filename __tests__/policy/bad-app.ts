// The project's app plus one S3 bucket with none of the protections: what a careless module change
// would synthesize. The CLI test bundles main.ts with this module in place of stacks/app to see
// the real entry point refuse it.
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { LoadedEvent } from "../../config/types";
import { BuiltApp, buildApp as projectApp } from "../../stacks/app";

export * from "../../stacks/app";

export function buildApp(loaded: LoadedEvent, options: { outdir?: string } = {}): BuiltApp {
  const built = projectApp(loaded, options);
  new S3Bucket(built.delivery, "Recordings", { bucketPrefix: `${loaded.config.event.name}-recordings-` });
  return built;
}
