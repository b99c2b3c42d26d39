import { afterAll, inject } from "vitest";

/**
 * Works around a bug of @stryker-mutator/vitest-runner 9.5.1 with vitest >= 4.1 (stryker-js#5928, fixed in
 * 9.6.1): its setup file reads the suite from the 1st argument of `afterAll`, where vitest 4.1 no longer
 * passes it, so per-test coverage and hit counts never reach Stryker and every mutant runs the whole suite.
 * This hook hands both over the 4.1 way. Harmless once Stryker is upgraded (it writes the same values).
 */
declare module "vitest" {
  interface ProvidedContext {
    globalNamespace: string;
    mode: "mutant" | "dry-run";
  }
}

interface StrykerNamespace {
  mutantCoverage?: unknown;
  hitCount?: number;
}

const name = inject("globalNamespace");
const mode = inject("mode");
if (name) {
  // biome-ignore lint/correctness/noEmptyPattern: vitest >= 4.1 passes the suite as the 2nd argument, and only when the 1st is a destructuring pattern
  afterAll(({}, suite) => {
    const ns = ((globalThis as Record<string, unknown>)[name] ?? {}) as StrykerNamespace;
    const meta = suite.meta as Record<string, unknown>;
    if (mode === "mutant") meta.hitCount = ns.hitCount;
    else meta.mutantCoverage = ns.mutantCoverage;
  });
}
