import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiClient, unwrap } from "./client.js";
import { AbortError, AuthenticationError, TimeoutError, TokenError } from "./errors.js";
import { type paths, type TestAuth, testClient, testMeta } from "./test-support/meta.js";
import { type Handler, json, startServer, type TestServer } from "./test-support/server.js";
import { TokenCache } from "./token-cache.js";
import type { RetryEvent } from "./transport.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler = (_r, res) => json(res, 200, { id: "ok" })): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

const getItem = (client: ReturnType<typeof testClient>, init: { signal?: AbortSignal } = {}) =>
  client.GET("/items/{id}", { params: { path: { id: "1" } }, ...init });

describe("waiting for credentials", () => {
  it("counts against timeoutMs: a token source that never answers gives a TimeoutError, not retried", async () => {
    const { url, requests } = await serve();
    const bearer = vi.fn(() => new Promise<string>(() => undefined));
    const client = testClient(url, { auth: { bearer }, timeoutMs: 200 });
    const started = performance.now();
    const error = await getItem(client).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).message).toBe(
      "getItem timed out after 200 ms waiting for its credentials",
    );
    expect((error as TimeoutError).attempts).toBe(1);
    expect((error as TimeoutError).operationId).toBe("getItem");
    expect(bearer).toHaveBeenCalledTimes(1);
    expect(requests).toHaveLength(0);
  });

  it("aborts the provider's wait on timeout, and reports the timeout, not the provider's AbortError", async () => {
    const { url, requests } = await serve();
    const signals: AbortSignal[] = [];
    const provider = {
      getToken: ({ signal }: { signal?: AbortSignal } = {}) => {
        if (signal) signals.push(signal);
        return new Promise<string>((_resolve, reject) =>
          signal?.addEventListener("abort", () => reject(new AbortError("gave up waiting"))),
        );
      },
      invalidate: () => undefined,
    };
    const client = testClient(url, { auth: { bearer: provider }, timeoutMs: 50 });
    const error = await getItem(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("getItem timed out after 50 ms waiting for its credentials");
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    expect(requests).toHaveLength(0);
  });

  it("reports a TokenCache mint slower than timeoutMs as a timeout of the call", async () => {
    const { url } = await serve();
    const cache = new TokenCache({ mint: () => new Promise(() => undefined), mintTimeoutMs: 10_000 });
    const error = await getItem(testClient(url, { auth: { bearer: cache }, timeoutMs: 50 })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect(cache.mints).toBe(1);
  });

  it("gives the caller's abort as an AbortError at once, whatever the token source does", async () => {
    const { url, requests } = await serve();
    const client = testClient(url, {
      auth: { bearer: () => new Promise<string>(() => undefined) },
      timeoutMs: 10_000,
    });
    const controller = new AbortController();
    const call = getItem(client, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    const error = await call.catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(AbortError);
    expect((error as AbortError).message).toBe("getItem was aborted by the caller");
    expect((error as AbortError).operationId).toBe("getItem");
    expect((error as AbortError).provider).toBe("confluent");
    expect(requests).toHaveLength(0);
  });

  it("gives a TokenError for a bad dynamic token without sending or quoting it", async () => {
    const { url, requests } = await serve();
    const client = testClient(url, { auth: { bearer: async () => "SECRET-line\r\nX-Injected: 1" } });
    const error = await getItem(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as Error).message).toBe(
      'The token for "bearer" contains a control character (CR, LF, NUL, tab...); it was not sent',
    );
    expect(requests).toHaveLength(0);
  });
});

describe("a refused token", () => {
  function provider() {
    let n = 0;
    const invalidated: string[] = [];
    return {
      invalidated,
      getToken: async () => `token-${++n}`,
      invalidate: (token: string) => invalidated.push(token),
    };
  }

  it("follows the provider's isTokenRejected rule, with a retry event of delay 0", async () => {
    const { url, requests } = await serve((request, res) =>
      request.headers.authorization === "Bearer token-1"
        ? json(res, 418, { error: "teapot" })
        : json(res, 200, { id: "ok" }),
    );
    const meta = { ...testMeta(), isTokenRejected: (f: { status: number }) => f.status === 418 };
    const events: RetryEvent[] = [];
    const tokens = provider();
    const client = createApiClient<paths, TestAuth>(meta, url, {
      auth: { bearer: tokens },
      onRetry: (e) => events.push(e),
    });
    await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(requests.map((r) => r.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
    expect(tokens.invalidated).toEqual(["token-1"]);
    expect(events).toEqual([{ operationId: "getItem", attempt: 1, delayMs: 0, status: 418 }]);
  });

  it("is a 401 only by default, and a provider rule replaces that default", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 401, {}));
    const meta = { ...testMeta(), isTokenRejected: (f: { status: number }) => f.status === 418 };
    const tokens = provider();
    const client = createApiClient<paths, TestAuth>(meta, url, { auth: { bearer: tokens } });
    await expect(unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }))).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(requests).toHaveLength(1);
    expect(tokens.invalidated).toEqual([]);
  });

  it("passes the decoded code to the rule", async () => {
    const { url, requests } = await serve((_r, res) =>
      json(res, 403, { errors: [{ code: "token_expired" }] }),
    );
    const seen: { status: number; code: string | undefined }[] = [];
    const meta = {
      ...testMeta(),
      isTokenRejected: (f: { status: number; code: string | undefined }) => {
        seen.push(f);
        return false;
      },
    };
    const client = createApiClient<paths, TestAuth>(meta, url, { auth: { bearer: provider() } });
    await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(seen).toEqual([{ status: 403, code: "token_expired" }]);
    expect(requests).toHaveLength(1);
  });

  it("is not retried for a token function, which has nothing to invalidate", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 401, {}));
    const bearer = vi.fn(async () => "fn-token");
    const { response } = await getItem(testClient(url, { auth: { bearer } }));
    expect(response.status).toBe(401);
    expect(requests).toHaveLength(1);
    expect(bearer).toHaveBeenCalledTimes(1);
  });

  it("is not retried with a streamed body, which cannot be sent twice", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 401, {}));
    const tokens = provider();
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"s"}'));
        controller.close();
      },
    });
    const { response } = await testClient(url, { auth: { bearer: tokens } }).POST("/items", {
      body: stream as unknown as { name: string },
      bodySerializer: (b: unknown) => b as BodyInit,
      duplex: "half",
    } as never);
    expect(response.status).toBe(401);
    expect(requests).toHaveLength(1);
    expect(tokens.invalidated).toEqual([]);
  });
});

describe("abort listeners on a shared signal", () => {
  it("stay at one with 200 concurrent calls sharing a signal, and do not grow after they settle", async () => {
    const controller = new AbortController();
    const counts: number[] = [];
    const { url } = await serve((_r, res) => {
      counts.push(getEventListeners(controller.signal, "abort").length);
      setTimeout(() => json(res, 200, { id: "ok" }), 5);
    });
    const client = testClient(url, { auth: { bearer: "t" } });
    const batch = () =>
      Promise.all(Array.from({ length: 200 }, () => getItem(client, { signal: controller.signal })));
    const results = await batch();
    expect(results.every((r) => r.response.status === 200)).toBe(true);
    expect(counts).toHaveLength(200);
    expect(Math.max(...counts)).toBeLessThanOrEqual(1);
    const after = getEventListeners(controller.signal, "abort").length;
    expect(after).toBeLessThanOrEqual(1);
    await batch();
    expect(getEventListeners(controller.signal, "abort").length).toBe(after);
  });

  it("stay at one for calls waiting on a shared TokenCache with a shared signal", async () => {
    const controller = new AbortController();
    let release: (value: { token: string; expiresIn: number }) => void = () => undefined;
    const cache = new TokenCache({ mint: () => new Promise((r) => (release = r)) });
    const { url } = await serve();
    const client = testClient(url, { auth: { bearer: cache } });
    const calls = Array.from({ length: 100 }, () => getItem(client, { signal: controller.signal }));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(getEventListeners(controller.signal, "abort").length).toBeLessThanOrEqual(1);
    release({ token: "t", expiresIn: 600 });
    await Promise.all(calls);
    expect(cache.mints).toBe(1);
  });
});
