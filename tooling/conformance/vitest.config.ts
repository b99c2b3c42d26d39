import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Each file starts its own Prism child process, which mostly waits on I/O once started; running a
    // few files at a time overlaps those start-ups even on a two-core machine.
    maxWorkers: 3,
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 75_000,
  },
});
