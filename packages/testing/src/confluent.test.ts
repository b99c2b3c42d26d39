import { ApiError, createConfluentClient, unwrap } from "@idclients/confluent";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ConfluentFake, startConfluent } from "./confluent.js";
import { type OidcIssuer, startOidcIssuer } from "./oidc-issuer.js";

let fake: ConfluentFake;
let issuer: OidcIssuer;

beforeAll(async () => {
  [fake, issuer] = await Promise.all([startConfluent(), startOidcIssuer()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), issuer.close()]);
});

const client = () =>
  createConfluentClient({ baseUrl: fake.url, auth: { "cloud-api-key": fake.apiKey }, retry: false });

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function createProvider(overrides: Record<string, string> = {}) {
  return unwrap(
    client().POST("/iam/v2/identity-providers", {
      body: {
        display_name: "Local issuer",
        description: "test",
        issuer: issuer.url,
        jwks_uri: issuer.jwksUri,
        ...overrides,
      },
    }),
  );
}

async function exchange(subjectToken: string, poolId: string) {
  return createConfluentClient({ baseUrl: fake.url, retry: false }).POST("/sts/v1/oauth2/token", {
    body: {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      identity_pool_id: poolId,
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      expires_in: 600,
    },
  });
}

describe("identity providers", () => {
  it("creates, reads, changes and deletes a provider, caching the issuer's keys", async () => {
    const created = await createProvider({ issuer: `${issuer.url}/crud` });
    expect(created.id).toMatch(/^op-/);
    expect(created.keys).toEqual([{ kty: "RSA", kid: issuer.currentKid, alg: "RS256" }]);
    expect(fake.identityProviders().find((p) => p.id === created.id)?.jwks_status).toBe("OK");

    const read = await unwrap(
      client().GET("/iam/v2/identity-providers/{id}", { params: { path: { id: created.id } } }),
    );
    expect(read).toMatchObject({ api_version: "iam/v2", kind: "IdentityProvider", state: "ENABLED" });
    expect(read.metadata?.self).toBe(`${fake.url}/iam/v2/identity-providers/${created.id}`);

    const renamed = await unwrap(
      client().PATCH("/iam/v2/identity-providers/{id}", {
        params: { path: { id: created.id } },
        body: { display_name: "Renamed" },
      }),
    );
    expect(renamed.display_name).toBe("Renamed");
    expect(renamed.description).toBe("test");

    const deleted = await client().DELETE("/iam/v2/identity-providers/{id}", {
      params: { path: { id: created.id } },
    });
    expect(deleted.response.status).toBe(204);
    const gone = await failureOf(
      unwrap(client().GET("/iam/v2/identity-providers/{id}", { params: { path: { id: created.id } } })),
    );
    expect(gone.status).toBe(404);
    expect(gone.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("pages through providers with opaque page tokens", async () => {
    const ids = [];
    for (const name of ["a", "b", "c"])
      ids.push((await createProvider({ issuer: `${issuer.url}/page-${name}` })).id);
    const first = await unwrap(
      client().GET("/iam/v2/identity-providers", { params: { query: { page_size: 2 } } }),
    );
    expect(first.data).toHaveLength(2);
    expect(first.metadata.next).toContain("page_token=");
    const seen = [];
    for await (const provider of client().paginate("/iam/v2/identity-providers", {
      params: { query: { page_size: 2 } },
    })) {
      seen.push(provider.id);
    }
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect(seen.length).toBe(fake.identityProviders().length);
    const bad = await failureOf(
      unwrap(
        client().GET("/iam/v2/identity-providers", { params: { query: { page_token: "not-a-token" } } }),
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.issues[0]?.parameter).toBe("page_token");
  });

  it("answers a duplicate issuer with 409 and the Location of the existing provider", async () => {
    const existing = await createProvider({ issuer: `${issuer.url}/dup` });
    const error = await failureOf(createProvider({ issuer: `${issuer.url}/dup` }));
    expect(error.status).toBe(409);
    expect(error.code).toBe("resource_already_exists");
    expect(error.headers?.get("location")).toBe(`${fake.url}/iam/v2/identity-providers/${existing.id}`);
  });

  it("validates bodies against the spec and reports each field with source.pointer", async () => {
    const error = await failureOf(
      unwrap(
        client().POST("/iam/v2/identity-providers", {
          body: { display_name: "x", issuer: "not a url", jwks_uri: issuer.jwksUri } as never,
        }),
      ),
    );
    expect(error.status).toBe(422);
    expect(error.issues.map((issue) => issue.pointer).sort()).toEqual(["/description", "/issuer"]);
    const tooBig = await failureOf(
      unwrap(client().GET("/iam/v2/identity-providers", { params: { query: { page_size: 500 } } })),
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.issues[0]?.parameter).toBe("page_size");
  });
});

describe("JWKS refresh", () => {
  it("reports OK, ERROR_FETCHING_JWKS and INVALID_JWKS_URI and keeps the cached keys on failure", async () => {
    const provider = await createProvider({ issuer: `${issuer.url}/refresh` });
    const refresh = (id: string) =>
      unwrap(
        client().PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
          params: { path: { provider_id: id } },
          body: { spec: { jwks_status: "REFRESHED" } },
        }),
      );
    const ok = await refresh(provider.id);
    expect(ok).toMatchObject({
      kind: "Jwks",
      spec: { jwks_status: "REFRESHED" },
      status: { jwks_status: "OK" },
    });
    expect(ok.status?.jwks_last_refresh_at).toBeDefined();

    issuer.failJwks(503);
    try {
      const failed = await refresh(provider.id);
      expect(failed.status?.jwks_status).toBe("ERROR_FETCHING_JWKS");
      expect(failed.status?.jwks_last_refresh_at).toBe(ok.status?.jwks_last_refresh_at);
    } finally {
      issuer.restoreJwks();
    }
    const cached = fake.identityProviders().find((p) => p.id === provider.id);
    expect(cached?.keys.map((key) => key.kid)).toEqual([issuer.currentKid]);

    const invalid = await createProvider({ issuer: `${issuer.url}/invalid`, jwks_uri: "urn:example:jwks" });
    expect((await refresh(invalid.id)).status?.jwks_status).toBe("INVALID_JWKS_URI");
    // A remote URL is never fetched by default: no test reaches the internet.
    const remote = await createProvider({
      issuer: `${issuer.url}/remote`,
      jwks_uri: "https://issuer.example.com/jwks",
    });
    expect((await refresh(remote.id)).status?.jwks_status).toBe("ERROR_FETCHING_JWKS");
  });

  it("accepts a refresh without a body or spec, which Confluent's spec marks optional", async () => {
    const provider = await createProvider({ issuer: `${issuer.url}/no-body` });
    for (const init of [{}, { body: {} }]) {
      const refreshed = await unwrap(
        client().PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
          params: { path: { provider_id: provider.id } },
          ...init,
        }),
      );
      expect(refreshed.status?.jwks_status).toBe("OK");
    }
  });

  it("answers 404 for an unknown provider", async () => {
    const error = await failureOf(
      unwrap(
        client().PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
          params: { path: { provider_id: "op-missing" } },
          body: { spec: { jwks_status: "REFRESHED" } },
        }),
      ),
    );
    expect(error.status).toBe(404);
  });
});

describe("identity pools and STS", () => {
  it("manages pools and exchanges matching tokens for usable access tokens", async () => {
    const provider = await createProvider({ issuer: `${issuer.url}/sts` });
    const providerId = provider.id;
    const pool = await unwrap(
      client().POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: providerId }, query: { assigned_resource_owner: "sa-123" } },
        body: {
          display_name: "producers",
          description: "CI",
          identity_claim: "claims.sub",
          filter: 'claims.aud == "confluent" && claims.groups.exists(g, g == "producers")',
        },
      }),
    );
    expect(pool.id).toMatch(/^pool-/);
    expect(fake.identityPools(providerId)[0]?.assigned_resource_owner).toBe("sa-123");

    const list = await unwrap(
      client().GET("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: providerId } },
      }),
    );
    expect(list.data.map((item) => item.id)).toEqual([pool.id]);
    const read = await unwrap(
      client().GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: providerId, id: pool.id } },
      }),
    );
    expect(read.principal).toBe(pool.id);

    // The STS token works as the confluent-sts-access-token credential.
    const stsIssuer = `${issuer.url}/sts`;
    const good = await issuer.sign({
      iss: stsIssuer,
      sub: "runner-1",
      aud: "confluent",
      groups: ["producers"],
    });
    const exchanged = await unwrap(exchange(good, pool.id));
    expect(exchanged).toMatchObject({ token_type: "Bearer", expires_in: 600 });
    expect(fake.issuedTokens().at(-1)).toMatchObject({ pool_id: pool.id, identity: "runner-1" });
    const bearer = createConfluentClient({
      baseUrl: fake.url,
      auth: { "confluent-sts-access-token": exchanged.access_token },
      retry: false,
    });
    await unwrap(bearer.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: providerId } } }));
    expect(fake.requests.last("getIamV2IdentityProvider")?.credential).toBe("bearer");

    // The filter is applied: a token outside the group is refused.
    const outsider = await issuer.sign({
      iss: stsIssuer,
      sub: "runner-2",
      aud: "confluent",
      groups: ["readers"],
    });
    const refused = await failureOf(unwrap(exchange(outsider, pool.id)));
    expect(refused.status).toBe(400);
    expect(refused.detail).toContain("filter");

    // The wrong issuer is refused too.
    const foreign = await issuer.sign({
      iss: "https://elsewhere.example",
      sub: "x",
      aud: "confluent",
      groups: ["producers"],
    });
    expect((await failureOf(unwrap(exchange(foreign, pool.id)))).status).toBe(400);

    const updated = await unwrap(
      client().PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: providerId, id: pool.id } },
        body: { filter: 'claims.sub.startsWith("runner-")' },
      }),
    );
    expect(updated.filter).toBe('claims.sub.startsWith("runner-")');
    await unwrap(exchange(outsider, pool.id));

    const badFilter = await failureOf(
      unwrap(
        client().PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
          params: { path: { provider_id: providerId, id: pool.id } },
          body: { filter: "claims.groups.exists(g, g == 'x'" },
        }),
      ),
    );
    expect(badFilter.status).toBe(422);
    expect(badFilter.issues[0]?.pointer).toBe("/filter");
    expect(badFilter.detail).toContain("not a valid CEL expression");

    const removed = await client().DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
      params: { path: { provider_id: providerId, id: pool.id } },
    });
    expect(removed.response.status).toBe(204);
    // Tokens of a deleted pool stop working.
    const revoked = await failureOf(
      unwrap(bearer.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: providerId } } })),
    );
    expect(revoked.status).toBe(401);
  });

  it("checks subject tokens against the cached JWKS: rotated keys need a refresh, retired keys are refused", async () => {
    const rotating = await startOidcIssuer();
    try {
      const provider = await createProvider({ issuer: rotating.url, jwks_uri: rotating.jwksUri });
      const pool = await unwrap(
        client().POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
          params: { path: { provider_id: provider.id } },
          body: { display_name: "all", description: "", identity_claim: "claims.sub", filter: "true" },
        }),
      );
      const oldKid = rotating.currentKid;
      await unwrap(exchange(await rotating.sign({ sub: "svc" }), pool.id));

      await rotating.rotateKey();
      const signedWithNew = await rotating.sign({ sub: "svc" });
      const beforeRefresh = await failureOf(unwrap(exchange(signedWithNew, pool.id)));
      expect(beforeRefresh.status).toBe(400);

      await unwrap(
        client().PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
          params: { path: { provider_id: provider.id } },
          body: { spec: { jwks_status: "REFRESHED" } },
        }),
      );
      await unwrap(exchange(signedWithNew, pool.id));
      const signedWithOld = await rotating.sign({ sub: "svc" }, { kid: oldKid });
      expect((await failureOf(unwrap(exchange(signedWithOld, pool.id)))).status).toBe(400);
      const expired = await rotating.sign({ sub: "svc", exp: Math.floor(Date.now() / 1000) - 60 });
      expect((await failureOf(unwrap(exchange(expired, pool.id)))).detail).toContain("jwt expired");
    } finally {
      await rotating.close();
    }
  });

  it("answers 400 for an unknown pool and for a form that breaks the spec", async () => {
    expect((await failureOf(unwrap(exchange(await issuer.sign({ sub: "x" }), "pool-none")))).status).toBe(
      400,
    );
    const response = await fetch(`${fake.url}/sts/v1/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "password", subject_token: "x", identity_pool_id: "p" }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { source?: { pointer?: string } }[] };
    expect(body.errors.map((error) => error.source?.pointer)).toEqual(
      expect.arrayContaining(["/subject_token_type", "/requested_token_type"]),
    );
    expect(response.headers.get("x-request-id")).toBeTruthy();

    // The spec's enums are open (as Confluent's are), so a complete form with another grant passes the
    // schema and is refused by the exchange itself.
    const otherGrant = await fetch(`${fake.url}/sts/v1/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "password",
        subject_token: await issuer.sign({ sub: "x" }),
        identity_pool_id: "p",
        subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
        requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      }),
    });
    expect(otherGrant.status).toBe(400);
    const refused = (await otherGrant.json()) as {
      errors: { code?: string; source?: { pointer?: string } }[];
    };
    expect(refused.errors.map((error) => [error.code, error.source?.pointer])).toEqual([
      ["unsupported_grant_type", "/grant_type"],
    ]);
  });
});

describe("credentials", () => {
  it("refuses a wrong API key with 401, WWW-Authenticate and X-Request-Id", async () => {
    const wrong = createConfluentClient({
      baseUrl: fake.url,
      auth: { "cloud-api-key": { username: fake.apiKey.username, password: "wrong-secret" } },
      retry: false,
    });
    const error = await failureOf(unwrap(wrong.GET("/iam/v2/identity-providers")));
    expect(error.status).toBe(401);
    expect(error.code).toBe("user_unauthenticated");
    expect(error.headers?.get("www-authenticate")).toContain('error="invalid_key"');
    expect(error.requestId).toBeTruthy();
    expect(JSON.stringify(error.body)).not.toContain("wrong-secret");
  });

  it("accepts extra and created keys, and refuses revoked ones", async () => {
    const extra = createConfluentClient({
      baseUrl: fake.url,
      auth: { "cloud-api-key": fake.createApiKey() },
      retry: false,
    });
    await unwrap(extra.GET("/iam/v2/identity-providers"));
    const key = fake.createApiKey();
    fake.revokeApiKey(key.username);
    const revoked = createConfluentClient({
      baseUrl: fake.url,
      auth: { "cloud-api-key": key },
      retry: false,
    });
    expect((await failureOf(unwrap(revoked.GET("/iam/v2/identity-providers")))).status).toBe(401);
  });

  it("refuses an expired STS token and a token it did not sign", async () => {
    const provider = await createProvider({ issuer: `${issuer.url}/expiry` });
    const pool = await unwrap(
      client().POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: provider.id } },
        body: { display_name: "p", description: "", identity_claim: "claims.sub", filter: "true" },
      }),
    );
    const expired = await fake.issueAccessToken(pool.id, { expiresInSeconds: -5 });
    const expiredClient = createConfluentClient({
      baseUrl: fake.url,
      auth: { "confluent-sts-access-token": expired },
      retry: false,
    });
    const error = await failureOf(unwrap(expiredClient.GET("/iam/v2/identity-providers")));
    expect(error.status).toBe(401);
    expect(error.detail).toContain("expired");
    const forged = createConfluentClient({
      baseUrl: fake.url,
      auth: { "confluent-sts-access-token": await issuer.sign({ sub: "x" }) },
      retry: false,
    });
    expect((await failureOf(unwrap(forged.GET("/iam/v2/identity-providers")))).status).toBe(401);
  });
});

describe("rate limits", () => {
  it("sends relative X-RateLimit-* headers and answers 429 with Retry-After when the window is used up", async () => {
    const limited = await startConfluent({ rateLimit: { limit: 2, windowSeconds: 30 } });
    try {
      const c = createConfluentClient({
        baseUrl: limited.url,
        auth: { "cloud-api-key": limited.apiKey },
        retry: false,
      });
      const first = await c.GET("/iam/v2/identity-providers");
      expect(first.response.headers.get("x-ratelimit-limit")).toBe("2");
      expect(first.response.headers.get("x-ratelimit-remaining")).toBe("1");
      const reset = Number(first.response.headers.get("x-ratelimit-reset"));
      expect(reset).toBeGreaterThan(0);
      expect(reset).toBeLessThanOrEqual(30);
      await c.GET("/iam/v2/identity-providers");
      const error = await failureOf(unwrap(c.GET("/iam/v2/identity-providers")));
      expect(error.status).toBe(429);
      expect(error.rateLimit).toMatchObject({ limit: 2, remaining: 0 });
      expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
      limited.rateLimit.reset();
      await unwrap(c.GET("/iam/v2/identity-providers"));
    } finally {
      await limited.close();
    }
  });
});
