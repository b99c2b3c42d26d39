// The Node entry, as a user's integration test would be: it starts the fakes of @idclients/testing,
// runs the scenario against them and prints one JSON line with the Node version and the report.
// With SMOKE_TARGETS (JSON of SmokeTargets) set it talks to those servers instead.
import { exercise, type SmokeTargets } from "./app.js";
import { type StartedFakes, startFakes } from "./targets.js";

const given = process.env.SMOKE_TARGETS;
const servers: StartedFakes | undefined = given === undefined ? await startFakes() : undefined;
try {
  const targets = servers?.targets ?? (JSON.parse(given ?? "") as SmokeTargets);
  const report = await exercise(targets);
  console.log(
    JSON.stringify({ node: process.version, servers: servers ? "@idclients/testing" : "given", report }),
  );
} finally {
  await servers?.close();
}
