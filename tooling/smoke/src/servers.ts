import { access } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { SmokeTargets } from "../consumer/smoke-targets.js";
import { type RunningServers, startStandIn } from "./stand-in.js";

export type { RunningServers } from "./stand-in.js";

/**
 * Whether the @idclients/testing installed in the user project can start the fakes. When it cannot
 * (not built, or without `startAll`), or SMOKE_STAND_IN is set, the smoke falls back to the stand-in.
 */
export async function fakesUsable(projectDir: string): Promise<boolean> {
  if (process.env.SMOKE_STAND_IN) return false;
  const entry = join(projectDir, "node_modules/@idclients/testing/dist/index.js");
  if (
    !(await access(entry).then(
      () => true,
      () => false,
    ))
  )
    return false;
  const testing = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  return typeof testing.startAll === "function";
}

/**
 * Starts servers for a consumer that runs inside this process (the browser sandbox): the fakes,
 * through the user project's own compiled `out/targets.js`, or the stand-in.
 */
export async function startServers(projectDir: string, useFakes: boolean): Promise<RunningServers> {
  if (!useFakes) return startStandIn();
  const compiled = pathToFileURL(join(projectDir, "out/targets.js")).href;
  const { startFakes } = (await import(compiled)) as {
    startFakes(): Promise<{ targets: SmokeTargets; close(): Promise<void> }>;
  };
  const fakes = await startFakes();
  return { ...fakes, source: "@idclients/testing fakes, installed from its tarball" };
}
