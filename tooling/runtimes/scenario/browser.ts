// Entry of the browser bundle: the page loads it as a module, then the test calls
// `runScenario(targets)` in the page and gets a ScenarioReport as a JSON string.
import { reportScenario, type ScenarioTargets } from "./scenario.ts";

const page = globalThis as typeof globalThis & {
  runScenario?: (targets: ScenarioTargets) => Promise<string>;
};
page.runScenario = async (targets) =>
  JSON.stringify(await reportScenario({ name: "chromium", version: navigator.userAgent }, targets));
