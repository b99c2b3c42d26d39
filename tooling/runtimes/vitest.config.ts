import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Packs, npm-installs and bundles once for every test file.
    globalSetup: ["src/global-setup.ts"],
    // One runtime at a time: the measured times are then each runtime's own, not a fight for 2 cores.
    fileParallelism: false,
    // Generous: a cold start of workerd or chromium on a loaded 2-core CI machine takes seconds.
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
