// Item 7: the token phase is bounded like the request phase. A token that never comes is a TimeoutError
// (call timeoutMs) or an AbortError (signal); a mint that never settles is dropped after mintTimeoutMs
// and the next call mints again; an already-expired token or a lifetime of 0/-5/NaN is a TokenError,
// never cached.
import { confluentSts, createConfluentClient, TokenCache, unwrap } from "@idclients/confluent";
import { createIcaClient, icaJwt } from "@idclients/ica";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";
import { describe, expect, it } from "vitest";
import { expectError, FAST, fakeJwt, settle, useServers } from "./harness.js";
import { canary, expectNoSecret } from "./secrets.js";
import { json } from "./server.js";

const s = useServers();
const never = <T>() => new Promise<T>(() => undefined);
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** An ICA call that needs JwtAuth, with the given credential for it. */
function icaRefresh(jwtAuth: unknown, options: Record<string, unknown> = {}, signal?: AbortSignal) {
  const ica = createIcaClient({
    baseUrl: s.server.url,
    auth: { JwtAuth: jwtAuth as string },
    ...FAST,
    ...options,
  });
  return unwrap(ica.POST("/api/tokens:refresh", signal ? { signal } : {}));
}

describe("7. waiting for a token is bounded by the call's timeout and signal", () => {
  const sources: [string, () => unknown][] = [
    ["a TokenCache whose mint never settles", () => new TokenCache({ mint: () => never() })],
    ["a token function that never settles", () => () => never<string>()],
  ];

  it.each(sources)("%s, call timeoutMs 300 -> TimeoutError within ~1 s", async (_label, make) => {
    // The client's own timeout is 5 s; the call's 300 ms must bound the wait for the token.
    const ica = createIcaClient({ baseUrl: s.server.url, auth: { JwtAuth: make() as string }, ...FAST });
    const timed = await settle(unwrap(ica.POST("/api/tokens:refresh", { timeoutMs: 300 })), 3_000);
    expectError(timed, "TimeoutError");
    expect(timed.ms).toBeLessThan(1_000);
    expect(s.server.requests).toEqual([]);
  });

  it.each(sources)("%s, client timeoutMs 300 -> TimeoutError within ~1 s", async (_label, make) => {
    const settled = await settle(icaRefresh(make(), { timeoutMs: 300, retry: false }), 3_000);
    expectError(settled, "TimeoutError");
    expect(settled.ms).toBeLessThan(1_000);
    expect(s.server.requests).toEqual([]);
  });

  it.each(sources)("%s, signal aborted after 100 ms -> AbortError at once", async (_label, make) => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const settled = await settle(icaRefresh(make(), { timeoutMs: 20_000 }, controller.signal), 3_000);
    expectError(settled, "AbortError");
    expect(settled.ms).toBeLessThan(1_000);
    expect(s.server.requests).toEqual([]);
  });
});

describe("7. TokenCache bounds and checks its mints", () => {
  it("mintTimeoutMs 200: a mint that never settles -> TokenError after ~200 ms; the next call mints anew", async () => {
    const cache = new TokenCache({ mint: () => never(), mintTimeoutMs: 200 });
    const first = await settle(cache.getToken(), 3_000);
    expectError(first, "TokenError");
    expect(first.ms).toBeGreaterThanOrEqual(150);
    expect(first.ms).toBeLessThan(1_500);
    expect(cache.mints).toBe(1);
    const second = await settle(cache.getToken(), 3_000);
    expectError(second, "TokenError");
    expect(cache.mints).toBe(2);
  });

  it("a mint returning an already-expired JWT -> TokenError without the token; the next call mints again", async () => {
    const expired = fakeJwt({ exp: nowSeconds() - 60, sub: canary("sub") });
    const fresh = fakeJwt({ exp: nowSeconds() + 3600, sub: canary("sub") });
    const tokens = [expired, fresh];
    const cache = new TokenCache({ mint: async () => ({ token: tokens.shift() ?? "" }) });
    const first = await settle(cache.getToken());
    const error = expectError(first, "TokenError");
    expect(error.message).not.toContain(expired);
    expectNoSecret([error], [expired]);
    expect(cache.peek()).toBeUndefined();
    expect(await settle(cache.getToken())).toMatchObject({ kind: "resolved", value: fresh });
    expect(cache.mints).toBe(2);
  });

  it.each([0, -5, Number.NaN])(
    "expiresIn %s on a non-JWT token -> TokenError, not cached",
    async (expiresIn) => {
      const token = canary("opaque");
      const cache = new TokenCache({ mint: async () => ({ token, expiresIn }) });
      const error = expectError(await settle(cache.getToken()), "TokenError");
      expectNoSecret([error], [token]);
      expect(cache.peek()).toBeUndefined();
      await settle(cache.getToken());
      expect(cache.mints).toBe(2);
    },
  );
});

describe("7. through the token providers", () => {
  it("icaJwt: POST /api/tokens answers a JWT whose exp is in the past -> the ICA call rejects with TokenError", async () => {
    const apiKey = canary("icakey");
    const expired = fakeJwt({ exp: nowSeconds() - 60, sub: canary("sub") });
    s.server.route("POST", "/api/tokens", json(200, { token: expired }));
    const jwt = icaJwt({ apiKey, baseUrl: s.server.url, ...FAST });
    const error = expectError(await settle(icaRefresh(jwt)), "TokenError");
    expect(s.server.requests.map((r) => r.pathname)).toEqual(["/api/tokens"]);
    expect(jwt.peek()).toBeUndefined();
    expectNoSecret([error], [apiKey, expired]);
  });

  it.each([0, -5])(
    "confluentSts: expires_in %s -> TokenError, nothing cached, the token never sent",
    async (expiresIn) => {
      const subject = canary("subject");
      const issued = canary("issued");
      s.server.route(
        "POST",
        "/sts/v1/oauth2/token",
        json(200, { access_token: issued, token_type: "Bearer", expires_in: expiresIn }),
      );
      const sts = confluentSts({
        baseUrl: s.server.url,
        identityPoolId: "pool-1",
        subjectToken: subject,
        ...FAST,
      });
      const confluent = createConfluentClient({
        baseUrl: s.server.url,
        auth: { "confluent-sts-access-token": sts },
        ...FAST,
      });
      const error = expectError(
        await settle(unwrap(confluent.GET("/iam/v2/identity-providers", {}))),
        "TokenError",
      );
      expect(sts.peek()).toBeUndefined();
      expect(s.server.requests.map((r) => r.pathname)).toEqual(["/sts/v1/oauth2/token"]);
      expectNoSecret([error], [subject, issued]);
    },
  );

  it("infisicalJwtLogin: expiresIn -5 -> TokenError, nothing cached", async () => {
    const jwt = canary("jwt");
    const issued = canary("issued");
    s.server.route(
      "POST",
      "/api/v1/auth/jwt-auth/login",
      json(200, { accessToken: issued, expiresIn: -5, accessTokenMaxTTL: 0, tokenType: "Bearer" }),
    );
    const login = infisicalJwtLogin({ baseUrl: s.server.url, identityId: "id-1", jwt, ...FAST });
    const infisical = createInfisicalClient({ baseUrl: s.server.url, auth: { bearerAuth: login }, ...FAST });
    const call = infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
      params: { path: { identityId: "id-1" } },
    });
    const error = expectError(await settle(unwrap(call)), "TokenError");
    expect(login.peek()).toBeUndefined();
    expect(s.server.requests.map((r) => r.pathname)).toEqual(["/api/v1/auth/jwt-auth/login"]);
    expectNoSecret([error], [jwt, issued]);
  });
});
