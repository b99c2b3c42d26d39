import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { findChromium, runInChromium } from "./browser.js";
import { EXPECTED_FAKES_SAW, EXPECTED_RESULTS } from "./expected.js";
import { type ScenarioFakes, startScenarioFakes } from "./fakes.js";
import { describeOutcome, runInVitest } from "./runners.js";

const chromiumPath = findChromium();
/** REQUIRE_BROWSER=1 (the CI browser job) turns a missing chromium into a failure instead of a skip. */
const required = process.env.REQUIRE_BROWSER === "1";
const skip = chromiumPath === undefined && !required;
const MISSING =
  "no chromium found (CHROMIUM_PATH, `chromium` or `chromium-browser` on the PATH, or `playwright-core install chromium`)";
if (skip)
  console.warn(`runtimes: ${MISSING}: the browser test is skipped; REQUIRE_BROWSER=1 makes this a failure`);

let fakes: ScenarioFakes;
const measured: string[] = [];

beforeAll(async () => {
  if (skip) return;
  fakes = await startScenarioFakes({ cors: true });
  // The same warm-up as for the other runtimes, so that its time compares with theirs.
  await runInVitest(fakes.prepareRun().targets);
});

afterAll(async () => {
  await fakes?.close();
  if (measured.length > 0) console.info(`runtimes: ${measured.join("; ")}`);
});

it.skipIf(skip)(
  skip
    ? `in headless chromium: SKIPPED, ${MISSING}`
    : "in headless chromium, from an esbuild bundle of the installed tarballs",
  async () => {
    if (chromiumPath === undefined) throw new Error(`REQUIRE_BROWSER=1, but ${MISSING}`);
    const run = fakes.prepareRun();
    const outcome = await runInChromium(chromiumPath, inject("runtimeProject").dir, run.targets);
    expect(outcome.runtime.name).toBe("chromium");
    expect(outcome.results).toEqual(EXPECTED_RESULTS);
    expect(run.saw()).toEqual(EXPECTED_FAKES_SAW);
    // Nothing but the page and the fakes, all on 127.0.0.1.
    expect(outcome.requested.filter((url) => new URL(url).hostname !== "127.0.0.1")).toEqual([]);
    measured.push(
      describeOutcome({ ...outcome, runtime: { ...outcome.runtime, version: outcome.browserVersion } }),
    );
  },
);
