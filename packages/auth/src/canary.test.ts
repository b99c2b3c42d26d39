import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApiClient, unwrap } from "./client.js";
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InsecureTransportError,
  InternalServerError,
  MissingCredentialError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  TimeoutError,
  TokenError,
  UnprocessableEntityError,
} from "./errors.js";
import { type paths, type TestAuth, testClient, testMeta } from "./test-support/meta.js";
import { startServer, type TestServer } from "./test-support/server.js";
import { TokenCache } from "./token-cache.js";

const CANARY = `CANARY${randomUUID().replaceAll("-", "")}`;
/** The canary with its first letter as a JSON unicode escape: only decoding reveals it. */
const ESCAPED = `\\u00${CANARY.charCodeAt(0).toString(16)}${CANARY.slice(1)}`;

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
const spies = CONSOLE_METHODS.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));

let server: TestServer;
let closedUrl: string;

/**
 * Every answer echoes whatever credential the request carried: in the body (raw and JSON-escaped),
 * in a header, and, for Basic, the decoded password. The path picks the status: /items/<status>.
 */
beforeAll(async () => {
  server = await startServer((request, res) => {
    const authorization = String(request.headers.authorization ?? "");
    const apiKey = String(request.headers["x-api-key"] ?? "");
    const basic = authorization.startsWith("Basic ")
      ? Buffer.from(authorization.slice(6), "base64").toString("utf8")
      : "";
    const echoed = `${authorization} ${apiKey} ${basic}`;
    const status = Number(/^\/items\/(\d{3})/.exec(request.url)?.[1] ?? 400);
    if (request.url.startsWith("/items/stall")) return;
    const escapedEcho = echoed.replaceAll(CANARY, ESCAPED);
    const body = `{"errors":[{"code":"echo","detail":"you sent ${escapedEcho}","source":{"parameter":"${escapedEcho}"}}],"raw":${JSON.stringify(echoed)},"${escapedEcho}":1}`;
    res.writeHead(status, {
      "content-type": "application/json",
      "x-echo": encodeURIComponent(echoed),
      "x-echo-raw": echoed.replace(/[^\x20-\x7e]/g, "?"),
      "www-authenticate": `Bearer error="invalid_token", token="${echoed.replace(/[^\x20-\x7e]/g, "?")}"`,
    });
    res.end(body);
  });
  const closed = await startServer(() => undefined);
  closedUrl = closed.url;
  await closed.close();
});
afterAll(async () => {
  await server.close();
  for (const spy of spies) spy.mockRestore();
});

const basicAuth = { username: "user", password: `pw-${CANARY}` };

function clientWith(auth: TestAuth, extra: Parameters<typeof testClient>[1] = {}, baseUrl = server.url) {
  return testClient(baseUrl, { auth, logger: console, retry: { maxRetries: 1, baseDelayMs: 1 }, ...extra });
}

/** A token provider whose minted tokens carry the canary. */
function mintingProvider() {
  let n = 0;
  return new TokenCache({
    name: "canary token",
    mint: async () => ({ token: `mt-${CANARY}-${++n}`, expiresIn: 600 }),
  });
}

const credentials: [string, TestAuth][] = [
  ["basic password", { basic: basicAuth }],
  ["bearer token", { bearer: `bt-${CANARY}` }],
  ["bearer function", { bearer: async () => `bf-${CANARY}` }],
  ["api key", { apiKey: `ak-${CANARY}` }],
  ["token provider", { bearer: mintingProvider() }],
];

const errors: { path: string; error: unknown }[] = [];

async function capture(
  path: string,
  expected: abstract new (...args: never[]) => Error,
  run: () => Promise<unknown>,
) {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, path).toBeInstanceOf(expected);
  errors.push({ path, error });
}

const statuses: [number, abstract new (...args: never[]) => Error][] = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [409, ConflictError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [503, InternalServerError],
];

describe("no failure path reveals a credential", () => {
  for (const [name, auth] of credentials) {
    it(`${name}: every status, echoed in body and headers`, async () => {
      const client = clientWith(auth);
      for (const [status, Class] of statuses) {
        await capture(`${name} GET ${status}`, Class, () =>
          unwrap(client.GET("/items/{id}", { params: { path: { id: String(status) } } })),
        );
        // What openapi-fetch hands out as `error` is scrubbed too.
        const { error } = await client.GET("/items/{id}", { params: { path: { id: String(status) } } });
        errors.push({ path: `${name} raw error ${status}`, error });
      }
      await capture(`${name} POST 400`, BadRequestError, () =>
        unwrap(client.POST("/items", { body: { name: CANARY.slice(0, 3) } })),
      );
    });

    it(`${name}: network error, timeout and abort`, async () => {
      await capture(`${name} network`, ConnectionError, () =>
        clientWith(auth, {}, closedUrl).GET("/items/{id}", { params: { path: { id: "1" } } }),
      );
      await capture(`${name} timeout`, TimeoutError, () =>
        clientWith(auth, { timeoutMs: 30 }).GET("/items/{id}", { params: { path: { id: "stall" } } }),
      );
      await capture(`${name} abort`, AbortError, () =>
        clientWith(auth).GET("/items/{id}", {
          params: { path: { id: "stall" } },
          signal: AbortSignal.timeout(20),
        }),
      );
      await capture(`${name} insecure http`, InsecureTransportError, () =>
        clientWith(auth, {}, "http://api.example.test").GET("/items/{id}", { params: { path: { id: "1" } } }),
      );
    });
  }

  it("missing credential", async () => {
    await capture("missing credential", MissingCredentialError, () =>
      clientWith({ bearer: `bt-${CANARY}` }).PATCH("/items/{id}/refresh", {
        params: { path: { id: "1" } },
        body: { reason: "r" },
      }),
    );
  });

  it("token mint failure: the issuer refuses and echoes the minting credential", async () => {
    const issuer = createApiClient<paths, TestAuth>(testMeta("ica"), server.url, {
      auth: { basic: basicAuth },
      logger: console,
    });
    const tokens = new TokenCache({
      name: "issued token",
      mint: async () => {
        const { id } = await unwrap(issuer.GET("/items/{id}", { params: { path: { id: "401" } } }));
        return { token: id };
      },
    });
    await capture("mint failure", TokenError, () =>
      clientWith({ bearer: tokens }).GET("/items/{id}", { params: { path: { id: "200" } } }),
    );
    await capture("mint failure, thrown source", TokenError, () =>
      clientWith({
        bearer: () => {
          throw new RangeError("token file unreadable");
        },
      }).GET("/items/{id}", { params: { path: { id: "200" } } }),
    );
  });

  it("token rejected: refused twice, echoing the minted token", async () => {
    const provider = mintingProvider();
    await capture("token rejected", AuthenticationError, () =>
      unwrap(clientWith({ bearer: provider }).GET("/items/{id}", { params: { path: { id: "401" } } })),
    );
    expect(provider.mints).toBe(2);
  });

  it("nothing rendered or logged contains the canary", () => {
    expect(errors.length).toBeGreaterThan(60);
    for (const { path, error } of errors) {
      const renderings = [
        inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: false }),
        JSON.stringify(error),
        String(error),
      ];
      if (error instanceof Error) renderings.push(error.message, String(error.stack));
      for (const text of renderings) expect(text, path).not.toContain(CANARY);
      // The scrubbed echo proves the server did send it back.
      if (path.includes("GET 4")) expect(inspect(error, { depth: null }), path).toContain("[redacted]");
    }
    const logged = spies.flatMap((spy) =>
      spy.mock.calls.map((args) => inspect(args, { depth: Number.POSITIVE_INFINITY })),
    );
    expect(logged.length).toBeGreaterThan(50);
    expect(logged.join("\n")).not.toContain(CANARY);
  });
});
