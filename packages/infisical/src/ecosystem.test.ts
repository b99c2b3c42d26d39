// Self-hosted Infisical: the JWT login goes to the client's host; credentials and host from the environment.
import { startTestServer, type TestServer } from "@idclients/test-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loopbackOnlyFetch } from "../../testing/src/test-support/loopback-only.js";
import {
  ConfigurationError,
  createInfisicalClient,
  infisicalEnvironment,
  infisicalJwtLogin,
  MissingCredentialError,
  unwrap,
} from "./index.js";

const IDENTITY = "7d0c4f3e-2b8a-4c61-9e0f-5a1b2c3d4e5f";
// A workload JWT used only against the loopback server of this file.
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3b3JrbG9hZCJ9.c2lnbmF0dXJlLWZvci10ZXN0cw";
const ACCESS = "eyJhbGciOiJIUzI1NiJ9.eyJpZGVudGl0eUlkIjoic2VsZi1ob3N0ZWQifQ.c2VsZi1ob3N0ZWQtdG9rZW4";
const login = {
  status: 200,
  body: { accessToken: ACCESS, expiresIn: 3600, accessTokenMaxTTL: 86400, tokenType: "Bearer" },
};
const config = {
  status: 200,
  body: {
    identityJwtAuth: {
      id: "2f6e8a10-93c4-4d7b-a1e2-0b9c8d7e6f51",
      identityId: IDENTITY,
      configurationType: "jwks",
      jwksUrl: "https://issuer.example.com/.well-known/jwks.json",
      jwksCaCert: "",
      publicKeys: [],
      boundIssuer: "https://issuer.example.com",
      boundAudiences: "infisical",
      boundClaims: {},
      boundSubject: "",
      accessTokenTTL: 3600,
      accessTokenMaxTTL: 86400,
      accessTokenNumUsesLimit: 0,
      accessTokenPeriod: 0,
      accessTokenTrustedIps: [{ ipAddress: "0.0.0.0", type: "ipv4", prefix: 0 }],
      createdAt: "2025-03-14T09:26:53.000Z",
      updatedAt: "2025-03-14T09:26:53.000Z",
    },
  },
};

let server: TestServer;
let guard: ReturnType<typeof loopbackOnlyFetch>;
/** Hosts the global fetch was asked for: nothing may leave 127.0.0.1. */
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

describe("infisicalJwtLogin in a self-hosted client's auth", () => {
  it("logs in at the client's base URL, not at Infisical Cloud", async () => {
    const infisical = createInfisicalClient({
      baseUrl: server.baseUrl,
      auth: { bearerAuth: infisicalJwtLogin({ identityId: IDENTITY, jwt: JWT }) },
      retry: false,
    });
    server.reply(login, config);
    await unwrap(
      infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );
    expect(elsewhere).toEqual([]);
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /api/v1/auth/jwt-auth/login",
      `GET /api/v1/auth/jwt-auth/identities/${IDENTITY}`,
    ]);
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${ACCESS}`);
  });

  it("uses the client's fetch for the login too", async () => {
    const seen: string[] = [];
    const infisical = createInfisicalClient({
      baseUrl: server.baseUrl,
      auth: { bearerAuth: infisicalJwtLogin({ identityId: IDENTITY, jwt: JWT }) },
      retry: false,
      fetch: (request, init) => {
        seen.push(new URL(request.url).pathname);
        return fetch(request, init);
      },
    });
    server.reply(login, config);
    await unwrap(
      infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );
    expect(seen).toEqual(["/api/v1/auth/jwt-auth/login", `/api/v1/auth/jwt-auth/identities/${IDENTITY}`]);
  });

  it("keeps a base URL it was given", async () => {
    const tokens = infisicalJwtLogin({ identityId: IDENTITY, jwt: JWT, baseUrl: server.baseUrl });
    const infisical = createInfisicalClient({
      baseUrl: "https://other.example.test",
      auth: { bearerAuth: tokens },
    });
    server.reply(login);
    expect(await tokens.getToken()).toBe(ACCESS);
    expect(server.requests).toHaveLength(1);
    expect(infisical).toBeDefined();
  });

  it("refuses to serve clients of two different hosts", () => {
    const tokens = infisicalJwtLogin({ identityId: IDENTITY, jwt: JWT });
    createInfisicalClient({ baseUrl: server.baseUrl, auth: { bearerAuth: tokens } });
    expect(() =>
      createInfisicalClient({ baseUrl: "https://other.example.test", auth: { bearerAuth: tokens } }),
    ).toThrow(ConfigurationError);
    // The same host twice is fine.
    expect(() =>
      createInfisicalClient({ baseUrl: server.baseUrl, auth: { bearerAuth: tokens } }),
    ).not.toThrow();
  });
});

describe("environment variables (Infisical CLI names)", () => {
  it("INFISICAL_API_URL (with /api) and INFISICAL_MACHINE_IDENTITY_ID + INFISICAL_JWT log in at that host", async () => {
    const infisical = createInfisicalClient({
      env: {
        INFISICAL_API_URL: `${server.baseUrl}/api`,
        INFISICAL_MACHINE_IDENTITY_ID: IDENTITY,
        INFISICAL_JWT: JWT,
      },
      retry: false,
    });
    server.reply(login, config);
    await unwrap(
      infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );
    expect(elsewhere).toEqual([]);
    expect(JSON.parse(server.requests[0]?.body ?? "{}")).toEqual({ identityId: IDENTITY, jwt: JWT });
    expect(server.requests[1]?.headers.authorization).toBe(`Bearer ${ACCESS}`);
  });

  it("INFISICAL_DOMAIN wins over INFISICAL_API_URL, and INFISICAL_TOKEN over the JWT login", async () => {
    const infisical = createInfisicalClient({
      env: {
        INFISICAL_DOMAIN: server.baseUrl,
        INFISICAL_API_URL: "https://ignored.example.test/api",
        INFISICAL_TOKEN: ACCESS,
        INFISICAL_MACHINE_IDENTITY_ID: IDENTITY,
        INFISICAL_JWT: JWT,
      },
      retry: false,
    });
    server.reply(config);
    await unwrap(
      infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: IDENTITY } },
      }),
    );
    expect(server.requests.map((r) => r.path)).toEqual([`/api/v1/auth/jwt-auth/identities/${IDENTITY}`]);
  });

  it("a missing or empty variable is a MissingCredentialError naming the variables, not values", async () => {
    const infisical = createInfisicalClient({
      baseUrl: server.baseUrl,
      env: { INFISICAL_MACHINE_IDENTITY_ID: IDENTITY, INFISICAL_JWT: "", INFISICAL_TOKEN: "" },
    });
    const error = await infisical
      .GET("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId: IDENTITY } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as Error).message).toContain("INFISICAL_TOKEN");
    expect((error as Error).message).toContain("INFISICAL_JWT");
    expect((error as Error).message).not.toContain(IDENTITY);
    expect(server.requests).toHaveLength(0);
  });

  it("documents its variables", () => {
    expect(infisicalEnvironment.baseUrl?.variables).toEqual(["INFISICAL_DOMAIN", "INFISICAL_API_URL"]);
  });
});
