import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  consumerDir,
  mustRun,
  type PublishablePackage,
  publishablePackages,
  run,
  userEnv,
} from "./workspace.js";

/** What the user project gets from npm besides our tarballs: the compiler and Node's types. */
export const USER_DEV_DEPENDENCIES = ["typescript@~5.9.3", "@types/node@^20.19.0"];

export interface PackedPackage extends PublishablePackage {
  tarball: string;
  /** package.json as it sits inside the tarball (pnpm rewrote `workspace:` ranges). */
  manifest: { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> };
}

export interface UserProject {
  dir: string;
  packed: PackedPackage[];
  timings: Record<string, number>;
  remove(): Promise<void>;
}

/**
 * Packs every publishable package and installs the tarballs with npm into a new project in the OS temp
 * folder, far from the workspace's node_modules, the way a user's `npm install` would.
 */
export async function createUserProject(): Promise<UserProject> {
  const dir = await mkdtemp(join(tmpdir(), "idclients-smoke-"));
  const timings: Record<string, number> = {};
  try {
    const tarballDir = join(dir, "tarballs");
    await mkdir(tarballDir);
    const packages = await publishablePackages();
    let started = performance.now();
    // pnpm pack is mostly process start-up, so the packages are packed side by side.
    const packed = await Promise.all(
      packages.map(async (pkg): Promise<PackedPackage> => {
        const destination = join(tarballDir, pkg.name.replace(/^@/, "").replace("/", "-"));
        await mkdir(destination);
        await mustRun("pnpm", ["pack", "--pack-destination", destination], { cwd: pkg.dir, env: userEnv() });
        const tarball = (await readdir(destination)).find((name) => name.endsWith(".tgz"));
        if (tarball === undefined) throw new Error(`pnpm pack wrote no tarball for ${pkg.name}`);
        const path = join(destination, tarball);
        const manifestText = (await mustRun("tar", ["-xOzf", path, "package/package.json"], { cwd: dir }))
          .stdout;
        return { ...pkg, tarball: path, manifest: JSON.parse(manifestText) as PackedPackage["manifest"] };
      }),
    );
    timings.pack = performance.now() - started;

    await writeFile(
      join(dir, "package.json"),
      `${JSON.stringify({ name: "idclients-smoke-consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
    );
    for (const file of await readdir(consumerDir)) {
      await copyFile(join(consumerDir, file), join(dir, file));
    }

    started = performance.now();
    await mustRun(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--loglevel=error",
        ...packed.map((pkg) => pkg.tarball),
        ...USER_DEV_DEPENDENCIES,
      ],
      { cwd: dir, timeoutMs: 240_000 },
    );
    timings.install = performance.now() - started;
    return {
      dir,
      packed,
      timings,
      remove: () => (process.env.SMOKE_KEEP ? Promise.resolve() : rm(dir, { recursive: true, force: true })),
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The installed package's package.json, read from the user project's node_modules. */
export async function installedManifest(project: UserProject, name: string): Promise<{ version: string }> {
  return JSON.parse(await readFile(join(project.dir, "node_modules", name, "package.json"), "utf8")) as {
    version: string;
  };
}

/** `tsc -p <config>` with the TypeScript installed in the user project. */
export function typeCheck(project: UserProject, config: string) {
  return run(process.execPath, [join(project.dir, "node_modules/typescript/bin/tsc"), "-p", config], {
    cwd: project.dir,
  });
}
