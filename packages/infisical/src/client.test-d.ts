import { describe, expectTypeOf, test } from "vitest";
import { type components, createInfisicalClient, type TokenProvider, unwrap } from "./index.js";

const infisical = createInfisicalClient({ auth: { bearerAuth: "access-token" } });
const identity = { params: { path: { identityId: "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f" } } };

type ValidationIssue = components["schemas"]["ValidationIssue"];

describe("responses", () => {
  test("the 200 bodies are typed, read-only fields included", async () => {
    const login = await unwrap(
      infisical.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "id", jwt: "jwt" } }),
    );
    expectTypeOf(login.accessToken).toEqualTypeOf<string>();
    expectTypeOf(login.expiresIn).toEqualTypeOf<number>();
    expectTypeOf(login.tokenType).toEqualTypeOf<"Bearer">();

    const { data } = await infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", identity);
    if (!data) return;
    expectTypeOf(data).not.toHaveProperty("application/json");
    expectTypeOf(data.identityJwtAuth.id).toEqualTypeOf<string>();
    expectTypeOf(data.identityJwtAuth.publicKeys).toEqualTypeOf<string[]>();
    expectTypeOf(data.identityJwtAuth.createdAt).toEqualTypeOf<string>();
    // Fields the server always sends (its response schema fills in defaults) are required.
    expectTypeOf(data.identityJwtAuth.accessTokenTTL).toEqualTypeOf<number>();
    expectTypeOf(data.identityJwtAuth.boundClaims).toEqualTypeOf<{ [key: string]: string }>();
    // The stored trusted-IP shape is read from Infisical's code, not its spec: only ipAddress is promised.
    const trusted = data.identityJwtAuth.accessTokenTrustedIps[0];
    expectTypeOf(trusted?.ipAddress).toEqualTypeOf<string | undefined>();
    expectTypeOf<undefined>().toExtend<NonNullable<typeof trusted>["type"]>();

    const removed = await unwrap(infisical.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", identity));
    // The revoke answer has no key material.
    expectTypeOf(removed.identityJwtAuth).not.toHaveProperty("publicKeys");
    expectTypeOf(removed.identityJwtAuth.jwksUrl).toEqualTypeOf<string>();
  });

  test("the error of a call is Infisical's envelope, or the 422 validation envelope", async () => {
    const { error } = await infisical.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      body: { configurationType: "static", publicKeys: ["pem"] },
    });
    if (!error) return;
    expectTypeOf(error.statusCode).toEqualTypeOf<number>();
    expectTypeOf(error.reqId).toEqualTypeOf<string | undefined>();
    expectTypeOf<ValidationIssue[]>().toExtend<typeof error.message>();
    expectTypeOf<string>().toExtend<typeof error.message>();
    if (Array.isArray(error.message)) {
      expectTypeOf(error.message[0]?.path).toEqualTypeOf<(string | number)[] | undefined>();
    }
    // The 422 envelope alone: `message` is a list of issues or a sentence (Infisical leaves it untyped).
    type Validation = components["schemas"]["ValidationErrorResponse"];
    expectTypeOf<Validation["message"]>().toEqualTypeOf<ValidationIssue[] | string | undefined>();
    expectTypeOf<"ValidationFailure">().toExtend<Validation["error"]>();
    expectTypeOf<"SomeOtherFailure">().toExtend<Validation["error"]>();
    expectTypeOf<"TokenError">().toExtend<typeof error.error>();
    expectTypeOf<"ValidationFailure">().toExtend<typeof error.error>();
    // `error` is an open enum: class names Infisical adds later (or a 403 sentence) are allowed.
    expectTypeOf<"Forbidden access to /api">().toExtend<typeof error.error>();
  });
});

describe("requests", () => {
  test("a missing path parameter does not compile", () => {
    // @ts-expect-error identityId is required
    void infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}");
    // @ts-expect-error identityId is required
    void infisical.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: {} } });
    void infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
      // @ts-expect-error the identity ID is a string
      params: { path: { identityId: 7 } },
    });
  });

  test("the login body needs identityId and jwt", () => {
    void infisical.POST("/api/v1/auth/jwt-auth/login", {
      body: { identityId: "id", jwt: "jwt", organizationSlug: "acme-platform" },
    });
    // @ts-expect-error the jwt is missing
    void infisical.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "id" } });
    // @ts-expect-error login has a body
    void infisical.POST("/api/v1/auth/jwt-auth/login");
  });

  test("configurationType selects the body shape and takes only jwks or static", () => {
    // The spec's two attach examples compile (fields with defaults may be left out).
    void infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      body: {
        configurationType: "jwks",
        jwksUrl: "https://issuer.example.com/.well-known/jwks.json",
        boundIssuer: "https://issuer.example.com",
        boundAudiences: "infisical, infisical-staging",
        boundClaims: { repository: "acme/web-app, acme/api-*" },
        boundSubject: "repo:acme/*",
        accessTokenTTL: 3600,
        accessTokenMaxTTL: 86400,
        accessTokenNumUsesLimit: 0,
      },
    });
    void infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      body: { configurationType: "static", publicKeys: ["pem"], boundClaims: {} },
    });
    void infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      // @ts-expect-error not a configuration type
      body: { configurationType: "oidc", publicKeys: ["pem"], boundClaims: {} },
    });
    void infisical.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      // @ts-expect-error a jwks configuration needs jwksUrl
      body: { configurationType: "jwks" },
    });
    void infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      // @ts-expect-error attach requires boundClaims
      body: { configurationType: "static", publicKeys: ["pem"] },
    });
    void infisical.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      // @ts-expect-error the TTL is a number of seconds
      body: { configurationType: "static", publicKeys: ["pem"], accessTokenTTL: "1h" },
    });
  });

  test("per-request retry and timeoutMs are accepted", () => {
    void infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      retry: false,
      timeoutMs: 1,
    });
    void infisical.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identity,
      retry: { maxRetries: 0 },
    });
  });
});

describe("the auth option is keyed by the spec's security scheme names", () => {
  test("bearerAuth takes any token source", () => {
    const provider: TokenProvider = { getToken: async () => "t", invalidate: () => {} };
    createInfisicalClient({ auth: { bearerAuth: "token" } });
    createInfisicalClient({ auth: { bearerAuth: () => Promise.resolve("token") } });
    createInfisicalClient({ auth: { bearerAuth: provider } });
    createInfisicalClient({});
    // @ts-expect-error bearerAuth is not a Basic scheme
    createInfisicalClient({ auth: { bearerAuth: { username: "u", password: "p" } } });
    // @ts-expect-error a token source returns a string
    createInfisicalClient({ auth: { bearerAuth: () => 42 } });
  });

  test("an unknown scheme name is rejected", () => {
    // @ts-expect-error the scheme is called bearerAuth
    createInfisicalClient({ auth: { bearer: "token" } });
    // @ts-expect-error the spec has no Basic scheme
    createInfisicalClient({ auth: { basicAuth: { username: "u", password: "p" } } });
  });
});
