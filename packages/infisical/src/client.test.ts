import { type RecordedRequest, startTestServer, type TestServer } from "@idclients/test-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  createInfisicalClient,
  type InfisicalClient,
  type InfisicalClientOptions,
  InternalServerError,
  infisicalJwtLogin,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TokenError,
  UnprocessableEntityError,
  unwrap,
} from "./index.js";
import {
  capturingLogger,
  expectNoSecret,
  type InfisicalFake,
  type OidcIssuer,
  renderings,
  startInfisical,
  startOidcIssuer,
} from "./test-support/leaks.js";

// A credential used only against the loopback server of this file.
const ACCESS_TOKEN = "infisical-access-token-for-tests";
const IDENTITY = "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f";
const JWT =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2Uta2V5In0.eyJpc3MiOiJodHRwczovL2lzc3Vlci5leGFtcGxlLmNvbSJ9.ZmFrZS1zaWduYXR1cmU";

// Bodies taken from the spec's examples.
const loginReply = {
  accessToken: "eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGl0eUlkIjoiZmFrZSJ9.bm90LWEtcmVhbC10b2tlbg",
  expiresIn: 3600,
  accessTokenMaxTTL: 86400,
  tokenType: "Bearer",
};
const configuration = {
  id: "2f6e8a10-93c4-4d7b-a1e2-0b9c8d7e6f51",
  identityId: IDENTITY,
  configurationType: "jwks",
  jwksUrl: "https://issuer.example.com/.well-known/jwks.json",
  jwksCaCert: "",
  publicKeys: [],
  boundIssuer: "https://issuer.example.com",
  boundAudiences: "infisical, infisical-staging",
  boundClaims: { repository: "acme/web-app, acme/api-*" },
  boundSubject: "repo:acme/*",
  accessTokenTTL: 3600,
  accessTokenMaxTTL: 86400,
  accessTokenNumUsesLimit: 0,
  accessTokenPeriod: 0,
  accessTokenTrustedIps: [
    { ipAddress: "0.0.0.0", type: "ipv4", prefix: 0 },
    { ipAddress: "::", type: "ipv6", prefix: 0 },
  ],
  createdAt: "2025-03-14T09:26:53.000Z",
  updatedAt: "2025-03-14T09:26:53.000Z",
};
const { jwksCaCert: _ca, publicKeys: _keys, ...removed } = configuration;

let server: TestServer;
let client: InfisicalClient;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  client = createInfisicalClient({
    baseUrl: server.baseUrl,
    auth: { bearerAuth: ACCESS_TOKEN },
    retry: false,
  });
});

function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0] as RecordedRequest;
}

const rateLimitHeaders = {
  "content-type": "application/json",
  "x-ratelimit-limit": "200",
  "x-ratelimit-remaining": "187",
  "x-ratelimit-reset": "42",
};

describe("every operation goes out as the spec describes", () => {
  it("loginWithJwtAuth posts JSON with no Authorization, even from a client with a token", async () => {
    server.reply({ status: 200, headers: rateLimitHeaders, body: loginReply });
    const { data, response } = await client.POST("/api/v1/auth/jwt-auth/login", {
      body: { identityId: IDENTITY, jwt: JWT, organizationSlug: "acme-platform" },
    });

    const request = only();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/api/v1/auth/jwt-auth/login");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({
      identityId: IDENTITY,
      jwt: JWT,
      organizationSlug: "acme-platform",
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(loginReply);
  });

  it("attachJwtAuth posts the configuration with the bearer token", async () => {
    const body = {
      configurationType: "jwks",
      jwksUrl: "https://issuer.example.com/.well-known/jwks.json",
      boundIssuer: "https://issuer.example.com",
      boundAudiences: "infisical, infisical-staging",
      boundClaims: { repository: "acme/web-app, acme/api-*" },
      boundSubject: "repo:acme/*",
      accessTokenTTL: 3600,
      accessTokenMaxTTL: 86400,
      accessTokenNumUsesLimit: 0,
    } as const;
    server.reply({ status: 200, headers: rateLimitHeaders, body: { identityJwtAuth: configuration } });
    const data = await unwrap(
      client.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
        body,
      }),
    );

    const request = only();
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`/api/v1/auth/jwt-auth/identities/${IDENTITY}`);
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual(body);
    expect(data.identityJwtAuth).toEqual(configuration);
  });

  it("getJwtAuth sends a GET with no body and no Content-Type", async () => {
    server.reply({ status: 200, headers: rateLimitHeaders, body: { identityJwtAuth: configuration } });
    const data = await unwrap(
      client.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );

    const request = only();
    expect(request.method).toBe("GET");
    expect(request.url).toBe(`/api/v1/auth/jwt-auth/identities/${IDENTITY}`);
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBeUndefined();
    expect(request.body).toBe("");
    expect(data.identityJwtAuth.configurationType).toBe("jwks");
  });

  it("updateJwtAuth patches with the full configuration", async () => {
    const body = {
      configurationType: "static" as const,
      publicKeys: ["-----BEGIN PUBLIC KEY-----\nRkFLRS1LRVk=\n-----END PUBLIC KEY-----\n"],
    };
    server.reply({ status: 200, headers: rateLimitHeaders, body: { identityJwtAuth: configuration } });
    const { data } = await client.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
      params: { path: { identityId: IDENTITY } },
      body,
    });

    const request = only();
    expect(request.method).toBe("PATCH");
    expect(request.url).toBe(`/api/v1/auth/jwt-auth/identities/${IDENTITY}`);
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual(body);
    expect(data).toEqual({ identityJwtAuth: configuration });
  });

  it("deleteJwtAuth sends no Content-Type (the server answers 500 to one without a body)", async () => {
    server.reply({ status: 200, headers: rateLimitHeaders, body: { identityJwtAuth: removed } });
    const data = await unwrap(
      client.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );

    const request = only();
    expect(request.method).toBe("DELETE");
    expect(request.url).toBe(`/api/v1/auth/jwt-auth/identities/${IDENTITY}`);
    expect(request.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBeUndefined();
    expect(request.body).toBe("");
    expect(data).toEqual({ identityJwtAuth: removed });
  });

  it("percent-encodes the identity ID path parameter", async () => {
    server.reply({ status: 200, body: { identityJwtAuth: configuration } });
    await unwrap(
      client.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: "a/b c" } },
      }),
    );
    expect(only().url).toBe("/api/v1/auth/jwt-auth/identities/a%2Fb%20c");
  });
});

describe("failures are thrown by unwrap as typed ApiErrors decoded from Infisical's envelope", () => {
  // The spec's failure examples.
  const failures = [
    {
      status: 400,
      Class: BadRequestError,
      body: {
        reqId: "req-Fk3pQ9zLm2Xw7a",
        statusCode: 400,
        message: "Failed to add JWT Auth to already configured identity",
        error: "BadRequest",
      },
      expected: { code: "BadRequest", requestId: "req-Fk3pQ9zLm2Xw7a", issues: [] },
    },
    {
      status: 401,
      Class: AuthenticationError,
      body: {
        reqId: "req-Lm5sK8dWq3Ny6b",
        statusCode: 401,
        message: "Token missing",
        error: "UnauthorizedError",
      },
      expected: { code: "UnauthorizedError", detail: "Token missing", requestId: "req-Lm5sK8dWq3Ny6b" },
    },
    {
      status: 403,
      Class: PermissionDeniedError,
      body: {
        reqId: "req-Gk7yT1nVe4Ls9d",
        statusCode: 403,
        message: "Your token has expired. Please re-authenticate.",
        error: "TokenError",
      },
      expected: { code: "TokenError", detail: "Your token has expired. Please re-authenticate." },
    },
    {
      status: 403,
      Class: PermissionDeniedError,
      body: {
        reqId: "req-Ju3hZ8cXo6Rf2w",
        statusCode: 403,
        message: "You are not allowed to edit on Identity",
        error: "PermissionDenied",
        details: [{ action: "edit", inverted: false, subject: "identity" }],
      },
      expected: { code: "PermissionDenied", detail: "You are not allowed to edit on Identity" },
    },
    {
      status: 404,
      Class: NotFoundError,
      body: {
        reqId: "req-Bo2jF5mZi8Dx4g",
        statusCode: 404,
        message: `Failed to find identity with ID ${IDENTITY}`,
        error: "NotFound",
      },
      expected: { code: "NotFound", requestId: "req-Bo2jF5mZi8Dx4g" },
    },
    {
      status: 404,
      Class: NotFoundError,
      body: {
        statusCode: 404,
        message: "Route GET:/api/v1/auth/jwt-auth/identity/abc not found",
        error: "Not Found",
      },
      expected: { code: "Not Found", requestId: undefined },
    },
    {
      status: 422,
      Class: UnprocessableEntityError,
      body: {
        reqId: "req-Kt3bQ6oLc9Az7h",
        statusCode: 422,
        error: "ValidationFailure",
        message: [
          {
            code: "invalid_union_discriminator",
            options: ["jwks", "static"],
            path: ["configurationType"],
            message: "Invalid discriminator value. Expected 'jwks' | 'static'",
          },
        ],
      },
      expected: {
        code: "ValidationFailure",
        detail: "/configurationType: Invalid discriminator value. Expected 'jwks' | 'static'",
        requestId: "req-Kt3bQ6oLc9Az7h",
        issues: [
          {
            code: "invalid_union_discriminator",
            detail: "Invalid discriminator value. Expected 'jwks' | 'static'",
            pointer: "/configurationType",
          },
        ],
      },
    },
    {
      status: 500,
      Class: InternalServerError,
      body: {
        reqId: "req-Im4kY2wRf7Qs9c",
        statusCode: 500,
        message: "Something went wrong",
        error: "InternalServerError",
      },
      expected: { code: "InternalServerError", detail: "Something went wrong" },
    },
  ];

  it.each(failures)("$status $body.error -> $Class.name", async ({ status, Class, body, expected }) => {
    server.reply({ status, headers: { "content-type": "application/json" }, body });
    const result = await client.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
      params: { path: { identityId: IDENTITY } },
      body: { configurationType: "jwks", jwksUrl: "https://issuer.example.com/.well-known/jwks.json" },
    });
    // The typed `error` is the envelope itself.
    expect(result.error).toEqual(body);
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({
      provider: "infisical",
      operationId: "updateJwtAuth",
      status,
      detail: typeof body.message === "string" ? body.message : expect.any(String),
      ...expected,
    });
  });

  it("a 422 from login lists every issue with a JSON pointer", async () => {
    server.reply({
      status: 422,
      body: {
        reqId: "req-Ef9rW1aHk5Ty3p",
        statusCode: 422,
        error: "ValidationFailure",
        message: [
          {
            code: "invalid_type",
            expected: "string",
            received: "undefined",
            path: ["jwt"],
            message: "Required",
          },
        ],
      },
    });
    const error = await unwrap(
      client.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: IDENTITY, jwt: "" } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      detail: "/jwt: Required",
      issues: [{ code: "invalid_type", detail: "Required", pointer: "/jwt" }],
    });
  });

  it("a 429 carries Retry-After and the relative rate-limit window", async () => {
    server.reply({
      status: 429,
      headers: { ...rateLimitHeaders, "retry-after": "42", "x-ratelimit-remaining": "0" },
      body: {
        reqId: "req-Cv1nX8iPe6Ug2l",
        statusCode: 429,
        message: "Rate limit exceeded. Please try again in 42 seconds",
        error: "RateLimitExceeded",
      },
    });
    const error = await unwrap(
      client.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: IDENTITY, jwt: JWT } }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      code: "RateLimitExceeded",
      retryAfterMs: 42_000,
      rateLimit: { limit: 200, remaining: 0, resetSeconds: 42 },
    });
  });

  it("a 403 TokenError makes a token provider mint a new token and retry once", async () => {
    const issued: string[] = [];
    const invalidated: string[] = [];
    const tokens = {
      getToken: async () => {
        const token = `minted-token-${issued.length + 1}`;
        issued.push(token);
        return token;
      },
      invalidate: (token: string) => {
        invalidated.push(token);
      },
    };
    const withProvider = createInfisicalClient({ baseUrl: server.baseUrl, auth: { bearerAuth: tokens } });
    server.reply(
      {
        status: 403,
        body: {
          reqId: "req-Gk7yT1nVe4Ls9d",
          statusCode: 403,
          message: "Your token has expired. Please re-authenticate.",
          error: "TokenError",
        },
      },
      { status: 200, body: { identityJwtAuth: configuration } },
    );
    const data = await unwrap(
      withProvider.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );
    expect(data.identityJwtAuth.id).toBe(configuration.id);
    expect(invalidated).toEqual(["minted-token-1"]);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer minted-token-1",
      "Bearer minted-token-2",
    ]);
  });
});

describe("no credential shows in a failure however it is rendered, though the fake echoes them all", () => {
  const WRONG_TOKEN = "infisical-wrong-token/with+chars=";
  let fake: InfisicalFake;
  let issuer: OidcIssuer;
  /** An identity whose JWT Auth trusts `issuer` for the audience "infisical". */
  let boundIdentity: string;

  beforeAll(async () => {
    [fake, issuer] = await Promise.all([startInfisical({ echoCredentials: true }), startOidcIssuer()]);
    boundIdentity = fake.createIdentity().id;
    const admin = createInfisicalClient({
      baseUrl: fake.url,
      auth: { bearerAuth: fake.adminToken },
      retry: false,
    });
    await unwrap(
      admin.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: boundIdentity } },
        body: {
          configurationType: "jwks",
          jwksUrl: issuer.jwksUri,
          boundIssuer: issuer.url,
          boundAudiences: "infisical",
          boundClaims: {},
        },
      }),
    );
  });
  afterAll(() => Promise.all([fake.close(), issuer.close()]));

  /** The failure of `call` with a client of `auth`, rendered every way (with what `capture` logged). */
  async function failure(
    auth: InfisicalClientOptions["auth"],
    call: (c: InfisicalClient) => Promise<unknown>,
    capture = capturingLogger(),
  ) {
    const { logged, logger, onRetry } = capture;
    const c = createInfisicalClient({ baseUrl: fake.url, auth, retry: false, logger, onRetry });
    const error = await call(c).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, rendered: renderings(error, logged) };
  }

  const read = (identityId: string) => (c: InfisicalClient) =>
    unwrap(c.GET("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId } } }));
  const readBound = (c: InfisicalClient) => read(boundIdentity)(c);
  const login = (identityId: string, jwt: string) => (c: InfisicalClient) =>
    unwrap(c.POST("/api/v1/auth/jwt-auth/login", { body: { identityId, jwt } }));

  const bearerCases: {
    name: string;
    status: number;
    token: () => Promise<string>;
    call: (c: InfisicalClient) => Promise<unknown>;
    fault?: number;
  }[] = [
    {
      name: "403 TokenError for a malformed token",
      status: 403,
      token: async () => WRONG_TOKEN,
      call: readBound,
    },
    {
      name: "403 TokenError for an expired token",
      status: 403,
      token: () => fake.issueAdminToken({ expiresInSeconds: -5 }),
      call: readBound,
    },
    {
      name: "401 for a revoked token",
      status: 401,
      token: async () => {
        const token = await fake.issueAdminToken();
        fake.revokeToken(fake.issuedTokens().at(-1)?.id ?? "");
        return token;
      },
      call: readBound,
    },
    { name: "404 unknown identity", status: 404, token: async () => fake.adminToken, call: read(IDENTITY) },
    {
      name: "400 identity without JWT Auth",
      status: 400,
      token: async () => fake.adminToken,
      call: (c) => read(fake.createIdentity().id)(c),
    },
    {
      name: "422 invalid body (message is an issue list)",
      status: 422,
      token: async () => fake.adminToken,
      call: (c) =>
        unwrap(
          c.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
            params: { path: { identityId: boundIdentity } },
            body: { configurationType: "nonsense" } as never,
          }),
        ),
    },
    ...[429, 500, 503].map((status) => ({
      name: `${status} (injected)`,
      status,
      token: async () => fake.adminToken,
      call: readBound,
      fault: status,
    })),
  ];

  it.each(bearerCases)("bearerAuth: $name", async ({ status, token, call, fault }) => {
    const value = await token();
    if (fault) fake.faults.inject({ status: fault });
    const { error, rendered } = await failure({ bearerAuth: value }, call);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expectNoSecret(rendered, { token: value });
  });

  it("loginWithJwtAuth: the jwt of a refused login (404, no JWT Auth for the identity)", async () => {
    const jwt = await issuer.sign({ sub: "ci", aud: "infisical" });
    const { error, rendered } = await failure(undefined, login(IDENTITY, jwt));
    expect(error).toBeInstanceOf(NotFoundError);
    expectNoSecret(rendered, { jwt });
  });

  it("loginWithJwtAuth: the jwt of a refused login (401, audience not allowed)", async () => {
    const jwt = await issuer.sign({ sub: "ci", aud: "elsewhere" });
    const { error, rendered } = await failure(undefined, login(boundIdentity, jwt));
    expect(error).toBeInstanceOf(AuthenticationError);
    expectNoSecret(rendered, { jwt });
  });

  it.each([
    { name: "wrong identity id (404)", identity: () => IDENTITY, aud: "infisical", Cause: NotFoundError },
    {
      name: "audience not allowed (401)",
      identity: () => boundIdentity,
      aud: "elsewhere",
      Cause: AuthenticationError,
    },
  ])(
    "infisicalJwtLogin: the TokenError of a refused login and its cause, $name",
    async ({ identity, aud, Cause }) => {
      const jwt = await issuer.sign({ sub: "ci", aud });
      const capture = capturingLogger();
      const session = infisicalJwtLogin({
        baseUrl: fake.url,
        identityId: identity(),
        jwt: () => jwt,
        retry: false,
        logger: capture.logger,
        onRetry: capture.onRetry,
      });
      const { error, rendered } = await failure({ bearerAuth: session }, readBound, capture);
      expect(error).toBeInstanceOf(TokenError);
      expect((error as TokenError).cause).toBeInstanceOf(Cause);
      expect(fake.requests.last("loginWithJwtAuth")?.status).toBe(
        (error as { cause: ApiError }).cause.status,
      );
      expectNoSecret(rendered, { jwt });
    },
  );
});
