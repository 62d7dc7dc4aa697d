import { CACHE_ENV, createCache } from "./synth-cache";

/** Once per test run, before any worker starts: the run's synthesis cache (workers inherit the variable). */
export default function globalSetup(): void {
  process.env[CACHE_ENV] = createCache();
}
