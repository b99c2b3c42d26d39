import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Packing, installing and type-checking take tens of seconds on a 2-core machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
