import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { type ApiClientOptions, createApiClient, formBodySerializer, unwrap } from "./client.js";
import { ConfigurationError, InvalidRequestError } from "./errors.js";
import { MAX_TIMER_MS } from "./rate-limit.js";
import { type paths, type TestAuth, testClient, testMeta } from "./test-support/meta.js";
import { json, startServer, type TestServer } from "./test-support/server.js";
import { Transport } from "./transport.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, res) => json(res, request.method === "POST" ? 201 : 200, { id: "x" }));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** The ConfigurationError creating a client with `options` throws, or undefined. */
function configProblem(options: Record<string, unknown>, baseUrl = "https://api.example.test") {
  try {
    createApiClient<paths, TestAuth>(testMeta(), baseUrl, options as ApiClientOptions<TestAuth>);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
}

describe("client options", () => {
  const ranges: [string, (value: unknown) => Record<string, unknown>, unknown[], unknown[], string][] = [
    [
      "timeoutMs",
      (v) => ({ timeoutMs: v }),
      [1, 1.5, 30_000, MAX_TIMER_MS],
      [0, -1, 0.5, MAX_TIMER_MS + 1, Number.NaN, Number.POSITIVE_INFINITY, "100", null],
      `timeoutMs must be a number from 1 to ${MAX_TIMER_MS}`,
    ],
    [
      "retry.maxRetries",
      (v) => ({ retry: { maxRetries: v } }),
      [0, 1, 100],
      [-1, 101, 1.5, Number.NaN, "2"],
      "retry.maxRetries must be a whole number from 0 to 100",
    ],
    [
      "retry.baseDelayMs",
      (v) => ({ retry: { baseDelayMs: v } }),
      [0, 0.5, MAX_TIMER_MS],
      [-1, MAX_TIMER_MS + 1, Number.NaN, "5"],
      `retry.baseDelayMs must be a number from 0 to ${MAX_TIMER_MS}`,
    ],
    [
      "retry.maxDelayMs",
      (v) => ({ retry: { maxDelayMs: v } }),
      [0, MAX_TIMER_MS],
      [-1, MAX_TIMER_MS + 1, Number.NaN],
      `retry.maxDelayMs must be a number from 0 to ${MAX_TIMER_MS}`,
    ],
    [
      "retry.maxRetryAfterMs",
      (v) => ({ retry: { maxRetryAfterMs: v } }),
      [0, MAX_TIMER_MS],
      [-1, MAX_TIMER_MS + 1, Number.NaN],
      `retry.maxRetryAfterMs must be a number from 0 to ${MAX_TIMER_MS}`,
    ],
    [
      "maxRedirects",
      (v) => ({ maxRedirects: v }),
      [0, 5, 20],
      [-1, 21, 1.5, Number.NaN, "5"],
      "maxRedirects must be a whole number from 0 to 20",
    ],
    [
      "maxResponseBytes",
      (v) => ({ maxResponseBytes: v }),
      [1, 1024, Number.MAX_SAFE_INTEGER],
      [0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, "10"],
      `maxResponseBytes must be a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`,
    ],
  ];

  for (const [setting, build, good, bad, message] of ranges) {
    it(`${setting}: accepts ${good.join(", ")}; refuses ${bad.map((v) => JSON.stringify(v) ?? String(v)).join(", ")}`, () => {
      for (const value of good) expect(configProblem(build(value)), String(value)).toBeUndefined();
      for (const value of bad) {
        const error = configProblem(build(value));
        expect(error?.setting, String(value)).toBe(setting);
        expect(error?.message).toBe(message);
      }
    });
  }

  it("retry: accepts false and an object, refuses anything else", () => {
    expect(configProblem({ retry: false })).toBeUndefined();
    expect(configProblem({ retry: {} })).toBeUndefined();
    for (const retry of [null, 3, "no", true]) {
      const error = configProblem({ retry });
      expect(error?.setting).toBe("retry");
      expect(error?.message).toBe("retry must be an object of retry settings or false");
    }
  });

  it("crossOriginRedirects: only the two documented values", () => {
    expect(configProblem({ crossOriginRedirects: "error" })).toBeUndefined();
    expect(configProblem({ crossOriginRedirects: "follow-without-credentials" })).toBeUndefined();
    for (const value of ["follow", "", true]) {
      const error = configProblem({ crossOriginRedirects: value });
      expect(error?.setting).toBe("crossOriginRedirects");
      expect(error?.message).toBe('crossOriginRedirects must be "error" or "follow-without-credentials"');
    }
  });

  it("fetch: a function or nothing", () => {
    expect(configProblem({ fetch: async () => new Response() })).toBeUndefined();
    for (const fetch of ["https://proxy", {}, null]) {
      const error = configProblem({ fetch });
      expect(error?.setting).toBe("fetch");
      expect(error?.message).toBe("fetch must be a function");
    }
  });

  it("checks the options of a Transport created directly too", () => {
    expect(() => new Transport(testMeta(), { maxRedirects: 21 })).toThrow(ConfigurationError);
    expect(() => new Transport(testMeta(), { auth: { nope: "x" } })).toThrow(ConfigurationError);
    expect(() => new Transport(testMeta())).not.toThrow();
  });
});

describe("baseUrl", () => {
  it.each([
    "https://api.example.test",
    "https://api.example.test/base/path/",
    "http://127.0.0.1:8080",
    "https://api.example.test?",
  ])("accepts %s", (baseUrl) => {
    expect(configProblem({}, baseUrl)).toBeUndefined();
  });

  it.each([
    [5, "baseUrl must be a string"],
    [null, "baseUrl must be a string"],
    ["api.example.test", "baseUrl is not an absolute URL (expected https://host[/path])"],
    ["/relative/path", "baseUrl is not an absolute URL (expected https://host[/path])"],
    ["", "baseUrl is not an absolute URL (expected https://host[/path])"],
    [
      "https://user:hunter2-SECRET@api.example.test",
      "baseUrl must not carry credentials (user:password@host); pass them in `auth`",
    ],
    [
      "https://user-SECRET@api.example.test",
      "baseUrl must not carry credentials (user:password@host); pass them in `auth`",
    ],
    [
      "https://:hunter2-SECRET@api.example.test",
      "baseUrl must not carry credentials (user:password@host); pass them in `auth`",
    ],
    ["ftp://api.example.test", "baseUrl must use https:// (or http://), not ftp://"],
    ["ws://api.example.test", "baseUrl must use https:// (or http://), not ws://"],
    ["https://api.example.test/?key=SECRET", "baseUrl must not have a query or fragment"],
    ["https://api.example.test/#SECRET", "baseUrl must not have a query or fragment"],
  ])("refuses %j without quoting it", (baseUrl, message) => {
    const error = configProblem({}, baseUrl as string);
    expect(error?.setting).toBe("baseUrl");
    expect(error?.provider).toBe("confluent");
    expect(error?.message).toBe(message);
  });

  it("uses the provider's default when none is given", async () => {
    const fetch = vi.fn(async (_request: Request) => Response.json({ id: "x" }));
    const client = createApiClient<paths, TestAuth>(testMeta(), "https://default.example.test", {
      fetch,
      auth: { bearer: "t" },
    });
    await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(fetch.mock.calls[0]?.[0].url).toBe("https://default.example.test/items/1");
  });
});

describe("per-call options are checked before any request", () => {
  const fetch = vi.fn(async () => Response.json({ id: "x" }));
  beforeEach(() => fetch.mockClear());
  const client = () => testClient("https://api.example.test", { fetch, auth: { bearer: "t" } });
  const get = (init: Record<string, unknown>) =>
    client().GET("/items/{id}", { params: { path: { id: "1" } }, ...init } as never);

  it.each([
    [{ timeoutMs: 0 }, "timeoutMs"],
    [{ timeoutMs: MAX_TIMER_MS + 1 }, "timeoutMs"],
    [{ retry: { maxRetries: -1 } }, "retry.maxRetries"],
    [{ retry: { maxRetries: 101 } }, "retry.maxRetries"],
    [{ retry: { baseDelayMs: -1 } }, "retry.baseDelayMs"],
    [{ retry: { maxDelayMs: MAX_TIMER_MS + 1 } }, "retry.maxDelayMs"],
    [{ retry: { maxRetryAfterMs: -1 } }, "retry.maxRetryAfterMs"],
    [{ retry: null }, "retry"],
    [{ baseUrl: "https://u:p@api.example.test" }, "baseUrl"],
    [{ baseUrl: "ftp://api.example.test" }, "baseUrl"],
  ])("rejects %j", async (init, setting) => {
    const error = await get(init).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).setting).toBe(setting);
    expect(fetch).not.toHaveBeenCalled();
  });

  it("accepts the limits themselves", async () => {
    await unwrap(get({ timeoutMs: MAX_TIMER_MS, retry: { maxRetries: 100, baseDelayMs: 0 } }));
    await unwrap(get({ timeoutMs: 1_000, retry: false }));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it("rejects the promise instead of throwing synchronously", async () => {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = get({ timeoutMs: -5 });
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(ConfigurationError);
  });
});

describe("per-call overrides keep the client's other setting", () => {
  it("a per-call timeoutMs keeps the client's retry: false", async () => {
    const stalled = await startServer((_request, res, index) => {
      if (index === 0) json(res, 503, {});
      else json(res, 200, { id: "x" });
    });
    try {
      const client = testClient(stalled.url, { auth: { bearer: "t" }, retry: false });
      const { response } = await client.GET("/items/{id}", {
        params: { path: { id: "1" } },
        timeoutMs: 5_000,
      });
      expect(response.status).toBe(503);
      expect(stalled.requests).toHaveLength(1);
    } finally {
      await stalled.close();
    }
  });

  it("a per-call retry keeps the client's timeoutMs", async () => {
    const stalled = await startServer(() => undefined);
    try {
      const client = testClient(stalled.url, { auth: { bearer: "t" }, timeoutMs: 60 });
      const started = performance.now();
      const error = await client
        .GET("/items/{id}", { params: { path: { id: "1" } }, retry: false })
        .catch((e: unknown) => e);
      expect((error as Error).message).toBe("getItem timed out after 60 ms");
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(stalled.requests).toHaveLength(1);
    } finally {
      await stalled.close();
    }
  });
});

describe("path parameters", () => {
  const fetch = vi.fn(async () => Response.json({ id: "x" }));
  beforeEach(() => fetch.mockClear());
  const client = testClient("https://api.example.test", { fetch, auth: { bearer: "t" } });
  const getWith = (params: unknown) => client.GET("/items/{id}", { params } as never);

  it.each([
    ["missing", { path: {} }, "is missing"],
    ["no path object", {}, "is missing"],
    ["no params at all", undefined, "is missing"],
    ["null", { path: { id: null } }, "is missing"],
    ["undefined", { path: { id: undefined } }, "is missing"],
    ["empty", { path: { id: "" } }, "is empty"],
    ["blank", { path: { id: "  " } }, "is empty"],
    ["percent-encoded blank", { path: { id: "%20" } }, "is empty"],
    [".", { path: { id: "." } }, "is a dot segment (. or ..), which would address another resource"],
    ["..", { path: { id: ".." } }, "is a dot segment (. or ..), which would address another resource"],
    [
      "%2e%2E",
      { path: { id: "%2e%2E" } },
      "is a dot segment (. or ..), which would address another resource",
    ],
    ["%2E", { path: { id: "%2E" } }, "is a dot segment (. or ..), which would address another resource"],
    [
      "%252e%252e",
      { path: { id: "%252e%252e" } },
      "is a dot segment (. or ..), which would address another resource",
    ],
    [
      "four times encoded",
      { path: { id: "%2525252e%2525252e" } },
      "is a dot segment (. or ..), which would address another resource",
    ],
    [
      "a/../b",
      { path: { id: "a/../b" } },
      "is a dot segment (. or ..), which would address another resource",
    ],
    ["a/./b", { path: { id: "a/./b" } }, "is a dot segment (. or ..), which would address another resource"],
    [
      "a%2F..%2Fb",
      { path: { id: "a%2F..%2Fb" } },
      "is a dot segment (. or ..), which would address another resource",
    ],
    ["..\\x", { path: { id: "..\\x" } }, "is a dot segment (. or ..), which would address another resource"],
    ["x\\..", { path: { id: "x\\.." } }, "is a dot segment (. or ..), which would address another resource"],
    ["NaN", { path: { id: Number.NaN } }, "must be a string or a finite number"],
    ["Infinity", { path: { id: Number.POSITIVE_INFINITY } }, "must be a string or a finite number"],
    ["an object", { path: { id: { toString: () => "1" } } }, "must be a string or a finite number"],
    ["an array", { path: { id: ["1"] } }, "must be a string or a finite number"],
    ["a boolean", { path: { id: true } }, "must be a string or a finite number"],
  ])("refuses %s, naming the parameter and sending nothing", async (_case, params, problem) => {
    const error = await getWith(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    const invalid = error as InvalidRequestError;
    expect(invalid.parameter).toBe("id");
    expect(invalid.operationId).toBe("getItem");
    expect(invalid.provider).toBe("confluent");
    expect(invalid.message).toBe(`path parameter "id" of getItem ${problem}`);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each([
    ["a..b", "a..b"],
    ["op-1", "op-1"],
    ["...", "..."],
    [".hidden", ".hidden"],
    ["a.b", "a.b"],
    ["%", "%25"],
    ["%zz", "%25zz"],
    ["0", "0"],
    [42, "42"],
    [0, "0"],
    ["ünïcode", "%C3%BCn%C3%AFcode"],
  ])("sends the ordinary id %j", async (id, sent) => {
    const { response } = await getWith({ path: { id } });
    expect(response.status).toBe(200);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((fetch.mock.calls[0] as unknown as [Request])[0].url).toBe(
      `https://api.example.test/items/${sent}`,
    );
  });

  it("checks operations without metadata by their path template too", async () => {
    const unknown = client as unknown as {
      GET: (path: string, init: unknown) => Promise<unknown>;
    };
    const error = await unknown
      .GET("/other/{name}", { params: { path: { name: ".." } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).operationId).toBe("GET /other/{name}");
    expect((error as InvalidRequestError).parameter).toBe("name");
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("the wire format of a call", () => {
  it("sends the operation's Accept, and Content-Type only with a body; caller headers win", async () => {
    const client = testClient(server.url, { auth: { bearer: "t" } });
    await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(server.requests[0]?.headers.accept).toBe("application/json, application/problem+json");
    expect(server.requests[0]?.headers["content-type"]).toBeUndefined();
    await unwrap(client.POST("/items", { body: { name: "n" }, headers: { accept: "application/x-custom" } }));
    expect(server.requests[1]?.headers.accept).toBe("application/x-custom");
    expect(server.requests[1]?.headers["content-type"]).toBe("application/json");
  });

  it("routes client.request() through the same operation metadata, whatever the method's case", async () => {
    const client = testClient(server.url, { auth: { bearer: "tok-r" } });
    const { response } = await client.request("get" as "get", "/items/{id}", {
      params: { path: { id: "1" } },
    });
    expect(response.status).toBe(200);
    expect(server.requests[0]?.headers.authorization).toBe("Bearer tok-r");
    const error = await client
      .request("get" as "get", "/items/{id}", { params: { path: { id: ".." } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
  });

  it("serialises a form body: skips null and undefined, JSON for objects", () => {
    expect(formBodySerializer({ a: "x y", b: 1, c: null, d: undefined, e: { f: 1 }, g: false })).toBe(
      "a=x+y&b=1&e=%7B%22f%22%3A1%7D&g=false",
    );
    expect(formBodySerializer(null)).toBe("");
    expect(formBodySerializer("text")).toBe("");
  });
});

describe("dot segments hidden behind a malformed escape", () => {
  const fetch = vi.fn(async () => Response.json({ id: "x" }));
  beforeEach(() => fetch.mockClear());
  const client = testClient("https://api.example.test", { fetch, auth: { bearer: "t" } });

  it.each(["%2e%2e/%zz", "%2E%2E%2F%E0%A4%A", "a/%252e%252e/%"])(
    "refuses %j: a malformed escape elsewhere must not stop the decoding",
    async (id) => {
      const error = await client.GET("/items/{id}", { params: { path: { id } } }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(fetch).not.toHaveBeenCalled();
    },
  );
});
