// openapi-fetch's own behaviour, kept through our clients: options, headers, middleware, errors, streams.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { connect, type Socket } from "node:net";
import type { Middleware } from "openapi-fetch";
import { EnvHttpProxyAgent, fetch as undiciFetch } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createApiClient, errorOf, unwrap } from "./client.js";
import { ConfigurationError, ConnectionError, MissingCredentialError, NotFoundError } from "./errors.js";
import { type paths, type TestAuth, testClient, testMeta } from "./test-support/meta.js";
import { json, startServer, type TestServer } from "./test-support/server.js";
import { TokenCache } from "./token-cache.js";

const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

const okItem = (_r: unknown, res: ServerResponse) => json(res, 200, { id: "1", name: "one" });
const getItem = (client: ReturnType<typeof testClient>, init: Record<string, unknown> = {}) =>
  client.GET("/items/{id}", { params: { path: { id: "1" } }, ...init });

describe("client options openapi-fetch has", () => {
  it("uses a client-level querySerializer", async () => {
    const server = await serve(okItem);
    const client = testClient(server.url, {
      auth: { bearer: "t" },
      querySerializer: (query) => `custom=${Object.keys(query as object).join("+")}`,
    });
    await unwrap(getItem(client, { params: { path: { id: "1" }, query: { view: "full" } } }));
    expect(server.requests[0]?.url).toBe("/items/1?custom=view");
  });

  it("uses a client-level querySerializer given as options", async () => {
    const server = await serve(okItem);
    const client = createApiClient<
      {
        "/items/{id}": {
          get: {
            parameters: { path: { id: string }; query: { tag: string[] } };
            responses: Record<never, never>;
          };
        };
      },
      TestAuth
    >(testMeta(), server.url, {
      auth: { bearer: "t" },
      querySerializer: { array: { style: "pipeDelimited", explode: false } },
    });
    await client.GET("/items/{id}", { params: { path: { id: "1" }, query: { tag: ["a", "b"] } } });
    expect(server.requests[0]?.url).toBe("/items/1?tag=a|b");
  });

  it("uses a client-level bodySerializer for JSON operations", async () => {
    const server = await serve((_r, res) => json(res, 201, { id: "2" }));
    const client = testClient(server.url, {
      auth: { bearer: "t" },
      bodySerializer: (body) => `serialized:${JSON.stringify(body)}`,
    });
    await unwrap(client.POST("/items", { body: { name: "n" } }));
    expect(server.requests[0]?.body).toBe('serialized:{"name":"n"}');
  });

  it("uses a client-level pathSerializer", async () => {
    const server = await serve(okItem);
    const client = testClient(server.url, {
      auth: { bearer: "t" },
      pathSerializer: (path, params) => path.replace("{id}", `id-${String(params.id)}`),
    });
    await unwrap(getItem(client));
    expect(server.requests[0]?.url).toBe("/items/id-1");
  });

  it("builds requests with a client-level Request class", async () => {
    const server = await serve(okItem);
    const built: string[] = [];
    class CountingRequest extends Request {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(input, init);
        built.push(this.url);
      }
    }
    const client = testClient(server.url, { auth: { bearer: "t" }, Request: CountingRequest });
    await unwrap(getItem(client));
    expect(built).toEqual([`${server.url}/items/1`]);
  });

  it("passes requestInitExt to fetch with every request", async () => {
    const seen: unknown[] = [];
    const client = testClient("https://api.example.test", {
      auth: { bearer: "t" },
      requestInitExt: { marker: "ext" },
      fetch: async (_request, init) => {
        seen.push((init as { marker?: string } | undefined)?.marker);
        return Response.json({ id: "1" });
      },
    });
    await unwrap(getItem(client));
    expect(seen).toEqual(["ext"]);
  });

  it("uses a per-request fetch instead of the client's", async () => {
    const used: string[] = [];
    const client = testClient("https://api.example.test", {
      auth: { bearer: "t" },
      fetch: async () => {
        used.push("client");
        return Response.json({ id: "1" });
      },
    });
    await unwrap(
      getItem(client, {
        fetch: async () => {
          used.push("call");
          return Response.json({ id: "1" });
        },
      }),
    );
    expect(used).toEqual(["call"]);
  });
});

describe("headers", () => {
  it("lets a client-level Accept win over the operation's", async () => {
    const server = await serve(okItem);
    const client = testClient(server.url, {
      auth: { bearer: "t" },
      headers: { accept: "application/vnd.x+json" },
    });
    await unwrap(getItem(client));
    expect(server.requests[0]?.headers.accept).toBe("application/vnd.x+json");
  });

  it("sends the operation's Accept when nobody set one, and a per-call one over the client's", async () => {
    const server = await serve(okItem);
    const client = testClient(server.url, { auth: { bearer: "t" }, headers: { accept: "text/client" } });
    await unwrap(getItem(testClient(server.url, { auth: { bearer: "t" } })));
    await unwrap(getItem(client, { headers: { accept: "text/call" } }));
    expect(server.requests.map((r) => r.headers.accept)).toEqual([
      "application/json, application/problem+json",
      "text/call",
    ]);
  });

  it("removes a client header given as null, keeps it for undefined, and joins arrays with a comma and space", async () => {
    const server = await serve(okItem);
    const client = testClient(server.url, {
      auth: { bearer: "t" },
      headers: { "x-a": "client", "x-b": "client" },
    });
    await unwrap(getItem(client, { headers: { "x-a": null, "x-b": undefined, "x-c": ["1", "2"] } }));
    const headers = server.requests[0]?.headers ?? {};
    expect(headers["x-a"]).toBeUndefined();
    expect(headers["x-b"]).toBe("client");
    expect(headers["x-c"]).toBe("1, 2");
  });

  it("sends the form Content-Type of a form operation unless the caller chose one", async () => {
    const server = await serve((_r, res) => json(res, 200, { access_token: "a", expires_in: 60 }));
    const client = testClient(server.url, {});
    await unwrap(client.POST("/token", { body: { grant_type: "g", subject_token: "s" } }));
    await unwrap(
      client.POST("/token", {
        body: { grant_type: "g", subject_token: "s" },
        headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
      }),
    );
    expect(server.requests.map((r) => r.headers["content-type"])).toEqual([
      "application/x-www-form-urlencoded",
      "application/x-www-form-urlencoded; charset=utf-8",
    ]);
  });
});

describe("responses and middleware", () => {
  it("keeps response.url and redirected after a followed redirect", async () => {
    const server = await serve((request, res) => {
      if (request.url === "/items/1") {
        res.writeHead(302, { location: "/items/1b" }).end();
        return;
      }
      json(res, 200, { id: "1b" });
    });
    const client = testClient(server.url, { auth: { bearer: "t" } });
    const result = await getItem(client);
    expect(result.data?.id).toBe("1b");
    expect(result.response.url).toBe(`${server.url}/items/1b`);
    expect(result.response.redirected).toBe(true);
  });

  it("keeps response.url on a failure", async () => {
    const server = await serve((_r, res) => json(res, 404, { errors: [{ code: "not_found" }] }));
    const result = await getItem(testClient(server.url, { auth: { bearer: "t" } }));
    expect(result.response.url).toBe(`${server.url}/items/1`);
  });

  it("shows middleware the Response fetch returned, readable and clonable", async () => {
    const fetched: Response[] = [];
    const client = testClient("https://api.example.test", {
      auth: { bearer: "t" },
      fetch: async () => {
        const response = Response.json({ id: "1", name: "n" });
        fetched.push(response);
        return response;
      },
    });
    const seen: unknown[] = [];
    client.use({
      async onResponse({ response }) {
        expect(response).toBe(fetched[0]);
        seen.push(await response.clone().json());
      },
    });
    const result = await getItem(client);
    expect(seen).toEqual([{ id: "1", name: "n" }]);
    expect(result.data).toEqual({ id: "1", name: "n" });
    expect(result.response).toBe(fetched[0]);
  });

  it("keeps the typed error when a middleware returns a new Response", async () => {
    const server = await serve((_r, res) =>
      json(res, 404, { errors: [{ code: "not_found", detail: "Identity provider op-nope was not found" }] }),
    );
    const client = testClient(server.url, { auth: { bearer: "t" } });
    const passThrough: Middleware = {
      async onResponse({ response }) {
        return new Response(await response.text(), { status: response.status, headers: response.headers });
      },
    };
    client.use(passThrough);
    const error = await unwrap(getItem(client)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).message).toBe("404 not_found: Identity provider op-nope was not found");
    expect((error as NotFoundError).provider).toBe("confluent");
    expect((error as NotFoundError).operationId).toBe("getItem");
    client.eject(passThrough);
    const direct = errorOf(await getItem(client));
    expect(direct.operationId).toBe("getItem");
  });

  it("keeps the typed error with a per-request middleware that replaces the Response", async () => {
    const server = await serve((_r, res) =>
      json(res, 404, { errors: [{ code: "not_found", detail: "gone" }] }),
    );
    const client = testClient(server.url, { auth: { bearer: "t" } });
    const error = await unwrap(
      getItem(client, {
        middleware: [
          {
            onResponse: async ({ response }: { response: Response }) =>
              new Response(await response.text(), response),
          },
        ],
      }),
    ).catch((e: unknown) => e);
    expect((error as NotFoundError).operationId).toBe("getItem");
    expect((error as NotFoundError).code).toBe("not_found");
  });

  it("keeps the error fetch threw as the cause, for middleware onError and the caller", async () => {
    const original = new TypeError("socket hang up");
    const client = testClient("https://api.example.test", {
      auth: { bearer: "t" },
      retry: false,
      fetch: async () => {
        throw original;
      },
    });
    const seen: unknown[] = [];
    client.use({
      onError({ error }) {
        seen.push(error);
      },
    });
    const error = await getItem(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).cause).toBe(original);
    expect(seen).toEqual([error]);
  });

  it("streams a body read with parseAs: 'stream' as it arrives; the time limit covers the headers", async () => {
    let finish: (() => void) | undefined;
    const server = await serve((_r, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: first\n\n");
      finish = () => res.end("data: last\n\n");
    });
    const client = testClient(server.url, { auth: { bearer: "t" }, timeoutMs: 200 });
    const result = await getItem(client, { parseAs: "stream" });
    const reader = (result.data as unknown as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe("data: first\n\n");
    // Longer than timeoutMs: the stream is not cut by the attempt's time limit.
    await new Promise((resolve) => setTimeout(resolve, 400));
    finish?.();
    let rest = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      rest += new TextDecoder().decode(value);
    }
    expect(rest).toBe("data: last\n\n");
  });
});

describe("token providers bind to the client they serve", () => {
  it("mint through the client's base URL, fetch and logger unless given their own", async () => {
    const bindings: unknown[] = [];
    const tokens = new TokenCache({
      mint: async () => ({ token: "tok", expiresIn: 600 }),
      bindClient: (binding) => bindings.push(binding),
    });
    const fetch = async () => Response.json({ id: "1" });
    const logger = { debug() {}, info() {}, warn() {}, error() {} };
    const ext = { dispatcher: "proxy" };
    testClient("https://self-hosted.example.test", {
      auth: { bearer: tokens },
      fetch,
      logger,
      requestInitExt: ext,
    });
    expect(bindings).toMatchObject([
      {
        provider: "confluent",
        baseUrl: "https://self-hosted.example.test",
        fetch,
        logger,
        requestInitExt: ext,
      },
    ]);
  });
});

describe("environment variables", () => {
  type Auth = TestAuth;
  const environment = {
    baseUrl: { variables: ["TEST_BASE_URL"] },
    credentialVariables: ["TEST_TOKEN"],
    auth: (read: (name: string) => string | undefined): Auth | undefined => {
      const token = read("TEST_TOKEN");
      return token === undefined ? undefined : { bearer: token };
    },
  };
  const make = (options: Parameters<typeof createApiClient<paths, Auth>>[2]) =>
    createApiClient<paths, Auth>(
      testMeta(),
      "https://default.example.test",
      { retry: false, ...options },
      environment,
    );

  it("supply auth and the base URL when the options leave them unset", async () => {
    const seen: Request[] = [];
    const client = make({
      env: { TEST_TOKEN: "env-token", TEST_BASE_URL: "https://from-env.example.test" },
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ id: "1" });
      },
    });
    await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(seen[0]?.url).toBe("https://from-env.example.test/items/1");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer env-token");
  });

  it("never override explicit options", async () => {
    const seen: Request[] = [];
    const client = make({
      env: { TEST_TOKEN: "env-token", TEST_BASE_URL: "https://from-env.example.test" },
      baseUrl: "https://explicit.example.test",
      auth: { bearer: "explicit" },
      fetch: async (request) => {
        seen.push(request);
        return Response.json({ id: "1" });
      },
    });
    await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(seen[0]?.url).toBe("https://explicit.example.test/items/1");
    expect(seen[0]?.headers.get("authorization")).toBe("Bearer explicit");
  });

  it.each([
    ["unset", {}],
    ["empty", { TEST_TOKEN: "" }],
    ["blank", { TEST_TOKEN: "   " }],
  ])("name the variables when they are %s, and no value", async (_case, env) => {
    const client = make({ env, fetch: async () => Response.json({ id: "1" }) });
    const error = await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as MissingCredentialError).message).toContain("set TEST_TOKEN");
    expect((error as MissingCredentialError).environmentVariables).toEqual(["TEST_TOKEN"]);
  });

  it("are not read with env: false", async () => {
    const client = make({ env: false, fetch: async () => Response.json({ id: "1" }) });
    const error = await client.GET("/items/{id}", { params: { path: { id: "1" } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as Error).message).not.toContain("TEST_TOKEN");
  });

  it("IDCLIENTS_LOG=debug logs each attempt, redacted", async () => {
    const lines: unknown[][] = [];
    const original = console.debug;
    console.debug = (...args: unknown[]) => lines.push(args);
    try {
      const client = make({
        env: { IDCLIENTS_LOG: "debug", TEST_TOKEN: "tok-SECRET" },
        fetch: async () => Response.json({ id: "1" }),
      });
      await unwrap(client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    } finally {
      console.debug = original;
    }
    expect(lines).toHaveLength(1);
    expect(JSON.stringify(lines)).toContain("getItem attempt 1: 200");
    expect(JSON.stringify(lines)).not.toContain("tok-SECRET");
  });

  it("IDCLIENTS_LOG with an unknown level is a ConfigurationError naming the variable", () => {
    expect(() => make({ env: { IDCLIENTS_LOG: "loud" } })).toThrow(ConfigurationError);
  });
});

/** A forward proxy on 127.0.0.1: CONNECT tunnels and absolute-form http requests, each counted. */
async function startProxy() {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? "");
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(`${req.method} ${target.pathname}${target.search} HTTP/1.1\r\n`);
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (/^proxy-/i.test(req.rawHeaders[i] ?? "")) continue;
        upstream.write(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
      }
      upstream.write("connection: close\r\n\r\n");
      req.pipe(upstream);
    });
    upstream.on("data", (chunk) => res.socket?.write(chunk));
    upstream.on("end", () => res.socket?.end());
  });
  server.on("connect", (req: IncomingMessage, client: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.pipe(client).pipe(upstream);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const proxy = {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(proxy);
  return proxy;
}

describe("proxies", () => {
  it("go through HTTP_PROXY with undici's EnvHttpProxyAgent and undici's own fetch", async () => {
    const api = await serve(okItem);
    const proxy = await startProxy();
    const dispatcher = new EnvHttpProxyAgent({ httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: "" });
    const client = testClient(api.url, {
      auth: { bearer: "t" },
      fetch: (request, init) =>
        undiciFetch(request as never, { ...(init as object), dispatcher } as never) as never,
    });
    const item = await unwrap(getItem(client));
    expect(item.id).toBe("1");
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]).toContain(new URL(api.url).host);
    expect(api.requests[0]?.headers.authorization).toBe("Bearer t");
    await dispatcher.close();
  });

  it("go through the proxy with requestInitExt: { dispatcher } on the global fetch", async () => {
    const api = await serve(okItem);
    const proxy = await startProxy();
    const dispatcher = new EnvHttpProxyAgent({ httpProxy: proxy.url, httpsProxy: proxy.url, noProxy: "" });
    const client = testClient(api.url, { auth: { bearer: "t" }, requestInitExt: { dispatcher } });
    expect((await unwrap(getItem(client))).id).toBe("1");
    expect(proxy.seen).toHaveLength(1);
    expect(proxy.seen[0]).toContain(new URL(api.url).host);
    await dispatcher.close();
  });

  it("skip hosts NO_PROXY names", async () => {
    const api = await serve(okItem);
    const proxy = await startProxy();
    const dispatcher = new EnvHttpProxyAgent({
      httpProxy: proxy.url,
      httpsProxy: proxy.url,
      noProxy: "127.0.0.1",
    });
    const client = testClient(api.url, {
      auth: { bearer: "t" },
      fetch: (request, init) =>
        undiciFetch(request as never, { ...(init as object), dispatcher } as never) as never,
    });
    expect((await unwrap(getItem(client))).id).toBe("1");
    expect(proxy.seen).toEqual([]);
    expect(api.requests).toHaveLength(1);
    await dispatcher.close();
  });
});

describe("unwrap", () => {
  it("refuses what is not a call result with a TypeError, before reading it", async () => {
    await expect(unwrap(Promise.resolve(42) as never)).rejects.toThrow(TypeError);
    await expect(unwrap({ data: 1 } as never)).rejects.toThrow("unwrap expects the result of a client call");
  });
});
