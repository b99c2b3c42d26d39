import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { unwrap } from "./client.js";
import {
  AbortError,
  AuthenticationError,
  ConfigurationError,
  PermissionDeniedError,
  TokenError,
} from "./errors.js";
import { testClient } from "./test-support/meta.js";
import { json, startServer, type TestServer } from "./test-support/server.js";
import { DEFAULT_MINT_TIMEOUT_MS, TokenCache } from "./token-cache.js";

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

describe("TokenCache: mintTimeoutMs", () => {
  it("drops a mint that does not settle in time, aborts its signal, and the next call mints again", async () => {
    const signals: AbortSignal[] = [];
    let resolveFirst: (value: { token: string; expiresIn: number }) => void = () => undefined;
    const mint = vi.fn(({ signal }: { signal?: AbortSignal }) => {
      signals.push(signal as AbortSignal);
      if (signals.length === 1)
        return new Promise<{ token: string; expiresIn: number }>((r) => (resolveFirst = r));
      return Promise.resolve({ token: "fresh", expiresIn: 600 });
    });
    const cache = new TokenCache({ mint, mintTimeoutMs: 40, name: "slow token" });
    const started = performance.now();
    const waiters = await Promise.allSettled([cache.getToken(), cache.getToken()]);
    expect(performance.now() - started).toBeLessThan(2_000);
    for (const outcome of waiters) {
      const error = (outcome as PromiseRejectedResult).reason as TokenError;
      expect(error).toBeInstanceOf(TokenError);
      expect(error.message).toBe("Could not obtain a new slow token: no answer within 40 ms");
    }
    expect(signals[0]?.aborted).toBe(true);
    expect(cache.peek()).toBeUndefined();

    expect(await cache.getToken()).toBe("fresh");
    expect(cache.mints).toBe(2);
    // The first mint answers late: its token is not cached over the fresh one.
    resolveFirst({ token: "late", expiresIn: 600 });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cache.peek()?.token).toBe("fresh");
    expect(await cache.getToken()).toBe("fresh");
    expect(signals[1]?.aborted).toBe(false);
  });

  it("does not cache a late answer even when nothing else minted", async () => {
    let resolveLate: (value: { token: string }) => void = () => undefined;
    const cache = new TokenCache({
      mint: () => new Promise<{ token: string }>((r) => (resolveLate = r)),
      mintTimeoutMs: 20,
    });
    await expect(cache.getToken()).rejects.toBeInstanceOf(TokenError);
    resolveLate({ token: "late" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(cache.peek()).toBeUndefined();
  });

  it("clears the timer of a mint that answered: its signal is never aborted afterwards", async () => {
    let signal: AbortSignal | undefined;
    const cache = new TokenCache({
      mint: async (context) => {
        signal = context.signal;
        return { token: "quick", expiresIn: 600 };
      },
      mintTimeoutMs: 20,
    });
    expect(await cache.getToken()).toBe("quick");
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(signal?.aborted).toBe(false);
    expect(cache.peek()?.token).toBe("quick");
  });

  it("defaults to 60 s", async () => {
    expect(DEFAULT_MINT_TIMEOUT_MS).toBe(60_000);
    vi.useFakeTimers();
    try {
      const cache = new TokenCache({ mint: () => new Promise(() => undefined) });
      const waiting = cache.getToken().catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(59_999);
      expect(cache.mints).toBe(1);
      let settled = false;
      void waiting.then(() => (settled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(settled).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(((await waiting) as Error).message).toBe(
        "Could not obtain a new token: no answer within 60000 ms",
      );
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("TokenCache: what the issuer returns", () => {
  const NOW = 1_700_000_000_000;

  it.each([
    ["expiresIn: 0", { token: "t", expiresIn: 0 }],
    ["a negative expiresIn", { token: "t", expiresIn: -5 }],
    ["a JWT whose exp is now", { token: jwt(NOW / 1000) }],
    ["a JWT whose exp has passed", { token: jwt(NOW / 1000 - 1) }],
  ])("refuses %s as already expired", async (_case, minted) => {
    const cache = new TokenCache({ mint: async () => minted, now: () => NOW, name: "t1" });
    const error = await cache.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as Error).message).toBe(
      "Could not obtain a new t1: the issuer returned a token that has already expired",
    );
    expect(cache.peek()).toBeUndefined();
  });

  it("accepts a JWT one second from expiry and an expiresIn of 1 ms", async () => {
    const jwtCache = new TokenCache({ mint: async () => ({ token: jwt(NOW / 1000 + 1) }), now: () => NOW });
    await jwtCache.getToken();
    expect(jwtCache.peek()?.expiresAt).toBe(NOW + 1000);
    expect(jwtCache.peek()?.refreshAt).toBe(NOW + 500);
    const tiny = new TokenCache({ mint: async () => ({ token: "t", expiresIn: 0.001 }), now: () => NOW });
    await tiny.getToken();
    expect(tiny.peek()?.expiresAt).toBe(NOW + 1);
  });

  it.each([
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ['the string "600"', "600"],
    ["an object", {}],
  ])("refuses %s as expiresIn", async (_case, expiresIn) => {
    const cache = new TokenCache({
      mint: async () => ({ token: "t", expiresIn: expiresIn as number }),
      now: () => NOW,
      name: "t2",
    });
    const error = await cache.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as Error).message).toBe(
      "Could not obtain a new t2: the issuer returned an unusable lifetime",
    );
  });

  it("treats a null expiresIn as absent and reads the JWT instead", async () => {
    const cache = new TokenCache({
      mint: async () => ({ token: jwt(NOW / 1000 + 600), expiresIn: null as unknown as number }),
      now: () => NOW,
    });
    await cache.getToken();
    expect(cache.peek()?.expiresAt).toBe(NOW + 600_000);
  });

  it("keeps a token without any expiry with no refresh time", async () => {
    const cache = new TokenCache({ mint: async () => ({ token: "opaque" }), now: () => NOW });
    await cache.getToken();
    expect(cache.peek()).toEqual({ token: "opaque", expiresAt: undefined, refreshAt: undefined });
  });

  it("refreshes after a day at the latest, however long the token claims to live", async () => {
    const day = 24 * 60 * 60 * 1000;
    const cache = new TokenCache({ mint: async () => ({ token: "t", expiresIn: 1e9 }), now: () => NOW });
    await cache.getToken();
    expect(cache.peek()?.expiresAt).toBe(NOW + 1e12);
    expect(cache.peek()?.refreshAt).toBe(NOW + day);
    // Just over a day plus the margin: still capped at the day.
    const edge = new TokenCache({
      mint: async () => ({ token: "t", expiresIn: 86_400 + 61 }),
      now: () => NOW,
    });
    await edge.getToken();
    expect(edge.peek()?.refreshAt).toBe(NOW + day);
    // Under it: the margin decides.
    const under = new TokenCache({
      mint: async () => ({ token: "t", expiresIn: 86_400 + 59 }),
      now: () => NOW,
    });
    await under.getToken();
    expect(under.peek()?.refreshAt).toBe(NOW + day - 1000);
  });

  it("reports a mint that throws something that is not an Error, or returns nothing", async () => {
    const odd = new TokenCache({ mint: () => Promise.reject("plain string") });
    await expect(odd.getToken()).rejects.toThrow("Could not obtain a new token: unknown failure");
    const nothing = new TokenCache({ mint: async () => undefined as unknown as { token: string } });
    await expect(nothing.getToken()).rejects.toThrow(
      "Could not obtain a new token: the issuer returned no token",
    );
    const numeric = new TokenCache({ mint: async () => ({ token: 42 as unknown as string }) });
    await expect(numeric.getToken()).rejects.toThrow("the issuer returned no token");
  });

  it("gives the first mint no previous token and a signal only", async () => {
    const mint = vi.fn(async (_context: { signal?: AbortSignal; previous?: unknown }) => ({ token: "t" }));
    const cache = new TokenCache({ mint });
    await cache.getToken();
    expect(mint.mock.calls[0]?.[0]).toEqual({ signal: expect.any(AbortSignal) });
    expect(Object.keys(mint.mock.calls[0]?.[0] ?? {})).toEqual(["signal"]);
  });
});

describe("TokenCache: options", () => {
  it.each([
    [
      { refreshMarginSeconds: -1 },
      "refreshMarginSeconds",
      "refreshMarginSeconds must be a number of seconds >= 0",
    ],
    [
      { refreshMarginSeconds: Number.NaN },
      "refreshMarginSeconds",
      "refreshMarginSeconds must be a number of seconds >= 0",
    ],
    [
      { refreshMarginSeconds: Number.POSITIVE_INFINITY },
      "refreshMarginSeconds",
      "refreshMarginSeconds must be a number of seconds >= 0",
    ],
    [
      { mintTimeoutMs: 0 },
      "mintTimeoutMs",
      "mintTimeoutMs must be a number of milliseconds from 1 to 2147483647",
    ],
    [
      { mintTimeoutMs: -1 },
      "mintTimeoutMs",
      "mintTimeoutMs must be a number of milliseconds from 1 to 2147483647",
    ],
    [
      { mintTimeoutMs: Number.NaN },
      "mintTimeoutMs",
      "mintTimeoutMs must be a number of milliseconds from 1 to 2147483647",
    ],
    [
      { mintTimeoutMs: 2_147_483_648 },
      "mintTimeoutMs",
      "mintTimeoutMs must be a number of milliseconds from 1 to 2147483647",
    ],
  ])("refuses %j", (options, setting, message) => {
    const mint = async () => ({ token: "t" });
    let error: unknown;
    try {
      new TokenCache({ mint, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).setting).toBe(setting);
    expect((error as Error).message).toBe(message);
  });

  it("accepts the limits: margin 0, mintTimeoutMs 1 and 2147483647", async () => {
    const mint = async () => ({ token: "t", expiresIn: 100 });
    expect(() => new TokenCache({ mint, mintTimeoutMs: 1 })).not.toThrow();
    expect(() => new TokenCache({ mint, mintTimeoutMs: 2_147_483_647 })).not.toThrow();
    const cache = new TokenCache({ mint, refreshMarginSeconds: 0, now: () => 0 });
    await cache.getToken();
    expect(cache.peek()?.refreshAt).toBe(100_000);
  });
});

describe("TokenCache: waiters with a signal", () => {
  it("keeps one abort listener however many callers wait with the same signal, and stops waiting on abort", async () => {
    let release: (value: { token: string }) => void = () => undefined;
    const cache = new TokenCache({ mint: () => new Promise((r) => (release = r)), name: "shared token" });
    const controller = new AbortController();
    const waiting = Array.from({ length: 50 }, () => cache.getToken({ signal: controller.signal }));
    expect(getEventListeners(controller.signal, "abort").length).toBe(1);
    const other = new AbortController();
    const kept = cache.getToken({ signal: other.signal });
    controller.abort();
    for (const outcome of await Promise.allSettled(waiting)) {
      const error = (outcome as PromiseRejectedResult).reason as AbortError;
      expect(error).toBeInstanceOf(AbortError);
      expect(error.message).toBe("Waiting for a shared token was aborted by the caller");
    }
    release({ token: "done" });
    expect(await kept).toBe("done");
    other.abort();
    expect(await cache.getToken({ signal: new AbortController().signal })).toBe("done");
  });

  it("gives a waiter with a signal the minted token, or the mint's TokenError", async () => {
    const controller = new AbortController();
    const ok = new TokenCache({ mint: async () => ({ token: "t" }) });
    expect(await ok.getToken({ signal: controller.signal })).toBe("t");
    const failing = new TokenCache({ mint: () => Promise.reject(new Error("down")) });
    const error = await failing.getToken({ signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as Error).message).toBe("Could not obtain a new token: down");
  });

  it("refuses at once when the signal is already aborted and no token is cached", async () => {
    const cache = new TokenCache({ mint: async () => ({ token: "t" }) });
    await expect(cache.getToken({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
  });
});
