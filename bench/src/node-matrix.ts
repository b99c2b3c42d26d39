// Runs the Node-dependent parts of the bench under several Node versions, each in its own process
// (bench/src/node-runner.ts, through tsx): the current Node, and others that npx fetches
// (`npx -y -p node@22 -- node`).
import { spawn } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CALL_COSTS_NODE_FLAGS, type CallCostsResult } from "./call-costs.ts";
import type { LoopbackResult } from "./loopback.ts";
import type { RunnerOptions, RunnerResult } from "./node-runner.ts";
import type { PerCallResult } from "./per-call.ts";

const BENCH = fileURLToPath(new URL("..", import.meta.url));
const RUNNER = fileURLToPath(new URL("./node-runner.ts", import.meta.url));

export interface NodeRun {
  /** process.version of the Node that ran the parts. */
  node: string;
  perCall: PerCallResult;
  callCosts: CallCostsResult;
  loopback: LoopbackResult;
}

export interface NodeMatrixResult {
  runs: NodeRun[];
  /** Versions that could not be run (no binary), with the reason. */
  skipped: { major: number; reason: string }[];
}

function run(
  command: string,
  args: string[],
  stdio: "pipe" | "inherit",
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: BENCH, stdio: ["ignore", stdio, "inherit"] });
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

/** The current Node when its major version matches, else the binary of npm's `node` package, through npx. */
async function nodeBinary(major: number): Promise<string> {
  if (Number(process.versions.node.split(".")[0]) === major) return process.execPath;
  const { code, out } = await run(
    "npx",
    ["-y", "-p", `node@${major}`, "--", "node", "-p", "process.execPath"],
    "pipe",
  );
  const path = out.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !path) throw new Error(`npx -p node@${major} failed (exit ${code})`);
  return path;
}

async function runParts(node: string, flags: readonly string[], options: RunnerOptions, tag: string) {
  const dir = join(BENCH, ".tmp", "node-matrix");
  await mkdir(dir, { recursive: true });
  const outFile = join(dir, `${tag}.json`);
  const { code } = await run(
    node,
    [...flags, "--import", "tsx", RUNNER, outFile, JSON.stringify(options)],
    "inherit",
  );
  if (code !== 0) throw new Error(`${tag}: the bench runner exited with ${code}`);
  return JSON.parse(await readFile(outFile, "utf8")) as RunnerResult;
}

/**
 * For each Node major version: per-call timing and loopback throughput in one process (default heap,
 * --expose-gc), allocations and promises per call in another (a young generation large enough that no
 * collection runs during a batch). `oneProcess` runs all three in the second kind of process, which
 * changes the timings: for smoke runs, whose timings are not judged.
 */
export async function measureNodeMatrix(options: {
  majors: readonly number[];
  perCall: NonNullable<RunnerOptions["perCall"]>;
  callCosts: NonNullable<RunnerOptions["callCosts"]>;
  loopback: NonNullable<RunnerOptions["loopback"]>;
  oneProcess?: boolean;
  log: (message: string) => void;
}): Promise<NodeMatrixResult> {
  const runs: NodeRun[] = [];
  const skipped: NodeMatrixResult["skipped"] = [];
  for (const major of options.majors) {
    let node: string;
    try {
      node = await nodeBinary(major);
    } catch (error) {
      skipped.push({ major, reason: error instanceof Error ? error.message : String(error) });
      options.log(`Node ${major}: skipped (${skipped.at(-1)?.reason})`);
      continue;
    }
    options.log(`Node ${major}: per-call, call costs and loopback (${node})`);
    const { perCall, callCosts, loopback } = options;
    let timed: RunnerResult;
    let costs: RunnerResult;
    if (options.oneProcess) {
      timed = await runParts(node, CALL_COSTS_NODE_FLAGS, { perCall, callCosts, loopback }, `node${major}`);
      costs = timed;
    } else {
      timed = await runParts(node, ["--expose-gc"], { perCall, loopback }, `node${major}-timing`);
      costs = await runParts(node, CALL_COSTS_NODE_FLAGS, { callCosts }, `node${major}-costs`);
    }
    if (!timed.perCall || !timed.loopback || !costs.callCosts)
      throw new Error(`Node ${major}: the bench runner returned an incomplete result`);
    runs.push({
      node: timed.node,
      perCall: timed.perCall,
      callCosts: costs.callCosts,
      loopback: timed.loopback,
    });
  }
  return { runs, skipped };
}
