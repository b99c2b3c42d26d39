import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PRISM_CLI = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
const LOOPBACK_ONLY = fileURLToPath(new URL("./loopback-only.cjs", import.meta.url));
/** Terminal colour codes, in case Prism colours its log despite FORCE_COLOR=0. */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
// Generous: on a loaded CI machine Prism's start-up (mostly module loading) can take many seconds.
const STARTUP_TIMEOUT_MS = 60_000;

export interface PrismOptions {
  /** Path of the OpenAPI document to judge by. */
  spec: string;
  /** Proxy to this server instead of mocking. */
  upstream?: string;
}

export interface RunningPrism {
  url: string;
  /** Everything Prism printed so far (stdout and stderr, colours stripped). */
  log(): string;
  /** `Violation: ...` lines Prism logged: request or response parts that break the spec. */
  loggedViolations(): string[];
  /** Connections or name lookups beyond loopback that the preloaded guard refused. */
  blockedNetworkAccess(): string[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts `prism mock` (or `prism proxy` when `upstream` is given) with `--errors` on 127.0.0.1 and a
 * free port, in a child process that may not reach beyond loopback. Resolves once Prism listens.
 */
export async function startPrism(options: PrismOptions): Promise<RunningPrism> {
  // The free port is chosen before Prism binds it, so another process may take it first: retry then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort());
    } catch (error) {
      if (attempt >= 3 || !String(error).includes("EADDRINUSE")) throw error;
    }
  }
}

async function launch(options: PrismOptions, port: number): Promise<RunningPrism> {
  const mode =
    options.upstream === undefined ? ["mock", options.spec] : ["proxy", options.spec, options.upstream];
  const child = spawn(
    process.execPath,
    [
      "--require",
      LOOPBACK_ONLY,
      PRISM_CLI,
      ...mode,
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--errors",
      // CORS headers are Prism's own, not part of what is being judged.
      "--no-cors",
      // Warnings and errors only (violations included): per-request info logging costs time.
      "--verboseLevel",
      "warn",
    ],
    // No colours, so the log can be searched as plain text.
    { env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8").replace(ANSI_COLOUR, "");
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);

  const url = `http://127.0.0.1:${port}`;
  let exited: Error | undefined;
  child.once("exit", (code, signal) => {
    exited = new Error(`Prism exited (${code ?? signal}) before listening:\n${output}`);
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  // Prism listens once it has parsed the spec. The probe checks that Prism answers, and not some
  // other process that grabbed the port in the meantime.
  while (!(await answersAsPrism(url))) {
    if (exited) throw exited;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (exited) throw exited;

  return {
    url,
    log: () => output,
    loggedViolations: () =>
      output
        .split("\n")
        .filter((line) => line.includes("Violation:"))
        .map((line) => line.slice(line.indexOf("Violation:")).trim()),
    blockedNetworkAccess: () =>
      output
        .split("\n")
        .filter((line) => line.startsWith("[loopback-only]"))
        .map((line) => line.trim()),
    stop: async () => {
      await stop(child);
      // For digging into a failure: CONFORMANCE_PRISM_LOG=dir keeps each Prism's full log.
      const dir = process.env.CONFORMANCE_PRISM_LOG;
      if (dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `prism-${basename(dirname(options.spec))}-${mode[0]}-${port}.log`), output);
      }
    },
  };
}

/** Whether `url` answers an unknown path the way Prism does (a problem document of its own). */
async function answersAsPrism(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/__conformance_probe__`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { type?: unknown };
    return typeof body.type === "string" && body.type.startsWith("https://stoplight.io/prism/errors#");
  } catch {
    return false;
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 3000);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
