import { join } from "node:path";
import { build } from "esbuild";

/** The bundles the project gets: a Worker module for workerd, and an ES module a page loads. */
export const BUNDLES = {
  worker: { entry: "worker.ts", output: "worker.bundle.js", conditions: ["workerd", "worker", "browser"] },
  browser: { entry: "browser.ts", output: "browser.bundle.js", conditions: ["browser"] },
} as const;

/**
 * Bundles the scenario entries from the packages installed in the project, as wrangler or a web
 * app's bundler would (`platform: "browser"`, no Node polyfills), into files beside them.
 */
export async function bundleScenario(projectDir: string): Promise<void> {
  await Promise.all(
    Object.values(BUNDLES).map((bundle) =>
      build({
        absWorkingDir: projectDir,
        entryPoints: [join(projectDir, bundle.entry)],
        outfile: join(projectDir, bundle.output),
        bundle: true,
        platform: "browser",
        conditions: [...bundle.conditions],
        format: "esm",
        target: "es2022",
        logLevel: "silent",
      }),
    ),
  );
}
