// Item 1: redirects. Same-origin hops are followed (credentials re-applied, method rules of RFC 9110),
// cross-origin hops are refused (RedirectError, the other origin receives nothing), or with
// `crossOriginRedirects: "follow-without-credentials"` followed without any credential, except for a
// secret-bearing body on 307/308; an https -> http hop is never followed.
import { confluentSts, createConfluentClient, unwrap } from "@idclients/confluent";
import { createIcaClient, icaJwt } from "@idclients/ica";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";
import { describe, expect, it } from "vitest";
import {
  expectError,
  FAST,
  fakeJwt,
  recordingLogger,
  recordingOnRetry,
  type Settled,
  settle,
  useServers,
} from "./harness.js";
import { basicCanary, canary, expectNoSecret } from "./secrets.js";
import { json, redirect } from "./server.js";

const s = useServers();
const REDIRECTS = [301, 302, 303, 307, 308] as const;
const PROVIDER = { id: "op-2", display_name: "moved", issuer: "https://issuer.example" };

/** Everything observable of a call that may leak: the logger's and onRetry's records. */
function observed() {
  const log = recordingLogger();
  const retries = recordingOnRetry();
  return { log, retries, options: { logger: log.logger, onRetry: retries.onRetry } };
}

function confluentBasic(extra: Record<string, unknown> = {}) {
  const basic = basicCanary();
  const o = observed();
  const client = createConfluentClient({
    baseUrl: s.server.url,
    auth: { "cloud-api-key": basic },
    ...FAST,
    ...o.options,
    ...extra,
  });
  return { client, basic, ...o };
}

const getProvider = (client: ReturnType<typeof createConfluentClient>, id = "op-1", signal?: AbortSignal) =>
  unwrap(client.GET("/iam/v2/identity-providers/{id}", { params: { path: { id } }, signal }));

/** The headers of a request that would carry a credential. */
const credentialHeaders = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => ["authorization", "x-api-key", "cookie"].includes(name));

describe("1. redirects to another origin are refused", () => {
  it.each(REDIRECTS)(
    "Confluent GET (Basic): %i to another origin -> RedirectError cross-origin",
    async (status) => {
      const { client, basic, log, retries } = confluentBasic();
      const pathCanary = canary("path");
      s.server.route(
        "GET",
        "/iam/v2/identity-providers/op-1",
        redirect(
          status,
          `${s.other.url}/steal/${encodeURIComponent(pathCanary)}?q=${encodeURIComponent(pathCanary)}`,
        ),
      );
      s.other.fallback(json(200, PROVIDER));
      const error = expectError(await settle(getProvider(client)), "RedirectError", {
        reason: "cross-origin",
        status,
        location: s.other.origin,
      });
      expect(s.other.requests).toEqual([]);
      expect(s.server.requests).toHaveLength(1);
      // The location is the origin only: the target's path and query never reach the error or the logs.
      expectNoSecret([error, log.calls, retries.events], [basic, pathCanary]);
    },
  );

  it("a Location with another host name but the same port is another origin", async () => {
    const { client } = confluentBasic();
    const target = `http://localhost:${s.server.port}`;
    s.server.route(
      "GET",
      "/iam/v2/identity-providers/op-1",
      redirect(302, `${target}/iam/v2/identity-providers/op-2`),
    );
    s.server.route("GET", "/iam/v2/identity-providers/op-2", json(200, PROVIDER));
    expectError(await settle(getProvider(client)), "RedirectError", {
      reason: "cross-origin",
      status: 302,
      location: target,
    });
    expect(s.server.requests.map((r) => r.path)).toEqual(["/iam/v2/identity-providers/op-1"]);
  });

  it.each([302, 303, 307, 308])(
    "ICA POST /api/tokens (X-API-Key): %i to another origin -> refused, no key leaves",
    async (status) => {
      const apiKey = canary("icakey");
      const o = observed();
      const ica = createIcaClient({
        baseUrl: s.server.url,
        auth: { ApiKeyAuth: apiKey },
        ...FAST,
        ...o.options,
      });
      s.server.route("POST", "/api/tokens", redirect(status, `${s.other.url}/api/tokens`));
      s.other.fallback(json(200, { token: fakeJwt({ exp: Math.floor(Date.now() / 1000) + 3600 }) }));
      const error = expectError(await settle(unwrap(ica.POST("/api/tokens", {}))), "RedirectError", {
        reason: "cross-origin",
        status,
        location: s.other.origin,
      });
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error, o.log.calls, o.retries.events], [apiKey]);
    },
  );

  it.each([301, 307])(
    "Infisical GET (bearer): %i to another origin -> refused, no token leaves",
    async (status) => {
      const token = canary("bearer");
      const o = observed();
      const infisical = createInfisicalClient({
        baseUrl: s.server.url,
        auth: { bearerAuth: token },
        ...FAST,
        ...o.options,
      });
      s.server.fallback(redirect(status, `${s.other.url}/api/v1/auth/jwt-auth/identities/id-1`));
      s.other.fallback(json(200, { identityJwtAuth: {} }));
      const call = infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: "id-1" } },
      });
      const error = expectError(await settle(unwrap(call)), "RedirectError", {
        reason: "cross-origin",
        location: s.other.origin,
      });
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error, o.log.calls, o.retries.events], [token]);
    },
  );

  it.each([307, 308])(
    "Confluent STS exchange: %i to another origin -> refused, subject_token stays",
    async (status) => {
      const subject = canary("subject");
      const confluent = createConfluentClient({ baseUrl: s.server.url, ...FAST });
      s.server.route("POST", "/sts/v1/oauth2/token", redirect(status, `${s.other.url}/sts/v1/oauth2/token`));
      s.other.fallback(json(200, { access_token: "x", token_type: "Bearer", expires_in: 900 }));
      const call = confluent.POST("/sts/v1/oauth2/token", {
        body: {
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: subject,
          identity_pool_id: "pool-1",
          subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
          requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
        },
      });
      const error = expectError(await settle(unwrap(call)), "RedirectError", {
        reason: "cross-origin",
        status,
      });
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error], [subject]);
    },
  );
});

describe("1. redirects within the origin are followed", () => {
  it.each(REDIRECTS)(
    "Confluent GET: %i to a relative same-origin Location is followed with credentials",
    async (status) => {
      const { client, basic, log, retries } = confluentBasic();
      s.server.route(
        "GET",
        "/iam/v2/identity-providers/op-1",
        redirect(status, "/iam/v2/identity-providers/op-2"),
      );
      s.server.route("GET", "/iam/v2/identity-providers/op-2", json(200, PROVIDER));
      const outcome = await settle(getProvider(client));
      expect(outcome).toMatchObject({ kind: "resolved", value: { id: "op-2" } });
      const [first, hop] = s.server.requests;
      expect(hop?.method).toBe("GET");
      expect(hop?.pathname).toBe("/iam/v2/identity-providers/op-2");
      expect(hop?.headers.authorization).toBeDefined();
      expect(hop?.headers.authorization).toBe(first?.headers.authorization);
      expect(s.other.requests).toEqual([]);
      expectNoSecret([log.calls, retries.events], [basic]);
    },
  );

  it("an absolute same-origin Location is followed too", async () => {
    const { client } = confluentBasic();
    s.server.route(
      "GET",
      "/iam/v2/identity-providers/op-1",
      redirect(308, `${s.server.url}/iam/v2/identity-providers/op-2`),
    );
    s.server.route("GET", "/iam/v2/identity-providers/op-2", json(200, PROVIDER));
    expect(await settle(getProvider(client))).toMatchObject({ kind: "resolved", value: { id: "op-2" } });
    expect(s.server.requests).toHaveLength(2);
  });

  const body = { display_name: "renamed" };
  const patch = (client: ReturnType<typeof createConfluentClient>) =>
    unwrap(client.PATCH("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-1" } }, body }));

  it.each([301, 302, 303])(
    "PATCH answered %i becomes GET without a body, credentials re-applied",
    async (status) => {
      const { client } = confluentBasic();
      s.server.route("PATCH", "/iam/v2/identity-providers/op-1", redirect(status, "/moved/op-1"));
      s.server.route("GET", "/moved/op-1", json(200, PROVIDER));
      s.server.route("PATCH", "/moved/op-1", json(409, { errors: [{ code: "method_kept" }] }));
      expect(await settle(patch(client))).toMatchObject({ kind: "resolved" });
      const [first, hop] = s.server.requests;
      expect(first?.body).toBe(JSON.stringify(body));
      expect(hop).toMatchObject({ method: "GET", pathname: "/moved/op-1", body: "" });
      expect(hop?.headers["content-type"]).toBeUndefined();
      expect(hop?.headers.authorization).toBe(first?.headers.authorization);
    },
  );

  it.each([307, 308])(
    "PATCH answered %i keeps its method and body, credentials re-applied",
    async (status) => {
      const { client } = confluentBasic();
      s.server.route("PATCH", "/iam/v2/identity-providers/op-1", redirect(status, "/moved/op-1"));
      s.server.route("PATCH", "/moved/op-1", json(200, PROVIDER));
      expect(await settle(patch(client))).toMatchObject({ kind: "resolved", value: { id: "op-2" } });
      const [first, hop] = s.server.requests;
      expect(hop).toMatchObject({ method: "PATCH", pathname: "/moved/op-1", body: JSON.stringify(body) });
      expect(hop?.headers.authorization).toBe(first?.headers.authorization);
    },
  );

  it("ICA: a same-origin 307 re-applies X-API-Key on the hop", async () => {
    const apiKey = canary("icakey");
    const ica = createIcaClient({ baseUrl: s.server.url, auth: { ApiKeyAuth: apiKey }, ...FAST });
    s.server.route("POST", "/api/tokens", redirect(307, "/api/tokens-v2"));
    s.server.route("POST", "/api/tokens-v2", json(200, { token: "jwt" }));
    expect(await settle(unwrap(ica.POST("/api/tokens", {})))).toMatchObject({ kind: "resolved" });
    expect(s.server.requests.map((r) => r.headers["x-api-key"])).toEqual([apiKey, apiKey]);
  });
});

describe("1. redirect loops and 3xx without Location", () => {
  const loop = () =>
    s.server.route(
      "GET",
      "/iam/v2/identity-providers/op-1",
      redirect(302, "/iam/v2/identity-providers/op-1"),
    );

  it("a loop stops after the default 5 hops -> RedirectError too-many (6 requests)", async () => {
    const { client, basic } = confluentBasic({ retry: false });
    loop();
    const error = expectError(await settle(getProvider(client)), "RedirectError", { reason: "too-many" });
    expect(s.server.requests).toHaveLength(6);
    expectNoSecret([error], [basic]);
  });

  it.each([0, 2])(
    "maxRedirects: %i -> RedirectError too-many after maxRedirects + 1 requests",
    async (maxRedirects) => {
      const { client } = confluentBasic({ retry: false, maxRedirects });
      loop();
      expectError(await settle(getProvider(client)), "RedirectError", { reason: "too-many" });
      expect(s.server.requests).toHaveLength(maxRedirects + 1);
    },
  );

  it("a two-step cycle A -> B -> A is a loop too", async () => {
    const { client } = confluentBasic({ retry: false });
    s.server.route("GET", "/iam/v2/identity-providers/op-1", redirect(307, "/b"));
    s.server.route("GET", "/b", redirect(307, "/iam/v2/identity-providers/op-1"));
    expectError(await settle(getProvider(client)), "RedirectError", { reason: "too-many" });
    expect(s.server.requests.length).toBeLessThanOrEqual(6);
  });

  it.each(REDIRECTS)("%i without Location -> RedirectError no-location", async (status) => {
    const { client, basic } = confluentBasic();
    s.server.fallback(redirect(status, undefined));
    const error = expectError(await settle(getProvider(client)), "RedirectError", {
      reason: "no-location",
      status,
    });
    expect(s.other.requests).toEqual([]);
    expectNoSecret([error], [basic]);
  });
});

describe('1. crossOriginRedirects: "follow-without-credentials"', () => {
  const follow = { crossOriginRedirects: "follow-without-credentials" } as const;

  it.each([301, 302, 303, 307, 308])(
    "Confluent GET: %i is followed with no Authorization, X-API-Key or Cookie",
    async (status) => {
      const cookie = canary("cookie");
      const { client, basic, log, retries } = confluentBasic({
        ...follow,
        headers: { cookie: `session=${cookie}` },
      });
      s.server.route(
        "GET",
        "/iam/v2/identity-providers/op-1",
        redirect(status, `${s.other.url}/iam/v2/identity-providers/op-2`),
      );
      s.other.fallback(json(200, PROVIDER));
      expect(await settle(getProvider(client))).toMatchObject({ kind: "resolved", value: { id: "op-2" } });
      expect(s.server.requests[0]?.headers.authorization).toBeDefined();
      expect(s.other.requests).toHaveLength(1);
      expect(credentialHeaders(s.other.requests[0]?.headers ?? {})).toEqual([]);
      expectNoSecret([s.other.requests, log.calls, retries.events], [basic, cookie]);
    },
  );

  it("ICA POST /api/tokens (no body): a 307 is followed without X-API-Key", async () => {
    const apiKey = canary("icakey");
    const ica = createIcaClient({ baseUrl: s.server.url, auth: { ApiKeyAuth: apiKey }, ...FAST, ...follow });
    s.server.route("POST", "/api/tokens", redirect(307, `${s.other.url}/api/tokens`));
    s.other.fallback(json(200, { token: "jwt" }));
    await settle(unwrap(ica.POST("/api/tokens", {})));
    expect(s.other.requests.length).toBeLessThanOrEqual(1);
    expectNoSecret([s.other.requests], [apiKey]);
    expect(credentialHeaders(s.other.requests[0]?.headers ?? {})).toEqual([]);
  });

  it.each([307, 308])(
    "STS exchange (secret body): %i is still refused -> RedirectError cross-origin",
    async (status) => {
      const subject = canary("subject");
      s.server.route("POST", "/sts/v1/oauth2/token", redirect(status, `${s.other.url}/sts/v1/oauth2/token`));
      s.other.fallback(json(200, { access_token: "x", token_type: "Bearer", expires_in: 900 }));
      const sts = confluentSts({
        baseUrl: s.server.url,
        identityPoolId: "pool-1",
        subjectToken: subject,
        ...FAST,
        ...follow,
      });
      const error = expectError(await settle(sts.getToken()), "TokenError");
      expect(error.cause).toBeInstanceOf(Error);
      expectError({ kind: "rejected", error: error.cause, ms: 0 }, "RedirectError", {
        reason: "cross-origin",
        status,
      });
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error], [subject]);
    },
  );

  it.each([307, 308])(
    "Infisical login (secret body): %i is still refused -> RedirectError cross-origin",
    async (status) => {
      const jwt = canary("jwt");
      const infisical = createInfisicalClient({ baseUrl: s.server.url, ...FAST, ...follow });
      s.server.route(
        "POST",
        "/api/v1/auth/jwt-auth/login",
        redirect(status, `${s.other.url}/api/v1/auth/jwt-auth/login`),
      );
      s.other.fallback(
        json(200, { accessToken: "x", expiresIn: 600, accessTokenMaxTTL: 600, tokenType: "Bearer" }),
      );
      const call = infisical.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "id-1", jwt } });
      const error = expectError(await settle(unwrap(call)), "RedirectError", {
        reason: "cross-origin",
        status,
      });
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error], [jwt]);
    },
  );
});

describe("1. https -> http is never followed", () => {
  /**
   * No TLS server can be built offline without extra dependencies, so the https origin is simulated: a
   * `fetch` that sends `https://127.0.0.1:<port>` requests to the http hostile server. The transport sees
   * an https request answered with a redirect to an http origin, which is what the rule is about.
   */
  const httpsFetch = (request: Request, init?: RequestInit) => {
    const url = new URL(request.url);
    if (url.protocol === "https:") url.protocol = "http:";
    return fetch(new Request(url, request), init);
  };
  const httpsBase = () => s.server.url.replace("http:", "https:");

  it.each([
    ["follow-without-credentials", ["insecure"]],
    ["default", ["insecure", "cross-origin"]],
  ] as const)("crossOriginRedirects %s: a 302 from https to http -> RedirectError", async (mode, reasons) => {
    const basic = basicCanary();
    const client = createConfluentClient({
      baseUrl: httpsBase(),
      fetch: httpsFetch,
      auth: { "cloud-api-key": basic },
      ...FAST,
      ...(mode === "default" ? {} : { crossOriginRedirects: mode }),
    });
    s.server.route(
      "GET",
      "/iam/v2/identity-providers/op-1",
      redirect(302, `${s.other.url}/iam/v2/identity-providers/op-1`),
    );
    s.other.fallback(json(200, PROVIDER));
    const error = expectError<{ reason: string }>(await settle(getProvider(client)), "RedirectError", {
      status: 302,
    });
    expect(reasons).toContain(error.reason);
    expect(s.other.requests).toEqual([]);
    expectNoSecret([error], [basic]);
  });
});

describe("1. a token provider whose mint endpoint redirects to another origin", () => {
  /** TokenError whose cause is the RedirectError. */
  function expectRedirectedMint(settled: Settled<unknown>) {
    const error = expectError(settled, "TokenError");
    expectError({ kind: "rejected", error: error.cause, ms: 0 }, "RedirectError", { reason: "cross-origin" });
    return error;
  }

  it.each([302, 307])(
    "icaJwt({ apiKey }): %i -> TokenError(cause RedirectError), no X-API-Key at the other origin",
    async (status) => {
      const apiKey = canary("icakey");
      const jwtCache = icaJwt({ apiKey, baseUrl: s.server.url, ...FAST });
      const ica = createIcaClient({ baseUrl: s.server.url, auth: { JwtAuth: jwtCache }, ...FAST });
      s.server.route("POST", "/api/tokens", redirect(status, `${s.other.url}/api/tokens`));
      s.other.fallback(json(200, { token: fakeJwt({ exp: Math.floor(Date.now() / 1000) + 3600 }) }));
      const error = expectRedirectedMint(await settle(unwrap(ica.POST("/api/tokens:refresh", {}))));
      expect(jwtCache.peek()).toBeUndefined();
      expect(s.other.requests).toEqual([]);
      expect(s.server.requests.map((r) => r.pathname)).toEqual(["/api/tokens"]);
      expectNoSecret([error], [apiKey]);
    },
  );

  it.each([302, 303, 307, 308])(
    "confluentSts: %i -> TokenError(cause RedirectError), no subject_token at the other origin",
    async (status) => {
      const subject = canary("subject");
      const sts = confluentSts({
        baseUrl: s.server.url,
        identityPoolId: "pool-1",
        subjectToken: subject,
        ...FAST,
      });
      s.server.route("POST", "/sts/v1/oauth2/token", redirect(status, `${s.other.url}/sts/v1/oauth2/token`));
      s.other.fallback(json(200, { access_token: "x", token_type: "Bearer", expires_in: 900 }));
      const error = expectRedirectedMint(await settle(sts.getToken()));
      expect(sts.peek()).toBeUndefined();
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error], [subject]);
    },
  );

  it.each([302, 307, 308])(
    "infisicalJwtLogin: %i -> TokenError(cause RedirectError), no jwt at the other origin",
    async (status) => {
      const jwt = canary("jwt");
      const login = infisicalJwtLogin({ baseUrl: s.server.url, identityId: "id-1", jwt, ...FAST });
      const infisical = createInfisicalClient({
        baseUrl: s.server.url,
        auth: { bearerAuth: login },
        ...FAST,
      });
      s.server.route(
        "POST",
        "/api/v1/auth/jwt-auth/login",
        redirect(status, `${s.other.url}/api/v1/auth/jwt-auth/login`),
      );
      s.other.fallback(
        json(200, { accessToken: "x", expiresIn: 600, accessTokenMaxTTL: 600, tokenType: "Bearer" }),
      );
      const call = infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: "id-1" } },
      });
      const error = expectRedirectedMint(await settle(unwrap(call)));
      expect(login.peek()).toBeUndefined();
      expect(s.other.requests).toEqual([]);
      expectNoSecret([error], [jwt]);
    },
  );
});
