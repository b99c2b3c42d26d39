import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { run } from "../../smoke/src/workspace.js";
import { reportScenario, type ScenarioReport, type ScenarioTargets } from "../scenario/scenario.ts";
import { BUNDLES } from "./bundle.js";
import { runtimesDir } from "./project.js";

/** A runtime's report plus the wall time the test measured around it (start-up included). */
export interface RuntimeOutcome extends ScenarioReport {
  wallMs: number;
}

const require = createRequire(import.meta.url);

/** One line per runtime for the log: version, wall time (start-up included) and the scenario's own time. */
export function describeOutcome(outcome: RuntimeOutcome): string {
  const { name, version } = outcome.runtime;
  return `${name} ${version}: ${(outcome.wallMs / 1000).toFixed(2)}s wall, scenario ${outcome.scenarioMs} ms`;
}

/**
 * The scenario in this Node process, with the workspace's packages: it warms the fakes up (their
 * validators compile on first use) before the runtimes are timed, and is the baseline they match.
 */
export async function runInVitest(targets: ScenarioTargets): Promise<RuntimeOutcome> {
  const started = performance.now();
  const report = await reportScenario({ name: "node", version: process.version }, targets);
  return { ...report, wallMs: performance.now() - started };
}

/**
 * The runtime's own executable from this workspace's devDependencies. pnpm's `.bin` shim of deno
 * goes through a Node script; calling the binary keeps Node's start-up out of the measured time.
 */
function executable(name: "bun" | "deno"): string {
  const packageDir = join(require.resolve(`${name}/package.json`), "..");
  const binary = join(packageDir, name === "bun" ? "bin/bun.exe" : "deno");
  return existsSync(binary) ? binary : join(runtimesDir, "node_modules/.bin", name);
}

/**
 * The environment a runtime gets: enough to start, the targets, and nothing of this machine's own
 * settings (no IDCLIENTS_LOG, no provider credentials or base URLs the packages would read).
 */
function runtimeEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const kept = ["PATH", "HOME", "TMPDIR", "TMP", "TEMP", "SYSTEMROOT"].filter((name) => process.env[name]);
  return { ...Object.fromEntries(kept.map((name) => [name, process.env[name]])), ...extra };
}

/** Runs `cli.ts` of the project with the targets in IDCLIENTS_TARGETS and reads its JSON line. */
async function runCli(
  command: string,
  args: string[],
  projectDir: string,
  targets: ScenarioTargets,
  env: Record<string, string>,
): Promise<RuntimeOutcome> {
  const result = await run(command, args, {
    cwd: projectDir,
    env: runtimeEnv({ ...env, NO_COLOR: "1", IDCLIENTS_TARGETS: JSON.stringify(targets) }),
    timeoutMs: 60_000,
  });
  // The command line carries no credential (the targets travel in the environment), so it may be shown.
  if (result.code !== 0) {
    throw new Error(
      `${command} ${args.join(" ")} exited with ${String(result.code)}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`,
    );
  }
  const lastLine = result.stdout.trim().split("\n").at(-1) ?? "";
  return { ...(JSON.parse(lastLine) as ScenarioReport), wallMs: result.ms };
}

/** `bun run cli.ts`: Bun runs the TypeScript itself and resolves the packages from node_modules. */
export function runOnBun(projectDir: string, targets: ScenarioTargets): Promise<RuntimeOutcome> {
  // --no-install: never fetch a missing package from the registry (Bun's auto-install).
  return runCli(executable("bun"), ["--no-install", "run", "cli.ts"], projectDir, targets, {
    DO_NOT_TRACK: "1",
  });
}

/**
 * `deno run` with the npm-installed node_modules (`--node-modules-dir=manual`: Deno reads it as it
 * is and resolves nothing from a registry) and no permission but loopback network and the one
 * variable the entry reads. Module loading from node_modules needs no read permission.
 */
export function runOnDeno(projectDir: string, targets: ScenarioTargets): Promise<RuntimeOutcome> {
  return runCli(
    executable("deno"),
    [
      "run",
      "--node-modules-dir=manual",
      "--no-remote",
      "--no-lock",
      "--no-prompt",
      "--allow-net=127.0.0.1",
      "--allow-env=IDCLIENTS_TARGETS",
      "cli.ts",
    ],
    projectDir,
    targets,
    { DENO_DIR: join(projectDir, ".deno-dir"), DENO_NO_UPDATE_CHECK: "1" },
  );
}

/** The compatibility date the Worker runs with: that of the workerd release miniflare ships. */
export function workerdVersion(): { workerd: string; miniflare: string; compatibilityDate: string } {
  const fromMiniflare = createRequire(require.resolve("miniflare"));
  const workerd = (fromMiniflare("workerd/package.json") as { version: string }).version;
  const miniflare = (require("miniflare/package.json") as { version: string }).version;
  // workerd 1.YYYYMMDD.n supports compatibility dates up to YYYY-MM-DD.
  const date = /^1\.(\d{4})(\d{2})(\d{2})\./.exec(workerd);
  if (date === null) throw new Error(`unexpected workerd version ${workerd}`);
  return { workerd, miniflare, compatibilityDate: `${date[1]}-${date[2]}-${date[3]}` };
}

/**
 * The Worker bundle in workerd through miniflare, without `nodejs_compat`: the packages get web APIs
 * only. The test dispatches one request; the Worker calls the fakes on 127.0.0.1 from inside it.
 */
export async function runOnWorkerd(projectDir: string, targets: ScenarioTargets): Promise<RuntimeOutcome> {
  const started = performance.now();
  const miniflare = new Miniflare({
    modules: true,
    scriptPath: join(projectDir, BUNDLES.worker.output),
    modulesRoot: projectDir,
    compatibilityDate: workerdVersion().compatibilityDate,
    // The placeholder `request.cf`: the default would fetch a fresh one from workers.cloudflare.com.
    cf: false,
  });
  try {
    const response = await miniflare.dispatchFetch("http://worker.test/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(targets),
    });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`the Worker answered ${response.status}:\n${text}`);
    return { ...(JSON.parse(text) as ScenarioReport), wallMs: performance.now() - started };
  } finally {
    await miniflare.dispose();
  }
}
