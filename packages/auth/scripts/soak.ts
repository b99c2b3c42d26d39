/**
 * Soak test of the transport under injected faults (issue 4 §3):
 *   pnpm soak [--requests 10000] [--concurrency 50] [--timeout-ms 200] [--seed 1] [--no-faults]
 * Exits non-zero when a promise rejection went unhandled or a non-idempotent create ran twice.
 */
import { parseArgs } from "node:util";
import { runSoak } from "../src/test-support/soak.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "50" },
    "timeout-ms": { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    "no-faults": { type: "boolean", default: false },
  },
});

const number = (name: string, raw: string | undefined): number => {
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive whole number`);
  return value;
};

const report = await runSoak({
  requests: number("requests", values.requests),
  concurrency: number("concurrency", values.concurrency),
  timeoutMs: number("timeout-ms", values["timeout-ms"]),
  seed: number("seed", values.seed),
  faults: !values["no-faults"],
});

const failed = Object.values(report.failures).reduce((sum, n) => sum + n, 0);
const lines = [
  `requests             ${report.requests} at concurrency ${report.concurrency} (${report.attempts} HTTP attempts, ${report.durationMs} ms)`,
  `injected             ${Object.entries(report.injected)
    .map(([kind, n]) => `${kind}: ${n}`)
    .join(", ")}`,
  `succeeded            ${report.succeeded}`,
  `typed failures       ${failed}${
    failed
      ? ` (${Object.entries(report.failures)
          .map(([name, n]) => `${name}: ${n}`)
          .join(", ")})`
      : ""
  }`,
  `untyped failures     ${report.untyped}`,
  `unhandled rejections ${report.unhandledRejections}`,
  `duplicate creates    ${report.duplicates}`,
  `heap growth          ${report.heapGrowthMb} MB${report.gcExposed ? "" : " (no --expose-gc: includes garbage)"}`,
];
console.log(lines.join("\n"));

if (report.unhandledRejections > 0 || report.duplicates > 0 || report.untyped > 0) {
  console.error("soak FAILED: unhandled rejections, duplicate creates or untyped failures above 0");
  process.exitCode = 1;
}
