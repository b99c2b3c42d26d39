// `pnpm bench` (full run: writes bench/results/latest.json and the tables of BENCHMARKS.md) and
// `pnpm bench:smoke` (short run: writes bench/.tmp/smoke.{json,md}, checks invariants, exits 1 on a failure).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { measureGenerate, measureSynthetic } from "./codegen.ts";
import { measureConsumerTypecheck } from "./consumer-typecheck.ts";
import { machineInfo, packageVersions } from "./machine.ts";
import { measureNodeMatrix } from "./node-matrix.ts";
import { type BenchResults, evaluateGoals, renderResults, replaceBetweenMarkers } from "./report.ts";
import { measureSize } from "./size.ts";
import { measureTokenCache } from "./token-cache.ts";

const bench = new URL("..", import.meta.url);
const doc = fileURLToPath(new URL("../BENCHMARKS.md", bench));

// `--render` redraws BENCHMARKS.md from bench/results/latest.json without measuring anything.
if (process.argv.includes("--render")) {
  const saved = JSON.parse(await readFile(new URL("results/latest.json", bench), "utf8")) as BenchResults;
  if (!saved.matrix) throw new Error("bench/results/latest.json predates the Node matrix: run `pnpm bench`");
  await writeFile(doc, replaceBetweenMarkers(await readFile(doc, "utf8"), renderResults(saved)));
  console.log("BENCHMARKS.md redrawn from bench/results/latest.json");
  process.exit(0);
}

const smoke = process.argv.includes("--smoke");
const currentMajor = Number(process.versions.node.split(".")[0]);
// The smoke run exercises every part once, small: the current Node only, all Node-dependent parts in
// one process, the type-check of a consumer that only creates the clients, no `pnpm generate`.
const settings = smoke
  ? {
      majors: [currentMajor],
      oneProcess: true,
      perCall: { rounds: 3, callsPerRound: 200, warmupCalls: 300, modes: ["forced-gc", "steady"] as const },
      callCosts: { callsPerBatch: 100, batches: 1, warmupCalls: 0 },
      loopback: { rounds: 1, seconds: 0.25, concurrency: [1, 64] },
      generateRuns: 0,
      synthetic: { sizes: [10], calls: 50, runs: 1 },
      typecheck: { cases: ["clients"] as const, runs: 1 },
      tokenCache: { sizes: [1, 100, 1000], rounds: 1, mintLatencyMs: 10 },
    }
  : {
      majors: [20, 22, 24],
      oneProcess: false,
      perCall: {
        rounds: 20,
        callsPerRound: 1000,
        warmupCalls: 5000,
        modes: ["forced-gc", "steady"] as const,
      },
      callCosts: { callsPerBatch: 500, batches: 5, warmupCalls: 5000 },
      loopback: { rounds: 5, seconds: 1.5, concurrency: [1, 64] },
      generateRuns: 3,
      synthetic: { sizes: [10, 100, 1000], calls: 50, runs: 3 },
      typecheck: { cases: ["calls", "clients"] as const, runs: 3 },
      tokenCache: { sizes: [1, 100, 1000], rounds: 10, mintLatencyMs: 10 },
    };

const started = performance.now();
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const machine = machineInfo();
log(`${smoke ? "smoke" : "full"} run on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`);

log(`per-call overhead, call costs and loopback throughput on Node ${settings.majors.join(", ")}`);
const matrix = await measureNodeMatrix({ ...settings, log });
log("token cache");
const tokenCache = await measureTokenCache(settings.tokenCache);
log("bundle sizes");
const size = await measureSize();
const versions = await packageVersions();
log("consumer type-check cost");
const typecheck = await measureConsumerTypecheck({
  ...settings.typecheck,
  typescript: versions.typescript ?? "unknown",
});
log("codegen cost");
const generate = settings.generateRuns > 0 ? await measureGenerate(settings.generateRuns) : undefined;
const synthetic = await measureSynthetic(settings.synthetic);
machine.loadAverage.end = os.loadavg()[0] ?? 0;

const results: BenchResults = {
  kind: smoke ? "smoke" : "full",
  startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
  durationSeconds: (performance.now() - started) / 1000,
  machine,
  versions,
  matrix,
  size,
  codegen: { ...(generate ? { generate } : {}), typescript: versions.typescript ?? "unknown", synthetic },
  typecheck,
  tokenCache,
};
const markdown = renderResults(results);

if (smoke) {
  await mkdir(new URL(".tmp/", bench), { recursive: true });
  await writeFile(new URL(".tmp/smoke.json", bench), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(new URL(".tmp/smoke.md", bench), `${markdown}\n`);
  // A smoke run's timings are too short to judge the speed goals; it checks that every part ran and
  // that the token cache minted once.
  const problems: string[] = [];
  for (const level of tokenCache.levels) {
    if (!level.mints.every((m) => m === 1))
      problems.push(`token cache minted ${level.mints.join("/")} times for N=${level.concurrent}`);
  }
  if (matrix.runs.length !== settings.majors.length) problems.push("the Node run is missing");
  for (const run of matrix.runs) {
    if (run.perCall.modes.some((m) => m.peers.some((p) => !(p.nsPerCall.median > 0))))
      problems.push(`a per-call measurement is missing on ${run.node}`);
    if (run.callCosts.peers.some((p) => !(p.heapBytesPerCall > 0) || !(p.promisesPerCall >= 0)))
      problems.push(`an allocation or promise count is missing on ${run.node}`);
    if (run.loopback.levels.some((l) => l.peers.some((p) => !(p.opsPerSecond.median > 0))))
      problems.push(`a loopback measurement is missing on ${run.node}`);
  }
  if (typecheck.cases.some((c) => !(c.ours.instantiations > 0) || !(c.bare.instantiations > 0)))
    problems.push("tsc reported no instantiations for a consumer");
  if (size.bundles.some((b) => !(b.brotliBytes > 0))) problems.push("a bundle is empty");
  if (synthetic.some((s) => !(s.instantiations > 0))) problems.push("tsc reported no instantiations");
  log(`wrote bench/.tmp/smoke.json and bench/.tmp/smoke.md in ${results.durationSeconds.toFixed(0)} s`);
  if (problems.length > 0) {
    console.error(`bench:smoke failed:\n  ${problems.join("\n  ")}`);
    process.exit(1);
  }
} else {
  await mkdir(new URL("results/", bench), { recursive: true });
  await writeFile(new URL("results/latest.json", bench), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(doc, replaceBetweenMarkers(await readFile(doc, "utf8"), markdown));
  log(`wrote bench/results/latest.json and BENCHMARKS.md in ${results.durationSeconds.toFixed(0)} s`);
}
for (const goal of evaluateGoals(results)) {
  const verdict = goal.met === undefined ? "n/a    " : goal.met ? "met    " : "NOT MET";
  log(`${verdict} ${goal.node ? `[${goal.node}] ` : ""}${goal.goal} (${goal.target}): ${goal.measured}`);
}
