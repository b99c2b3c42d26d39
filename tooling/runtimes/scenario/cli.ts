// Entry of the command-line runtimes, Bun and Deno: reads the targets from IDCLIENTS_TARGETS (JSON of
// ScenarioTargets), runs the scenario and prints one JSON line, a ScenarioReport.
import { reportScenario, type ScenarioReport } from "./scenario.ts";

const host = globalThis as typeof globalThis & {
  Bun?: { version: string; env: Record<string, string | undefined> };
  Deno?: { version: { deno: string }; env: { get(name: string): string | undefined } };
};

function runtime(): ScenarioReport["runtime"] {
  if (host.Bun) return { name: "bun", version: host.Bun.version };
  if (host.Deno) return { name: "deno", version: host.Deno.version.deno };
  throw new Error("cli.ts runs on Bun or Deno");
}

// Deno reads it with `--allow-env=IDCLIENTS_TARGETS`, and no other variable.
const targets = host.Bun ? host.Bun.env.IDCLIENTS_TARGETS : host.Deno?.env.get("IDCLIENTS_TARGETS");
if (targets === undefined) throw new Error("IDCLIENTS_TARGETS is not set");
console.log(JSON.stringify(await reportScenario(runtime(), JSON.parse(targets))));
