#!/usr/bin/env node
// Prints the result of `stryker run` (reports/mutation/mutation.json) per file and per group, and lists
// the surviving mutants. Usage: node scripts/mutation-summary.mjs [path/to/mutation.json]
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

const GROUPS = {
  credentials: ["src/credentials.ts"],
  redaction: ["src/redact.ts"],
  transport: ["src/transport.ts", "src/client.ts", "src/read-body.ts", "src/abort.ts"],
  "failure decoding": ["src/decode-failure.ts", "src/rate-limit.ts"],
  "token cache": ["src/token-cache.ts"],
};

const reportPath = resolve(process.argv[2] ?? "reports/mutation/mutation.json");
let report;
try {
  report = JSON.parse(readFileSync(reportPath, "utf8"));
} catch (error) {
  console.error(`mutation-summary: cannot read ${reportPath}: ${error.message}`);
  process.exit(1);
}
const thresholds = report.thresholds ?? { high: 90, low: 85 };

/** Report file names may be absolute or relative to the package: normalise to "src/x.ts". */
const normalise = (name) => relative(process.cwd(), resolve(name)).split("\\").join("/");
const files = Object.entries(report.files).map(([name, file]) => ({
  name: normalise(name),
  mutants: file.mutants,
}));

function count(mutants) {
  const c = { killed: 0, survived: 0, noCoverage: 0, timeout: 0, errors: 0, ignored: 0 };
  for (const { status } of mutants) {
    if (status === "Killed") c.killed++;
    else if (status === "Survived") c.survived++;
    else if (status === "NoCoverage") c.noCoverage++;
    else if (status === "Timeout") c.timeout++;
    else if (status === "CompileError" || status === "RuntimeError") c.errors++;
    else c.ignored++;
  }
  // Stryker's mutation score: detected / (detected + undetected). Compile and runtime errors and ignored
  // mutants (static ones, see ignoreStatic in stryker.config.mjs) do not count.
  const detected = c.killed + c.timeout;
  const valid = detected + c.survived + c.noCoverage;
  c.score = valid === 0 ? Number.NaN : (100 * detected) / valid;
  return c;
}

const mark = (score) =>
  Number.isNaN(score) ? "n/a" : score >= thresholds.high ? "high" : score >= thresholds.low ? "ok" : "LOW";
const row = (label, c) =>
  [
    label.padEnd(24),
    String(c.killed).padStart(7),
    String(c.survived).padStart(9),
    String(c.noCoverage).padStart(12),
    String(c.timeout).padStart(8),
    String(c.errors).padStart(7),
    String(c.ignored).padStart(8),
    (Number.isNaN(c.score) ? "n/a" : c.score.toFixed(2)).padStart(8),
    ` ${mark(c.score)}`,
  ].join("");
const header = `${"".padEnd(24)}${"killed".padStart(7)}${"survived".padStart(9)}${"no-coverage".padStart(12)}${"timeout".padStart(8)}${"errors".padStart(7)}${"ignored".padStart(8)}${"score".padStart(8)}`;

console.log(
  `\nMutation summary (${relative(process.cwd(), reportPath)}; high >= ${thresholds.high}, low < ${thresholds.low})\n`,
);
console.log(header);
for (const file of [...files].sort((a, b) => a.name.localeCompare(b.name)))
  console.log(row(file.name, count(file.mutants)));
console.log(row("all files", count(files.flatMap((f) => f.mutants))));

console.log(`\n${"group".padEnd(24)}${header.slice(24)}`);
for (const [group, members] of Object.entries(GROUPS)) {
  const missing = members.filter((m) => !files.some((f) => f.name === m));
  const c = count(files.filter((f) => members.includes(f.name)).flatMap((f) => f.mutants));
  console.log(row(group, c) + (missing.length > 0 ? `  (not in report: ${missing.join(", ")})` : ""));
}

const survivors = files
  .flatMap((f) => f.mutants.filter((m) => m.status === "Survived").map((m) => ({ file: f.name, ...m })))
  .sort((a, b) => a.file.localeCompare(b.file) || a.location.start.line - b.location.start.line);
console.log(`\nSurvived mutants (${survivors.length}):`);
for (const m of survivors) {
  const replacement = (m.replacement ?? "").replace(/\s+/g, " ").trim();
  const shown = replacement.length > 100 ? `${replacement.slice(0, 97)}...` : replacement;
  console.log(`  ${m.file}:${m.location.start.line}:${m.location.start.column}  ${m.mutatorName}  ${shown}`);
}
