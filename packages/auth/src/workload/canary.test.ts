import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type SeenRequest, startServer, type TestServer } from "../test-support/server.js";
import { TokenCache } from "../token-cache.js";
import { readTokenSource } from "../token-source.js";
import { jwtFromEnv } from "./env.js";
import { WorkloadTokenError } from "./errors.js";
import { jwtFromFile } from "./file.js";
import { githubActionsIdToken } from "./github-actions.js";
import { gitlabCiIdToken } from "./gitlab.js";
import { kubernetesServiceAccountToken } from "./kubernetes.js";
import type { WorkloadTokenSource } from "./workload-token-source.js";

/**
 * A request token and ID tokens carrying a canary: every failure below must be reported without it,
 * in any rendering of the error (message, stack, cause, inspect, JSON) and in anything logged.
 */
const CANARY = `CANARY${randomUUID().replaceAll("-", "")}`;
const REQUEST_TOKEN = `rt-${CANARY}`;

const CONSOLE_METHODS = ["log", "info", "warn", "error", "debug", "trace"] as const;
const spies = CONSOLE_METHODS.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
/** Tokens that fail the checks, each with the canary in a different place. */
const BAD_TOKENS: [string, string][] = [
  ["expired, canary in a claim", `${part({ alg: "RS256" })}.${part({ sub: CANARY, exp: 1 })}.c2ln`],
  ["no exp, canary in a claim", `${part({ alg: "RS256" })}.${part({ sub: CANARY })}.c2ln`],
  ["canary as the signature, expired", `${part({ alg: "RS256" })}.${part({ exp: 1 })}.${CANARY}`],
  ["two segments", `${part({ alg: "RS256" })}.${CANARY}`],
  ["canary as plain text", CANARY],
  ["payload not JSON", `${part({ alg: "RS256" })}.${Buffer.from(`{${CANARY}`).toString("base64url")}.c2ln`],
];

/** The runner's endpoint, echoing the request token everywhere a server could. */
const ECHOES: [
  string,
  (request: SeenRequest) => { status: number; body: string; headers?: Record<string, string> },
][] = [
  ["401 echoing the header", (r) => ({ status: 401, body: `bad ${r.headers.authorization}` })],
  [
    "403 echoing JSON-escaped and URL-encoded",
    (r) => {
      const token = String(r.headers.authorization).slice(7);
      return {
        status: 403,
        body: JSON.stringify({ message: `refused ${token}`, enc: encodeURIComponent(`${token}/`) }),
      };
    },
  ],
  [
    "500 echoing base64",
    (r) => ({ status: 500, body: Buffer.from(String(r.headers.authorization)).toString("base64") }),
  ],
  [
    "302 to a URL with the token",
    (r) => ({
      status: 302,
      body: "",
      headers: { location: `https://evil.example/?t=${r.headers.authorization}` },
    }),
  ],
  ["200 that is not JSON, echoing", (r) => ({ status: 200, body: `<html>${r.headers.authorization}` })],
  [
    "200 without value, echoing",
    (r) => ({ status: 200, body: JSON.stringify({ v: r.headers.authorization }) }),
  ],
  ...BAD_TOKENS.map(
    ([label, token]): [string, (request: SeenRequest) => { status: number; body: string }] => [
      `200 with a token that is ${label}`,
      () => ({ status: 200, body: JSON.stringify({ value: token }) }),
    ],
  ),
];

let runner: TestServer;
let reply: (request: SeenRequest) => { status: number; body: string; headers?: Record<string, string> };
let dir: string;
beforeAll(async () => {
  runner = await startServer((request, res) => {
    const { status, body, headers } = reply(request);
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  });
  dir = await mkdtemp(join(tmpdir(), "idclients-canary-"));
});
afterAll(async () => {
  await runner.close();
  await rm(dir, { recursive: true, force: true });
  for (const spy of spies) spy.mockRestore();
});

const errors: { path: string; error: unknown }[] = [];

/** Runs `source` directly and inside another token cache (the way confluentSts consumes it). */
async function capture(path: string, source: WorkloadTokenSource) {
  const direct = await source.getToken().catch((e: unknown) => e);
  expect(direct, path).toBeInstanceOf(WorkloadTokenError);
  errors.push({ path, error: direct });
  const consumer = new TokenCache({
    name: "exchanged token",
    mint: async () => ({ token: await readTokenSource(source), expiresIn: 60 }),
  });
  errors.push({ path: `${path} (consumed)`, error: await consumer.getToken().catch((e: unknown) => e) });
}

describe("no workload token failure reveals a token or the request token", () => {
  it("GitHub Actions: every echo and every bad token", async () => {
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${runner.url}/idtoken?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN,
    };
    for (const [label, echo] of ECHOES) {
      reply = echo;
      await capture(
        `github ${label}`,
        githubActionsIdToken({ audience: "a", env, retryDelayMs: 1, maxRetries: 1 }),
      );
    }
    // Refused before any request: the token is set, the URL is not usable.
    for (const url of [undefined, "http://runner.example.com/x", "https://u:p@runner.example.com/x"]) {
      await capture(
        `github url ${url}`,
        githubActionsIdToken({
          audience: "a",
          env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
        }),
      );
    }
    expect(runner.requests.length).toBeGreaterThan(ECHOES.length);
  });

  it("GitLab CI and environment variables: every bad token", async () => {
    for (const [label, token] of BAD_TOKENS) {
      await capture(`gitlab ${label}`, gitlabCiIdToken({ variable: "ID_TOKEN", env: { ID_TOKEN: token } }));
      await capture(`env ${label}`, jwtFromEnv({ variable: "JWT", env: { JWT: token } }));
    }
  });

  it("token files and Kubernetes: every bad token", async () => {
    for (const [index, [label, token]] of BAD_TOKENS.entries()) {
      const path = join(dir, `token-${index}`);
      await writeFile(path, token);
      await capture(`file ${label}`, jwtFromFile({ path }));
      await capture(`kubernetes ${label}`, kubernetesServiceAccountToken({ path }));
    }
  });

  it("nothing rendered or logged contains the canary", () => {
    expect(errors.length).toBeGreaterThan(60);
    for (const { path, error } of errors) {
      expect(error, path).toBeInstanceOf(Error);
      const renderings = [
        inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
        JSON.stringify(error),
        String(error),
        (error as Error).message,
        String((error as Error).stack),
        String(((error as Error).cause as Error | undefined)?.stack),
      ];
      for (const text of renderings) expect(text, path).not.toContain(CANARY);
    }
    // The echoes did reach the client: the scrubbed request token shows as [redacted].
    const echoed = errors.find((entry) => entry.path === "github 401 echoing the header");
    expect(String((echoed?.error as Error | undefined)?.message)).toContain("[redacted]");
    const logged = spies.flatMap((spy) => spy.mock.calls.map((args) => inspect(args, { depth: null })));
    expect(logged.join("\n")).not.toContain(CANARY);
  });
});
