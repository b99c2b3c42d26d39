import type { ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { errorOf, unwrap } from "./client.js";
import {
  ApiError,
  BadRequestError,
  ConnectionError,
  NotFoundError,
  ResponseDecodeError,
  ResponseTooLargeError,
} from "./errors.js";
import { testClient, testMeta } from "./test-support/meta.js";
import { type Handler, startServer, type TestServer } from "./test-support/server.js";
import { DEFAULT_MAX_RESPONSE_BYTES, failureOf, redactHeaders, Transport } from "./transport.js";
import type { OperationMeta } from "./types.js";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: Handler): Promise<TestServer> {
  server = await startServer(handler);
  return server;
}

/** Writes `body` with the given status and headers; Content-Length only when `length` is true. */
function send(
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
  length = true,
) {
  res.writeHead(status, {
    "content-type": "application/json",
    ...(length ? { "content-length": String(Buffer.byteLength(body)) } : {}),
    ...headers,
  });
  if (length) res.end(body);
  else {
    // Two writes, so the body goes out chunked.
    res.write(body.slice(0, 1));
    res.end(body.slice(1));
  }
}

const getItem = (client: ReturnType<typeof testClient>) =>
  client.GET("/items/{id}", { params: { path: { id: "1" } } });

async function rejection<T>(call: Promise<unknown>, Class: abstract new (...args: never[]) => T): Promise<T> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Class);
  return error as T;
}

describe("a 2xx body that is not what the operation declares", () => {
  it("is a ResponseDecodeError for an HTML page, not retried", async () => {
    const html = `<html><body>${"maintenance ".repeat(40)}</body></html>`;
    const { url, requests } = await serve((_r, res) =>
      send(res, 200, html, { "content-type": "text/html", "x-request-id": "req-html" }),
    );
    const error = await rejection(getItem(testClient(url, { auth: { bearer: "t" } })), ResponseDecodeError);
    expect(error.message).toBe("getItem answered 200 with a body that is not JSON where JSON was expected");
    expect(error.status).toBe(200);
    expect(error.requestId).toBe("req-html");
    expect(error.operationId).toBe("getItem");
    expect(error.provider).toBe("confluent");
    expect(error.attempts).toBe(1);
    expect(error.snippet).toBe(html.slice(0, 200));
    expect(error.snippet).toHaveLength(200);
    expect(requests).toHaveLength(1);
  });

  it("is a ResponseDecodeError for truncated JSON, with the whole short body as snippet", async () => {
    const { url } = await serve((_r, res) => send(res, 200, '{"id":"1","name":'));
    const error = await rejection(getItem(testClient(url, { auth: { bearer: "t" } })), ResponseDecodeError);
    expect(error.snippet).toBe('{"id":"1","name":');
    expect(error.requestId).toBeUndefined();
  });

  it("is a ResponseDecodeError for an empty 200 where the spec promises a body", async () => {
    const { url } = await serve((_r, res) => send(res, 200, ""));
    const error = await rejection(getItem(testClient(url, { auth: { bearer: "t" } })), ResponseDecodeError);
    expect(error.message).toBe("getItem answered 200 with an empty body where JSON was expected");
    expect(error.snippet).toBe("");
  });

  it("counts the attempts made before it", async () => {
    const { url } = await serve((_r, res, index) =>
      index === 0 ? send(res, 503, "{}") : send(res, 200, "<html>"),
    );
    const error = await rejection(getItem(testClient(url, { auth: { bearer: "t" } })), ResponseDecodeError);
    expect(error.attempts).toBe(2);
  });

  it("is fine for a 204, whatever the operation promises", async () => {
    const { url } = await serve((_r, res) => {
      res.writeHead(204);
      res.end();
    });
    const { data, response } = await getItem(testClient(url, { auth: { bearer: "t" } }));
    expect(response.status).toBe(204);
    expect(data).toBeUndefined();
  });

  it("is fine when the caller reads the body as text", async () => {
    const { url } = await serve((_r, res) =>
      send(res, 200, "<html>ok</html>", { "content-type": "text/html" }),
    );
    const client = testClient(url, { auth: { bearer: "t" } });
    const { data } = await client.GET("/items/{id}", { params: { path: { id: "1" } }, parseAs: "text" });
    expect(data).toBe("<html>ok</html>");
  });

  it("is fine for an operation that promises no body", async () => {
    const meta = testMeta();
    const noBody = meta.operations["PATCH /items/{id}/refresh"] as OperationMeta;
    expect(noBody.successBody).toBeUndefined();
    const transport = new Transport(meta, { auth: { apiKey: "k" } });
    for (const text of ["<html>", "", '{"x":']) {
      const { url } = await serve((_r, res) => send(res, 200, text, { "content-type": "text/html" }));
      const response = await transport.send(
        new Request(`${url}/items/1/refresh`, { method: "PATCH" }),
        noBody,
        {
          replayable: true,
        },
      );
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(text);
      await server?.close();
      server = undefined;
    }
  });

  it("passes valid JSON through unchanged, keeping status and headers", async () => {
    const { url } = await serve((_r, res) =>
      send(res, 201, '{"id":"new"}', { "x-request-id": "req-ok", "x-ratelimit-remaining": "3" }),
    );
    const client = testClient(url, { auth: { bearer: "t" } });
    const { data, response } = await client.POST("/items", { body: { name: "n" } });
    expect(data).toEqual({ id: "new" });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Created");
    expect(response.headers.get("x-request-id")).toBe("req-ok");
    expect(failureOf(response)).toBeUndefined();
  });

  it("redacts the secret fields of the operation from the snippet, even truncated", async () => {
    const bodies = [
      [
        '{"access_token":"eyJhbGciOiJSUzI1NiJ9.SECRET.sig","expires_in":',
        '{"access_token":"[redacted]","expires_in":',
      ],
      ['{"access_token" : "abc\\"SECRET\\"def", oops}', '{"access_token" : "[redacted]", oops}'],
      ['{"access_token":"SECRET-cut-off', '{"access_token":"[redacted]"'],
      ['<p>{"token_type":"Bearer"}</p>', '<p>{"token_type":"Bearer"}</p>'],
    ];
    for (const [body, snippet] of bodies) {
      const { url } = await serve((_r, res) => send(res, 200, body as string));
      const client = testClient(url);
      const error = await rejection(
        client.POST("/token", { body: { grant_type: "g", subject_token: "s" } }),
        ResponseDecodeError,
      );
      expect(error.snippet).toBe(snippet);
      await server?.close();
      server = undefined;
    }
  });

  it("escapes a secret field name: 'tok.en' does not match 'tokXen'", async () => {
    const meta = testMeta();
    const exchange = meta.operations["POST /token"] as OperationMeta;
    const op: OperationMeta = { ...exchange, secretResponseFields: ["tok.en"] };
    const { url } = await serve((_r, res) => send(res, 200, '{"tokXen":"visible","tok.en":"SECRET"'));
    const transport = new Transport(meta);
    const error = await rejection(
      transport.send(new Request(`${url}/token`, { method: "POST" }), op, { replayable: true }),
      ResponseDecodeError,
    );
    expect(error.snippet).toBe('{"tokXen":"visible","tok.en":"[redacted]"');
  });

  it("scrubs the call's credentials from the snippet", async () => {
    const { url } = await serve((request, res) =>
      send(
        res,
        200,
        `<html>Hello ${request.headers.authorization} / ${request.headers["x-api-key"]}</html>`,
        {
          "content-type": "text/html",
        },
      ),
    );
    for (const auth of [{ bearer: "bearer-SECRET-1" }, { apiKey: "key-SECRET-2" }]) {
      const error = await rejection(getItem(testClient(url, { auth })), ResponseDecodeError);
      expect(error.snippet).toContain("<html>Hello ");
      expect(error.snippet).not.toContain("SECRET");
    }
  });

  it("scrubs the request's secret fields from the snippet", async () => {
    const { url } = await serve((request, res) =>
      send(res, 200, `<html>you sent ${decodeURIComponent(request.body)} and ${request.body}</html>`),
    );
    const error = await rejection(
      testClient(url).POST("/token", { body: { grant_type: "g", subject_token: "sub ject-SECRET" } }),
      ResponseDecodeError,
    );
    expect(error.snippet).not.toContain("SECRET");
    expect(error.snippet).toContain("[redacted]");
  });
});

describe("maxResponseBytes", () => {
  it("is 10 MiB by default", () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(10 * 1024 * 1024);
  });

  for (const withLength of [true, false]) {
    const how = withLength ? "with Content-Length" : "chunked, without Content-Length";

    it(`reads a body of exactly maxResponseBytes (${how})`, async () => {
      const body = '{"id":"12345"}'; // 14 bytes
      const { url } = await serve((_r, res) => send(res, 200, body, {}, withLength));
      const { data } = await getItem(testClient(url, { auth: { bearer: "t" }, maxResponseBytes: 14 }));
      expect(data).toEqual({ id: "12345" });
    });

    it(`refuses a body one byte over maxResponseBytes (${how}), without retrying`, async () => {
      const body = '{"id":"123456"}'; // 15 bytes
      const { url, requests } = await serve((_r, res) =>
        send(res, 200, body, { "x-request-id": "req-big" }, withLength),
      );
      const error = await rejection(
        getItem(testClient(url, { auth: { bearer: "t" }, maxResponseBytes: 14 })),
        ResponseTooLargeError,
      );
      expect(error.status).toBe(200);
      expect(error.limitBytes).toBe(14);
      expect(error.requestId).toBe("req-big");
      expect(error.operationId).toBe("getItem");
      expect(error.provider).toBe("confluent");
      expect(error.attempts).toBe(1);
      expect(error.message).toBe(
        "getItem answered 200 with a body larger than 14 bytes (maxResponseBytes); the rest was not read",
      );
      expect(requests).toHaveLength(1);
    });
  }

  it("stops reading an endless 200 body", async () => {
    const { url } = await serve((_r, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => {
        if (!res.write("x".repeat(16 * 1024))) return;
      }, 1);
      res.on("close", () => clearInterval(timer));
    });
    const error = await rejection(
      getItem(testClient(url, { auth: { bearer: "t" }, maxResponseBytes: 64 * 1024 })),
      ResponseTooLargeError,
    );
    expect(error.limitBytes).toBe(64 * 1024);
  });

  it("reads nothing of a 2xx whose Content-Length is over the limit", async () => {
    let pulls = 0;
    let cancelled = false;
    const fetch = async () => {
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            pulls += 1;
            controller.enqueue(new TextEncoder().encode("x".repeat(100)));
          },
          cancel() {
            cancelled = true;
          },
        },
        { highWaterMark: 0 },
      );
      return new Response(body, { status: 200, headers: { "content-length": "1000000" } });
    };
    const client = testClient("https://api.example.test", {
      fetch,
      auth: { bearer: "t" },
      maxResponseBytes: 1000,
    });
    const error = await rejection(getItem(client), ResponseTooLargeError);
    expect(error.limitBytes).toBe(1000);
    expect(pulls).toBe(0);
    expect(cancelled).toBe(true);
  });

  it("keeps the first 1 MiB of a failure whose Content-Length is larger", async () => {
    const body = `${"e".repeat(1024 * 1024 + 5000)}`;
    const fetch = async () =>
      new Response(body, {
        status: 500,
        headers: { "content-length": String(body.length), "content-type": "text/plain" },
      });
    const client = testClient("https://api.example.test", { fetch, auth: { bearer: "t" }, retry: false });
    const error = errorOf(await getItem(client));
    expect(typeof error.body === "string" && error.body.length).toBe(1024 * 1024);
  });

  it("decodes a failure body far over the old 64 KiB bound as JSON", async () => {
    const detail = "x".repeat(200 * 1024);
    const body = JSON.stringify({ errors: [{ code: "big", detail }] });
    const { url } = await serve((_r, res) => send(res, 400, body));
    const result = await getItem(testClient(url, { auth: { bearer: "t" }, retry: false }));
    expect(typeof result.error).toBe("object");
    expect((result.error as { errors: { detail: string }[] }).errors[0]?.detail).toBe(detail);
    expect(errorOf(result).code).toBe("big");
  });

  it("does not apply to failure bodies, which have their own bound", async () => {
    const body = JSON.stringify({ errors: [{ code: "not_found", detail: "d".repeat(100) }] });
    const { url } = await serve((_r, res) => send(res, 404, body));
    const error = await rejection(
      unwrap(getItem(testClient(url, { auth: { bearer: "t" }, maxResponseBytes: 10 }))),
      NotFoundError,
    );
    expect(error.detail).toBe("d".repeat(100));
  });
});

describe("the failure a client hands out", () => {
  it("is recorded for the response (failureOf) and is what unwrap throws", async () => {
    const { url } = await serve((_r, res) =>
      send(res, 400, JSON.stringify({ errors: [{ code: "bad", detail: "no" }] })),
    );
    const result = await getItem(testClient(url, { auth: { bearer: "t" } }));
    const failure = failureOf(result.response);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect(failure?.status).toBe(400);
    expect(failure?.code).toBe("bad");
    expect(errorOf(result)).toBe(failure);
    await expect(unwrap(Promise.resolve(result))).rejects.toBe(failure);
    expect(failureOf(new Response(null, { status: 400 }))).toBeUndefined();
  });

  it("has its body and headers scrubbed of the credential and of body secrets", async () => {
    const { url } = await serve((request, res) => {
      const subject = new URLSearchParams(request.body).get("subject_token") ?? "";
      const echoed = `${request.headers.authorization} ${request.body} ${subject}`;
      send(res, 400, JSON.stringify({ errors: [{ code: "echo", detail: echoed }] }), {
        "x-echo": encodeURIComponent(`${request.headers.authorization} ${subject}`),
        "x-request-id": "req-echo",
      });
    });
    const client = testClient(url, { auth: { bearer: "bearer-SECRET-1" } });
    const result = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
    expect(result.response.headers.get("x-echo")).not.toContain("SECRET");
    expect(result.response.headers.get("x-request-id")).toBe("req-echo");
    expect(JSON.stringify(result.error)).toContain("[redacted]");
    expect(JSON.stringify(result.error)).not.toContain("SECRET");

    const exchange = await testClient(url).POST("/token", {
      body: { grant_type: "g", subject_token: "  subject SECRET-2  " },
    });
    const error = errorOf(exchange);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(JSON.stringify(error)).not.toContain("SECRET");
    expect(error.detail).toContain("[redacted]");
    expect(String(exchange.response.headers.get("x-echo"))).not.toContain("SECRET");
  });

  it("scrubs the trimmed value of a secret field too", async () => {
    const { url } = await serve((request, res) => {
      const token = new URLSearchParams(request.body).get("subject_token")?.trim();
      send(res, 400, JSON.stringify({ error: "invalid_grant", error_description: `bad token ${token}` }));
    });
    const error = errorOf(
      await testClient(url).POST("/token", { body: { grant_type: "g", subject_token: "  padded-SECRET  " } }),
    );
    expect(error.detail).toBe("bad token [redacted]");
  });

  it("is a new response whose body is the scrubbed text: JSON, plain text or nothing", async () => {
    const bodies = ['{"errors":[{"detail":"tok-SECRET"}]}', "plain tok-SECRET", ""];
    const { url } = await serve((_r, res, index) =>
      send(res, 404, bodies[index] ?? "", { "content-type": "text/plain" }),
    );
    const meta = testMeta();
    const op = meta.operations["GET /items/{id}"] as OperationMeta;
    const transport = new Transport(meta, { auth: { bearer: "tok-SECRET" }, retry: false });
    const texts: string[] = [];
    for (let i = 0; i < bodies.length; i++) {
      const response = await transport.send(new Request(`${url}/items/1`), op, { replayable: true });
      expect(response.status).toBe(404);
      expect(response.statusText).toBe("Not Found");
      texts.push(await response.text());
    }
    expect(texts).toEqual(['{"errors":[{"detail":"[redacted]"}]}', "plain [redacted]", ""]);
  });
});

describe("connection failures", () => {
  const failing = (cause: unknown) => async () => {
    throw new TypeError("fetch failed", { cause });
  };

  it("name the useful part of undici's error: its code, else its message", async () => {
    const code = Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
    const cases: [unknown, string][] = [
      [code, "fetch failed (ECONNRESET)"],
      [new Error("other side closed"), "fetch failed (other side closed)"],
      [new Error("fetch failed"), "fetch failed"],
      [new Error(""), "fetch failed"],
      ["not an error", "fetch failed"],
      [undefined, "fetch failed"],
    ];
    for (const [cause, reason] of cases) {
      const client = testClient("https://api.example.test", {
        fetch: failing(cause),
        retry: false,
        auth: { bearer: "t" },
      });
      const error = await rejection(getItem(client), ConnectionError);
      expect(error.message).toBe(`getItem failed to reach api.example.test: ${reason}`);
    }
    const odd = testClient("https://api.example.test", {
      fetch: () => Promise.reject("a string"),
      retry: false,
      auth: { bearer: "t" },
    });
    expect((await rejection(getItem(odd), ConnectionError)).message).toBe(
      "getItem failed to reach api.example.test: network error",
    );
  });

  it("keep the error fetch threw as cause only when it holds no secret, else a scrubbed copy", async () => {
    const secretInside = new TypeError("fetch failed", {
      cause: new Error("proxy refused Bearer tok-SECRET-1"),
    });
    const client = testClient("https://api.example.test", {
      fetch: async () => {
        throw secretInside;
      },
      auth: { bearer: "tok-SECRET-1" },
      retry: false,
    });
    const error = await rejection(getItem(client), ConnectionError);
    expect(error.cause).not.toBe(secretInside);
    expect((error.cause as Error).name).toBe("TypeError");
    for (const rendering of [
      inspect(error, { depth: 10 }),
      String(error.cause),
      (error.cause as Error).stack,
    ]) {
      expect(rendering).not.toContain("tok-SECRET");
    }
    const clean = new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    const plain = testClient("https://api.example.test", {
      fetch: async () => {
        throw clean;
      },
      auth: { bearer: "tok-SECRET-1" },
      retry: false,
    });
    expect((await rejection(getItem(plain), ConnectionError)).cause).toBe(clean);
  });

  it("scrub credentials and body secrets from the reason, and onRetry and the logger see no secret", async () => {
    const lines: string[] = [];
    const log = (...args: unknown[]) => lines.push(JSON.stringify(args));
    const events: unknown[] = [];
    const client = testClient("https://api.example.test", {
      fetch: failing(new Error("proxy refused Bearer tok-SECRET-1 for subject-SECRET-2")),
      auth: { bearer: "tok-SECRET-1" },
      logger: { debug: log, info: log, warn: log, error: log },
      onRetry: (event) => events.push({ ...event, error: String(event.error) }),
      retry: { maxRetries: 1, baseDelayMs: 1 },
    });
    const error = await rejection(getItem(client), ConnectionError);
    expect(error.message).toBe(
      "getItem failed to reach api.example.test: fetch failed (proxy refused Bearer [redacted] for subject-SECRET-2) (after 2 attempts)",
    );
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events)).not.toContain("tok-SECRET");
    expect(lines.join("\n")).not.toContain("SECRET");
    expect(lines.some((line) => line.includes("getItem attempt 1: ConnectionError"))).toBe(true);

    const exchange = testClient("https://api.example.test", {
      fetch: failing(new Error("refused subject-SECRET-2")),
      retry: false,
    });
    const exchangeError = await rejection(
      exchange.POST("/token", { body: { grant_type: "g", subject_token: "subject-SECRET-2" } }),
      ConnectionError,
    );
    expect(exchangeError.message).toBe(
      "exchangeToken failed to reach api.example.test: fetch failed (refused [redacted])",
    );
  });
});

describe("redactHeaders", () => {
  it("redacts credentials, cookies and the named API-key headers, case-insensitively", () => {
    const headers = new Headers({
      authorization: "Bearer a",
      "proxy-authorization": "Basic b",
      cookie: "c=1",
      "set-cookie": "d=1",
      "x-api-key": "e",
      "X-Custom-Key": "f",
      accept: "application/json",
    });
    expect(redactHeaders(headers, ["x-CUSTOM-key"])).toEqual({
      accept: "application/json",
      authorization: "[redacted]",
      cookie: "[redacted]",
      "proxy-authorization": "[redacted]",
      "set-cookie": "[redacted]",
      "x-api-key": "[redacted]",
      "x-custom-key": "[redacted]",
    });
    expect(redactHeaders(new Headers({ "x-custom-key": "f" }))).toEqual({ "x-custom-key": "f" });
  });

  it("is what the logger sees, with the provider's API-key header redacted", async () => {
    const { url } = await serve((_r, res) => send(res, 200, '{"id":"1"}'));
    const seen: unknown[] = [];
    const meta = testMeta();
    const transport = new Transport(
      { ...meta, securitySchemes: { key: { kind: "apiKey", in: "header", name: "X-Tenant-Key" } } },
      {
        auth: { key: "tenant-SECRET" },
        logger: {
          debug: (...args) => seen.push(args),
          info: () => undefined,
          warn: () => undefined,
          error: () => undefined,
        },
      },
    );
    const op = { ...(meta.operations["GET /items/{id}"] as OperationMeta), security: [["key"]] };
    await transport.send(new Request(`${url}/items/1`), op, { replayable: true });
    expect(seen).toEqual([
      [
        "[idclients] confluent getItem attempt 1: 200",
        {
          method: "GET",
          url: `${url}/items/1`,
          headers: { accept: "application/json, application/problem+json", "x-tenant-key": "[redacted]" },
        },
      ],
    ]);
  });
});

describe("errors are typed ApiErrors whatever the status", () => {
  it("keeps an odd status", async () => {
    const { url } = await serve((_r, res) => send(res, 418, "{}"));
    const error = errorOf(await getItem(testClient(url, { auth: { bearer: "t" } })));
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(418);
  });
});

describe("ResponseDecodeError.snippet is scrubbed before it is cut", () => {
  it("does not reveal the start of a secret cut by the 200-character limit", async () => {
    const secret = "subject-token-0123456789abcdefghij";
    const { url } = await serve((_r, res) => send(res, 200, `<p>${"x".repeat(187)}${secret}</p>`));
    const error = await rejection(
      testClient(url).POST("/token", { body: { grant_type: "g", subject_token: secret } }),
      ResponseDecodeError,
    );
    expect(error.snippet.length).toBeLessThanOrEqual(200);
    expect(error.snippet).not.toContain(secret.slice(0, 10));
  });
});
