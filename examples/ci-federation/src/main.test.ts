import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { WorkloadIdentityMissingError } from "@idclients/auth/workload";
import { TokenError, unwrap } from "@idclients/confluent";
import { describe, expect, test } from "vitest";
import { ciJobClients } from "./ci-job.js";
import { jobEnvironment } from "./federation.js";
import { main } from "./main.js";
import { startWorld } from "./platform.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const JWT = /eyJ[\w-]+\.[\w-]+\.[\w-]+/;

describe("CI federation demo", () => {
  test("federates into Confluent and Infisical and shows the refusals, with no secret in the job", async () => {
    const lines: string[] = [];
    const world = await startWorld();
    const env = jobEnvironment(world);
    const secrets = [
      world.fakes.confluent.apiKey.password,
      world.fakes.infisical.adminToken,
      world.runner.requestToken,
    ];
    // The job's configuration carries no provider credential; only the runner's request token.
    for (const secret of secrets.slice(0, 2)) {
      expect(Object.values(env).join("\n")).not.toContain(secret);
    }

    const code = await main({ print: (line) => lines.push(line), world });
    const output = lines.join("\n");

    expect(code, output).toBe(0);
    expect(output).toContain("PASSED: 7/7 steps");
    // One OIDC token per audience and one exchange, however many calls the job made.
    expect(output).toMatch(
      /read pool pool-\w+ twice as repo:acme\/deployer:ref:refs\/heads\/main: 1 OIDC token \(aud "confluent"\), 1 STS exchange/,
    );
    expect(output).toMatch(/1 OIDC token \(aud "infisical"\), 1 login/);
    expect(output).toMatch(
      /another audience is refused by Confluent STS\n\s+refused: TokenError <- BadRequestError: 400 invalid_grant/,
    );
    expect(output).toMatch(
      /another audience is refused by Infisical\n\s+refused: TokenError <- AuthenticationError: 401/,
    );
    expect(output).toMatch(
      /expired token is refused before it leaves the job\n\s+refused: TokenError <- InvalidWorkloadJwtError: The GitHub Actions ID token expired/,
    );
    expect(output).toMatch(/refused there too\n\s+refused: TokenError <- BadRequestError: .*jwt expired/);
    for (const secret of secrets) expect(output).not.toContain(secret);
    expect(output).not.toMatch(JWT);
    // The runner saw the audiences the job asked for, each request carrying its request token.
    expect(world.runner.requests.every((r) => r.authorized)).toBe(true);
    expect(new Set(world.runner.requests.map((r) => r.audience))).toEqual(
      new Set(["confluent", "infisical"]),
    );
  });

  test("a job without id-token: write fails with a typed error naming the variables and the permission", async () => {
    const world = await startWorld();
    try {
      const { confluent } = ciJobClients({ ...world.jobSettings });
      const error = await unwrap(
        confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
          params: {
            path: {
              provider_id: world.confluentProviderId,
              id: world.jobSettings.CONFLUENT_IDENTITY_POOL_ID ?? "",
            },
          },
        }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TokenError);
      const cause = (error as Error).cause;
      expect(cause).toBeInstanceOf(WorkloadIdentityMissingError);
      expect((cause as WorkloadIdentityMissingError).variables).toEqual([
        "ACTIONS_ID_TOKEN_REQUEST_URL",
        "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
      ]);
      expect((error as Error).message).toContain("id-token: write");
      expect(world.runner.requests).toHaveLength(0);
      expect(world.fakes.confluent.issuedTokens()).toHaveLength(0);
    } finally {
      await world.close();
    }
  });

  test("the command exits 0 and prints the report", async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      execFile("pnpm", ["-s", "start"], { cwd: root, timeout: 60_000 }, (error, out) =>
        error ? reject(error) : resolve({ stdout: out }),
      );
    });
    expect(stdout).toContain("idclients CI federation demo (local fakes)");
    expect(stdout).toContain("PASSED: 7/7 steps");
    expect(stdout).not.toMatch(JWT);
  }, 70_000);
});
