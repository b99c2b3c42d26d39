import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // Generous limits for a loaded 2-core CI machine; they only catch hangs, they time nothing.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
