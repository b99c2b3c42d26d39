import { describe, expectTypeOf, test } from "vitest";
import {
  type ApiError,
  type components,
  createConfluentClient,
  type TokenProvider,
  unwrap,
} from "./index.js";

const confluent = createConfluentClient({
  auth: { "cloud-api-key": { username: "key", password: "secret" } },
});

const exchange = {
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
  subject_token: "idp-jwt",
  identity_pool_id: "pool-abc123",
  subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
  requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
} as const;

type KnownJwksStatus = "REFRESHED" | "OK" | "INVALID_JWKS_URI" | "ERROR_FETCHING_JWKS";

describe("responses", () => {
  test("a 200 body is the typed resource, read-only fields included and plain", async () => {
    const { data } = await confluent.GET("/iam/v2/identity-providers/{id}", {
      params: { path: { id: "op-abc123" } },
    });
    if (!data) return;
    expectTypeOf(data.id).toEqualTypeOf<string>();
    expectTypeOf(data.issuer).toEqualTypeOf<string>();
    expectTypeOf(data.identity_claim).toEqualTypeOf<string | undefined>();
    expectTypeOf(data.kind).toEqualTypeOf<"IdentityProvider">();
    expectTypeOf(data).not.toHaveProperty("application/json");
  });

  test("a created provider or pool has its server-assigned fields", async () => {
    const provider = await unwrap(
      confluent.POST("/iam/v2/identity-providers", {
        body: { display_name: "a", description: "b", issuer: "https://i", jwks_uri: "https://i/keys" },
      }),
    );
    expectTypeOf(provider.id).toEqualTypeOf<string>();
    expectTypeOf(provider.kind).toEqualTypeOf<"IdentityProvider">();
    const pool = await unwrap(
      confluent.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: provider.id } },
        body: { display_name: "p", description: "d", identity_claim: "claims.sub", filter: "true" },
      }),
    );
    expectTypeOf(pool.id).toEqualTypeOf<string>();
    expectTypeOf(pool.principal).toEqualTypeOf<string>();
  });

  test("unwrap returns the 2xx body of list, STS and JWKS operations", async () => {
    const page = await unwrap(confluent.GET("/iam/v2/identity-providers"));
    expectTypeOf(page.data[0]?.jwks_uri).toEqualTypeOf<string | undefined>();
    expectTypeOf(page.metadata.next).toEqualTypeOf<string | null | undefined>();

    const token = await unwrap(confluent.POST("/sts/v1/oauth2/token", { body: exchange }));
    expectTypeOf(token.access_token).toEqualTypeOf<string>();
    expectTypeOf(token.expires_in).toEqualTypeOf<number>();
  });

  test("the error of a call is Confluent's Failure document", async () => {
    const { error } = await confluent.GET("/iam/v2/identity-providers/{id}", {
      params: { path: { id: "op-abc123" } },
    });
    if (!error) return;
    const first = error.errors[0];
    expectTypeOf(first?.code).toEqualTypeOf<string | undefined>();
    expectTypeOf(first?.source?.pointer).toEqualTypeOf<string | undefined>();
    expectTypeOf(first?.error_code).toEqualTypeOf<number | undefined>();
    expectTypeOf(first?.message).toEqualTypeOf<string | null | undefined>();
  });

  test("an open enum keeps its known literals and accepts values it does not list", async () => {
    const jwks = await unwrap(
      confluent.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
        params: { path: { provider_id: "op-abc123" } },
        body: { spec: { jwks_status: "REFRESHED" } },
      }),
    );
    // Exclude, not NonNullable: NonNullable (`T & {}`) collapses `"OK" | (string & {})` into `string`.
    type Status = Exclude<Exclude<typeof jwks.status, undefined>["jwks_status"], undefined>;
    // The known values stay members of the union (so editors suggest them) next to any other string.
    expectTypeOf<Extract<Status, KnownJwksStatus>>().toEqualTypeOf<KnownJwksStatus>();
    expectTypeOf<KnownJwksStatus>().toExtend<Status>();
    expectTypeOf<"SOME_FUTURE_STATUS">().toExtend<Status>();
    const status = jwks.status?.jwks_status;
    // A response value of an open enum is a plain string to the caller.
    const asText: string | undefined = status;
    void asText;
    expectTypeOf<components["schemas"]["JwksStatus"]["jwks_status"]>().toEqualTypeOf<
      KnownJwksStatus | (string & {}) | undefined
    >();
  });
});

describe("requests", () => {
  test("a missing path parameter does not compile", () => {
    // @ts-expect-error the path needs params.path.id
    void confluent.GET("/iam/v2/identity-providers/{id}");
    // @ts-expect-error params.path.id is missing
    void confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: {} } });
    void confluent.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
      // @ts-expect-error provider_id is missing
      params: { path: { id: "pool-abc123" } },
    });
    // @ts-expect-error a path that is not in the spec
    void confluent.GET("/iam/v2/identity-providers/{id}/keys", { params: { path: { id: "op" } } });
  });

  test("read-only fields are rejected in request bodies", () => {
    const writable = {
      display_name: "Workforce IdP",
      description: "Tokens for employees",
      issuer: "https://issuer.example.com",
      jwks_uri: "https://issuer.example.com/keys",
    };
    void confluent.POST("/iam/v2/identity-providers", { body: writable });
    // @ts-expect-error `id` is assigned by the server
    void confluent.POST("/iam/v2/identity-providers", { body: { ...writable, id: "op-abc123" } });
    void confluent.POST("/iam/v2/identity-providers", {
      // @ts-expect-error `metadata.self` is read-only
      body: { ...writable, metadata: { self: "https://api.confluent.cloud/x" } },
    });
    // @ts-expect-error `state` is read-only
    void confluent.POST("/iam/v2/identity-providers", { body: { ...writable, state: "ENABLED" } });
    void confluent.PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
      params: { path: { provider_id: "op", id: "pool" } },
      // @ts-expect-error `principal` is read-only
      body: { filter: "true", principal: "pool-abc123" },
    });
  });

  test("required body fields are enforced; request enums are open, as in Confluent's spec", () => {
    void confluent.POST("/iam/v2/identity-providers", {
      // @ts-expect-error `jwks_uri` is required on create
      body: { display_name: "a", description: "b", issuer: "c" },
    });
    // The JWKS refresh body and its `spec` are optional, as Confluent marks them.
    void confluent.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
      params: { path: { provider_id: "op" } },
    });
    void confluent.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
      params: { path: { provider_id: "op" } },
      body: {},
    });
    void confluent.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
      params: { path: { provider_id: "op" } },
      // @ts-expect-error jwks_status is a string
      body: { spec: { jwks_status: 1 } },
    });
    type RefreshStatus = Exclude<
      Exclude<components["schemas"]["JwksRefreshRequest"]["spec"], undefined>["jwks_status"],
      undefined
    >;
    expectTypeOf<"REFRESHED">().toExtend<RefreshStatus>();
    expectTypeOf<"SOME_FUTURE_STATE">().toExtend<RefreshStatus>();
    // `expires_in` is optional: the spec's defaultLifetime example leaves it out.
    void confluent.POST("/sts/v1/oauth2/token", { body: exchange });
    void confluent.POST("/sts/v1/oauth2/token", { body: { ...exchange, expires_in: 900 } });
    // The three URNs are open enums: the known value is suggested, a value Confluent adds later compiles.
    type Exchange = components["schemas"]["TokenExchangeRequest"];
    expectTypeOf<
      Extract<Exchange["grant_type"], "urn:ietf:params:oauth:grant-type:token-exchange">
    >().toEqualTypeOf<"urn:ietf:params:oauth:grant-type:token-exchange">();
    void confluent.POST("/sts/v1/oauth2/token", {
      body: { ...exchange, subject_token_type: "urn:ietf:params:oauth:token-type:id_token" },
    });
    // @ts-expect-error grant_type is a string
    void confluent.POST("/sts/v1/oauth2/token", { body: { ...exchange, grant_type: 1 } });
    // @ts-expect-error the exchange needs the subject token
    void confluent.POST("/sts/v1/oauth2/token", { body: { ...exchange, subject_token: undefined } });
  });

  test("query parameters are typed", () => {
    void confluent.GET("/iam/v2/identity-providers", {
      params: { query: { page_size: 50, page_token: "t" } },
    });
    // @ts-expect-error page_size is a number
    void confluent.GET("/iam/v2/identity-providers", { params: { query: { page_size: "50" } } });
    void confluent.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
      params: { path: { provider_id: "op" }, query: { assigned_resource_owner: "sa-xyz789" } },
      body: { display_name: "p", description: "d", identity_claim: "claims.sub", filter: "true" },
    });
  });

  test("per-request retry and timeoutMs are accepted", () => {
    void confluent.GET("/iam/v2/identity-providers", { retry: false, timeoutMs: 5_000 });
    void confluent.DELETE("/iam/v2/identity-providers/{id}", {
      params: { path: { id: "op" } },
      retry: { maxRetries: 5, baseDelayMs: 100, maxDelayMs: 2_000, maxRetryAfterMs: 10_000 },
      timeoutMs: 1_000,
    });
  });
});

describe("the auth option is keyed by the spec's security scheme names", () => {
  test("cloud-api-key is Basic and needs username and password", () => {
    createConfluentClient({ auth: { "cloud-api-key": { username: "k", password: "s" } } });
    // @ts-expect-error the password is missing
    createConfluentClient({ auth: { "cloud-api-key": { username: "k" } } });
    // @ts-expect-error a Basic scheme does not take a bare string
    createConfluentClient({ auth: { "cloud-api-key": "key:secret" } });
  });

  test("confluent-sts-access-token takes any token source", () => {
    const provider: TokenProvider = { getToken: async () => "t", invalidate: () => {} };
    createConfluentClient({ auth: { "confluent-sts-access-token": "token" } });
    createConfluentClient({ auth: { "confluent-sts-access-token": async () => "token" } });
    createConfluentClient({ auth: { "confluent-sts-access-token": provider } });
    // @ts-expect-error a bearer scheme does not take Basic credentials
    createConfluentClient({ auth: { "confluent-sts-access-token": { username: "k", password: "s" } } });
  });

  test("an unknown scheme name is rejected", () => {
    // @ts-expect-error the spec has no scheme of that name
    createConfluentClient({ auth: { "api-key": { username: "k", password: "s" } } });
    // @ts-expect-error the spec has no scheme of that name
    createConfluentClient({ auth: { bearer: "token" } });
  });
});

describe("paginate", () => {
  test("yields the typed items of a list", async () => {
    for await (const pool of confluent.paginate("/iam/v2/identity-providers/{provider_id}/identity-pools", {
      params: { path: { provider_id: "op-abc123" }, query: { page_size: 25 } },
    })) {
      expectTypeOf(pool.filter).toEqualTypeOf<string>();
      expectTypeOf(pool.display_name).toEqualTypeOf<string>();
      const id: string = pool.id;
      void id;
    }
    for await (const provider of confluent.paginate("/iam/v2/identity-providers")) {
      expectTypeOf(provider.jwks_uri).toEqualTypeOf<string>();
    }
  });

  test("requires provider_id for pools and takes no init otherwise", () => {
    // @ts-expect-error pools belong to a provider: params.path.provider_id is required
    void confluent.paginate("/iam/v2/identity-providers/{provider_id}/identity-pools");
    void confluent.paginate("/iam/v2/identity-providers/{provider_id}/identity-pools", {
      // @ts-expect-error provider_id is missing
      params: { path: {} },
    });
    void confluent.paginate("/iam/v2/identity-providers");
    void confluent.paginate("/iam/v2/identity-providers", { params: { query: { page_size: 10 } } });
    // @ts-expect-error only list operations can be paginated
    void confluent.paginate("/iam/v2/identity-providers/{id}");
  });
});

test("unwrap throws ApiError (its type is exported for catch clauses)", () => {
  expectTypeOf<ApiError["status"]>().toEqualTypeOf<number>();
  expectTypeOf<ApiError["issues"][number]["pointer"]>().toEqualTypeOf<string | undefined>();
});
