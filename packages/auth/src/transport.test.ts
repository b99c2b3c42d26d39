import { afterEach, describe, expect, it, vi } from "vitest";
import { errorOf, unwrap } from "./client.js";
import { AbortError, ConnectionError, InternalServerError, RateLimitError, TimeoutError } from "./errors.js";
import { getRateLimit } from "./rate-limit.js";
import { testClient } from "./test-support/meta.js";
import { type Handler, json, resetMidResponse, startServer, type TestServer } from "./test-support/server.js";
import type { RetryEvent } from "./transport.js";
import type { Logger } from "./types.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Answers the first `faults.length` requests with the faults, the rest with 200 / 201. */
async function serve(...faults: Handler[]): Promise<TestServer> {
  server = await startServer((request, res, index) => {
    const fault = faults[index];
    if (fault) return fault(request, res, index);
    json(res, request.method === "POST" ? 201 : 200, { id: `item-${index}` });
  });
  return server;
}

const status =
  (code: number, headers: Record<string, string> = {}, body: unknown = {}): Handler =>
  (_request, res) =>
    json(res, code, body, headers);
const stall: Handler = () => undefined;
const ok: Handler = (request, res, index) =>
  json(res, request.method === "POST" ? 201 : 200, { id: `item-${index}` });

const get = (
  client: ReturnType<typeof testClient>,
  init: { timeoutMs?: number; signal?: AbortSignal } = {},
) => client.GET("/items/{id}", { params: { path: { id: "1" } }, ...init });
const create = (client: ReturnType<typeof testClient>) => client.POST("/items", { body: { name: "n" } });
const refresh = (client: ReturnType<typeof testClient>) =>
  client.PATCH("/items/{id}/refresh", { params: { path: { id: "1" } }, body: { reason: "rotate" } });

function recorder() {
  const events: RetryEvent[] = [];
  return { events, onRetry: (event: RetryEvent) => events.push(event) };
}

describe("rate limits", () => {
  it("retries a 429 with Retry-After: 1 after at least one second", async () => {
    const { url, requests } = await serve(status(429, { "retry-after": "1" }));
    const client = testClient(url, { auth: { bearer: "t" } });
    const started = performance.now();
    const { response } = await get(client);
    expect(response.status).toBe(200);
    expect(requests).toHaveLength(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  it("reads X-RateLimit-Reset: 2 as two seconds from now, not an epoch", async () => {
    const { url } = await serve(status(429, { "x-ratelimit-reset": "2", "x-ratelimit-remaining": "0" }));
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { events, onRetry } = recorder();
      const client = testClient(url, { auth: { bearer: "t" }, onRetry });
      const call = get(client);
      await vi.waitFor(() => expect(events).toHaveLength(1));
      expect(events[0]).toMatchObject({ operationId: "getItem", attempt: 1, status: 429, delayMs: 2000 });
      await vi.advanceTimersByTimeAsync(2000);
      const { response } = await call;
      expect(response.status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("prefers retry-after-ms, then Retry-After as an HTTP date", async () => {
    const date = new Date(Date.now() + 60_000).toUTCString();
    const { url } = await serve(
      status(429, { "retry-after-ms": "7", "retry-after": "5" }),
      ok,
      status(503, { "retry-after": date }),
    );
    const seen: RetryEvent[] = [];
    const client = testClient(url, {
      auth: { bearer: "t" },
      retry: { maxRetries: 1, baseDelayMs: 5, maxRetryAfterMs: 30_000 },
      onRetry: (event) => seen.push(event),
    });
    await get(client);
    expect(seen.map((e) => e.delayMs)).toEqual([7]);
    const failed = await get(client);
    expect(failed.response.status).toBe(503);
    const error = errorOf(failed);
    expect(error.retryAfterMs).toBeGreaterThan(55_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("throws a Retry-After over maxRetryAfterMs at once as a RateLimitError with retryAfterMs", async () => {
    const { url, requests } = await serve(status(429, { "retry-after": "120" }));
    const { events, onRetry } = recorder();
    const client = testClient(url, { auth: { bearer: "t" }, onRetry, retry: { maxRetryAfterMs: 60_000 } });
    const started = performance.now();
    const error = await unwrap(get(client)).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(120_000);
    expect(requests).toHaveLength(1);
    expect(events).toHaveLength(0);
  });

  it("returns the rate limit of a successful response", async () => {
    server = await startServer((_r, res) =>
      json(
        res,
        200,
        { id: "1" },
        {
          "x-ratelimit-limit": "50",
          "x-ratelimit-remaining": "49",
          "x-ratelimit-reset": "30",
        },
      ),
    );
    const { response } = await get(testClient(server.url, { auth: { bearer: "t" } }));
    expect(getRateLimit(response)).toEqual({ limit: 50, remaining: 49, resetSeconds: 30 });
    expect(getRateLimit(new Response())).toBeUndefined();
  });
});

describe("what is retried", () => {
  it("retries 500, 502, 503 and 504 on an x-idempotent operation", async () => {
    const { url, requests } = await serve(status(503), status(502), status(500), status(504));
    const { events, onRetry } = recorder();
    const client = testClient(url, {
      auth: { apiKey: "k" },
      onRetry,
      retry: { maxRetries: 4, baseDelayMs: 1 },
    });
    const { data } = await refresh(client);
    expect(data).toEqual({ id: "item-4" });
    expect(requests).toHaveLength(5);
    expect(events.map((e) => e.status)).toEqual([503, 502, 500, 504]);
  });

  it("does not retry a 503 on a non-idempotent POST: the server saw exactly one create", async () => {
    const { url, requests } = await serve(status(503));
    const client = testClient(url, { auth: { bearer: "t" } });
    const error = await unwrap(create(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect((error as InternalServerError).attempts).toBe(1);
  });

  it("retries 408 and 429 for a POST, since the request was not processed", async () => {
    const { url, requests } = await serve(status(408), status(429));
    const client = testClient(url, { auth: { bearer: "t" } });
    const { response } = await create(client);
    expect(response.status).toBe(201);
    expect(requests).toHaveLength(3);
  });

  it("does not retry other 4xx", async () => {
    const { url, requests } = await serve(status(400), status(404), status(409), status(422));
    const client = testClient(url, { auth: { bearer: "t" } });
    for (const code of [400, 404, 409, 422]) {
      expect((await get(client)).response.status).toBe(code);
    }
    expect(requests).toHaveLength(4);
  });

  it("obeys retry: false per request", async () => {
    const { url, requests } = await serve(status(503));
    const client = testClient(url, { auth: { bearer: "t" } });
    const { response } = await client.GET("/items/{id}", { params: { path: { id: "1" } }, retry: false });
    expect(response.status).toBe(503);
    expect(requests).toHaveLength(1);
  });

  it("replays JSON and form bodies identically on every attempt", async () => {
    const { url, requests } = await serve(status(429), status(408), ok, status(429), status(408));
    const client = testClient(url, { auth: { apiKey: "k" }, retry: { maxRetries: 2, baseDelayMs: 1 } });
    await refresh(client);
    await client.POST("/token", { body: { grant_type: "urn:x", subject_token: "a b&c" } });
    expect(requests.map((r) => [r.method, r.body, r.headers["content-type"]])).toEqual([
      ["PATCH", '{"reason":"rotate"}', "application/json"],
      ["PATCH", '{"reason":"rotate"}', "application/json"],
      ["PATCH", '{"reason":"rotate"}', "application/json"],
      ["POST", "grant_type=urn%3Ax&subject_token=a+b%26c", "application/x-www-form-urlencoded"],
      ["POST", "grant_type=urn%3Ax&subject_token=a+b%26c", "application/x-www-form-urlencoded"],
      ["POST", "grant_type=urn%3Ax&subject_token=a+b%26c", "application/x-www-form-urlencoded"],
    ]);
  });

  it("does not retry a streaming body", async () => {
    const { url, requests } = await serve(status(429));
    const client = testClient(url, { auth: { bearer: "t" } });
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"name":"streamed"}'));
        controller.close();
      },
    });
    const { response } = await client.POST("/items", {
      body: stream as unknown as { name: string },
      bodySerializer: (b: unknown) => b as BodyInit,
      duplex: "half",
    } as never);
    expect(response.status).toBe(429);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toBe('{"name":"streamed"}');
  });
});

describe("connections and timeouts", () => {
  it("retries a connection reset mid-response on a safe operation", async () => {
    const { url, requests } = await serve((_r, res) => resetMidResponse(res));
    const { events, onRetry } = recorder();
    const client = testClient(url, { auth: { bearer: "t" }, onRetry });
    const { data } = await get(client);
    expect(data).toEqual({ id: "item-1" });
    expect(requests).toHaveLength(2);
    expect(events[0]?.error).toBeInstanceOf(ConnectionError);
  });

  it("does not retry a reset on a non-idempotent POST and throws a ConnectionError", async () => {
    const { url, requests } = await serve((_r, res) => resetMidResponse(res));
    const client = testClient(url, { auth: { bearer: "t" } });
    const error = await create(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(requests).toHaveLength(1);
  });

  it("throws a ConnectionError when nothing listens", async () => {
    const { url } = await serve();
    await server?.close();
    server = undefined;
    const client = testClient(url, { auth: { bearer: "t" }, retry: { maxRetries: 1, baseDelayMs: 1 } });
    const error = await get(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).attempts).toBe(2);
    expect((error as Error).message).toContain("(after 2 attempts)");
  });

  it("times out a server that never answers and retries when safe", async () => {
    const { url, requests } = await serve(stall);
    const { events, onRetry } = recorder();
    const client = testClient(url, { auth: { bearer: "t" }, onRetry, timeoutMs: 100 });
    const { data } = await get(client);
    expect(data).toEqual({ id: "item-1" });
    expect(requests).toHaveLength(2);
    expect(events[0]?.error).toBeInstanceOf(TimeoutError);
  });

  it("gives a TimeoutError without retrying a non-idempotent POST; timeoutMs per request wins", async () => {
    const { url, requests } = await serve(stall);
    const client = testClient(url, { auth: { bearer: "t" }, timeoutMs: 10_000 });
    const started = performance.now();
    const error = await client
      .POST("/items", { body: { name: "n" }, timeoutMs: 80 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("createItem timed out after 80 ms");
    expect(performance.now() - started).toBeLessThan(2000);
    expect(requests).toHaveLength(1);
  });

  it("times out a body that stops half way", async () => {
    const { url } = await serve((_r, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
      res.write('{"id":');
    });
    const client = testClient(url, { auth: { bearer: "t" }, timeoutMs: 100, retry: false });
    await expect(get(client)).rejects.toBeInstanceOf(TimeoutError);
  });

  it("says how many attempts were made when retries run out", async () => {
    const { url, requests } = await serve(status(503), status(503), status(503));
    const client = testClient(url, { auth: { bearer: "t" }, retry: { maxRetries: 2, baseDelayMs: 1 } });
    const error = await unwrap(get(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).attempts).toBe(3);
    expect((error as Error).message).toBe("503 status code (no body) (after 3 attempts)");
    expect(requests).toHaveLength(3);

    const { url: stalled } = await serve(stall, stall, stall);
    const timeouts = testClient(stalled, {
      auth: { bearer: "t" },
      timeoutMs: 30,
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });
    const timeout = await get(timeouts).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect((timeout as Error).message).toBe("getItem timed out after 30 ms (after 3 attempts)");
  });
});

describe("cancellation", () => {
  it("stops at once when the caller aborts during backoff: AbortError, no further attempt", async () => {
    const { url, requests } = await serve(status(503));
    const controller = new AbortController();
    const client = testClient(url, {
      auth: { bearer: "t" },
      retry: { baseDelayMs: 10_000, maxDelayMs: 10_000 },
      onRetry: () => setTimeout(() => controller.abort(), 10),
    });
    const started = performance.now();
    const error = await get(client, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(2000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(requests).toHaveLength(1);
  });

  it("aborts an attempt in flight and never starts one when already aborted", async () => {
    const { url, requests } = await serve(stall);
    const controller = new AbortController();
    const client = testClient(url, { auth: { bearer: "t" } });
    const call = get(client, { signal: controller.signal });
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    controller.abort();
    await expect(call).rejects.toBeInstanceOf(AbortError);
    await expect(get(client, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(1);
  });

  it("aborts while waiting for a token", async () => {
    const { url, requests } = await serve();
    const controller = new AbortController();
    const client = testClient(url, {
      auth: {
        bearer: {
          getToken: ({ signal } = {}) =>
            new Promise<string>((_resolve, reject) =>
              signal?.addEventListener("abort", () => reject(new Error("stopped"))),
            ),
          invalidate: () => undefined,
        },
      },
    });
    const call = get(client, { signal: controller.signal });
    setTimeout(() => controller.abort(), 10);
    await expect(call).rejects.toBeInstanceOf(AbortError);
    expect(requests).toHaveLength(0);
  });
});

describe("seeing what happens", () => {
  it("logs each attempt with its number, status and delay, with credentials redacted", async () => {
    const { url } = await serve(status(503));
    const lines: [string, string, unknown[]][] = [];
    const logger: Logger = {
      debug: (m, ...d) => lines.push(["debug", m, d]),
      info: (m, ...d) => lines.push(["info", m, d]),
      warn: (m, ...d) => lines.push(["warn", m, d]),
      error: (m, ...d) => lines.push(["error", m, d]),
    };
    const onRetry = vi.fn();
    const client = testClient(url, {
      auth: { apiKey: "key-SECRET-1" },
      logger,
      onRetry,
      headers: { cookie: "session=SECRET-2", "x-trace": "visible" },
      retry: { baseDelayMs: 5, maxDelayMs: 5 },
    });
    await refresh(client);
    expect(lines.map(([level, message]) => [level, message])).toEqual([
      ["debug", "[idclients] confluent refreshItem attempt 1: 503"],
      [
        "info",
        expect.stringMatching(
          /^\[idclients\] confluent refreshItem attempt 1 failed with status 503; retrying in [45] ms$/,
        ),
      ],
      ["debug", "[idclients] confluent refreshItem attempt 2: 200"],
    ]);
    const details = lines[0]?.[2][0] as { method: string; url: string; headers: Record<string, string> };
    expect(details.method).toBe("PATCH");
    expect(details.url).toBe(`${url}/items/1/refresh`);
    expect(details.headers["x-api-key"]).toBe("[redacted]");
    expect(details.headers.cookie).toBe("[redacted]");
    expect(details.headers["x-trace"]).toBe("visible");
    expect(JSON.stringify(lines)).not.toContain("SECRET");
    expect(onRetry).toHaveBeenCalledTimes(1);
    expect(onRetry).toHaveBeenCalledWith(
      expect.objectContaining({ operationId: "refreshItem", attempt: 1, status: 503 }),
    );
  });

  it("redacts Authorization in logs and backs off exponentially with jitter under the cap", async () => {
    const { url } = await serve(status(500), status(500), status(500), status(500));
    const lines: unknown[] = [];
    const { events, onRetry } = recorder();
    const log = (...args: unknown[]) => lines.push(args);
    const client = testClient(url, {
      auth: { bearer: "bearer-SECRET" },
      logger: { debug: log, info: log, warn: log, error: log },
      onRetry,
      retry: { maxRetries: 4, baseDelayMs: 8, maxDelayMs: 20 },
    });
    await get(client);
    const delays = events.map((e) => e.delayMs);
    expect(delays).toHaveLength(4);
    const bounds = [8, 16, 20, 20];
    delays.forEach((delay, i) => {
      expect(delay).toBeLessThanOrEqual(bounds[i] ?? 0);
      expect(delay).toBeGreaterThanOrEqual(Math.floor((bounds[i] ?? 0) * 0.75));
    });
    expect(JSON.stringify(lines)).toContain('"authorization":"[redacted]"');
    expect(JSON.stringify(lines)).not.toContain("SECRET");
  });
});

describe("garbage collection does not lose a timeout", () => {
  it("times out a stalled request even when GC runs while it waits (Node's Request follows signals weakly)", async () => {
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    server = await startServer(() => undefined, { record: false });
    const { url } = server;
    const client = testClient(url, { auth: { bearer: "t" }, timeoutMs: 100, retry: false });
    const collecting = setInterval(gc, 10);
    try {
      const started = performance.now();
      const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => get(client)));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(TimeoutError);
      }
      expect(performance.now() - started).toBeLessThan(3000);
    } finally {
      clearInterval(collecting);
    }
  }, 10_000);
});
