import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { main } from "./main.js";
import { startTargets } from "./targets.js";

const root = fileURLToPath(new URL("..", import.meta.url));

describe("key-rotation demo", () => {
  test("runs every step against the fakes and reports success", async () => {
    const lines: string[] = [];
    const targets = await startTargets({});
    const secrets = [targets.confluent.apiKey.password, targets.ica.apiKey, targets.infisical.adminToken];
    const code = await main({ print: (line) => lines.push(line), targets });
    const output = lines.join("\n");

    expect(code, output).toBe(0);
    expect(output).toContain("PASSED: 13/13 steps");
    expect(output).toMatch(/Refresh Confluent's copy of the JWKS\n\s+jwks_status OK/);
    expect(output).toMatch(/retired key is refused by Confluent STS\n\s+refused as expected: 400/);
    expect(output).toMatch(/new key logs in to Infisical\n\s+accepted/);
    for (const secret of secrets) expect(output).not.toContain(secret);
    // Everything the demo created was removed again.
    expect(targets.fakes?.confluent.identityProviders()).toEqual([]);
    expect(targets.fakes?.infisical.jwtAuth(targets.infisical.identityId)).toBeUndefined();
  });

  test("fails, stops and still cleans up when Confluent cannot refresh the JWKS", async () => {
    const lines: string[] = [];
    const targets = await startTargets({});
    targets.fakes?.confluent.faults.inject({
      status: 409,
      times: Number.POSITIVE_INFINITY,
      match: "refreshIamV2JsonWebKeySet",
    });
    const code = await main({ print: (line) => lines.push(line), targets });
    const output = lines.join("\n");

    expect(code).toBe(1);
    expect(output).toMatch(/\[FAIL\].*Refresh Confluent's copy of the JWKS/);
    expect(output).not.toContain("new key exchanges at Confluent STS");
    expect(output).toContain("FAILED: 7/8 steps");
    expect(targets.fakes?.confluent.identityProviders()).toEqual([]);
  });

  test("the command exits 0 and prints the report", async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile("pnpm", ["-s", "start"], { cwd: root, timeout: 60_000 }, (error, out) =>
        error ? reject(error) : resolve({ stdout: out }),
      );
    });
    expect(stdout).toContain("idclients key-rotation demo (local fakes)");
    expect(stdout).toContain("PASSED: 13/13 steps");
  }, 70_000);

  test("live mode names the missing settings instead of running half-configured", async () => {
    await expect(startTargets({ IDCLIENTS_DEMO: "live" })).rejects.toThrow(/DEMO_ISSUER_PUBLIC_URL/);
  });
});
