// Runs turbo with the Node version in the environment, so that turbo's cache (which lists
// NODE_VERSION in globalEnv) never mixes outputs built by different Node versions.
import { spawnSync } from "node:child_process";

const result = spawnSync("turbo", process.argv.slice(2), {
  stdio: "inherit",
  env: { ...process.env, NODE_VERSION: process.version, TURBO_TELEMETRY_DISABLED: "1" },
  shell: process.platform === "win32",
});
process.exit(result.status ?? 1);
