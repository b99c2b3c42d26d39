import type { TestProject } from "vitest/node";
import { bundleScenario } from "./bundle.js";
import { createRuntimeProject, type RuntimeProject, removeRuntimeProject } from "./project.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The one packed-and-installed project all runtimes (and test files) share. */
    runtimeProject: RuntimeProject & { bundleMs: number };
  }
}

/** Packs and installs once per `vitest run`, however many test files use the project. */
export default async function setup(vitest: TestProject): Promise<() => Promise<void>> {
  const project = await createRuntimeProject();
  const started = performance.now();
  await bundleScenario(project.dir);
  vitest.provide("runtimeProject", { ...project, bundleMs: performance.now() - started });
  const { packMs, installMs } = project.timings;
  console.info(
    `runtimes: packed in ${(packMs / 1000).toFixed(1)}s, installed in ${(installMs / 1000).toFixed(1)}s, ` +
      `bundled in ${((performance.now() - started) / 1000).toFixed(1)}s (${project.dir})`,
  );
  return () => removeRuntimeProject(project);
}
