import { afterEach, describe, expect, it, vi } from "vitest";
import { unwrap } from "./client.js";
import { AbortError, AuthenticationError, PermissionDeniedError, TokenError } from "./errors.js";
import { testClient } from "./test-support/meta.js";
import { json, startServer, type TestServer } from "./test-support/server.js";
import { TokenCache } from "./token-cache.js";

/** An unsigned JWT whose payload has `exp` (seconds since the epoch). */
function jwt(exp: number, extra: Record<string, unknown> = {}): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "none" })}.${part({ exp, ...extra })}.sig`;
}

describe("TokenCache", () => {
  it("mints exactly once for 1,000 concurrent first callers", async () => {
    const mint = vi.fn(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { token: "shared", expiresIn: 600 };
    });
    const cache = new TokenCache({ mint });
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => cache.getToken()));
    expect(mint).toHaveBeenCalledTimes(1);
    expect(cache.mints).toBe(1);
    expect(new Set(tokens)).toEqual(new Set(["shared"]));
    await cache.getToken();
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it("refreshes ahead of expiry read from the JWT exp claim, with the configured margin", async () => {
    let now = 1_700_000_000_000;
    const exp = now / 1000 + 600;
    let n = 0;
    const mint = vi.fn(async () => ({ token: n++ === 0 ? jwt(exp) : jwt(exp + 600, { n }) }));
    const cache = new TokenCache({ mint, refreshMarginSeconds: 30, now: () => now });
    const first = await cache.getToken();
    expect(cache.peek()?.expiresAt).toBe(exp * 1000);
    expect(cache.peek()?.refreshAt).toBe((exp - 30) * 1000);
    now = (exp - 31) * 1000;
    expect(await cache.getToken()).toBe(first);
    now = (exp - 30) * 1000;
    const second = await cache.getToken();
    expect(second).not.toBe(first);
    expect(mint).toHaveBeenCalledTimes(2);
    // The mint is told which token it replaces (ICA refreshes instead of minting again with it).
    expect(mint.mock.calls[1]).toEqual([
      { previous: expect.objectContaining({ token: first }), signal: expect.any(AbortSignal) },
    ]);
  });

  it("refreshes ahead of expiry read from expiresIn, preferring it over the JWT", async () => {
    let now = 1_000_000;
    const mint = vi.fn(async () => ({ token: jwt(999_999_999_999), expiresIn: 300 }));
    const cache = new TokenCache({ mint, refreshMarginSeconds: 60, now: () => now });
    await cache.getToken();
    expect(cache.peek()?.expiresAt).toBe(now + 300_000);
    now += 239_999;
    await cache.getToken();
    expect(mint).toHaveBeenCalledTimes(1);
    now += 1;
    await cache.getToken();
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it("uses the default margin of 60 s and caps it at half of a short lifetime", async () => {
    let now = 0;
    const cache = new TokenCache({ mint: async () => ({ token: "t", expiresIn: 600 }), now: () => now });
    await cache.getToken();
    expect(cache.peek()?.refreshAt).toBe(540_000);
    const short = new TokenCache({ mint: async () => ({ token: "s", expiresIn: 20 }), now: () => now });
    await short.getToken();
    expect(short.peek()?.refreshAt).toBe(10_000);
    now = 0;
  });

  it("keeps a token without expiry until it is invalidated", async () => {
    const mint = vi.fn(async () => ({ token: `opaque-${mint.mock.calls.length}` }));
    const cache = new TokenCache({ mint });
    expect(await cache.getToken()).toBe("opaque-1");
    expect(await cache.getToken()).toBe("opaque-1");
    cache.invalidate("some-other-token");
    expect(await cache.getToken()).toBe("opaque-1");
    cache.invalidate("opaque-1");
    expect(await cache.getToken()).toBe("opaque-2");
    expect(mint).toHaveBeenCalledTimes(2);
  });

  it("reports a failed mint as a TokenError with the cause, and the next call mints again", async () => {
    const cause = new Error("issuer down");
    const mint = vi
      .fn<() => Promise<{ token: string }>>()
      .mockRejectedValueOnce(cause)
      .mockResolvedValueOnce({ token: "" })
      .mockResolvedValueOnce({ token: "finally" });
    const cache = new TokenCache({ mint, name: "test token" });
    const concurrent = await Promise.allSettled([cache.getToken(), cache.getToken()]);
    for (const outcome of concurrent) {
      expect(outcome.status).toBe("rejected");
      const error = (outcome as PromiseRejectedResult).reason as TokenError;
      expect(error).toBeInstanceOf(TokenError);
      expect(error.message).toBe("Could not obtain a new test token: issuer down");
      expect(error.cause).toBe(cause);
    }
    await expect(cache.getToken()).rejects.toThrow("the issuer returned no token");
    expect(await cache.getToken()).toBe("finally");
    expect(mint).toHaveBeenCalledTimes(3);
  });

  it("lets one waiter give up without failing the shared mint", async () => {
    let release: (value: { token: string }) => void = () => undefined;
    const mint = vi.fn(() => new Promise<{ token: string }>((resolve) => (release = resolve)));
    const cache = new TokenCache({ mint });
    const controller = new AbortController();
    const impatient = cache.getToken({ signal: controller.signal });
    const patient = cache.getToken();
    controller.abort();
    await expect(impatient).rejects.toBeInstanceOf(AbortError);
    release({ token: "late" });
    expect(await patient).toBe("late");
    expect(mint).toHaveBeenCalledTimes(1);
    await expect(cache.getToken({ signal: AbortSignal.abort() })).resolves.toBe("late");
  });
});

describe("a rejected token through the transport", () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function setup(
    provider: "confluent" | "infisical",
    reject: (authorization: string, index: number) => { status: number; body: unknown } | undefined,
  ) {
    server = await startServer((request, res, index) => {
      const answer = reject(String(request.headers.authorization), index);
      if (answer) return json(res, answer.status, answer.body);
      json(res, 200, { id: "ok" });
    });
    let n = 0;
    const cache = new TokenCache({ mint: async () => ({ token: `token-${++n}`, expiresIn: 3600 }) });
    const client = testClient(server.url, { auth: { bearer: cache } }, provider);
    return { cache, client, server };
  }

  it("invalidates on 401 and retries exactly once with a new token", async () => {
    const { cache, client, server } = await setup("confluent", (auth) =>
      auth === "Bearer token-1" ? { status: 401, body: { errors: [{ code: "unauthorized" }] } } : undefined,
    );
    const item = await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(item).toEqual({ id: "ok" });
    expect(server.requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(cache.mints).toBe(2);
  });

  it("retries a non-idempotent POST once too, since a refused token means nothing ran", async () => {
    const { client, server } = await setup("confluent", (auth) =>
      auth === "Bearer token-1" ? { status: 401, body: {} } : undefined,
    );
    await unwrap(client.POST("/items", { body: { name: "n" } }));
    expect(server.requests.map((r) => r.body)).toEqual(['{"name":"n"}', '{"name":"n"}']);
  });

  it("never loops: a token refused again gives the AuthenticationError after two attempts", async () => {
    const { cache, client, server } = await setup("confluent", () => ({
      status: 401,
      body: { errors: [{ code: "unauthorized", detail: "token refused" }] },
    }));
    const error = await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(2);
    expect(cache.mints).toBe(2);
    expect((error as AuthenticationError).attempts).toBe(2);
  });

  it("treats Infisical's 403 TokenError as a rejection, but not other 403s or other providers", async () => {
    const tokenError = {
      reqId: "r",
      statusCode: 403,
      error: "TokenError",
      message: "Your token has expired.",
    };
    const infisical = await setup("infisical", (auth) =>
      auth === "Bearer token-1" ? { status: 403, body: tokenError } : undefined,
    );
    await unwrap(infisical.client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(infisical.server.requests).toHaveLength(2);
    await infisical.server.close();

    const denied = { reqId: "r", statusCode: 403, error: "PermissionDenied", message: "You are not allowed" };
    const permission = await setup("infisical", () => ({ status: 403, body: denied }));
    await expect(
      unwrap(permission.client.GET("/items/{id}", { params: { path: { id: "1" } } })),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(permission.server.requests).toHaveLength(1);
    await permission.server.close();

    const confluent = await setup("confluent", () => ({ status: 403, body: { error: "TokenError" } }));
    await expect(
      unwrap(confluent.client.GET("/items/{id}", { params: { path: { id: "1" } } })),
    ).rejects.toBeInstanceOf(PermissionDeniedError);
    expect(confluent.server.requests).toHaveLength(1);
  });

  it("does not retry a 401 for a fixed string token or Basic credentials", async () => {
    server = await startServer((_request, res) => json(res, 401, {}));
    const client = testClient(server.url, { auth: { bearer: "static" } });
    await expect(unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }))).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(server.requests).toHaveLength(1);
  });
});
