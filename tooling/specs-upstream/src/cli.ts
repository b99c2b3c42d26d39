// Entry point of `pnpm specs:upstream` (run through tsx). Everything else lives in command.ts.
import { fileURLToPath } from "node:url";
import { runDriftCommand } from "./command.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));

process.exitCode = await runDriftCommand(process.argv.slice(2), {
  root,
  // pnpm runs the script from this package's folder; INIT_CWD is where the user typed the command.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
