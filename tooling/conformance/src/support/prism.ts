import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const PRISM_CLI = join(dirname(require.resolve("@stoplight/prism-cli/package.json")), "dist", "index.js");
const LOOPBACK_ONLY = fileURLToPath(new URL("./loopback-only.cjs", import.meta.url));
const READY = /Prism is listening on (http:\/\/127\.0\.0\.1:\d+)/;
const STARTUP_TIMEOUT_MS = 30_000;

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
    ],
    // No colours, so the log can be searched as plain text.
    { env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    output += chunk.toString("utf8").replace(/\u001b\[[0-9;]*m/g, "");
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`));
    }, STARTUP_TIMEOUT_MS);
    const check = () => {
      const ready = READY.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code ?? signal}) before listening:\n${output}`));
    });
  });

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
