import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  mustRun,
  NODE_ONLY_PACKAGES,
  publishablePackages,
  userEnv,
  workspaceRoot,
} from "../../smoke/src/workspace.js";

export const runtimesDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const scenarioDir = join(runtimesDir, "scenario");

/** The temp project every runtime runs from: the tarballs npm-installed, and the scenario beside them. */
export interface RuntimeProject {
  dir: string;
  /** Names and versions of the packages installed from their tarballs. */
  installed: Record<string, string>;
  timings: { packMs: number; installMs: number };
}

/**
 * Packs the runtime packages (the fakes stay in this process) and npm-installs the tarballs into a
 * new project in the OS temp folder, far from the workspace's node_modules, as tooling/smoke does.
 * Every runtime then imports them from that one `node_modules`.
 */
export async function createRuntimeProject(): Promise<RuntimeProject> {
  const dir = await mkdtemp(join(tmpdir(), "idclients-runtimes-"));
  try {
    const packages = (await publishablePackages()).filter((pkg) => !NODE_ONLY_PACKAGES.has(pkg.name));
    const tarballDir = join(dir, "tarballs");
    let started = performance.now();
    // One recursive pack: each pnpm start costs seconds (corepack), the packing itself very little.
    await mustRun(
      "pnpm",
      [
        "--recursive",
        ...packages.flatMap((pkg) => ["--filter", pkg.name]),
        "pack",
        "--pack-destination",
        tarballDir,
      ],
      { cwd: workspaceRoot },
    );
    const tarballs = (await readdir(tarballDir))
      .filter((name) => name.endsWith(".tgz"))
      .map((name) => join(tarballDir, name));
    if (tarballs.length !== packages.length) {
      throw new Error(`pnpm pack wrote ${tarballs.length} tarballs for ${packages.length} packages`);
    }
    const packMs = performance.now() - started;

    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "idclients-runtimes-consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
    started = performance.now();
    await mustRun(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--ignore-scripts",
        "--loglevel=error",
        ...tarballs,
      ],
      { cwd: dir, env: userEnv(), timeoutMs: 240_000 },
    );
    const installMs = performance.now() - started;

    for (const file of await readdir(scenarioDir)) {
      await copyFile(join(scenarioDir, file), join(dir, file));
    }
    return {
      dir,
      installed: Object.fromEntries(packages.map((pkg) => [pkg.name, pkg.version])),
      timings: { packMs, installMs },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** Deletes the temp project unless RUNTIMES_KEEP is set (for a look at what ran). */
export async function removeRuntimeProject(project: RuntimeProject): Promise<void> {
  if (process.env.RUNTIMES_KEEP) return;
  await rm(project.dir, { recursive: true, force: true });
}
