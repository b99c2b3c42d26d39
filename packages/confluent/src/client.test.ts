import {
  basicCredentialsOf,
  type RecordedRequest,
  startTestServer,
  type TestServer,
} from "@idclients/test-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  type ConfluentClient,
  type ConfluentClientOptions,
  confluentSts,
  createConfluentClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  TokenError,
  UnprocessableEntityError,
  unwrap,
} from "./index.js";
import {
  type ConfluentFake,
  capturingLogger,
  expectNoSecret,
  renderings,
  startConfluent,
} from "./test-support/leaks.js";

// Credentials used only against the loopback server of this file.
const API_KEY = { username: "CCKEY0TEST", password: "cc-secret/with+chars=" };
const STS_TOKEN = "sts-access-token-for-tests";

// Bodies taken from the spec's examples.
const provider = {
  api_version: "iam/v2",
  kind: "IdentityProvider",
  id: "op-abc123",
  metadata: {
    self: "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123",
    resource_name:
      "crn://confluent.cloud/organization=0f0e0d0c-0000-4000-8000-0000000000aa/identity-provider=op-abc123",
    created_at: "2025-02-10T08:15:00Z",
    updated_at: "2025-03-01T17:40:12Z",
  },
  display_name: "Workforce IdP",
  description: "Tokens for employees and CI runners",
  identity_claim: "claims.sub",
  state: "ENABLED",
  issuer: "https://issuer.example.com/oauth2/default",
  jwks_uri: "https://issuer.example.com/oauth2/default/v1/keys",
  keys: [
    { kty: "RSA", kid: "fake-key-2025-01", alg: "RS256" },
    { kty: "RSA", kid: "fake-key-2025-02", alg: "RS256" },
  ],
};
const pool = {
  api_version: "iam/v2",
  kind: "IdentityPool",
  id: "pool-abc123",
  metadata: {
    self: "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
    created_at: "2025-02-11T10:00:00Z",
    updated_at: "2025-02-11T10:00:00Z",
  },
  display_name: "Kafka producers",
  description: "CI jobs that publish to production topics",
  identity_claim: "claims.sub",
  filter: 'claims.aud == "confluent" && "producers" in claims.groups',
  principal: "pool-abc123",
  state: "ENABLED",
};
const providerList = {
  api_version: "iam/v2",
  kind: "IdentityProviderList",
  metadata: { first: "https://api.confluent.cloud/iam/v2/identity-providers", next: null, total_size: 1 },
  data: [provider],
};
const poolList = {
  api_version: "iam/v2",
  kind: "IdentityPoolList",
  metadata: { first: "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools" },
  data: [pool],
};
const jwks = {
  api_version: "iam/v2",
  kind: "Jwks",
  spec: { jwks_status: "REFRESHED" },
  status: { jwks_status: "ERROR_FETCHING_JWKS", jwks_last_refresh_at: "2025-05-30T04:10:00Z" },
};
const exchanged = {
  access_token: "eyJhbGciOiJSUzI1NiJ9.Y29uZmx1ZW50LWZha2U.c2lnbmF0dXJlLWZha2U",
  issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
  token_type: "Bearer",
  expires_in: 900,
};

let server: TestServer;
let client: ConfluentClient;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  client = createConfluentClient({
    baseUrl: server.baseUrl,
    auth: { "cloud-api-key": API_KEY },
    retry: false,
  });
});

function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0] as RecordedRequest;
}

interface OperationCase {
  name: string;
  call: (c: ConfluentClient) => Promise<{ data?: unknown; response: Response }>;
  method: string;
  path: string;
  query?: Record<string, string>;
  /** The JSON body the spec describes; undefined for operations without one. */
  json?: unknown;
  status: number;
  reply?: unknown;
}

const iamOperations: OperationCase[] = [
  {
    name: "listIamV2IdentityProviders",
    call: (c) =>
      c.GET("/iam/v2/identity-providers", { params: { query: { page_size: 2, page_token: "tok-1" } } }),
    method: "GET",
    path: "/iam/v2/identity-providers",
    query: { page_size: "2", page_token: "tok-1" },
    status: 200,
    reply: providerList,
  },
  {
    name: "createIamV2IdentityProvider",
    call: (c) =>
      c.POST("/iam/v2/identity-providers", {
        body: {
          display_name: "Partner IdP",
          description: "Machine identities of a partner company",
          identity_claim: "claims.client_id",
          issuer: "https://partner-idp.example.net/",
          jwks_uri: "https://partner-idp.example.net/.well-known/jwks.json",
        },
      }),
    method: "POST",
    path: "/iam/v2/identity-providers",
    json: {
      display_name: "Partner IdP",
      description: "Machine identities of a partner company",
      identity_claim: "claims.client_id",
      issuer: "https://partner-idp.example.net/",
      jwks_uri: "https://partner-idp.example.net/.well-known/jwks.json",
    },
    status: 201,
    reply: provider,
  },
  {
    name: "getIamV2IdentityProvider",
    call: (c) => c.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } }),
    method: "GET",
    path: "/iam/v2/identity-providers/op-abc123",
    status: 200,
    reply: provider,
  },
  {
    name: "updateIamV2IdentityProvider",
    call: (c) =>
      c.PATCH("/iam/v2/identity-providers/{id}", {
        params: { path: { id: "op-abc123" } },
        body: { jwks_uri: "https://issuer.example.com/oauth2/v2/keys" },
      }),
    method: "PATCH",
    path: "/iam/v2/identity-providers/op-abc123",
    json: { jwks_uri: "https://issuer.example.com/oauth2/v2/keys" },
    status: 200,
    reply: provider,
  },
  {
    name: "deleteIamV2IdentityProvider",
    call: (c) => c.DELETE("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } }),
    method: "DELETE",
    path: "/iam/v2/identity-providers/op-abc123",
    status: 204,
  },
  {
    name: "refreshIamV2JsonWebKeySet",
    call: (c) =>
      c.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
        params: { path: { provider_id: "op-abc123" } },
        body: { spec: { jwks_status: "REFRESHED" } },
      }),
    method: "PATCH",
    path: "/iam/v2/identity-providers/op-abc123/jwks",
    json: { spec: { jwks_status: "REFRESHED" } },
    status: 200,
    reply: jwks,
  },
  {
    name: "listIamV2IdentityPools",
    call: (c) =>
      c.GET("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: "op-abc123" }, query: { page_size: 50 } },
      }),
    method: "GET",
    path: "/iam/v2/identity-providers/op-abc123/identity-pools",
    query: { page_size: "50" },
    status: 200,
    reply: poolList,
  },
  {
    name: "createIamV2IdentityPool",
    call: (c) =>
      c.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: "op-abc123" }, query: { assigned_resource_owner: "sa-xyz789" } },
        body: {
          display_name: "Kafka producers",
          description: "CI jobs that publish to production topics",
          identity_claim: "claims.sub",
          filter: 'claims.aud == "confluent" && "producers" in claims.groups',
        },
      }),
    method: "POST",
    path: "/iam/v2/identity-providers/op-abc123/identity-pools",
    query: { assigned_resource_owner: "sa-xyz789" },
    json: {
      display_name: "Kafka producers",
      description: "CI jobs that publish to production topics",
      identity_claim: "claims.sub",
      filter: 'claims.aud == "confluent" && "producers" in claims.groups',
    },
    status: 201,
    reply: pool,
  },
  {
    name: "getIamV2IdentityPool",
    call: (c) =>
      c.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: "op-abc123", id: "pool-abc123" } },
      }),
    method: "GET",
    path: "/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
    status: 200,
    reply: pool,
  },
  {
    name: "updateIamV2IdentityPool",
    call: (c) =>
      c.PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: "op-abc123", id: "pool-abc123" } },
        body: { filter: 'claims.aud == "confluent" && claims.env == "prod"' },
      }),
    method: "PATCH",
    path: "/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
    json: { filter: 'claims.aud == "confluent" && claims.env == "prod"' },
    status: 200,
    reply: pool,
  },
  {
    name: "deleteIamV2IdentityPool",
    call: (c) =>
      c.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        params: { path: { provider_id: "op-abc123", id: "pool-abc123" } },
      }),
    method: "DELETE",
    path: "/iam/v2/identity-providers/op-abc123/identity-pools/pool-abc123",
    status: 204,
  },
];

describe("every iam/v2 operation goes out as the spec describes", () => {
  it("covers all eleven iam/v2 operations", () => {
    expect(new Set(iamOperations.map((op) => op.name)).size).toBe(11);
  });

  it.each(iamOperations)("$name", async (op) => {
    server.reply({
      status: op.status,
      headers: op.reply === undefined ? {} : { "content-type": "application/json" },
      body: op.reply,
    });
    const { data, response } = await op.call(client);

    const request = only();
    expect(request.method).toBe(op.method);
    expect(request.path).toBe(op.path);
    expect(Object.fromEntries(request.query)).toEqual(op.query ?? {});
    expect(request.headers.accept).toBe("application/json");
    expect(basicCredentialsOf(request)).toBe(`${API_KEY.username}:${API_KEY.password}`);
    if (op.json === undefined) {
      expect(request.body).toBe("");
      expect(request.headers["content-type"]).toBeUndefined();
    } else {
      expect(request.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(request.body)).toEqual(op.json);
    }

    expect(response.status).toBe(op.status);
    expect(data).toEqual(op.reply);
  });

  it("sends the STS token as a bearer token when no API key is configured", async () => {
    const sts = createConfluentClient({
      baseUrl: server.baseUrl,
      auth: { "confluent-sts-access-token": () => STS_TOKEN },
    });
    server.reply({ status: 200, body: provider });
    await unwrap(sts.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } }));
    expect(only().headers.authorization).toBe(`Bearer ${STS_TOKEN}`);
  });

  it("prefers the first alternative (the API key) when both credentials are configured", async () => {
    const both = createConfluentClient({
      baseUrl: server.baseUrl,
      auth: { "cloud-api-key": API_KEY, "confluent-sts-access-token": STS_TOKEN },
    });
    server.reply({ status: 200, body: providerList });
    await unwrap(both.GET("/iam/v2/identity-providers"));
    expect(basicCredentialsOf(only())).toBe(`${API_KEY.username}:${API_KEY.password}`);
  });
});

describe("exchangeStsV1OauthToken", () => {
  it("posts the RFC 8693 form with no credentials, even from a client that has them", async () => {
    const both = createConfluentClient({
      baseUrl: server.baseUrl,
      auth: { "cloud-api-key": API_KEY, "confluent-sts-access-token": STS_TOKEN },
    });
    server.reply({ status: 200, headers: { "content-type": "application/json" }, body: exchanged });
    const data = await unwrap(
      both.POST("/sts/v1/oauth2/token", {
        body: {
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: "eyJhbGciOiJSUzI1NiJ9.ZmFrZS1wYXlsb2Fk.ZmFrZS1zaWduYXR1cmU",
          identity_pool_id: "pool-abc123",
          subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
          requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
          expires_in: 900,
        },
      }),
    );

    const request = only();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/sts/v1/oauth2/token");
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: "eyJhbGciOiJSUzI1NiJ9.ZmFrZS1wYXlsb2Fk.ZmFrZS1zaWduYXR1cmU",
      identity_pool_id: "pool-abc123",
      subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
      requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      expires_in: "900",
    });
    // The URN constants go out percent-encoded, as form encoding requires.
    expect(request.body).toContain("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange");
    expect(data).toEqual(exchanged);
  });

  it("leaves expires_in out when the caller does (the server default applies)", async () => {
    server.reply({ status: 200, body: exchanged });
    await unwrap(
      client.POST("/sts/v1/oauth2/token", {
        body: {
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: "subject",
          identity_pool_id: "pool-abc123",
          subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
          requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
        },
      }),
    );
    expect(new URLSearchParams(only().body).has("expires_in")).toBe(false);
  });

  it("decodes an OAuth-style failure of the exchange", async () => {
    server.reply({
      status: 400,
      body: { error: "invalid_grant", error_description: "The subject token has expired." },
    });
    const error = await unwrap(
      client.POST("/sts/v1/oauth2/token", {
        body: {
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: "eyJhbGciOiJSUzI1NiJ9.c3ViamVjdA.c2ln",
          identity_pool_id: "pool-abc123",
          subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
          requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
        },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: "invalid_grant", detail: "The subject token has expired." });
  });
});

describe("failures are thrown by unwrap as typed ApiErrors decoded from Confluent's Failure", () => {
  // The spec's failure examples, by status.
  const failures = [
    {
      status: 400,
      Class: BadRequestError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000400",
            status: "400",
            code: "invalid_page_token",
            title: "Invalid page token",
            detail: "The page_token does not belong to this listing.",
            source: { parameter: "page_token" },
          },
        ],
      },
      expected: {
        code: "invalid_page_token",
        title: "Invalid page token",
        detail: "The page_token does not belong to this listing.",
        issues: [
          {
            code: "invalid_page_token",
            title: "Invalid page token",
            detail: "The page_token does not belong to this listing.",
            parameter: "page_token",
          },
        ],
      },
    },
    {
      status: 401,
      Class: AuthenticationError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000401",
            status: "401",
            code: "user_unauthenticated",
            title: "Authentication required",
            detail: "The request did not carry usable credentials.",
          },
        ],
      },
      expected: { code: "user_unauthenticated", detail: "The request did not carry usable credentials." },
    },
    {
      status: 402,
      Class: ApiError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000402",
            status: "402",
            code: "quota_exceeded",
            title: "Quota exceeded",
            detail: "Limit reached for quota identity_pools_per_provider.",
          },
        ],
      },
      expected: { code: "quota_exceeded", detail: "Limit reached for quota identity_pools_per_provider." },
    },
    {
      status: 403,
      Class: PermissionDeniedError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000403",
            status: "403",
            code: "user_unauthorized",
            title: "Not authorized",
            detail: "The principal sa-xyz789 may not manage identity providers.",
          },
        ],
      },
      expected: {
        code: "user_unauthorized",
        detail: "The principal sa-xyz789 may not manage identity providers.",
      },
    },
    {
      status: 404,
      Class: NotFoundError,
      body: { errors: [{ id: "3b9e6c10-0000-4000-8000-000000000404", status: "404", title: "Not found" }] },
      expected: { code: undefined, title: "Not found", detail: "Not found" },
    },
    {
      status: 409,
      Class: ConflictError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000409",
            status: "409",
            code: "resource_already_exists",
            title: "Resource already exists",
            detail: "An identity provider with this issuer is already registered.",
          },
        ],
      },
      expected: {
        code: "resource_already_exists",
        detail: "An identity provider with this issuer is already registered.",
      },
    },
    {
      status: 422,
      Class: UnprocessableEntityError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000422",
            status: "422",
            code: "invalid_configuration",
            title: "Validation failed",
            detail: "The issuer must be an absolute https URL.",
            source: { pointer: "/issuer" },
          },
        ],
      },
      expected: {
        code: "invalid_configuration",
        detail: "The issuer must be an absolute https URL.",
        issues: [
          {
            code: "invalid_configuration",
            title: "Validation failed",
            detail: "The issuer must be an absolute https URL.",
            pointer: "/issuer",
          },
        ],
      },
    },
    {
      status: 500,
      Class: InternalServerError,
      body: {
        errors: [
          {
            id: "3b9e6c10-0000-4000-8000-000000000500",
            status: "500",
            code: "internal_error",
            title: "Internal error",
            detail: "Something went wrong on our side; please retry.",
            error_code: 500,
            message: null,
          },
        ],
      },
      expected: { code: "internal_error", detail: "Something went wrong on our side; please retry." },
    },
  ];

  it.each(failures)("$status -> $Class.name", async ({ status, Class, body, expected }) => {
    server.reply({
      status,
      headers: { "content-type": "application/json", "x-request-id": `req-${status}` },
      body,
    });
    const result = await client.POST("/iam/v2/identity-providers", {
      body: {
        display_name: "d",
        description: "d",
        issuer: "https://i.example",
        jwks_uri: "https://j.example",
      },
    });
    // The typed `error` is the Failure document itself.
    expect(result.error).toEqual(body);
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({ provider: "confluent", status, requestId: `req-${status}`, ...expected });
    expect((error as ApiError).operationId).toBe("createIamV2IdentityProvider");
  });

  it("429 without a body still becomes a RateLimitError with the relative rate-limit headers", async () => {
    server.reply({
      status: 429,
      headers: {
        "retry-after": "42",
        "x-ratelimit-limit": "120",
        "x-ratelimit-remaining": "0",
        "x-ratelimit-reset": "42",
      },
    });
    const error = await unwrap(client.GET("/iam/v2/identity-providers")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      retryAfterMs: 42_000,
      rateLimit: { limit: 120, remaining: 0, resetSeconds: 42 },
    });
  });
});

describe("per-request options", () => {
  it("timeoutMs limits one call", async () => {
    server.reply({ status: 200, body: providerList, delayMs: 500 });
    const error = await unwrap(client.GET("/iam/v2/identity-providers", { timeoutMs: 30 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("retry settings of one call override the client's", async () => {
    server.reply(
      { status: 503, body: { errors: [{ code: "unavailable" }] } },
      { status: 200, body: providerList },
    );
    const data = await unwrap(
      client.GET("/iam/v2/identity-providers", { retry: { maxRetries: 1, baseDelayMs: 1 } }),
    );
    expect(data).toEqual(providerList);
    expect(server.requests).toHaveLength(2);
  });
});

describe("paginate", () => {
  const page = (ids: string[], next: string | null) => ({
    api_version: "iam/v2",
    kind: "IdentityPoolList",
    metadata: { next },
    data: ids.map((id) => ({ ...pool, id })),
  });

  it("follows metadata.next across three pages and sends page_size only on the first request", async () => {
    server.reply(
      {
        status: 200,
        body: page(
          ["pool-1", "pool-2"],
          "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools?page_token=tok%2F2",
        ),
      },
      {
        status: 200,
        body: page(
          ["pool-3", "pool-4"],
          "https://api.confluent.cloud/iam/v2/identity-providers/op-abc123/identity-pools?page_size=2&page_token=tok-3",
        ),
      },
      { status: 200, body: page(["pool-5"], null) },
    );
    const ids: string[] = [];
    for await (const item of client.paginate("/iam/v2/identity-providers/{provider_id}/identity-pools", {
      params: { path: { provider_id: "op-abc123" }, query: { page_size: 2 } },
    })) {
      ids.push(String(item.id));
    }

    expect(ids).toEqual(["pool-1", "pool-2", "pool-3", "pool-4", "pool-5"]);
    expect(server.requests.map((r) => r.path)).toEqual(
      Array(3).fill("/iam/v2/identity-providers/op-abc123/identity-pools"),
    );
    expect(server.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { page_size: "2" },
      { page_token: "tok/2" },
      { page_token: "tok-3" },
    ]);
    for (const request of server.requests) {
      expect(basicCredentialsOf(request)).toBe(`${API_KEY.username}:${API_KEY.password}`);
    }
  });

  it("stops when metadata.next is absent and needs no init for identity providers", async () => {
    server.reply({ status: 200, body: { ...providerList, metadata: {} } });
    const names: string[] = [];
    for await (const item of client.paginate("/iam/v2/identity-providers"))
      names.push(String(item.display_name));
    expect(names).toEqual(["Workforce IdP"]);
    expect(only().url).toBe("/iam/v2/identity-providers");
  });

  it("throws the page's typed error", async () => {
    server.reply({
      status: 400,
      body: { errors: [{ code: "invalid_page_token", source: { parameter: "page_token" } }] },
    });
    const iterate = async () => {
      for await (const _ of client.paginate("/iam/v2/identity-providers")) {
        // no items expected
      }
    };
    await expect(iterate()).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe("no credential shows in a failure however it is rendered, though the fake echoes them all", () => {
  const SUBJECT_TOKEN = "eyJhbGciOiJSUzI1NiJ9.c3ViamVjdC10b2tlbg.c2lnbmF0dXJl/with+chars=";
  const WRONG_KEY = { username: API_KEY.username, password: "cc-wrong/secret+=" };
  const basicSecrets = (key: { username: string; password: string }) => ({
    password: key.password,
    "user:password": `${key.username}:${key.password}`,
  });
  let fake: ConfluentFake;
  let providerIssuer: string;
  let stsToken: string;

  beforeAll(async () => {
    fake = await startConfluent({ echoCredentials: true, apiKeys: [API_KEY] });
    const admin = createConfluentClient({
      baseUrl: fake.url,
      auth: { "cloud-api-key": API_KEY },
      retry: false,
    });
    providerIssuer = "https://issuer.example.com/leaks";
    // A JWKS URI off loopback: the fake does not fetch it, and needs no keys to mint STS tokens.
    const created = await unwrap(
      admin.POST("/iam/v2/identity-providers", {
        body: {
          display_name: "p",
          description: "",
          issuer: providerIssuer,
          jwks_uri: `${providerIssuer}/keys`,
        },
      }),
    );
    const pool = await unwrap(
      admin.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: created.id } },
        body: { display_name: "p", description: "", identity_claim: "claims.sub", filter: "true" },
      }),
    );
    stsToken = await fake.issueAccessToken(pool.id);
  });
  afterAll(() => fake.close());

  /** The failure of `call` with a client of `auth`, rendered every way (with what `capture` logged). */
  async function failure(
    auth: ConfluentClientOptions["auth"],
    call: (c: ConfluentClient) => Promise<unknown>,
    options: Partial<ConfluentClientOptions> = {},
    capture = capturingLogger(),
  ) {
    const { logged, logger, onRetry } = capture;
    const c = createConfluentClient({ baseUrl: fake.url, auth, retry: false, logger, onRetry, ...options });
    const error = await call(c).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, rendered: renderings(error, logged) };
  }

  const listProviders = (c: ConfluentClient) => unwrap(c.GET("/iam/v2/identity-providers"));
  const getProvider = (c: ConfluentClient) =>
    unwrap(c.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-missing" } } }));
  const createProvider = (identityClaim?: string) => (c: ConfluentClient) =>
    unwrap(
      c.POST("/iam/v2/identity-providers", {
        body: {
          display_name: "d",
          description: "d",
          issuer: providerIssuer,
          jwks_uri: `${providerIssuer}/keys`,
          ...(identityClaim ? { identity_claim: identityClaim } : {}),
        },
      }),
    );

  const basicCases = [
    { name: "401 wrong API key", status: 401, key: WRONG_KEY, call: listProviders },
    {
      name: "400 bad page token",
      status: 400,
      key: API_KEY,
      call: (c: ConfluentClient) =>
        unwrap(c.GET("/iam/v2/identity-providers", { params: { query: { page_token: "not-a-token" } } })),
    },
    { name: "404 unknown provider", status: 404, key: API_KEY, call: getProvider },
    { name: "409 duplicate issuer", status: 409, key: API_KEY, call: createProvider() },
    { name: "422 invalid identity_claim", status: 422, key: API_KEY, call: createProvider("sub") },
    { name: "403 (injected)", status: 403, key: API_KEY, call: listProviders, fault: 403 },
    { name: "429 (injected)", status: 429, key: API_KEY, call: listProviders, fault: 429 },
    { name: "500 (injected)", status: 500, key: API_KEY, call: createProvider(), fault: 500 },
    { name: "503 (injected)", status: 503, key: API_KEY, call: listProviders, fault: 503 },
  ];

  it.each(basicCases)("cloud-api-key (Basic): $name", async ({ status, key, call, fault }) => {
    if (fault) fake.faults.inject({ status: fault });
    const { error, rendered } = await failure({ "cloud-api-key": key }, call);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expectNoSecret(rendered, basicSecrets(key));
  });

  it("cloud-api-key (Basic): a 503 retried, with the logger and onRetry of every attempt", async () => {
    fake.faults.inject({ status: 503, times: 2 });
    const { error, rendered } = await failure({ "cloud-api-key": API_KEY }, listProviders, {
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as ApiError).attempts).toBe(2);
    expect(rendered.logger).toContain("attempt 2");
    expectNoSecret(rendered, basicSecrets(API_KEY));
  });

  const bearerCases = [
    { name: "401 token it did not issue", status: 401, token: STS_TOKEN, call: listProviders },
    { name: "404 unknown provider", status: 404, token: "issued", call: getProvider },
    { name: "422 invalid identity_claim", status: 422, token: "issued", call: createProvider("sub") },
    { name: "429 (injected)", status: 429, token: "issued", call: listProviders, fault: 429 },
    { name: "503 (injected)", status: 503, token: "issued", call: listProviders, fault: 503 },
  ];

  it.each(bearerCases)(
    "confluent-sts-access-token (bearer): $name",
    async ({ status, token, call, fault }) => {
      const value = token === "issued" ? stsToken : token;
      if (fault) fake.faults.inject({ status: fault });
      const { error, rendered } = await failure({ "confluent-sts-access-token": value }, call);
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(status);
      expectNoSecret(rendered, { token: value });
    },
  );

  it("exchangeStsV1OauthToken: the subject_token of a refused exchange", async () => {
    const { error, rendered } = await failure(undefined, (c) =>
      unwrap(
        c.POST("/sts/v1/oauth2/token", {
          body: {
            grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
            subject_token: SUBJECT_TOKEN,
            identity_pool_id: "pool-missing",
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
            requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
          },
        }),
      ),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expectNoSecret(rendered, { subject_token: SUBJECT_TOKEN });
  });

  it("confluentSts: the TokenError of a refused exchange, and its cause", async () => {
    const capture = capturingLogger();
    const sts = confluentSts({
      baseUrl: fake.url,
      identityPoolId: "pool-missing",
      subjectToken: () => SUBJECT_TOKEN,
      retry: false,
      logger: capture.logger,
      onRetry: capture.onRetry,
    });
    const { error, rendered } = await failure(
      { "confluent-sts-access-token": sts },
      listProviders,
      {},
      capture,
    );
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).cause).toBeInstanceOf(BadRequestError);
    expect(fake.requests.last("exchangeStsV1OauthToken")?.status).toBe(400);
    expectNoSecret(rendered, { subject_token: SUBJECT_TOKEN });
  });
});
