// Entry of the browser bundle: the host page (here a `vm` context with web globals only) sets
// `smokeTargets` and awaits `smokeResult`.
import { exercise, type SmokeReport, type SmokeTargets } from "./app.js";

const page = globalThis as typeof globalThis & {
  smokeTargets?: SmokeTargets;
  smokeResult?: Promise<SmokeReport>;
};
if (page.smokeTargets === undefined) throw new Error("the host did not set smokeTargets");
page.smokeResult = exercise(page.smokeTargets);
