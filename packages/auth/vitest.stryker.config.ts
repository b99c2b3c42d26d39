import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The unit tests that Stryker runs against each mutant (`pnpm mutation`): the normal suite without the
 * type tests (`*.test-d.ts`, only run by `vitest --typecheck`) and without the soak test, which takes
 * seconds per run and kills nothing the unit tests do not.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["**/node_modules/**", "src/soak.test.ts"],
      typecheck: { enabled: false },
      // Works around a bug of Stryker 9.5 with vitest 4.1 (see the file).
      setupFiles: ["./vitest.stryker.setup.ts"],
      // Stryker starts a fresh worker for every mutant run anyway; without isolation the test files of one
      // run share it instead of each paying for a new one (about a third of the run time). Set
      // STRYKER_VITEST_ISOLATE=1 to check a suspicious kill with isolated test files.
      isolate: process.env.STRYKER_VITEST_ISOLATE === "1",
    },
  }),
);
