// `pnpm bench` (full run: writes bench/results/latest.json and the tables of BENCHMARKS.md) and
// `pnpm bench:smoke` (short run: writes bench/.tmp/smoke.{json,md}, checks invariants, exits 1 on a failure).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { measureGenerate, measureSynthetic } from "./codegen.ts";
import { measureLoopback } from "./loopback.ts";
import { machineInfo, packageVersions } from "./machine.ts";
import { measurePerCall } from "./per-call.ts";
import { type BenchResults, evaluateGoals, renderResults, replaceBetweenMarkers } from "./report.ts";
import { measureSize } from "./size.ts";
import { measureTokenCache } from "./token-cache.ts";

const bench = new URL("..", import.meta.url);
const doc = fileURLToPath(new URL("../BENCHMARKS.md", bench));

// `--render` redraws BENCHMARKS.md from bench/results/latest.json without measuring anything.
if (process.argv.includes("--render")) {
  const saved = JSON.parse(await readFile(new URL("results/latest.json", bench), "utf8")) as BenchResults;
  await writeFile(doc, replaceBetweenMarkers(await readFile(doc, "utf8"), renderResults(saved)));
  console.log("BENCHMARKS.md redrawn from bench/results/latest.json");
  process.exit(0);
}

const smoke = process.argv.includes("--smoke");
const settings = smoke
  ? {
      perCall: { rounds: 3, callsPerRound: 200, warmupCalls: 300 },
      loopback: { rounds: 1, seconds: 0.25, concurrency: [1, 64] },
      generateRuns: 0,
      synthetic: { sizes: [10], calls: 50, runs: 1 },
      tokenCache: { sizes: [1, 100, 1000], rounds: 1, mintLatencyMs: 10 },
    }
  : {
      perCall: { rounds: 20, callsPerRound: 1000, warmupCalls: 5000 },
      loopback: { rounds: 5, seconds: 1.5, concurrency: [1, 64] },
      generateRuns: 3,
      synthetic: { sizes: [10, 100, 1000], calls: 50, runs: 3 },
      tokenCache: { sizes: [1, 100, 1000], rounds: 10, mintLatencyMs: 10 },
    };

const started = performance.now();
const log = (message: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const machine = machineInfo();
log(`${smoke ? "smoke" : "full"} run on ${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}`);

log("per-call overhead with a stubbed fetch");
const perCall = await measurePerCall(settings.perCall);
log("loopback throughput");
const loopback = await measureLoopback(settings.loopback);
log("token cache");
const tokenCache = await measureTokenCache(settings.tokenCache);
log("bundle sizes");
const size = await measureSize();
log("codegen and type-check cost");
const generate = settings.generateRuns > 0 ? await measureGenerate(settings.generateRuns) : undefined;
const synthetic = await measureSynthetic(settings.synthetic);
const versions = await packageVersions();
machine.loadAverage.end = os.loadavg()[0] ?? 0;

const results: BenchResults = {
  kind: smoke ? "smoke" : "full",
  startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
  durationSeconds: (performance.now() - started) / 1000,
  machine,
  versions,
  perCall,
  loopback,
  size,
  codegen: { ...(generate ? { generate } : {}), typescript: versions.typescript ?? "unknown", synthetic },
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
  if (perCall.peers.some((p) => !(p.nsPerCall.median > 0)))
    problems.push("a per-call measurement is missing");
  if (loopback.levels.some((l) => l.peers.some((p) => !(p.opsPerSecond.median > 0))))
    problems.push("a loopback measurement is missing");
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
for (const goal of evaluateGoals(results))
  log(`${goal.met ? "met    " : "NOT MET"} ${goal.goal}: ${goal.evidence}`);
