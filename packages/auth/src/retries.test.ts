import { afterEach, describe, expect, it, vi } from "vitest";
import { errorOf, unwrap } from "./client.js";
import { AbortError, ConnectionError, RateLimitError, TimeoutError } from "./errors.js";
import { testClient, testMeta } from "./test-support/meta.js";
import { type Handler, json, startServer, type TestServer } from "./test-support/server.js";
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS, type RetryEvent, Transport } from "./transport.js";
import type { OperationMeta } from "./types.js";

let server: TestServer | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

/** Answers the first requests with `statuses` (and their headers), then 200. */
async function serve(...answers: [number, Record<string, string>?][]): Promise<TestServer> {
  server = await startServer((request, res, index) => {
    const [status, headers] = answers[index] ?? [request.method === "POST" ? 201 : 200];
    json(res, status, { id: `item-${index}` }, headers ?? {});
  });
  return server;
}

const getItem = (client: ReturnType<typeof testClient>) =>
  client.GET("/items/{id}", { params: { path: { id: "1" } } });

function recorder() {
  const events: RetryEvent[] = [];
  return { events, onRetry: (event: RetryEvent) => events.push(event) };
}

describe("defaults", () => {
  it("match the README's table", () => {
    expect(DEFAULT_RETRY).toEqual({
      maxRetries: 2,
      baseDelayMs: 500,
      maxDelayMs: 8000,
      maxRetryAfterMs: 60_000,
    });
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });

  it("retry twice after 500 ms, then 1000 ms, with jitter only downwards", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { url, requests } = await serve([503], [503], [503]);
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const { events, onRetry } = recorder();
      const client = testClient(url, { auth: { bearer: "t" }, onRetry, retry: undefined });
      const call = getItem(client);
      await vi.waitFor(() => expect(events).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(500);
      await vi.waitFor(() => expect(events).toHaveLength(2));
      await vi.advanceTimersByTimeAsync(1000);
      const { response } = await call;
      expect(response.status).toBe(503);
      expect(events.map((e) => e.delayMs)).toEqual([500, 1000]);
      expect(requests).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("backoff", () => {
  it.each([
    [0, [8, 16, 20, 20]],
    [0.5, [7, 14, 18, 18]],
    [0.999_999, [6, 12, 15, 15]],
  ])("with Math.random() = %d waits exactly %j", async (random, delays) => {
    vi.spyOn(Math, "random").mockReturnValue(random);
    const { url } = await serve([500], [500], [500], [500]);
    const { events, onRetry } = recorder();
    const client = testClient(url, {
      auth: { bearer: "t" },
      onRetry,
      retry: { maxRetries: 4, baseDelayMs: 8, maxDelayMs: 20 },
    });
    await getItem(client);
    expect(events.map((e) => e.delayMs)).toEqual(delays);
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3, 4]);
  });

  it("waits 0 with baseDelayMs 0", async () => {
    const { url } = await serve([500], [500]);
    const { events, onRetry } = recorder();
    await getItem(testClient(url, { auth: { bearer: "t" }, onRetry, retry: { baseDelayMs: 0 } }));
    expect(events.map((e) => e.delayMs)).toEqual([0, 0]);
  });
});

describe("what the server asks for", () => {
  it("rounds retry-after-ms up: 1.5 waits 2 ms", async () => {
    const { url } = await serve([429, { "retry-after-ms": "1.5" }]);
    const { events, onRetry } = recorder();
    await getItem(testClient(url, { auth: { bearer: "t" }, onRetry }));
    expect(events).toEqual([{ operationId: "getItem", attempt: 1, delayMs: 2, status: 429 }]);
  });

  it("reads X-RateLimit-Reset on a 429 only: a 503 with it backs off as usual", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0);
    const { url } = await serve([503, { "x-ratelimit-reset": "30" }], [429, { "x-ratelimit-reset": "0" }]);
    const { events, onRetry } = recorder();
    await getItem(testClient(url, { auth: { bearer: "t" }, onRetry, retry: { baseDelayMs: 7 } }));
    expect(events.map((e) => [e.status, e.delayMs])).toEqual([
      [503, 7],
      [429, 0],
    ]);
  });

  it("retries a wait of exactly maxRetryAfterMs and throws one 1 ms longer at once", async () => {
    const { url, requests } = await serve([429, { "retry-after-ms": "40" }]);
    const client = testClient(url, { auth: { bearer: "t" }, retry: { maxRetryAfterMs: 40 } });
    expect((await getItem(client)).response.status).toBe(200);
    expect(requests).toHaveLength(2);

    const other = await startServer((_r, res) => json(res, 429, {}, { "retry-after-ms": "41" }));
    try {
      const { events, onRetry } = recorder();
      const refused = testClient(other.url, {
        auth: { bearer: "t" },
        onRetry,
        retry: { maxRetryAfterMs: 40 },
      });
      const error = await unwrap(getItem(refused)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).retryAfterMs).toBe(41);
      expect(other.requests).toHaveLength(1);
      expect(events).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("stops after maxRetries and reports the last answer", async () => {
    const { url, requests } = await serve([429], [429], [429], [429]);
    const result = await getItem(
      testClient(url, { auth: { bearer: "t" }, retry: { maxRetries: 2, baseDelayMs: 1 } }),
    );
    expect(result.response.status).toBe(429);
    expect(errorOf(result).attempts).toBe(3);
    expect(requests).toHaveLength(3);
  });
});

describe("attempts that get no answer", () => {
  it("time out even when fetch ignores its signal and never settles", async () => {
    let calls = 0;
    const fetch = () => {
      calls += 1;
      return new Promise<Response>(() => undefined);
    };
    const client = testClient("https://api.example.test", {
      fetch,
      auth: { bearer: "t" },
      timeoutMs: 30,
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    const error = await getItem(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe("getItem timed out after 30 ms (after 2 attempts)");
    expect(calls).toBe(2);
  });

  it("stop at once on the caller's abort even when fetch ignores its signal", async () => {
    const fetch = () => new Promise<Response>(() => undefined);
    const client = testClient("https://api.example.test", {
      fetch,
      auth: { bearer: "t" },
      timeoutMs: 10_000,
    });
    const started = performance.now();
    const error = await client
      .GET("/items/{id}", { params: { path: { id: "1" } }, signal: AbortSignal.timeout(20) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it("cancel the body of a response that arrives after the timeout", async () => {
    let cancelled = false;
    const fetch = () =>
      new Promise<Response>((resolve) =>
        setTimeout(() => {
          const body = new ReadableStream({
            pull(controller) {
              controller.enqueue(new TextEncoder().encode("late"));
            },
            cancel() {
              cancelled = true;
            },
          });
          resolve(new Response(body, { status: 200 }));
        }, 60),
      );
    const client = testClient("https://api.example.test", {
      fetch,
      auth: { bearer: "t" },
      timeoutMs: 20,
      retry: false,
    });
    await expect(getItem(client)).rejects.toBeInstanceOf(TimeoutError);
    await vi.waitFor(() => expect(cancelled).toBe(true));
  });

  it("give an AbortError when the caller aborts while the body is read", async () => {
    const controller = new AbortController();
    const stalling = await startServer((_r, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"id":');
      setTimeout(() => controller.abort(), 10);
    });
    server = stalling;
    const client = testClient(stalling.url, { auth: { bearer: "t" } });
    const error = await client
      .GET("/items/{id}", { params: { path: { id: "1" } }, signal: controller.signal })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortError);
    expect(stalling.requests).toHaveLength(1);
  });

  it("are logged as warnings with the error's name", async () => {
    const fetch = () => Promise.reject(new TypeError("fetch failed"));
    const warnings: string[] = [];
    const client = testClient("https://api.example.test", {
      fetch,
      auth: { bearer: "t" },
      retry: false,
      logger: {
        debug: () => undefined,
        info: () => undefined,
        warn: (m: string) => warnings.push(m),
        error: () => undefined,
      },
    });
    await expect(getItem(client)).rejects.toBeInstanceOf(ConnectionError);
    expect(warnings).toEqual(["[idclients] confluent getItem attempt 1: ConnectionError"]);
  });

  it("report a retry after a connection error with the error and no status", async () => {
    let n = 0;
    const fetch = async () => {
      n += 1;
      if (n === 1) throw new TypeError("fetch failed");
      return Response.json({ id: "ok" });
    };
    const infos: string[] = [];
    const { events, onRetry } = recorder();
    vi.spyOn(Math, "random").mockReturnValue(0);
    const client = testClient("https://api.example.test", {
      fetch,
      auth: { bearer: "t" },
      onRetry,
      retry: { baseDelayMs: 3 },
      logger: {
        debug: () => undefined,
        info: (m: string) => infos.push(m),
        warn: () => undefined,
        error: () => undefined,
      },
    });
    await unwrap(getItem(client));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ operationId: "getItem", attempt: 1, delayMs: 3 });
    expect(events[0]?.error).toBeInstanceOf(ConnectionError);
    expect(events[0]?.status).toBeUndefined();
    expect(infos).toEqual([
      "[idclients] confluent getItem attempt 1 failed with ConnectionError; retrying in 3 ms",
    ]);
  });
});

describe("Transport.send called directly", () => {
  const meta = testMeta();
  const op = meta.operations["GET /items/{id}"] as OperationMeta;
  const post = meta.operations["POST /items"] as OperationMeta;

  it("uses the Request's signal when the call names none, and the call's when it does", async () => {
    const fetch = vi.fn(async () => Response.json({ id: "x" }));
    const transport = new Transport(meta, { fetch, auth: { bearer: "t" } });
    const aborted = new Request("https://api.example.test/items/1", { signal: AbortSignal.abort() });
    await expect(transport.send(aborted, op, { replayable: true })).rejects.toBeInstanceOf(AbortError);
    expect(fetch).not.toHaveBeenCalled();
    const response = await transport.send(aborted, op, { replayable: true, signal: undefined });
    expect(response.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("reads a replayable body from the Request once and sends it on every attempt", async () => {
    const { url, requests } = await serve([429]);
    const transport = new Transport(meta, { auth: { bearer: "t" }, retry: { baseDelayMs: 1 } });
    const request = new Request(`${url}/items`, {
      method: "POST",
      body: '{"name":"direct"}',
      headers: { "content-type": "application/json" },
    });
    const response = await transport.send(request, post, { replayable: true });
    expect(response.status).toBe(201);
    expect(requests.map((r) => r.body)).toEqual(['{"name":"direct"}', '{"name":"direct"}']);
  });

  it("sends a non-replayable Request once, body and all", async () => {
    const { url, requests } = await serve([429]);
    const transport = new Transport(meta, { auth: { bearer: "t" }, retry: { baseDelayMs: 1 } });
    const request = new Request(`${url}/items`, { method: "POST", body: '{"name":"once"}' });
    const response = await transport.send(request, post, { replayable: false });
    expect(response.status).toBe(429);
    expect(requests.map((r) => r.body)).toEqual(['{"name":"once"}']);
  });

  it("retries a connection error on a safe operation only when the body is replayable", async () => {
    let calls = 0;
    const fetch = async () => {
      calls += 1;
      throw new TypeError("fetch failed");
    };
    const transport = new Transport(meta, {
      fetch,
      auth: { bearer: "t" },
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });
    await expect(
      transport.send(new Request("https://api.example.test/items/1"), op, { replayable: false }),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(1);
    await expect(
      transport.send(new Request("https://api.example.test/items/1"), op, { replayable: true }),
    ).rejects.toBeInstanceOf(ConnectionError);
    expect(calls).toBe(4);
  });
});

describe("rounding out the status rules", () => {
  const statuses: Handler = (_r, res, index) => json(res, [501, 505, 200][index] ?? 200, {});

  it("does not retry 501 or 505 even on a safe operation", async () => {
    server = await startServer(statuses);
    const client = testClient(server.url, { auth: { bearer: "t" } });
    expect((await getItem(client)).response.status).toBe(501);
    expect((await getItem(client)).response.status).toBe(505);
    expect(server.requests).toHaveLength(2);
  });
});
