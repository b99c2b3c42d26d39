import { ApiError, ConnectionError, createConfluentClient, TimeoutError, unwrap } from "@idclients/confluent";
import { createIcaClient } from "@idclients/ica";
import { createInfisicalClient } from "@idclients/infisical";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AllFakes, startAll } from "./all.js";

let fakes: AllFakes;
beforeAll(async () => {
  fakes = await startAll();
});
afterEach(() => {
  fakes.clearFaults();
});
afterAll(() => fakes.close());

const fastRetry = { maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };
const confluent = (retry: typeof fastRetry | false = false, timeoutMs?: number) =>
  createConfluentClient({
    baseUrl: fakes.confluent.url,
    auth: { "cloud-api-key": fakes.confluent.apiKey },
    retry,
    timeoutMs,
  });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe("fault injection", () => {
  it("answers a burst of 429s that the client retries through", async () => {
    const before = fakes.confluent.requests.count("listIamV2IdentityProviders");
    const fault = fakes.confluent.faults.inject({
      status: 429,
      retryAfter: 0,
      times: 2,
      match: "listIamV2IdentityProviders",
    });
    await unwrap(confluent(fastRetry).GET("/iam/v2/identity-providers"));
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);
    expect(fakes.confluent.requests.count("listIamV2IdentityProviders")).toBe(before + 3);
    const statuses = fakes.confluent.requests.all("listIamV2IdentityProviders").slice(-3);
    expect(statuses.map((r) => [r.status, r.fault])).toEqual([
      [429, "status"],
      [429, "status"],
      [200, undefined],
    ]);
  });

  it("sends Retry-After and Confluent's relative rate-limit headers with an injected 429", async () => {
    fakes.confluent.faults.inject({ status: 429, retryAfter: 7 });
    const error = (await caught(unwrap(confluent().GET("/iam/v2/identity-providers")))) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.rateLimit).toMatchObject({ remaining: 0, resetSeconds: 7 });
    expect(error.requestId).toBeTruthy();
  });

  it("retries a 5xx only for operations that are safe to retry", async () => {
    fakes.confluent.faults.inject({ status: 503, times: 1 });
    await unwrap(confluent(fastRetry).GET("/iam/v2/identity-providers"));
    fakes.confluent.faults.inject({ status: 503, times: 1, match: "createIamV2IdentityProvider" });
    const error = (await caught(
      unwrap(
        confluent(fastRetry).POST("/iam/v2/identity-providers", {
          body: {
            display_name: "x",
            description: "y",
            issuer: "https://a.example",
            jwks_uri: "https://a.example/k",
          },
        }),
      ),
    )) as ApiError;
    expect(error.status).toBe(503);
    expect(error.body).toMatchObject({ errors: [{ status: "503", code: "internal_error" }] });
    expect(fakes.confluent.requests.last("createIamV2IdentityProvider")?.fault).toBe("status");
  });

  it("delays answers by latencyMs", async () => {
    fakes.confluent.faults.inject({ latencyMs: 150 });
    const started = performance.now();
    await unwrap(confluent().GET("/iam/v2/identity-providers"));
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(fakes.confluent.requests.last()?.fault).toBe("latency");
  });

  it("resets connections and stalls until the client times out", async () => {
    fakes.confluent.faults.inject({ reset: true });
    expect(await caught(unwrap(confluent().GET("/iam/v2/identity-providers")))).toBeInstanceOf(
      ConnectionError,
    );
    fakes.confluent.faults.inject({ stall: true });
    const stalled = await caught(unwrap(confluent(false, 200).GET("/iam/v2/identity-providers")));
    expect(stalled).toBeInstanceOf(TimeoutError);
    // After a reset the client retries a safe operation on a fresh connection.
    fakes.confluent.faults.inject({ reset: true, times: 1 });
    await unwrap(confluent(fastRetry).GET("/iam/v2/identity-providers"));
  });

  it("matches faults by predicate, counts hits and clears them", async () => {
    const fault = fakes.confluent.faults.inject({
      status: 500,
      times: Number.POSITIVE_INFINITY,
      match: (request) => request.method === "DELETE",
    });
    await unwrap(confluent().GET("/iam/v2/identity-providers"));
    const error = (await caught(
      unwrap(confluent().DELETE("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-x" } } })),
    )) as ApiError;
    expect(error.status).toBe(500);
    expect(fault.hits).toBe(1);
    expect(fakes.confluent.faults.active).toHaveLength(1);
    fakes.confluent.faults.clear();
    expect(fakes.confluent.faults.active).toHaveLength(0);
    const after = (await caught(
      unwrap(confluent().DELETE("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-x" } } })),
    )) as ApiError;
    expect(after.status).toBe(404);
    expect(() => fakes.confluent.faults.inject({ status: 500, reset: true })).toThrow(TypeError);
  });

  it("answers injected failures in ICA's and Infisical's own formats", async () => {
    fakes.ica.faults.inject({ status: 500 });
    const ica = createIcaClient({
      baseUrl: fakes.ica.url,
      auth: { ApiKeyAuth: fakes.ica.apiKey },
      retry: false,
    });
    const icaError = (await caught(unwrap(ica.POST("/api/tokens", {})))) as ApiError;
    expect(icaError.status).toBe(500);
    expect(icaError.headers?.get("content-type")).toBe("application/problem+json");
    expect(icaError.body).toMatchObject({ status: 500, type: "about:blank" });

    fakes.infisical.faults.inject({ status: 429, retryAfter: 3 });
    const identity = fakes.infisical.createIdentity();
    const infisical = createInfisicalClient({
      baseUrl: fakes.infisical.url,
      auth: { bearerAuth: fakes.infisical.adminToken },
      retry: false,
    });
    const infisicalError = (await caught(
      unwrap(
        infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
          params: { path: { identityId: identity.id } },
        }),
      ),
    )) as ApiError;
    expect(infisicalError.status).toBe(429);
    expect(infisicalError.body).toMatchObject({ statusCode: 429, error: "RateLimitExceeded" });
    expect(infisicalError.detail).toBe("Rate limit exceeded. Please try again in 3 seconds");
    expect(infisicalError.retryAfterMs).toBe(3000);
  });
});

describe("request log", () => {
  it("records operations and credential kinds without keeping credentials", async () => {
    const ica = createIcaClient({
      baseUrl: fakes.ica.url,
      auth: { ApiKeyAuth: fakes.ica.apiKey },
      retry: false,
    });
    await unwrap(ica.POST("/api/tokens", {}));
    const entry = fakes.ica.requests.last("createJwtToken");
    expect(entry).toMatchObject({ method: "POST", path: "/api/tokens", credential: "apiKey", status: 200 });
    expect(entry?.headers["x-api-key"]).toBe("[redacted]");
    expect(JSON.stringify(fakes.ica.requests.all())).not.toContain(fakes.ica.apiKey);

    await createConfluentClient({ baseUrl: fakes.confluent.url, retry: false }).POST("/sts/v1/oauth2/token", {
      body: {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: "secret-subject-token",
        identity_pool_id: "pool-none",
        subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
        requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      },
    });
    const exchange = fakes.confluent.requests.last("exchangeStsV1OauthToken");
    expect(exchange?.body).toMatchObject({ subject_token: "[redacted]", identity_pool_id: "pool-none" });
    expect(exchange?.credential).toBeUndefined();
    expect(fakes.confluent.requests.counts()).toHaveProperty("exchangeStsV1OauthToken");
    fakes.confluent.requests.clear();
    expect(fakes.confluent.requests.count()).toBe(0);
  });
});
