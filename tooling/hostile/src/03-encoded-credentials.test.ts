// Item 3: a server that echoes the request's credentials in every encoding (raw, Basic base64 and its
// decoded `user:password`, base64/base64url/URL-encoded copies, JSON `\u00XX` escapes), in the failure
// body and in headers, after a retried 429: none of it reaches the ApiError (message, detail, body,
// headers, JSON.stringify, util.inspect), the body openapi-fetch hands out, the logger or onRetry.
import { inspect } from "node:util";
import { createConfluentClient, TokenCache, unwrap } from "@idclients/confluent";
import { createIcaClient } from "@idclients/ica";
import { createInfisicalClient } from "@idclients/infisical";
import { describe, expect, it } from "vitest";
import { expectError, FAST, recordingLogger, recordingOnRetry, settle, useServers } from "./harness.js";
import { basicCanary, canary, expectNoSecret, findSecrets, type Secret } from "./secrets.js";
import { type EchoFormat, echo } from "./server.js";

const s = useServers();

interface Case {
  name: string;
  /** Makes the client (with the logger and onRetry) and the call; returns the secrets it carries. */
  run(options: Record<string, unknown>): {
    secrets: Secret[];
    call: () => Promise<{ error?: unknown; response: Response }>;
  };
}

const minted = (token: string) =>
  new TokenCache({ name: "hostile test token", mint: async () => ({ token, expiresIn: 600 }) });

const cases: Case[] = [
  {
    name: "Confluent, cloud-api-key (Basic)",
    run(options) {
      const basic = basicCanary();
      const c = createConfluentClient({ ...options, auth: { "cloud-api-key": basic } });
      return {
        secrets: [basic],
        call: () => c.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-1" } } }),
      };
    },
  },
  {
    name: "Confluent, STS bearer from a TokenCache",
    run(options) {
      const token = canary("sts");
      const c = createConfluentClient({ ...options, auth: { "confluent-sts-access-token": minted(token) } });
      return { secrets: [token], call: () => c.GET("/iam/v2/identity-providers", {}) };
    },
  },
  {
    name: "ICA, ApiKeyAuth (X-API-Key)",
    run(options) {
      const key = canary("icakey");
      const c = createIcaClient({ ...options, auth: { ApiKeyAuth: key } });
      return { secrets: [key], call: () => c.POST("/api/tokens", {}) };
    },
  },
  {
    name: "ICA, BasicAuth",
    run(options) {
      const basic = basicCanary();
      const c = createIcaClient({ ...options, auth: { BasicAuth: basic } });
      return { secrets: [basic], call: () => c.POST("/api/tokens", {}) };
    },
  },
  {
    name: "ICA, PsTokenAuth from a function",
    run(options) {
      const token = canary("pstoken");
      const c = createIcaClient({ ...options, auth: { PsTokenAuth: async () => token } });
      return { secrets: [token], call: () => c.POST("/api/tokens", {}) };
    },
  },
  {
    name: "ICA, JwtAuth (static bearer)",
    run(options) {
      const token = canary("jwt");
      const c = createIcaClient({ ...options, auth: { JwtAuth: token } });
      return { secrets: [token], call: () => c.POST("/api/tokens:refresh", {}) };
    },
  },
  {
    name: "Infisical, bearerAuth",
    run(options) {
      const token = canary("access");
      const c = createInfisicalClient({ ...options, auth: { bearerAuth: token } });
      return {
        secrets: [token],
        call: () =>
          c.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
            params: { path: { identityId: "id-1" } },
          }),
      };
    },
  },
];

const matrix = cases.flatMap((c) =>
  (["json", "html"] as EchoFormat[]).map((format) => [c.name, format, c] as const),
);

describe("3. echoed credentials in every encoding are scrubbed", () => {
  it.each(matrix)("%s, %s failure body + headers, after a retried 429", async (_name, format, c) => {
    const log = recordingLogger();
    const retries = recordingOnRetry();
    const { secrets, call } = c.run({
      baseUrl: s.server.url,
      ...FAST,
      logger: log.logger,
      onRetry: retries.onRetry,
    });
    s.server.queue(echo(429, format, { "retry-after-ms": "1" }));
    s.server.fallback(echo(400, format));

    const outcome = await settle(call());
    expect(outcome.kind, "the call itself should resolve with an error result").toBe("resolved");
    const result = outcome.kind === "resolved" ? outcome.value : undefined;
    const error = expectError(
      await settle(unwrap(Promise.resolve(result as { response: Response }))),
      "ApiError",
      {
        status: 400,
        attempts: 2,
      },
    );

    // The server did get (and echo) the credential: the assertions below are not vacuous.
    expect(findSecrets([s.server.requests], secrets)).not.toEqual([]);
    expect(retries.events).toHaveLength(1);
    expect(log.calls.length).toBeGreaterThan(0);

    expectNoSecret(
      [
        error,
        error.message,
        (error as { detail?: unknown }).detail,
        (error as { body?: unknown }).body,
        (error as { headers?: unknown }).headers,
        (error as { requestId?: unknown }).requestId,
        (error as { issues?: unknown }).issues,
        JSON.stringify(error),
        inspect(error, { depth: 20 }),
        result?.error,
        result?.response.headers,
        log.calls,
        retries.events,
      ],
      secrets,
    );
  });

  it("a plain-text 503 on a safe operation, retried then final", async () => {
    const log = recordingLogger();
    const retries = recordingOnRetry();
    const basic = basicCanary();
    const confluent = createConfluentClient({
      baseUrl: s.server.url,
      auth: { "cloud-api-key": basic },
      ...FAST,
      logger: log.logger,
      onRetry: retries.onRetry,
    });
    s.server.fallback(echo(503, "text"));
    const settled = await settle(unwrap(confluent.GET("/iam/v2/identity-providers", {})));
    const error = expectError(settled, "InternalServerError", { status: 503, attempts: 2 });
    expectNoSecret([error, log.calls, retries.events], [basic]);
  });
});
