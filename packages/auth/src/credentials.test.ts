import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { unwrap } from "./client.js";
import { InsecureTransportError, MissingCredentialError, TokenError } from "./errors.js";
import { testClient } from "./test-support/meta.js";
import { json, startServer, type TestServer } from "./test-support/server.js";
import { TokenCache } from "./token-cache.js";

let server: TestServer;
beforeAll(async () => {
  server = await startServer((request, res) => {
    if (request.url.startsWith("/token")) return json(res, 200, { access_token: "t", expires_in: 60 });
    json(res, request.method === "POST" ? 201 : 200, { id: "item-1" });
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const lastHeaders = () => server.requests.at(-1)?.headers ?? {};
const getItem = (client: ReturnType<typeof testClient>) =>
  unwrap(client.GET("/items/{id}", { params: { path: { id: "item-1" } } }));

describe("choosing credentials by the operation's security alternatives", () => {
  it("uses the first configured alternative in spec order", async () => {
    // getItem accepts bearer, then basic, then apiKey: with basic and apiKey configured, basic wins.
    const client = testClient(server.url, {
      auth: { basic: { username: "u", password: "p" }, apiKey: "key-1" },
    });
    await getItem(client);
    expect(lastHeaders().authorization).toBe(`Basic ${Buffer.from("u:p").toString("base64")}`);
    expect(lastHeaders()["x-api-key"]).toBeUndefined();

    const withBearer = testClient(server.url, {
      auth: { basic: { username: "u", password: "p" }, bearer: "tok-1", apiKey: "key-1" },
    });
    await getItem(withBearer);
    expect(lastHeaders().authorization).toBe("Bearer tok-1");
    expect(lastHeaders()["x-api-key"]).toBeUndefined();
  });

  it("sends no credential to an operation with security [] even when all are configured", async () => {
    const client = testClient(server.url, {
      auth: { basic: { username: "u", password: "p" }, bearer: "tok-1", apiKey: "key-1" },
    });
    await unwrap(client.POST("/token", { body: { grant_type: "x", subject_token: "s" } }));
    const headers = lastHeaders();
    expect(headers.authorization).toBeUndefined();
    expect(headers["x-api-key"]).toBeUndefined();
    expect(headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.requests.at(-1)?.body).toBe("grant_type=x&subject_token=s");
  });

  it("encodes Basic as base64 of the UTF-8 bytes of user:pass, non-ASCII included", async () => {
    const client = testClient(server.url, { auth: { basic: { username: "jürgen", password: "pä$$→🔑" } } });
    await getItem(client);
    const header = String(lastHeaders().authorization);
    expect(header.startsWith("Basic ")).toBe(true);
    expect(Buffer.from(header.slice(6), "base64").toString("utf8")).toBe("jürgen:pä$$→🔑");
  });

  it("puts a bearer token in Authorization and an API key in its own header", async () => {
    await getItem(testClient(server.url, { auth: { bearer: "b-123" } }));
    expect(lastHeaders().authorization).toBe("Bearer b-123");
    await getItem(testClient(server.url, { auth: { apiKey: "k-456" } }));
    expect(lastHeaders()["x-api-key"]).toBe("k-456");
    expect(lastHeaders().authorization).toBeUndefined();
  });

  it("reads a token from a string, a sync function, an async function and a token provider", async () => {
    const sync = vi.fn(() => "from-sync");
    const asyncSource = vi.fn(async () => "from-async");
    const provider = new TokenCache({ mint: async () => ({ token: "from-provider", expiresIn: 600 }) });
    const seen: string[] = [];
    for (const bearer of ["from-string", sync, asyncSource, provider]) {
      await getItem(testClient(server.url, { auth: { bearer } }));
      seen.push(String(lastHeaders().authorization));
    }
    expect(seen).toEqual([
      "Bearer from-string",
      "Bearer from-sync",
      "Bearer from-async",
      "Bearer from-provider",
    ]);
    // A function is called per request, so a rotated file is picked up.
    const client = testClient(server.url, { auth: { bearer: sync } });
    await getItem(client);
    await getItem(client);
    expect(sync).toHaveBeenCalledTimes(3);
  });

  it("reports a token source that throws or returns nothing as a TokenError, without sending", async () => {
    const failing = testClient(server.url, {
      auth: {
        bearer: () => {
          throw new Error("file not found");
        },
      },
    });
    const error = await getItem(failing).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).message).toContain('"bearer"');
    const empty = testClient(server.url, { auth: { bearer: async () => "" } });
    await expect(getItem(empty)).rejects.toBeInstanceOf(TokenError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("missing credentials", () => {
  it("fails before any network I/O, naming the operation and the schemes it accepts", async () => {
    const fetch = vi.fn(globalThis.fetch);
    const client = testClient(server.url, { fetch, auth: { bearer: "only-bearer" } });
    const error = await client
      .PATCH("/items/{id}/refresh", { params: { path: { id: "a" } }, body: { reason: "r" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    const missing = error as MissingCredentialError;
    expect(missing.message).toContain("refreshItem");
    expect(missing.message).toContain('"apiKey"');
    expect(missing.message).toContain('"basic"');
    expect(missing.acceptedSchemes).toEqual([["apiKey"], ["basic"]]);
    expect(missing.operationId).toBe("refreshItem");
    expect(fetch).not.toHaveBeenCalled();
    expect(server.requests).toHaveLength(0);
  });

  it("treats an undefined entry as not configured", async () => {
    const client = testClient(server.url, { auth: { bearer: undefined } });
    await expect(getItem(client)).rejects.toBeInstanceOf(MissingCredentialError);
    expect(server.requests).toHaveLength(0);
  });
});

describe("plain http", () => {
  const remote = "http://api.example.test";

  it("refuses to send credentials to a non-loopback host over http:// and says how to opt out", async () => {
    const fetch = vi.fn(async () => new Response("{}", { status: 200 }));
    const client = testClient(remote, { fetch, auth: { bearer: "secret-token" } });
    const error = await getItem(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureTransportError);
    expect((error as Error).message).toContain("allowInsecureHttp");
    expect((error as Error).message).not.toContain("secret-token");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("sends them with allowInsecureHttp, over https, to loopback, and never blocks security []", async () => {
    const seen: (string | null)[] = [];
    const fetch = async (request: Request) => {
      seen.push(request.headers.get("authorization"));
      return Response.json({ id: "x", access_token: "t", expires_in: 1 });
    };
    await getItem(testClient(remote, { fetch, auth: { bearer: "a" }, allowInsecureHttp: true }));
    await getItem(testClient("https://api.example.test", { fetch, auth: { bearer: "b" } }));
    await getItem(testClient("http://localhost:1", { fetch, auth: { bearer: "c" } }));
    await getItem(testClient("http://[::1]:1", { fetch, auth: { bearer: "d" } }));
    await unwrap(
      testClient(remote, { fetch, auth: { bearer: "e" } }).POST("/token", {
        body: { grant_type: "g", subject_token: "s" },
      }),
    );
    expect(seen).toEqual(["Bearer a", "Bearer b", "Bearer c", "Bearer d", null]);
  });
});
