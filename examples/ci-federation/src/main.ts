import { runFederation } from "./federation.js";
import { startWorld, type World } from "./platform.js";
import { StepReport } from "./report.js";

/** Runs the demo and returns its exit code; prints a step-by-step report. */
export async function main(options: { print?: (line: string) => void; world?: World } = {}): Promise<number> {
  const print = options.print ?? console.log;
  const world = options.world ?? (await startWorld());
  print("idclients CI federation demo (local fakes)");
  print(`runner's OIDC issuer ${world.runner.issuer.url}`);
  print("");
  const report = new StepReport(print);
  try {
    await runFederation(world, report);
  } catch {
    // The failed step is already in the report.
  } finally {
    await world.close();
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
