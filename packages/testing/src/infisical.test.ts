import { ApiError, createInfisicalClient, unwrap } from "@idclients/infisical";
import { decodeJwt } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { globMatch, type InfisicalFake, startInfisical } from "./infisical.js";
import { type OidcIssuer, startOidcIssuer } from "./oidc-issuer.js";

let fake: InfisicalFake;
let issuer: OidcIssuer;
beforeAll(async () => {
  [fake, issuer] = await Promise.all([startInfisical(), startOidcIssuer()]);
});
afterAll(async () => {
  await Promise.all([fake.close(), issuer.close()]);
});

const admin = () =>
  createInfisicalClient({ baseUrl: fake.url, auth: { bearerAuth: fake.adminToken }, retry: false });
const anonymous = () => createInfisicalClient({ baseUrl: fake.url, retry: false });
const PATH = "/api/v1/auth/jwt-auth/identities/{identityId}" as const;

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

async function attachJwks(identityId: string, extra: Record<string, unknown> = {}) {
  return unwrap(
    admin().POST(PATH, {
      params: { path: { identityId } },
      body: {
        configurationType: "jwks",
        jwksUrl: issuer.jwksUri,
        boundIssuer: issuer.url,
        boundAudiences: "infisical,infisical-staging",
        boundClaims: { repository: "acme/web-app, acme/api-*" },
        boundSubject: "repo:acme/*",
        accessTokenTTL: 900,
        accessTokenMaxTTL: 3600,
        ...extra,
      } as never,
    }),
  );
}

const login = (identityId: string, jwt: string) =>
  unwrap(anonymous().POST("/api/v1/auth/jwt-auth/login", { body: { identityId, jwt } }));

describe("JWT Auth management", () => {
  it("attaches, reads, updates and revokes a configuration", async () => {
    const identity = fake.createIdentity();
    const attached = await attachJwks(identity.id);
    expect(attached.identityJwtAuth).toMatchObject({
      identityId: identity.id,
      configurationType: "jwks",
      boundAudiences: "infisical, infisical-staging",
      boundClaims: { repository: "acme/web-app, acme/api-*" },
      publicKeys: [],
      accessTokenTrustedIps: [
        { ipAddress: "0.0.0.0", type: "ipv4", prefix: 0 },
        { ipAddress: "::", type: "ipv6", prefix: 0 },
      ],
    });
    const read = await unwrap(admin().GET(PATH, { params: { path: { identityId: identity.id } } }));
    // Read-back splits the stored key blob, so an empty list comes back as [""].
    expect(read.identityJwtAuth.publicKeys).toEqual([""]);

    const updated = await unwrap(
      admin().PATCH(PATH, {
        params: { path: { identityId: identity.id } },
        body: { configurationType: "static", publicKeys: [issuer.publicKeyPem], accessTokenTTL: 60 },
      }),
    );
    expect(updated.identityJwtAuth).toMatchObject({
      configurationType: "static",
      jwksUrl: "",
      publicKeys: [issuer.publicKeyPem],
      accessTokenTTL: 60,
      boundIssuer: issuer.url,
    });

    const revoked = await unwrap(admin().DELETE(PATH, { params: { path: { identityId: identity.id } } }));
    expect(revoked.identityJwtAuth).not.toHaveProperty("publicKeys");
    expect(revoked.identityJwtAuth).not.toHaveProperty("jwksCaCert");
    expect(fake.jwtAuth(identity.id)).toBeUndefined();
    const again = await failureOf(
      unwrap(admin().DELETE(PATH, { params: { path: { identityId: identity.id } } })),
    );
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ error: "BadRequest", statusCode: 400 });
  });

  it("applies Infisical's business rules: already attached, TTL above max TTL, unknown identity", async () => {
    const identity = fake.createIdentity();
    await attachJwks(identity.id);
    expect((await failureOf(attachJwks(identity.id))).detail).toContain("already configured");
    const other = fake.createIdentity();
    const ttl = await failureOf(attachJwks(other.id, { accessTokenTTL: 7200, accessTokenMaxTTL: 3600 }));
    expect(ttl.status).toBe(400);
    expect(ttl.detail).toBe("Access token TTL cannot be greater than max TTL");
    const missing = await failureOf(
      unwrap(admin().GET(PATH, { params: { path: { identityId: "00000000-0000-4000-8000-000000000000" } } })),
    );
    expect(missing.status).toBe(404);
    expect(missing.requestId).toMatch(/^req-[A-Za-z0-9]{14}$/);
  });

  it("answers invalid bodies with 422 and zod-like issue arrays", async () => {
    const identity = fake.createIdentity();
    const post = (body: unknown) =>
      fetch(`${fake.url}/api/v1/auth/jwt-auth/identities/${identity.id}`, {
        method: "POST",
        headers: { authorization: `Bearer ${fake.adminToken}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const discriminator = await post({ configurationType: "oidc", boundClaims: {} });
    expect(discriminator.status).toBe(422);
    expect(await discriminator.json()).toMatchObject({
      statusCode: 422,
      error: "ValidationFailure",
      message: [
        { code: "invalid_union_discriminator", options: ["jwks", "static"], path: ["configurationType"] },
      ],
    });
    const missing = (await (
      await post({ configurationType: "jwks", jwksUrl: "not a url", accessTokenTTL: 1.5 })
    ).json()) as {
      message: Record<string, unknown>[];
    };
    expect(missing.message).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: "invalid_type",
          expected: "object",
          path: ["boundClaims"],
          message: "Required",
        }),
        expect.objectContaining({ code: "invalid_string", validation: "url", path: ["jwksUrl"] }),
        expect.objectContaining({
          code: "invalid_type",
          expected: "integer",
          received: "float",
          path: ["accessTokenTTL"],
        }),
      ]),
    );
    const staticEmpty = (await (
      await post({ configurationType: "static", publicKeys: [], boundClaims: {} })
    ).json()) as {
      message: Record<string, unknown>[];
    };
    expect(staticEmpty.message).toEqual([
      expect.objectContaining({ code: "too_small", minimum: 1, type: "array", path: ["publicKeys"] }),
    ]);
    // Through the client the issues arrive as ApiError issues.
    const viaClient = await failureOf(
      unwrap(anonymous().POST("/api/v1/auth/jwt-auth/login", { body: { identityId: identity.id } as never })),
    );
    expect(viaClient.status).toBe(422);
    expect(JSON.stringify(viaClient.body)).toContain('"path":["jwt"]');
  });
});

describe("bearer tokens", () => {
  it("answers a missing token with 401 Token missing and a bad one with 403 TokenError", async () => {
    const identity = fake.createIdentity();
    const none = await fetch(`${fake.url}/api/v1/auth/jwt-auth/identities/${identity.id}`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({
      statusCode: 401,
      message: "Token missing",
      error: "UnauthorizedError",
    });

    const garbage = createInfisicalClient({
      baseUrl: fake.url,
      auth: { bearerAuth: "garbage" },
      retry: false,
    });
    const malformed = await failureOf(
      unwrap(garbage.GET(PATH, { params: { path: { identityId: identity.id } } })),
    );
    expect(malformed.status).toBe(403);
    expect(malformed.body).toMatchObject({ error: "TokenError" });
    expect(malformed.detail).toContain("malformed");

    const expiredToken = await fake.issueAdminToken({ expiresInSeconds: -10 });
    const expired = createInfisicalClient({
      baseUrl: fake.url,
      auth: { bearerAuth: expiredToken },
      retry: false,
    });
    const error = await failureOf(
      unwrap(expired.GET(PATH, { params: { path: { identityId: identity.id } } })),
    );
    expect(error.status).toBe(403);
    expect(error.detail).toBe("Your token has expired. Please re-authenticate.");

    const foreign = await issuer.sign({ sub: "x" });
    const wrongKey = createInfisicalClient({
      baseUrl: fake.url,
      auth: { bearerAuth: foreign },
      retry: false,
    });
    expect(
      (await failureOf(unwrap(wrongKey.GET(PATH, { params: { path: { identityId: identity.id } } })))).status,
    ).toBe(403);
  });
});

describe("JWT Auth login", () => {
  it("verifies the JWT against the JWKS and the bindings, and issues a usable access token", async () => {
    const identity = fake.createIdentity();
    await attachJwks(identity.id);
    const claims = { sub: "repo:acme/web-app", aud: "infisical", repository: "acme/api-gateway" };
    const result = await login(identity.id, await issuer.sign(claims));
    expect(result).toMatchObject({ expiresIn: 900, accessTokenMaxTTL: 3600, tokenType: "Bearer" });
    const payload = decodeJwt(result.accessToken);
    expect(payload).toMatchObject({ identityId: identity.id, authTokenType: "identityAccessToken" });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
    // The access token it issued works on the management routes.
    const asIdentity = createInfisicalClient({
      baseUrl: fake.url,
      auth: { bearerAuth: result.accessToken },
      retry: false,
    });
    await unwrap(asIdentity.GET(PATH, { params: { path: { identityId: identity.id } } }));

    const refusals: [Record<string, unknown>, number, string][] = [
      [{ ...claims, iss: "https://other.example" }, 403, "Access denied: issuer mismatch"],
      [{ ...claims, sub: "repo:evil/web-app" }, 403, "Access denied: subject not allowed"],
      [{ aud: "infisical", repository: "acme/web-app" }, 401, "Access denied: token has no subject field"],
      [{ ...claims, aud: "someone-else" }, 401, "Access denied: token audience not allowed"],
      [{ ...claims, repository: "acme/other" }, 401, "Access denied: claim mismatch for field repository"],
      [{ sub: claims.sub, aud: "infisical" }, 401, "Access denied: token has no repository field"],
      [{ ...claims, exp: Math.floor(Date.now() / 1000) - 30 }, 401, "Access denied: jwt expired"],
    ];
    for (const [tokenClaims, status, message] of refusals) {
      const error = await failureOf(login(identity.id, await issuer.sign(tokenClaims)));
      expect({ status: error.status, message: error.detail }).toEqual({ status, message });
    }
    expect((await failureOf(login(identity.id, "not-a-jwt"))).detail).toBe("Invalid JWT");

    // Deleting the configuration revokes the tokens it issued.
    await unwrap(admin().DELETE(PATH, { params: { path: { identityId: identity.id } } }));
    expect(
      (await failureOf(unwrap(asIdentity.GET(PATH, { params: { path: { identityId: identity.id } } }))))
        .status,
    ).toBe(401);
  });

  it("follows key rotation through the JWKS and answers 500 for an unknown kid or an unreachable JWKS", async () => {
    const rotating = await startOidcIssuer();
    try {
      const identity = fake.createIdentity();
      await unwrap(
        admin().POST(PATH, {
          params: { path: { identityId: identity.id } },
          body: { configurationType: "jwks", jwksUrl: rotating.jwksUri, boundClaims: {} },
        }),
      );
      const oldKid = rotating.currentKid;
      await login(identity.id, await rotating.sign({ sub: "a" }));
      await rotating.rotateKey();
      await login(identity.id, await rotating.sign({ sub: "a" }));
      const retired = await failureOf(login(identity.id, await rotating.sign({ sub: "a" }, { kid: oldKid })));
      expect(retired.status).toBe(500);
      expect(retired.body).toMatchObject({ error: "InternalServerError", message: "Something went wrong" });
      rotating.failJwks();
      expect((await failureOf(login(identity.id, await rotating.sign({ sub: "a" })))).status).toBe(500);
    } finally {
      await rotating.close();
    }
  });

  it("verifies against static public keys and reports every key's failure", async () => {
    const identity = fake.createIdentity();
    await unwrap(
      admin().POST(PATH, {
        params: { path: { identityId: identity.id } },
        body: {
          configurationType: "static",
          publicKeys: [issuer.publicKeyPem],
          boundClaims: {},
          accessTokenTTL: 0,
          accessTokenMaxTTL: 0,
        },
      }),
    );
    const result = await login(identity.id, await issuer.sign({ sub: "s" }));
    expect(result.expiresIn).toBe(0);
    expect(decodeJwt(result.accessToken).exp).toBeUndefined();
    const other = await startOidcIssuer();
    try {
      const error = await failureOf(login(identity.id, await other.sign({ sub: "s" })));
      expect(error.status).toBe(401);
      expect(error.detail).toBe(
        "Access denied: JWT verification failed with all keys. Errors - invalid signature",
      );
    } finally {
      await other.close();
    }
  });

  it("answers 404 for an identity without JWT Auth and for an unknown sub-organization", async () => {
    const identity = fake.createIdentity({ subOrganizations: ["acme-platform"] });
    expect((await failureOf(login(identity.id, await issuer.sign({ sub: "x" })))).status).toBe(404);
    await unwrap(
      admin().POST(PATH, {
        params: { path: { identityId: identity.id } },
        body: { configurationType: "jwks", jwksUrl: issuer.jwksUri, boundClaims: {} },
      }),
    );
    const jwt = await issuer.sign({ sub: "x" });
    await unwrap(
      anonymous().POST("/api/v1/auth/jwt-auth/login", {
        body: { identityId: identity.id, jwt, organizationSlug: "acme-platform" },
      }),
    );
    const unknown = await failureOf(
      unwrap(
        anonymous().POST("/api/v1/auth/jwt-auth/login", {
          body: { identityId: identity.id, jwt, organizationSlug: "elsewhere" },
        }),
      ),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.detail).toBe("Sub organization with slug elsewhere not found");
  });

  it("caps an access token at its use limit", async () => {
    const identity = fake.createIdentity();
    await attachJwks(identity.id, {
      boundIssuer: "",
      boundAudiences: "",
      boundSubject: "",
      boundClaims: {},
      accessTokenNumUsesLimit: 1,
    });
    const { accessToken } = await login(identity.id, await issuer.sign({ sub: "x" }));
    const client = createInfisicalClient({
      baseUrl: fake.url,
      auth: { bearerAuth: accessToken },
      retry: false,
    });
    await unwrap(client.GET(PATH, { params: { path: { identityId: identity.id } } }));
    expect(
      (await failureOf(unwrap(client.GET(PATH, { params: { path: { identityId: identity.id } } })))).status,
    ).toBe(401);
  });
});

describe("wire details", () => {
  it("sends rate-limit headers per read/write window and a RateLimitExceeded 429", async () => {
    const limited = await startInfisical({ rateLimit: { limit: 1 } });
    try {
      const identity = limited.createIdentity();
      const client = createInfisicalClient({
        baseUrl: limited.url,
        auth: { bearerAuth: limited.adminToken },
        retry: false,
      });
      const first = await client.GET(PATH, { params: { path: { identityId: identity.id } } });
      expect(first.response.headers.get("x-ratelimit-limit")).toBeNull(); // 400: headers are only on success
      const error = await failureOf(
        unwrap(client.GET(PATH, { params: { path: { identityId: identity.id } } })),
      );
      expect(error.status).toBe(429);
      expect(error.body).toMatchObject({ error: "RateLimitExceeded", statusCode: 429 });
      expect(error.detail).toMatch(/^Rate limit exceeded\. Please try again in \d+ seconds$/);
      expect(Number(error.headers?.get("retry-after"))).toBeGreaterThan(0);
      // Writes have their own window.
      const attached = await client.POST(PATH, {
        params: { path: { identityId: identity.id } },
        body: { configurationType: "jwks", jwksUrl: issuer.jwksUri, boundClaims: {} },
      });
      expect(attached.response.status).toBe(200);
      expect(attached.response.headers.get("x-ratelimit-remaining")).toBe("0");
    } finally {
      await limited.close();
    }
  });

  it("answers unknown routes with Fastify's 404 body and a JSON content type without body with 500", async () => {
    const unknown = await fetch(`${fake.url}/api/v1/nope`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      message: "Route GET:/api/v1/nope not found",
      error: "Not Found",
      statusCode: 404,
    });
    const identity = fake.createIdentity();
    const empty = await fetch(`${fake.url}/api/v1/auth/jwt-auth/identities/${identity.id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${fake.adminToken}`, "content-type": "application/json" },
    });
    expect(empty.status).toBe(500);
  });

  it("attaches bound values with brace globs kept whole and logs in through them", async () => {
    const identity = fake.createIdentity();
    const attached = await attachJwks(identity.id, {
      boundAudiences: "{web,api}-prod,[ab]pi-staging , ",
      boundClaims: { environment: "!(dev)", ref: "refs/heads/{main,release/*}", is_ci: "true", run: "42" },
      boundSubject: "repo:acme/*:ref:refs/heads/main",
    });
    expect(attached.identityJwtAuth).toMatchObject({
      boundAudiences: "{web,api}-prod, [ab]pi-staging",
      boundClaims: { environment: "!(dev)", ref: "refs/heads/{main,release/*}", is_ci: "true", run: "42" },
    });
    const claims = {
      sub: "repo:acme/web-app:ref:refs/heads/main",
      aud: "api-prod",
      environment: "prod",
      ref: "refs/heads/release/2026.1",
      is_ci: true,
      run: 42,
    };
    await login(identity.id, await issuer.sign(claims));
    await login(identity.id, await issuer.sign({ ...claims, aud: ["other", "bpi-staging"] }));

    const refusals: [Record<string, unknown>, string][] = [
      [{ ...claims, sub: "repo:acme/web-app:ref:refs/heads/dev" }, "Access denied: subject not allowed"],
      [{ ...claims, aud: "ui-prod" }, "Access denied: token audience not allowed"],
      [{ ...claims, aud: "cpi-staging" }, "Access denied: token audience not allowed"],
      [{ ...claims, environment: "dev" }, "Access denied: claim mismatch for field environment"],
      [{ ...claims, ref: "refs/heads/feature" }, "Access denied: claim mismatch for field ref"],
      [{ ...claims, run: 43 }, "Access denied: claim mismatch for field run"],
      [{ ...claims, is_ci: false }, "Access denied: token has no is_ci field"],
    ];
    for (const [tokenClaims, message] of refusals) {
      expect((await failureOf(login(identity.id, await issuer.sign(tokenClaims)))).detail).toBe(message);
    }
  });

  it.each([
    // GitHub Actions subjects
    ["repo:org/*:ref:refs/heads/main", "repo:org/web:ref:refs/heads/main", true],
    ["repo:org/*:ref:refs/heads/main", "repo:org/web:ref:refs/heads/dev", false],
    ["repo:org/*:ref:refs/heads/main", "repo:other/web:ref:refs/heads/main", false],
    // with `bash: true` a single star crosses slashes, as on Infisical's server
    ["repo:acme/*", "repo:acme/web/sub", true],
    // braces, character classes, extglobs
    ["{web,api}", "web", true],
    ["{web,api}", "api", true],
    ["{web,api}", "ui", false],
    ["[ab]pi", "api", true],
    ["[ab]pi", "bpi", true],
    ["[ab]pi", "cpi", false],
    ["!(x)", "y", true],
    ["!(x)", "x", false],
    ["v?", "v1", true],
    // a dot is a dot, and an exact value always matches itself
    ["a.b", "aXb", false],
    ["https://a.example/(x)", "https://a.example/(x)", true],
  ])("globMatch(%j, %j) → %s", (pattern, value, expected) => {
    expect(globMatch(pattern, value)).toBe(expected);
  });
});
