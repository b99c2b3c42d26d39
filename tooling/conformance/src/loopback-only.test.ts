import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";

const GUARD = fileURLToPath(new URL("./support/loopback-only.cjs", import.meta.url));

/** Runs a script in a Node process with the guard preloaded, the way Prism is started. */
async function guarded(script: string): Promise<{ stdout: string; stderr: string }> {
  return await promisify(execFile)(
    process.execPath,
    ["--require", GUARD, "--input-type=module", "-e", script],
    {
      timeout: 20_000,
    },
  );
}

describe("the loopback-only guard preloaded into Prism", () => {
  test("refuses connections and name lookups beyond this machine, and reports them", async () => {
    // 192.0.2.1 is TEST-NET-1: nothing leaves the machine even if the guard failed open, it would
    // just time out instead of being refused at once.
    const { stdout, stderr } = await guarded(`
      import http from "node:http";
      import dns from "node:dns";
      const outcome = (promise) => promise.then(() => "reached", (error) => "refused: " + (error.cause?.message ?? error.message));
      const viaHttp = new Promise((resolve, reject) => {
        const request = http.get({ host: "192.0.2.1", port: 80, timeout: 5000 }, resolve);
        request.on("error", reject);
        request.on("timeout", () => reject(new Error("timed out")));
      });
      console.log(await outcome(viaHttp));
      console.log(await outcome(fetch("http://registry.npmjs.org/")));
      console.log(await outcome(dns.promises.lookup("example.com")));
    `);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^refused: \[loopback-only\] blocked/);
    expect(stderr).toContain("[loopback-only] blocked connection to 192.0.2.1");
    expect(stderr).toContain("[loopback-only] blocked connection to registry.npmjs.org");
    expect(stderr).toContain("[loopback-only] blocked name lookup of example.com");
  });

  test("lets loopback connections through", async () => {
    const { stdout, stderr } = await guarded(`
      import http from "node:http";
      const server = http.createServer((request, response) => response.end("local")).listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      const { port } = server.address();
      console.log(await (await fetch("http://127.0.0.1:" + port)).text());
      console.log(await (await fetch("http://localhost:" + port)).text().catch(() => "localhost refused"));
      server.close();
    `);
    expect(stdout.trim().split("\n")[0]).toBe("local");
    expect(stderr).toBe("");
  });
});
