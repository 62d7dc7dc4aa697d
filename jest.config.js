/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Transpile only, with esbuild (isolatedModules in tsconfig.json): type checking is `npm run typecheck`.
  transform: { "^.+\\.ts$": "<rootDir>/__tests__/support/transform.js" },
  // The Terraform check plans real stacks; give it room, everything else is fast.
  testTimeout: 300000,
  // Two workers for two cores: the Terraform check (mostly waiting for terraform) runs first in
  // one, everything else in the other. A worker that grew past the limit is replaced between files.
  maxWorkers: 2,
  workerIdleMemoryLimit: "700MB",
  testSequencer: "<rootDir>/__tests__/support/sequencer.js",
  // Every stack of the Terraform check starts at once, so they are planned together (see terraform.test.ts).
  maxConcurrency: 100,
  // One synthesis per distinct event per run (see __tests__/support/synth-cache.ts).
  globalSetup: "<rootDir>/__tests__/support/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/support/global-teardown.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
};
