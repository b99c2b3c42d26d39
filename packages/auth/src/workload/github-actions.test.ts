import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { AbortError, ConfigurationError, TokenError } from "../errors.js";
import { json, type SeenRequest, startServer, type TestServer } from "../test-support/server.js";
import { TokenCache } from "../token-cache.js";
import { readTokenSource } from "../token-source.js";
import { InvalidWorkloadJwtError, WorkloadIdentityMissingError, WorkloadTokenError } from "./errors.js";
import { githubActionsIdToken } from "./github-actions.js";

/** An unsigned JWT with the given claims; the sources never verify signatures. */
function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

const REQUEST_TOKEN = "runner-request-token-0123456789";
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** How the fake runner endpoint answers next: by default a token for the requested audience. */
let answer: (request: SeenRequest, res: Parameters<Parameters<typeof startServer>[0]>[1]) => void;
let issued = 0;
const defaultAnswer: typeof answer = (request, res) => {
  const url = new URL(request.url, "http://runner");
  if (request.headers.authorization !== `Bearer ${REQUEST_TOKEN}`) return json(res, 401, { message: "no" });
  issued += 1;
  json(res, 200, {
    value: jwt({ aud: url.searchParams.get("audience"), n: issued, exp: nowSeconds() + 300 }),
  });
};

let runner: TestServer;
let elsewhere: TestServer;
beforeAll(async () => {
  runner = await startServer((request, res) => answer(request, res));
  elsewhere = await startServer((_request, res) =>
    json(res, 200, { value: jwt({ exp: nowSeconds() + 300 }) }),
  );
});
afterAll(async () => {
  await Promise.all([runner.close(), elsewhere.close()]);
});

function envFor(server: TestServer = runner) {
  return {
    ACTIONS_ID_TOKEN_REQUEST_URL: `${server.url}/_apis/idtoken?api-version=2.0`,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
  };
}

function fresh() {
  runner.requests.length = 0;
  elsewhere.requests.length = 0;
  issued = 0;
  answer = defaultAnswer;
}

const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString()) as Record<string, unknown>;

describe("githubActionsIdToken", () => {
  it("requests the token for the audience from the runner's URL with the request token as bearer", async () => {
    fresh();
    const token = await githubActionsIdToken({ audience: "confluent", env: envFor() }).getToken();
    expect(claimsOf(token).aud).toBe("confluent");
    expect(runner.requests).toHaveLength(1);
    const [request] = runner.requests;
    expect(request?.method).toBe("GET");
    // The runner's own query (api-version) is kept; the audience is added as GitHub documents.
    expect(request?.url).toBe("/_apis/idtoken?api-version=2.0&audience=confluent");
    expect(request?.headers.authorization).toBe(`Bearer ${REQUEST_TOKEN}`);
    expect(request?.headers.accept).toBe("application/json");
  });

  it("URL-encodes the audience", async () => {
    fresh();
    const token = await githubActionsIdToken({
      audience: "https://infisical.example.com/api&x=1",
      env: envFor(),
    }).getToken();
    expect(claimsOf(token).aud).toBe("https://infisical.example.com/api&x=1");
  });

  it("is a token source function and a token provider", async () => {
    fresh();
    const source = githubActionsIdToken({ audience: "a", env: envFor() });
    expect(typeof source).toBe("function");
    const viaFunction = await readTokenSource(source);
    expect(await source.getToken()).toBe(viaFunction);
    expect(await source()).toBe(viaFunction);
    expect(source.fetches).toBe(1);
    expect(source.description).toBe("GitHub Actions ID token");
  });

  it("caches the token until shortly before its exp, then fetches a new one", async () => {
    fresh();
    let now = Date.now();
    const source = githubActionsIdToken({
      audience: "a",
      env: envFor(),
      refreshMarginSeconds: 60,
      now: () => now,
    });
    const first = await source.getToken();
    const exp = claimsOf(first).exp as number;
    expect(source.peek()?.expiresAt).toBe(exp * 1000);
    now = (exp - 61) * 1000;
    expect(await source.getToken()).toBe(first);
    expect(runner.requests).toHaveLength(1);
    now = (exp - 60) * 1000;
    const second = await source.getToken();
    expect(second).not.toBe(first);
    expect(runner.requests).toHaveLength(2);
  });

  it("single flight: concurrent callers share one request", async () => {
    fresh();
    answer = (request, res) => setTimeout(() => defaultAnswer(request, res), 50);
    const source = githubActionsIdToken({ audience: "a", env: envFor() });
    const tokens = await Promise.all(Array.from({ length: 25 }, () => source.getToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(runner.requests).toHaveLength(1);
    expect(source.fetches).toBe(1);
  });

  it("invalidate drops the token so that the next call fetches a new one", async () => {
    fresh();
    const source = githubActionsIdToken({ audience: "a", env: envFor() });
    const first = await source.getToken();
    source.invalidate(first);
    expect(await source.getToken()).not.toBe(first);
    expect(runner.requests).toHaveLength(2);
  });

  describe("a job without id-token: write", () => {
    it.each([
      [{}, ["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"]],
      [{ ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN }, ["ACTIONS_ID_TOKEN_REQUEST_URL"]],
      [
        {
          ACTIONS_ID_TOKEN_REQUEST_URL: "https://runner.example/x?a=1",
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: "  ",
        },
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"],
      ],
    ])("%o → WorkloadIdentityMissingError naming %o and the permission", async (env, missing) => {
      const fetch = vi.fn();
      const error = await githubActionsIdToken({ audience: "a", env, fetch })
        .getToken()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkloadIdentityMissingError);
      expect(error).toBeInstanceOf(TokenError);
      const missingError = error as WorkloadIdentityMissingError;
      expect(missingError.variables).toEqual(missing);
      expect(missingError.origin).toBe("github-actions");
      for (const name of missing) expect(missingError.message).toContain(name);
      expect(missingError.message).toContain("id-token: write");
      expect(missingError.message).not.toContain(REQUEST_TOKEN);
      expect(fetch).not.toHaveBeenCalled();
    });

    it("reads process.env when no env is given", async () => {
      fresh();
      const saved = { ...process.env };
      try {
        Object.assign(process.env, envFor());
        expect(await githubActionsIdToken({ audience: "from-process" }).getToken()).toContain(".");
        delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
        delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
        await expect(githubActionsIdToken({ audience: "a" }).getToken()).rejects.toBeInstanceOf(
          WorkloadIdentityMissingError,
        );
      } finally {
        for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
        Object.assign(process.env, saved);
      }
    });
  });

  describe("the request token goes only to the URL the runner gave", () => {
    it.each([
      ["http://runner.example.com/idtoken?api-version=2.0", /https/],
      ["ftp://127.0.0.1/idtoken", /https/],
      ["not a url", /not an absolute URL/],
      ["https://user:pw@runner.example.com/x?y=1", /user:password/],
    ])("%s is refused before any request", async (url, message) => {
      const fetch = vi.fn();
      const error = await githubActionsIdToken({
        audience: "a",
        env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
        fetch,
      })
        .getToken()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkloadTokenError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain(REQUEST_TOKEN);
      expect(fetch).not.toHaveBeenCalled();
    });

    it("allows plain http to loopback (the fakes) and https anywhere", async () => {
      const fetch = vi.fn(async () => Response.json({ value: jwt({ exp: nowSeconds() + 300 }) }));
      for (const url of ["http://localhost:1/x?a=1", "http://[::1]:1/x", "https://runner.example/x?a=1"]) {
        await githubActionsIdToken({
          audience: "a",
          env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
          fetch,
        }).getToken();
      }
      expect(fetch).toHaveBeenCalledTimes(3);
    });

    it("does not follow a redirect: the other host receives nothing", async () => {
      fresh();
      answer = (_request, res) => {
        res.writeHead(302, { location: `${elsewhere.url}/steal` });
        res.end();
      };
      const error = await githubActionsIdToken({ audience: "a", env: envFor() })
        .getToken()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkloadTokenError);
      expect((error as WorkloadTokenError).status).toBe(302);
      expect((error as Error).message).toMatch(/redirect/);
      expect(elsewhere.requests).toHaveLength(0);
    });
  });

  describe("failures of the runner's endpoint", () => {
    it("retries a 5xx and a 429, then succeeds", async () => {
      fresh();
      answer = (request, res) => {
        if (runner.requests.length === 1) return json(res, 503, { message: "busy" });
        if (runner.requests.length === 2) return json(res, 429, { message: "slow down" });
        defaultAnswer(request, res);
      };
      const token = await githubActionsIdToken({ audience: "a", env: envFor(), retryDelayMs: 1 }).getToken();
      expect(claimsOf(token).aud).toBe("a");
      expect(runner.requests).toHaveLength(3);
    });

    it("gives up after maxRetries with the last status", async () => {
      fresh();
      answer = (_request, res) => json(res, 500, { message: "down" });
      const error = await githubActionsIdToken({
        audience: "a",
        env: envFor(),
        retryDelayMs: 1,
        maxRetries: 1,
      })
        .getToken()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkloadTokenError);
      expect((error as WorkloadTokenError).status).toBe(500);
      expect((error as Error).message).toContain("answered 500");
      expect(runner.requests).toHaveLength(2);
    });

    it("does not retry a 4xx; the error carries the status and a snippet of the answer", async () => {
      fresh();
      answer = (_request, res) => json(res, 403, { message: "Can't issue ID_TOKEN" });
      const error = await githubActionsIdToken({ audience: "a", env: envFor(), retryDelayMs: 1 })
        .getToken()
        .catch((e: unknown) => e);
      expect((error as WorkloadTokenError).status).toBe(403);
      expect((error as Error).message).toContain("Can't issue ID_TOKEN");
      expect(runner.requests).toHaveLength(1);
    });

    it("retries a connection error", async () => {
      const closed = await startServer(() => undefined);
      await closed.close();
      const error = await githubActionsIdToken({
        audience: "a",
        env: envFor(closed),
        retryDelayMs: 1,
        maxRetries: 1,
      })
        .getToken()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkloadTokenError);
      expect((error as Error).message).toMatch(/no answer from http:\/\/127\.0\.0\.1:\d+ \(fetch failed/);
    });

    it.each([
      ["not JSON", (res: Parameters<typeof json>[0]) => res.end("<html>"), /not JSON/],
      ["no value", (res: Parameters<typeof json>[0]) => json(res, 200, { count: 1 }), /no "value"/],
      ["an empty value", (res: Parameters<typeof json>[0]) => json(res, 200, { value: " " }), /no "value"/],
    ])("an answer with %s is a WorkloadTokenError", async (_label, reply, message) => {
      fresh();
      answer = (_request, res) => reply(res);
      await expect(githubActionsIdToken({ audience: "a", env: envFor() }).getToken()).rejects.toThrow(
        message,
      );
    });

    it("refuses an expired or malformed token with InvalidWorkloadJwtError", async () => {
      fresh();
      answer = (_request, res) => json(res, 200, { value: jwt({ exp: nowSeconds() - 5 }) });
      const expired = await githubActionsIdToken({ audience: "a", env: envFor() })
        .getToken()
        .catch((e: unknown) => e);
      expect(expired).toBeInstanceOf(InvalidWorkloadJwtError);
      expect((expired as InvalidWorkloadJwtError).reason).toBe("expired");
      answer = (_request, res) => json(res, 200, { value: "two.segments" });
      const malformed = await githubActionsIdToken({ audience: "a", env: envFor() })
        .getToken()
        .catch((e: unknown) => e);
      expect((malformed as InvalidWorkloadJwtError).reason).toBe("malformed");
    });

    it("a failed fetch is not cached: the next call tries again", async () => {
      fresh();
      answer = (_request, res) => json(res, 400, {});
      const source = githubActionsIdToken({ audience: "a", env: envFor() });
      await expect(source.getToken()).rejects.toBeInstanceOf(WorkloadTokenError);
      answer = defaultAnswer;
      expect(await source.getToken()).toContain(".");
    });

    it("a stalled endpoint fails after timeoutMs; a caller's signal stops waiting", async () => {
      fresh();
      answer = () => undefined;
      const slow = githubActionsIdToken({ audience: "a", env: envFor(), timeoutMs: 50 });
      const timedOut = await slow.getToken().catch((e: unknown) => e);
      expect(timedOut).toBeInstanceOf(TokenError);
      expect((timedOut as Error).message).toMatch(/no answer within 50 ms/);
      const aborted = await githubActionsIdToken({ audience: "a", env: envFor() })
        .getToken({ signal: AbortSignal.timeout(20) })
        .catch((e: unknown) => e);
      expect(aborted).toBeInstanceOf(AbortError);
    });
  });

  it("checks its options when created", () => {
    expect(() => githubActionsIdToken({ audience: "" })).toThrow(ConfigurationError);
    expect(() => githubActionsIdToken({ audience: " " })).toThrow(ConfigurationError);
    expect(() => githubActionsIdToken({ audience: "a", maxRetries: -1 })).toThrow(ConfigurationError);
    expect(() => githubActionsIdToken({ audience: "a", retryDelayMs: Number.NaN })).toThrow(
      ConfigurationError,
    );
    expect(() => githubActionsIdToken({ audience: "a", timeoutMs: 0 })).toThrow(ConfigurationError);
    // Creating a source needs no runner: the variables are read on first use.
    expect(() => githubActionsIdToken({ audience: "a", env: {} })).not.toThrow();
  });

  it("inside another token cache (as confluentSts uses it), the typed error is the cause", async () => {
    const source = githubActionsIdToken({ audience: "a", env: {} });
    const exchange = new TokenCache({
      name: "exchanged token",
      mint: async () => ({ token: await readTokenSource(source), expiresIn: 60 }),
    });
    const error = await exchange.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as Error).cause).toBeInstanceOf(WorkloadIdentityMissingError);
    expect((error as Error).message).toContain("id-token: write");
  });
});
