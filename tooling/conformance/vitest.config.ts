import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Each file starts its own Prism (2-4 s); the calls themselves are quick.
    testTimeout: 30_000,
    hookTimeout: 45_000,
  },
});
