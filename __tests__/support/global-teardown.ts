import { CACHE_ENV, removeCache } from "./synth-cache";

/** Once per test run, after every test: the run's synthesis cache goes. */
export default function globalTeardown(): void {
  removeCache(process.env[CACHE_ENV]);
  delete process.env[CACHE_ENV];
}
