import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiClient, unwrap } from "./client.js";
import {
  type AuthConfig,
  assertSecureTarget,
  chooseSchemes,
  headerValueProblem,
  isTokenProvider,
  resolveCredentials,
  validateAuth,
} from "./credentials.js";
import {
  AbortError,
  ConfigurationError,
  InsecureTransportError,
  MissingCredentialError,
  TokenError,
} from "./errors.js";
import { type paths, type TestAuth, testClient, testMeta } from "./test-support/meta.js";
import { json, startServer, type TestServer } from "./test-support/server.js";
import { TokenCache } from "./token-cache.js";
import type { OperationMeta, SecuritySchemeMeta } from "./types.js";

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
    // security [] sends no credential, so plain http is fine, as long as no secret field rides along.
    const meta = testMeta();
    const exchange = meta.operations["POST /token"]!;
    const withoutSecrets = createApiClient<paths, TestAuth>(
      {
        ...meta,
        operations: {
          ...meta.operations,
          "POST /token": { ...exchange, secretRequestFields: [], secretResponseFields: [] },
        },
      },
      remote,
      { fetch, auth: { bearer: "e" } },
    );
    await unwrap(withoutSecrets.POST("/token", { body: { grant_type: "g", subject_token: "s" } }));
    expect(seen).toEqual(["Bearer a", "Bearer b", "Bearer c", "Bearer d", null]);
  });

  it("refuses secret fields (security []) over plain http to a non-loopback host, before any request", async () => {
    const fetch = vi.fn(async () => Response.json({ access_token: "t", expires_in: 1 }));
    const client = testClient(remote, { fetch, auth: { bearer: "e" } });
    const error = await client
      .POST("/token", { body: { grant_type: "g", subject_token: "subject-SECRET" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsecureTransportError);
    expect((error as Error).message).toBe(
      "Refusing to send secret fields for exchangeToken over plain http:// to api.example.test; use https:// or create the client with `allowInsecureHttp: true`",
    );
    expect(fetch).not.toHaveBeenCalled();
    const allowed = testClient(remote, { fetch, allowInsecureHttp: true });
    await unwrap(allowed.POST("/token", { body: { grant_type: "g", subject_token: "s" } }));
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

const SCHEMES = {
  basic: { kind: "basic" },
  bearer: { kind: "bearer" },
  apiKey: { kind: "apiKey", in: "header", name: "X-API-Key" },
  queryKey: { kind: "apiKey", in: "query", name: "key" },
  cookieKey: { kind: "apiKey", in: "cookie", name: "session" },
} as const satisfies Record<string, SecuritySchemeMeta>;

/** The ConfigurationError `validateAuth` throws for `auth`, or undefined. */
function authProblem(auth: unknown): ConfigurationError | undefined {
  try {
    validateAuth("ica", SCHEMES, auth as AuthConfig);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return error as ConfigurationError;
  }
}

describe("validateAuth", () => {
  it("accepts no auth, and unset entries", () => {
    expect(authProblem(undefined)).toBeUndefined();
    expect(authProblem(null)).toBeUndefined();
    expect(authProblem({})).toBeUndefined();
    expect(authProblem({ bearer: undefined, basic: null, nope: undefined })).toBeUndefined();
  });

  it("refuses auth that is not an object", () => {
    for (const auth of ["token", 5, true]) {
      const error = authProblem(auth);
      expect(error?.setting).toBe("auth");
      expect(error?.provider).toBe("ica");
      expect(error?.message).toBe("auth must be an object keyed by security scheme name");
    }
  });

  it("refuses a name that is not a scheme of the provider, inherited names included", () => {
    const error = authProblem({ bearerAuth: "t" });
    expect(error?.setting).toBe('auth["bearerAuth"]');
    expect(error?.provider).toBe("ica");
    expect(error?.message).toBe(
      'auth["bearerAuth"] is not a security scheme of ica (known: "basic", "bearer", "apiKey", "queryKey", "cookieKey")',
    );
    expect(authProblem({ toString: "t" })?.setting).toBe('auth["toString"]');
    expect(authProblem({ constructor: "t" })?.setting).toBe('auth["constructor"]');
  });

  it.each([
    ["a string", "user:pass", "must be { username, password } (two strings)"],
    ["no password", { username: "u" }, "must be { username, password } (two strings)"],
    ["a numeric password", { username: "u", password: 1 }, "must be { username, password } (two strings)"],
    ["a numeric username", { username: 1, password: "p" }, "must be { username, password } (two strings)"],
    ["an empty username", { username: "", password: "p" }, "has an empty username"],
    ["an empty password", { username: "u", password: "" }, "has an empty password"],
    [
      "':' in the username",
      { username: "a:b", password: "p" },
      "has a username containing ':', which Basic authentication cannot carry",
    ],
  ])("refuses Basic credentials with %s", (_case, basic, problem) => {
    const error = authProblem({ basic });
    expect(error?.setting).toBe('auth["basic"]');
    expect(error?.message).toBe(`auth["basic"] ${problem}`);
  });

  it("accepts Basic credentials with ':' or spaces in the password", () => {
    expect(authProblem({ basic: { username: "u", password: "p:a ss" } })).toBeUndefined();
  });

  it("refuses an API key that does not go in a header", () => {
    expect(authProblem({ queryKey: "k" })?.message).toBe(
      'auth["queryKey"] is an API key in query, which this client does not send (header only)',
    );
    expect(authProblem({ cookieKey: "k" })?.message).toBe(
      'auth["cookieKey"] is an API key in cookie, which this client does not send (header only)',
    );
    expect(authProblem({ queryKey: () => "k" })?.setting).toBe('auth["queryKey"]');
  });

  it.each([
    ["", "is empty"],
    ["   ", "is empty"],
    ["\t", "is empty"],
    ["tok\nen", "contains a control character (CR, LF, NUL, tab...)"],
    ["tok\ren", "contains a control character (CR, LF, NUL, tab...)"],
    ["tok\u0000en", "contains a control character (CR, LF, NUL, tab...)"],
    ["tok\ten", "contains a control character (CR, LF, NUL, tab...)"],
    ["tok\u001fen", "contains a control character (CR, LF, NUL, tab...)"],
    ["tok\u007fen", "contains a control character (CR, LF, NUL, tab...)"],
    ["tok\u0100en", "contains a character outside Latin-1"],
    ["tok🔑en", "contains a character outside Latin-1"],
  ])("refuses the static token %j: %s, without quoting it", (token, problem) => {
    for (const scheme of ["bearer", "apiKey"]) {
      const error = authProblem({ [scheme]: token });
      expect(error?.setting).toBe(`auth["${scheme}"]`);
      expect(error?.message).toBe(`auth["${scheme}"] ${problem}`);
    }
  });

  it("accepts static tokens of printable Latin-1, inner spaces included", () => {
    expect(authProblem({ bearer: "a b~\u0020\u007e\u0080\u00e9\u00ff" })).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ["a number", 42],
    ["a boolean", true],
    ["an object without getToken", { invalidate: () => undefined }],
    ["an object without invalidate", { getToken: async () => "t" }],
    ["an object with a non-function getToken", { getToken: "t", invalidate: () => undefined }],
  ])("refuses %s as a token", (_case, value) => {
    expect(authProblem({ bearer: value })?.message).toBe(
      'auth["bearer"] must be a string, a function returning the token, or a token provider',
    );
  });

  it("accepts token functions and token providers", () => {
    expect(authProblem({ bearer: () => "t", apiKey: async () => "k" })).toBeUndefined();
    expect(
      authProblem({ bearer: { getToken: async () => "t", invalidate: () => undefined } }),
    ).toBeUndefined();
  });

  it("runs when a client is created", () => {
    expect(() => testClient(server.url, { auth: { bearer: "" } })).toThrow(ConfigurationError);
  });
});

describe("headerValueProblem", () => {
  it("names the problem, or gives undefined for a usable value", () => {
    expect(headerValueProblem("ok-value")).toBeUndefined();
    expect(headerValueProblem(" padded ")).toBeUndefined();
    expect(headerValueProblem("")).toBe("is empty");
    expect(headerValueProblem(" \t ")).toBe("is empty");
    expect(headerValueProblem("a\u0000")).toBe("contains a control character (CR, LF, NUL, tab...)");
    expect(headerValueProblem("a\u001f")).toBe("contains a control character (CR, LF, NUL, tab...)");
    expect(headerValueProblem("a\u0020")).toBeUndefined();
    expect(headerValueProblem("a\u007e")).toBeUndefined();
    expect(headerValueProblem("a\u007f")).toBe("contains a control character (CR, LF, NUL, tab...)");
    expect(headerValueProblem("a\u00ff")).toBeUndefined();
    expect(headerValueProblem("a\u0100")).toBe("contains a character outside Latin-1");
    // Wherever the character sits: first, last, or between.
    expect(headerValueProblem("\nabc")).toBe("contains a control character (CR, LF, NUL, tab...)");
    expect(headerValueProblem("\u0100abc")).toBe("contains a character outside Latin-1");
    expect(headerValueProblem("ab\rc")).toBe("contains a control character (CR, LF, NUL, tab...)");
  });
});

describe("resolveCredentials", () => {
  const op = (security: string[][]): OperationMeta => ({
    operationId: "op",
    method: "GET",
    path: "/x",
    security,
    safeToRetry: true,
    accept: "application/json",
    contentType: null,
  });
  const resolve = (security: string[][], auth: AuthConfig | undefined, signal?: AbortSignal) =>
    resolveCredentials({ provider: "ica", meta: op(security), schemes: SCHEMES, auth, signal });

  it("resolves fixed values at once, without a promise", () => {
    const bearer = resolve([["bearer"]], { bearer: "tok-1" });
    expect(bearer).not.toBeInstanceOf(Promise);
    expect(bearer).toEqual({
      headers: [["authorization", "Bearer tok-1"]],
      secrets: ["tok-1"],
      providers: [],
    });
    expect(resolve([["apiKey"]], { apiKey: "key-1" })).toEqual({
      headers: [["X-API-Key", "key-1"]],
      secrets: ["key-1"],
      providers: [],
    });
    const header = `Basic ${Buffer.from("u:p-1").toString("base64")}`;
    expect(resolve([["basic"]], { basic: { username: "u", password: "p-1" } })).toEqual({
      headers: [["authorization", header]],
      secrets: [header, "u:p-1", "p-1"],
      providers: [],
    });
  });

  it("puts every scheme of an alternative that needs several", () => {
    const resolved = resolve([["bearer", "apiKey"]], { bearer: "b-1", apiKey: "k-1" });
    expect(resolved).toEqual({
      headers: [
        ["authorization", "Bearer b-1"],
        ["X-API-Key", "k-1"],
      ],
      secrets: ["b-1", "k-1"],
      providers: [],
    });
  });

  it("skips an alternative with a missing or null part", () => {
    const resolved = resolve([["bearer", "apiKey"], ["basic"]], {
      bearer: "b-1",
      apiKey: null as unknown as undefined,
      basic: { username: "u", password: "p" },
    });
    expect((resolved as { headers: [string, string][] }).headers[0]?.[1]).toMatch(/^Basic /);
  });

  it("gives no credentials, the same frozen object, for security []", () => {
    const none = resolve([], { bearer: "b" });
    expect(none).toEqual({ headers: [], secrets: [], providers: [] });
    expect(resolve([], undefined)).toBe(none);
    expect(Object.isFrozen(none)).toBe(true);
  });

  it("throws MissingCredentialError synchronously when no alternative is configured", () => {
    expect(() =>
      resolve([["bearer"], ["basic", "apiKey"]], { basic: { username: "u", password: "p" } }),
    ).toThrow(MissingCredentialError);
    try {
      resolve([["bearer"], ["basic", "apiKey"]], undefined);
    } catch (error) {
      expect((error as MissingCredentialError).acceptedSchemes).toEqual([["bearer"], ["basic", "apiKey"]]);
      expect((error as MissingCredentialError).message).toBe(
        'op needs credentials for "bearer" or "basic" + "apiKey", but the client has none of them (pass them in `auth`)',
      );
    }
  });

  it("computes Basic again when the same credentials object changes", () => {
    const basic = { username: "u", password: "first" };
    const first = resolve([["basic"]], { basic }) as { headers: [string, string][] };
    basic.password = "second";
    const second = resolve([["basic"]], { basic }) as { headers: [string, string][] };
    expect(second.headers[0]?.[1]).toBe(`Basic ${Buffer.from("u:second").toString("base64")}`);
    expect(first.headers[0]?.[1]).toBe(`Basic ${Buffer.from("u:first").toString("base64")}`);
  });

  it("asks token functions and providers, recording only providers", async () => {
    const signal = new AbortController().signal;
    const getToken = vi.fn(async () => "from-provider");
    const provider = { getToken, invalidate: vi.fn() };
    const pending = resolve(
      [["bearer", "apiKey"]],
      { bearer: provider, apiKey: async () => "from-fn" },
      signal,
    );
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toEqual({
      headers: [
        ["authorization", "Bearer from-provider"],
        ["X-API-Key", "from-fn"],
      ],
      secrets: ["from-provider", "from-fn"],
      providers: [{ provider, token: "from-provider" }],
    });
    expect(getToken).toHaveBeenCalledWith({ signal });
    await resolve([["bearer"]], { bearer: provider });
    expect(getToken).toHaveBeenLastCalledWith({});
  });

  it.each([
    ["a number", 42, 'The token source for "bearer" returned no token'],
    ["undefined", undefined, 'The token source for "bearer" returned no token'],
    ["an empty string", "", 'The token source for "bearer" returned no token'],
    [
      "a token with a newline",
      "SECRET-tok\nen",
      'The token for "bearer" contains a control character (CR, LF, NUL, tab...); it was not sent',
    ],
    ["blanks", "   ", 'The token for "bearer" is empty; it was not sent'],
    [
      "a token beyond Latin-1",
      "SECRET-tok→en",
      'The token for "bearer" contains a character outside Latin-1; it was not sent',
    ],
  ])(
    "refuses %s from a token source with a TokenError that does not quote it",
    async (_case, token, message) => {
      for (const bearer of [
        async () => token as string,
        { getToken: async () => token as string, invalidate: () => undefined },
      ]) {
        const error = await (resolve([["bearer"]], { bearer }) as Promise<unknown>).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TokenError);
        expect((error as Error).message).toBe(message);
        expect((error as Error).message).not.toContain("SECRET");
      }
    },
  );

  it("passes on an IdClientsError from a token source, and wraps anything else with its cause", async () => {
    const aborted = new AbortError("stopped");
    const passed = await (
      resolve([["bearer"]], {
        bearer: { getToken: () => Promise.reject(aborted), invalidate: () => undefined },
      }) as Promise<unknown>
    ).catch((e: unknown) => e);
    expect(passed).toBe(aborted);
    const cause = new RangeError("disk");
    const wrapped = await (
      resolve([["bearer"]], {
        bearer: () => {
          throw cause;
        },
      }) as Promise<unknown>
    ).catch((e: unknown) => e);
    expect(wrapped).toBeInstanceOf(TokenError);
    expect((wrapped as TokenError).message).toBe('Could not read the token for "bearer"');
    expect((wrapped as TokenError).cause).toBe(cause);
  });
});

describe("chooseSchemes and isTokenProvider", () => {
  it("picks the first complete alternative", () => {
    const meta = { security: [["bearer"], ["basic", "apiKey"], ["apiKey"]] } as unknown as OperationMeta;
    expect(chooseSchemes(meta, { apiKey: "k" })).toEqual(["apiKey"]);
    expect(chooseSchemes(meta, { apiKey: "k", basic: { username: "u", password: "p" } })).toEqual([
      "basic",
      "apiKey",
    ]);
    expect(chooseSchemes(meta, {})).toBeUndefined();
    expect(chooseSchemes(meta, undefined)).toBeUndefined();
    expect(chooseSchemes({ security: [] } as unknown as OperationMeta, undefined)).toEqual([]);
  });

  it("recognises a token provider by its two methods", () => {
    expect(isTokenProvider({ getToken: () => "", invalidate: () => undefined })).toBe(true);
    expect(isTokenProvider({ getToken: () => "" })).toBe(false);
    expect(isTokenProvider({ invalidate: () => undefined })).toBe(false);
    expect(isTokenProvider(null)).toBe(false);
    expect(isTokenProvider(() => "t")).toBe(false);
  });
});

describe("assertSecureTarget", () => {
  const check = (url: string, allowInsecureHttp = false) =>
    assertSecureTarget(new URL(url), {
      provider: "ica",
      operationId: "op",
      allowInsecureHttp,
      what: "credentials",
    });

  it.each([
    "https://api.example.test/x",
    "http://localhost:8080/x",
    "http://LOCALHOST/x",
    "http://127.0.0.1:1/x",
    "http://127.255.0.9/x",
    "http://[::1]:3000/x",
  ])("lets %s through", (url) => {
    expect(() => check(url)).not.toThrow();
  });

  it.each([
    "http://api.example.test/x",
    "http://10.0.0.1/x",
    "http://0.0.0.0/x",
    "http://localhost.example.test/x",
    "http://evil-localhost/x",
    "http://127.0.0.1.example.test/x",
    "http://[::ffff:127.0.0.1]/x",
    "http://[::2]/x",
  ])("refuses %s, unless allowInsecureHttp", (url) => {
    let error: unknown;
    try {
      check(url);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InsecureTransportError);
    expect((error as InsecureTransportError).provider).toBe("ica");
    expect((error as InsecureTransportError).operationId).toBe("op");
    expect((error as Error).message).toBe(
      `Refusing to send credentials for op over plain http:// to ${new URL(url).host}; use https:// or create the client with \`allowInsecureHttp: true\``,
    );
    expect(() => check(url, true)).not.toThrow();
  });
});
