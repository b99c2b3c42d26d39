// Our client where openapi-fetch's is expected (openapi-react-query, path-based clients), the
// environment variables Confluent's tools use, and the STS exchange at the client's own host.
import { startTestServer, type TestServer } from "@idclients/test-server";
import { QueryClient } from "@tanstack/react-query";
import { wrapAsPathBasedClient } from "openapi-fetch";
import createQueryClient from "openapi-react-query";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loopbackOnlyFetch } from "../../testing/src/test-support/loopback-only.js";
import {
  confluentEnvironment,
  confluentSts,
  createConfluentClient,
  MissingCredentialError,
  NotFoundError,
  unwrap,
} from "./index.js";

const provider = {
  api_version: "iam/v2",
  kind: "IdentityProvider",
  id: "op-abc123",
  display_name: "Workforce IdP",
  state: "ENABLED",
  issuer: "https://issuer.example.com",
  jwks_uri: "https://issuer.example.com/keys",
};
const notFound = {
  status: 404,
  body: { errors: [{ status: "404", code: "not_found", detail: "Identity provider op-nope was not found" }] },
};
// A key pair used only against the loopback server of this file.
const KEY = "TESTKEY0000000001";
const SECRET = "test-secret-for-the-loopback-server-only";
const SUBJECT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaS1qb2IifQ.c3ViamVjdC1zaWduYXR1cmU";
const exchanged = {
  access_token: "eyJhbGciOiJSUzI1NiJ9.c3RzLWlzc3VlZA.c3RzLXNpZ25hdHVyZQ",
  issued_token_type: "urn:ietf:params:oauth:token-type:access_token",
  token_type: "Bearer",
  expires_in: 900,
};

let server: TestServer;
let guard: ReturnType<typeof loopbackOnlyFetch>;
let elsewhere: string[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  guard = loopbackOnlyFetch();
  elsewhere = guard.elsewhere;
});
afterEach(() => guard.restore());

const client = () =>
  createConfluentClient({
    baseUrl: server.baseUrl,
    auth: { "cloud-api-key": { username: KEY, password: SECRET } },
    retry: false,
  });

describe("openapi-react-query", () => {
  it("fetches through our client, data typed, failures as our typed errors via unwrap", async () => {
    const $api = createQueryClient(client());
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    server.reply({ status: 200, body: provider });
    const data = await queryClient.fetchQuery(
      $api.queryOptions("get", "/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } }),
    );
    expect(data.id).toBe("op-abc123");
    expect(server.requests[0]?.path).toBe("/iam/v2/identity-providers/op-abc123");
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
    server.reply(notFound);
    const error = await queryClient
      .fetchQuery(
        $api.queryOptions("get", "/iam/v2/identity-providers/{id}", { params: { path: { id: "op-nope" } } }),
      )
      .catch((e: unknown) => e);
    // openapi-react-query throws the error body, as with openapi-fetch.
    expect(error).toMatchObject({ errors: [{ code: "not_found" }] });
    queryClient.clear();
  });
});

describe("wrapAsPathBasedClient", () => {
  it("calls through our transport", async () => {
    const paths = wrapAsPathBasedClient(client());
    server.reply({ status: 200, body: provider }, notFound);
    const ok = await paths["/iam/v2/identity-providers/{id}"].GET({ params: { path: { id: "op-abc123" } } });
    expect(ok.data?.id).toBe("op-abc123");
    const failed = paths["/iam/v2/identity-providers/{id}"].GET({ params: { path: { id: "op-nope" } } });
    await expect(unwrap(failed)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("environment variables (Confluent's Terraform provider names)", () => {
  it("CONFLUENT_CLOUD_API_KEY and CONFLUENT_CLOUD_API_SECRET are the Cloud API key; CONFLUENT_CLOUD_REST_ENDPOINT the host", async () => {
    const confluent = createConfluentClient({
      env: {
        CONFLUENT_CLOUD_API_KEY: KEY,
        CONFLUENT_CLOUD_API_SECRET: SECRET,
        CONFLUENT_CLOUD_REST_ENDPOINT: `${server.baseUrl}/`,
      },
      retry: false,
    });
    server.reply({ status: 200, body: provider });
    await unwrap(confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } }));
    expect(server.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString("base64")}`,
    );
  });

  it("one of the pair missing is a MissingCredentialError naming both variables, no value", async () => {
    const confluent = createConfluentClient({
      baseUrl: server.baseUrl,
      env: { CONFLUENT_CLOUD_API_KEY: KEY },
    });
    const error = await confluent
      .GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as Error).message).toContain("CONFLUENT_CLOUD_API_KEY + CONFLUENT_CLOUD_API_SECRET");
    expect((error as Error).message).not.toContain(KEY);
    expect(server.requests).toHaveLength(0);
    expect(confluentEnvironment.credentialVariables).toEqual([
      "CONFLUENT_CLOUD_API_KEY + CONFLUENT_CLOUD_API_SECRET",
    ]);
  });
});

describe("confluentSts in a client's auth", () => {
  it("exchanges at the client's host, not at api.confluent.cloud", async () => {
    const confluent = createConfluentClient({
      baseUrl: server.baseUrl,
      retry: false,
      auth: {
        "confluent-sts-access-token": confluentSts({ identityPoolId: "pool-abc", subjectToken: SUBJECT }),
      },
    });
    server.reply({ status: 200, body: exchanged }, { status: 200, body: provider });
    await unwrap(confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-abc123" } } }));
    expect(elsewhere).toEqual([]);
    expect(server.requests.map((r) => r.path)).toEqual([
      "/sts/v1/oauth2/token",
      "/iam/v2/identity-providers/op-abc123",
    ]);
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${exchanged.access_token}`);
  });
});
