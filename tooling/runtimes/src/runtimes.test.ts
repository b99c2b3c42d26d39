import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ScenarioTargets } from "../scenario/scenario.ts";
import { EXPECTED_FAKES_SAW, EXPECTED_RESULTS } from "./expected.js";
import { type ScenarioFakes, startScenarioFakes } from "./fakes.js";
import {
  describeOutcome,
  type RuntimeOutcome,
  runInVitest,
  runOnBun,
  runOnDeno,
  runOnWorkerd,
  workerdVersion,
} from "./runners.js";

const project = inject("runtimeProject");
let fakes: ScenarioFakes;
const measured: string[] = [];

beforeAll(async () => {
  fakes = await startScenarioFakes();
});

afterAll(async () => {
  await fakes?.close();
  console.info(`runtimes: ${measured.join("; ")}`);
});

/** Runs the scenario once and checks both sides: what it reports, and what the fakes saw. */
async function runAndCheck(runOn: (targets: ScenarioTargets) => Promise<RuntimeOutcome>, name: string) {
  const run = fakes.prepareRun();
  const outcome = await runOn(run.targets);
  expect(outcome.runtime.name).toBe(name);
  expect(outcome.results).toEqual(EXPECTED_RESULTS);
  expect(run.saw()).toEqual(EXPECTED_FAKES_SAW);
  measured.push(describeOutcome(outcome));
  return outcome;
}

it("runs on Node in the test process first (baseline, and warms the fakes up)", async () => {
  await runAndCheck(runInVitest, "node");
});

describe("from the npm-installed tarballs, with the same results as on Node", () => {
  it("on Bun (bun run)", async () => {
    await runAndCheck((targets) => runOnBun(project.dir, targets), "bun");
  });

  it("on Deno (deno run, manual node_modules, --allow-net=127.0.0.1 only)", async () => {
    await runAndCheck((targets) => runOnDeno(project.dir, targets), "deno");
  });

  it("in a Cloudflare Worker (workerd through miniflare, no nodejs_compat)", async () => {
    const outcome = await runAndCheck((targets) => runOnWorkerd(project.dir, targets), "workerd");
    // Inside, navigator.userAgent is all a Worker knows of itself; the version comes from the package.
    expect(outcome.runtime.version).toBe("Cloudflare-Workers");
    const { workerd, compatibilityDate } = workerdVersion();
    measured[measured.length - 1] += ` (workerd ${workerd}, compatibility date ${compatibilityDate})`;
  });
});
