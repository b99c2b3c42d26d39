// Runs the TypeScript compiler of bench/node_modules and reads the numbers of --extendedDiagnostics.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const TSC = join(fileURLToPath(new URL("..", import.meta.url)), "node_modules/typescript/bin/tsc");

/** `tsc --noEmit --extendedDiagnostics -p tsconfig.json` in `cwd`, on the current Node. */
export function runTsc(cwd: string): Promise<{ code: number | null; output: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [TSC, "--noEmit", "--extendedDiagnostics", "-p", "tsconfig.json"], {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output, ms: performance.now() - started }));
  });
}

/** A number --extendedDiagnostics printed ("Check time: 1.23s" in ms, "Memory used: 123K" in KB). */
export function diagnostic(output: string, label: string): number {
  const match = output.match(new RegExp(`^${label}:\\s+([\\d.]+)(s|K)?`, "m"));
  if (!match?.[1]) throw new Error(`tsc --extendedDiagnostics printed no "${label}":\n${output}`);
  const value = Number(match[1]);
  return match[2] === "s" ? value * 1000 : value;
}
