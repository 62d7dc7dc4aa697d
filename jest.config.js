/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  // Transpile only (isolatedModules in tsconfig.json): type checking is `npm run typecheck`.
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  // The Terraform check plans real stacks; give it room, everything else is fast.
  testTimeout: 300000,
  // Terraform checks run concurrently within their file; more than three at once only queues on two cores.
  maxConcurrency: 3,
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
};
