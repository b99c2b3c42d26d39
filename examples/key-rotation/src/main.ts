import { StepReport } from "./report.js";
import { runKeyRotation } from "./rotation.js";
import { startTargets, type Targets } from "./targets.js";

/** Runs the demo and returns its exit code; prints a step-by-step report. */
export async function main(
  options: { print?: (line: string) => void; targets?: Targets } = {},
): Promise<number> {
  const print = options.print ?? console.log;
  const targets = options.targets ?? (await startTargets());
  print(`idclients key-rotation demo (${targets.mode === "live" ? "real services" : "local fakes"})`);
  print(`issuer ${targets.issuer.url}`);
  print("");
  const report = new StepReport(print);
  try {
    await runKeyRotation(targets, report);
  } catch {
    // The failed step is already in the report.
  } finally {
    await targets.close();
  }
  const passed = report.steps.filter((s) => s.ok).length;
  print("");
  print(
    `${report.ok ? "PASSED" : "FAILED"}: ${passed}/${report.steps.length} steps in ${report.totalMs.toFixed(0)} ms`,
  );
  return report.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
