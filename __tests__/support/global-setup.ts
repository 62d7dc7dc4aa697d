import { CACHE_ENV, createCache } from "./synth-cache";

/** Once per test run, before any worker starts (workers and the processes tests start inherit the environment). */
export default function globalSetup(): void {
  // The run's synthesis cache.
  process.env[CACHE_ENV] = createCache();
  // Node reads and parses the extra CA certificates a machine names here at the start of every
  // process, about a tenth of a second for a system-wide bundle, and the run starts several dozen
  // node processes (workers, commands, npm). Nothing in a test run opens a TLS connection: AWS is
  // never reached (its clients are stubbed in the test's own process), and the Terraform Cloud
  // stand-in is plain HTTP on localhost.
  delete process.env.NODE_EXTRA_CA_CERTS;
}
