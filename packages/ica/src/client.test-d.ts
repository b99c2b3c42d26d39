import { describe, expectTypeOf, test } from "vitest";
import { createIcaClient, type IcaCredentials, type TokenProvider, unwrap } from "./index.js";

const ica = createIcaClient({ auth: { ApiKeyAuth: "api-key" } });

describe("responses", () => {
  test("the vendor +json 200 body is the Token schema, not a content map", async () => {
    const { data } = await ica.POST("/api/tokens");
    if (!data) return;
    expectTypeOf(data).not.toHaveProperty("application/vnd.illumina.v3+json");
    // `token` is read-only and required in the spec: a plain string, always present.
    expectTypeOf(data.token).toEqualTypeOf<string>();
    expectTypeOf(data).toEqualTypeOf<{ token: string }>();

    const refreshed = await unwrap(ica.POST("/api/tokens:refresh"));
    expectTypeOf(refreshed.token).toEqualTypeOf<string>();
  });

  test("the error of a call is the RFC 7807 problem document", async () => {
    const { error } = await ica.POST("/api/tokens", { params: { query: { tenant: "lab" } } });
    if (!error) return;
    expectTypeOf(error.title).toEqualTypeOf<string>();
    expectTypeOf(error.type).toEqualTypeOf<string>();
    expectTypeOf(error.status).toEqualTypeOf<number>();
    expectTypeOf(error.detail).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.id).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.parameters).toEqualTypeOf<{ [key: string]: string }>();
    expectTypeOf(error.timestamp).toEqualTypeOf<string>();
  });
});

describe("requests", () => {
  test("both operations take no body", () => {
    // @ts-expect-error createJwtToken has no request body
    void ica.POST("/api/tokens", { body: { apiKey: "k" } });
    // @ts-expect-error refreshJwtToken has no request body
    void ica.POST("/api/tokens:refresh", { body: {} });
  });

  test("the tenant query is a string (or null) and unknown paths are rejected", () => {
    void ica.POST("/api/tokens", { params: { query: { tenant: "my-lab-tenant" } } });
    void ica.POST("/api/tokens", { params: { query: { tenant: null } } });
    // @ts-expect-error tenant is a string
    void ica.POST("/api/tokens", { params: { query: { tenant: 42 } } });
    // @ts-expect-error refreshing is a POST
    void ica.GET("/api/tokens:refresh");
    // @ts-expect-error not an operation of the spec
    void ica.POST("/api/tokens/refresh");
  });

  test("per-request retry and timeoutMs are accepted", () => {
    void ica.POST("/api/tokens", { retry: false, timeoutMs: 2_000 });
    void ica.POST("/api/tokens:refresh", { retry: { maxRetries: 1 }, timeoutMs: 500 });
  });
});

describe("the auth option is keyed by the spec's security scheme names", () => {
  test("each scheme takes the credential its kind needs", () => {
    const provider: TokenProvider = { getToken: async () => "jwt", invalidate: () => {} };
    createIcaClient({ auth: { ApiKeyAuth: "key" } });
    createIcaClient({ auth: { ApiKeyAuth: () => "key" } });
    createIcaClient({ auth: { BasicAuth: { username: "me@example.com", password: "pw" } } });
    createIcaClient({ auth: { PsTokenAuth: async () => "ps-token" } });
    createIcaClient({ auth: { JwtAuth: provider } });
    expectTypeOf<IcaCredentials>().toHaveProperty("JwtAuth");
  });

  test("Basic needs username and password; token schemes do not take them", () => {
    // @ts-expect-error the password is missing
    createIcaClient({ auth: { BasicAuth: { username: "me@example.com" } } });
    // @ts-expect-error Basic does not take a bare string
    createIcaClient({ auth: { BasicAuth: "me@example.com:pw" } });
    // @ts-expect-error an API key is a token, not a username/password pair
    createIcaClient({ auth: { ApiKeyAuth: { username: "k", password: "s" } } });
  });

  test("an unknown scheme name is rejected", () => {
    // @ts-expect-error the scheme is called ApiKeyAuth
    createIcaClient({ auth: { apiKey: "key" } });
    // @ts-expect-error the header name is not a scheme name
    createIcaClient({ auth: { "X-API-Key": "key" } });
  });
});
