import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const smokeDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
export const workspaceRoot = resolve(smokeDir, "../..");
export const consumerDir = join(smokeDir, "consumer");

/** A package of packages/* that is published (not `private`). */
export interface PublishablePackage {
  name: string;
  version: string;
  dir: string;
}

/** The packages a user can install: every non-private package under packages/. */
export async function publishablePackages(): Promise<PublishablePackage[]> {
  const root = join(workspaceRoot, "packages");
  const found: PublishablePackage[] = [];
  for (const entry of await readdir(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, entry.name);
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as {
      name: string;
      version: string;
      private?: boolean;
    };
    if (manifest.private) continue;
    found.push({ name: manifest.name, version: manifest.version, dir });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Packages that ship to browsers and edge runtimes and so may not touch Node built-ins: everything
 * publishable except the fakes, which are a Node test utility.
 */
export const NODE_ONLY_PACKAGES = new Set(["@idclients/testing"]);

/**
 * Files of a runtime package that may import Node built-ins: only those behind its Node-only entry
 * point (`@idclients/auth/node`, the file and Kubernetes token sources). Nothing reachable from the
 * universal entry points may (packages/auth/src/workload/entry-points.test.ts checks that).
 */
export const NODE_ONLY_FILES = /^(src|dist)\/workload\/file\.(ts|js|d\.ts)$/;

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * The environment of a child that must behave as on a user's machine: pnpm's and npm's per-script
 * variables (npm_config_*, npm_package_*, ...) would otherwise leak workspace settings into npm.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|INIT_CWD$|NODE_OPTIONS$|VITEST|TURBO_)/.test(key)) continue;
    env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", ...extra };
}

/** Runs a command to completion (no shell), capturing its output; never rejects on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? userEnv(),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? 120_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

/** Like `run`, but throws with the command's output when it exits non-zero. */
export async function mustRun(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${command} ${args.join(" ")}\` in ${options.cwd} exited with ${String(result.code)}\n` +
        `--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  return result;
}
