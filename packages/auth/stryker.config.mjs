// @ts-check
/**
 * Mutation testing of the auth runtime: `pnpm mutation` (root or this package) runs Stryker, then
 * scripts/mutation-summary.mjs prints the scores per file and per group and the surviving mutants.
 * @type {import("@stryker-mutator/api/core").PartialStrykerOptions}
 */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.stryker.config.ts", related: true },
  plugins: ["@stryker-mutator/vitest-runner"],
  mutate: [
    "src/credentials.ts",
    "src/redact.ts",
    "src/transport.ts",
    "src/decode-failure.ts",
    "src/rate-limit.ts",
    "src/token-cache.ts",
    "src/client.ts",
    "src/errors.ts",
    "src/read-body.ts",
    "src/abort.ts",
  ],
  ignorePatterns: ["dist", "coverage", ".turbo", "reports"],
  coverageAnalysis: "perTest",
  // Many tests build their client in beforeAll or at describe level, which makes a few hundred mutants of
  // client.ts and transport.ts "static" (hit outside any test). Without this, each of them reruns the
  // whole suite in a fresh worker (about 10 s apiece, over 20 minutes in all); with it, mutants also hit
  // inside tests run only against those tests, and the few hit only at module load are reported Ignored.
  ignoreStatic: true,
  concurrency: 2,
  checkers: [],
  incremental: false,
  reporters: ["clear-text", "json", "progress-append-only"],
  clearTextReporter: { reportTests: false, reportMutants: false, logTests: false },
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  thresholds: { high: 90, low: 85, break: 0 },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
};
