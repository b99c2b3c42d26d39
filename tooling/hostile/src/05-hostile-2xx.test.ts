// Item 5: hostile bodies. A 2xx that is HTML, truncated JSON or empty where the spec promises JSON is a
// ResponseDecodeError (bounded, scrubbed snippet); a 2xx larger than `maxResponseBytes` (a huge body, a
// huge Content-Length, a body that never ends) is a ResponseTooLargeError, quickly; a failure body nested
// 30,000 deep is still a typed, renderable ApiError; a `__proto__` key pollutes nothing.
import { inspect } from "node:util";
import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createIcaClient } from "@idclients/ica";
import { createInfisicalClient } from "@idclients/infisical";
import { afterEach, describe, expect, it } from "vitest";
import { expectError, FAST, type Settled, settle, useServers } from "./harness.js";
import { basicCanary, canary, expectNoSecret, type Secret } from "./secrets.js";
import {
  deepJson,
  echo,
  type Handler,
  hugeBody,
  hugeContentLength,
  protoPollution,
  streamForever,
  text,
} from "./server.js";

const s = useServers();
const DEFAULT_LIMIT = 10 * 1024 * 1024;

/** Calls that may still be running on a failing build are aborted after each test. */
const running: AbortController[] = [];
afterEach(() => {
  for (const controller of running.splice(0)) controller.abort();
});
function abortLater(): AbortSignal {
  const controller = new AbortController();
  running.push(controller);
  return controller.signal;
}

/** One operation per provider whose spec promises a JSON 2xx body, called with a credential. */
const operations: {
  name: string;
  call(
    options: Record<string, unknown>,
    signal: AbortSignal,
  ): { secrets: Secret[]; result: Promise<unknown> };
}[] = [
  {
    name: "Confluent GET /iam/v2/identity-providers/{id} (Basic)",
    call(options, signal) {
      const basic = basicCanary();
      const c = createConfluentClient({ ...options, auth: { "cloud-api-key": basic } });
      const result = unwrap(
        c.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-1" } }, signal }),
      );
      return { secrets: [basic], result };
    },
  },
  {
    name: "ICA POST /api/tokens (X-API-Key)",
    call(options, signal) {
      const key = canary("icakey");
      const c = createIcaClient({ ...options, auth: { ApiKeyAuth: key } });
      return { secrets: [key], result: unwrap(c.POST("/api/tokens", { signal })) };
    },
  },
  {
    name: "Infisical GET …/identities/{identityId} (bearer)",
    call(options, signal) {
      const token = canary("access");
      const c = createInfisicalClient({ ...options, auth: { bearerAuth: token } });
      const result = unwrap(
        c.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
          params: { path: { identityId: "id-1" } },
          signal,
        }),
      );
      return { secrets: [token], result };
    },
  },
];

async function run(
  op: (typeof operations)[number],
  handler: Handler,
  options: Record<string, unknown> = {},
  deadlineMs = 8_000,
): Promise<{ settled: Settled<unknown>; secrets: Secret[] }> {
  s.server.fallback(handler);
  const { secrets, result } = op.call({ baseUrl: s.server.url, ...FAST, ...options }, abortLater());
  return { settled: await settle(result, deadlineMs), secrets };
}

const bodies: [string, Handler][] = [
  ["HTML echoing the credential", echo(200, "html", { "x-request-id": "req-hostile-1" })],
  ["truncated JSON echoing the credential", echo(200, "truncated-json", { "x-request-id": "req-hostile-1" })],
  [
    "an empty body (Content-Length: 0)",
    text(200, "", { "content-type": "application/json", "x-request-id": "req-hostile-1" }),
  ],
  [
    "an empty chunked body",
    (_request, res) => {
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req-hostile-1" });
      res.flushHeaders();
      res.end();
    },
  ],
];

describe("5. a 2xx body that is not the promised JSON -> ResponseDecodeError", () => {
  const matrix = operations.flatMap((op) =>
    bodies.map(([label, handler]) => [op.name, label, op, handler] as const),
  );
  it.each(matrix)("%s: 200 with %s", async (_name, _label, op, handler) => {
    const { settled, secrets } = await run(op, handler);
    const error = expectError<{ snippet: string }>(settled, "ResponseDecodeError", {
      status: 200,
      requestId: "req-hostile-1",
    });
    expect(typeof error.snippet).toBe("string");
    expect(error.snippet.length).toBeLessThanOrEqual(200);
    expectNoSecret([error], secrets);
  });
});

describe("5. a 2xx body larger than maxResponseBytes -> ResponseTooLargeError", () => {
  const limited = { maxResponseBytes: 1_000_000 };
  const confluent = operations[0] as (typeof operations)[number];

  it.each(operations.map((op) => [op.name, op] as const))(
    "%s: 3 MB with Content-Length",
    async (_name, op) => {
      const { settled } = await run(op, hugeBody(3_000_000), limited);
      expectError(settled, "ResponseTooLargeError", { status: 200, limitBytes: 1_000_000 });
    },
  );

  it.each(operations.map((op) => [op.name, op] as const))(
    "%s: 3 MB chunked (no Content-Length)",
    async (_name, op) => {
      const { settled } = await run(op, hugeBody(3_000_000, { contentLength: false }), limited);
      expectError(settled, "ResponseTooLargeError", { status: 200, limitBytes: 1_000_000 });
    },
  );

  it("a 2xx that never ends settles quickly with ResponseTooLargeError, not TimeoutError (timeoutMs 20 s)", async () => {
    const { settled } = await run(confluent, streamForever(), { ...limited, timeoutMs: 20_000 }, 8_000);
    expectError(settled, "ResponseTooLargeError", { limitBytes: 1_000_000 });
    expect(settled.ms).toBeLessThan(8_000);
  });

  it("a huge Content-Length is refused from the header, with the default limit (10 MiB)", async () => {
    const { settled } = await run(confluent, hugeContentLength(50 * 1024 ** 3), { timeoutMs: 20_000 }, 5_000);
    expectError(settled, "ResponseTooLargeError", { limitBytes: DEFAULT_LIMIT });
  });

  it("the default limit is 10 MiB: an 11 MiB chunked body is refused", async () => {
    const { settled } = await run(confluent, hugeBody(11 * 1024 * 1024, { contentLength: false }));
    expectError(settled, "ResponseTooLargeError", { limitBytes: DEFAULT_LIMIT });
  });

  it("a body just under the limit is fine", async () => {
    s.server.fallback(hugeBody(900_000));
    const c = createConfluentClient({
      baseUrl: s.server.url,
      auth: { "cloud-api-key": basicCanary() },
      ...FAST,
      ...limited,
    });
    const settled = await settle(
      unwrap(c.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-1" } } })),
    );
    expect(settled.kind).toBe("resolved");
  });
});

describe("5. a failure body nested 30,000 deep -> a typed, renderable ApiError", () => {
  it.each(operations.map((op) => [op.name, op] as const))(
    "%s: 400 with [[[…]]] 30,000 deep",
    async (_name, op) => {
      const { settled, secrets } = await run(op, deepJson(400, 30_000, "array"));
      const error = expectError(settled, "BadRequestError", { status: 400 });
      expect(() => JSON.stringify(error)).not.toThrow();
      expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toThrow();
      expect(() => String(error)).not.toThrow();
      expectNoSecret([error], secrets);
    },
  );

  it('Confluent: 400 with {"a":{…}} 30,000 deep (larger than the failure-body bound)', async () => {
    const { settled } = await run(
      operations[0] as (typeof operations)[number],
      deepJson(400, 30_000, "object"),
    );
    const error = expectError(settled, "BadRequestError");
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toThrow();
  });

  it("an operation without credentials (STS exchange): 400 nested 30,000 deep", async () => {
    s.server.fallback(deepJson(400, 30_000, "array"));
    const c = createConfluentClient({ baseUrl: s.server.url, ...FAST });
    const call = c.POST("/sts/v1/oauth2/token", {
      body: {
        grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
        subject_token: canary("subject"),
        identity_pool_id: "pool-1",
        subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
        requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
      },
    });
    const error = expectError(await settle(unwrap(call)), "BadRequestError");
    expect(() => JSON.stringify(error)).not.toThrow();
    expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toThrow();
  });
});

describe("5. a __proto__ key in a failure body pollutes nothing", () => {
  it.each(operations.map((op) => [op.name, op] as const))("%s", async (_name, op) => {
    const { settled } = await run(op, protoPollution(400));
    const error = expectError<{ body: Record<string, unknown> }>(settled, "BadRequestError");
    expect(error.body).toBeTypeOf("object");
    expect([Object.prototype, null]).toContain(Object.getPrototypeOf(error.body));
    expect(error.body.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    for (const issue of (error as unknown as { issues: object[] }).issues) {
      expect([Object.prototype, null]).toContain(Object.getPrototypeOf(issue));
    }
  });
});
