// Item 8: caller input. A malformed or credential-carrying baseUrl, an empty credential, a credential
// that cannot be a header value, an out-of-range timeout or retry setting: a ConfigurationError at
// creation (or per call, before any request), a TokenError when a token source yields such a value;
// never a raw TypeError, never the value in the message, nothing sent.
import { confluentSts, createConfluentClient, TokenCache, unwrap } from "@idclients/confluent";
import { createIcaClient, icaJwt } from "@idclients/ica";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";
import { describe, expect, it } from "vitest";
import { attempt, expectError, FAST, type Settled, settle, useServers } from "./harness.js";
import { canary, expectNoSecret } from "./secrets.js";
import { json } from "./server.js";

const s = useServers();

/** The random part of a canary token: it must not appear anywhere, whatever the rest looks like. */
const uuidOf = (token: string) =>
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/.exec(token)?.[0] ?? token;

function expectConfiguration(made: Settled<unknown>, setting: string | RegExp) {
  const error = expectError<{ setting: string; message: string }>(made, "ConfigurationError");
  if (typeof setting === "string") expect(error.setting).toBe(setting);
  else expect(error.setting).toMatch(setting);
  return error;
}

const creators: [string, (options: Record<string, unknown>) => unknown][] = [
  ["createConfluentClient", (o) => createConfluentClient(o)],
  ["createIcaClient", (o) => createIcaClient(o)],
  ["createInfisicalClient", (o) => createInfisicalClient(o)],
  ["icaJwt", (o) => icaJwt({ apiKey: "key-12345678", ...o })],
  ["confluentSts", (o) => confluentSts({ identityPoolId: "pool-1", subjectToken: "subject-1234", ...o })],
  ["infisicalJwtLogin", (o) => infisicalJwtLogin({ identityId: "id-1", jwt: "jwt-12345678", ...o })],
];

describe("8. baseUrl", () => {
  it.each(creators)("%s({ baseUrl: 'not a url' }) -> ConfigurationError (baseUrl)", (_name, create) => {
    expectConfiguration(
      attempt(() => create({ baseUrl: "not a url" })),
      "baseUrl",
    );
  });

  it.each(creators)("%s({ baseUrl: 'ftp://x' }) -> ConfigurationError (baseUrl)", (_name, create) => {
    expectConfiguration(
      attempt(() => create({ baseUrl: "ftp://x" })),
      "baseUrl",
    );
  });

  it.each(creators)(
    "%s with credentials in the baseUrl -> ConfigurationError without the password",
    (_name, create) => {
      const password = canary("urlpw");
      for (const baseUrl of [
        "https://user:s3cr3tpw@host",
        `https://user:${encodeURIComponent(password)}@host.example`,
        `https://${encodeURIComponent(password)}@host.example/base`,
      ]) {
        const error = expectConfiguration(
          attempt(() => create({ baseUrl })),
          "baseUrl",
        );
        expect(error.message).not.toContain("s3cr3tpw");
        expectNoSecret([error], [password, "s3cr3tpw"]);
      }
    },
  );
});

describe("8. credentials", () => {
  const empty: [string, () => unknown, string][] = [
    ["ICA ApiKeyAuth ''", () => createIcaClient({ auth: { ApiKeyAuth: "" } }), 'auth["ApiKeyAuth"]'],
    ["ICA PsTokenAuth ''", () => createIcaClient({ auth: { PsTokenAuth: "" } }), 'auth["PsTokenAuth"]'],
    [
      "ICA BasicAuth, empty username",
      () => createIcaClient({ auth: { BasicAuth: { username: "", password: "pw-1234" } } }),
      'auth["BasicAuth"]',
    ],
    [
      "ICA BasicAuth, empty password",
      () => createIcaClient({ auth: { BasicAuth: { username: "user", password: "" } } }),
      'auth["BasicAuth"]',
    ],
    [
      "Confluent cloud-api-key, empty username",
      () => createConfluentClient({ auth: { "cloud-api-key": { username: "", password: "pw-1234" } } }),
      'auth["cloud-api-key"]',
    ],
    [
      "Confluent cloud-api-key, empty password",
      () => createConfluentClient({ auth: { "cloud-api-key": { username: "key", password: "" } } }),
      'auth["cloud-api-key"]',
    ],
    [
      "Confluent STS bearer ''",
      () => createConfluentClient({ auth: { "confluent-sts-access-token": "" } }),
      'auth["confluent-sts-access-token"]',
    ],
    [
      "Infisical bearerAuth ''",
      () => createInfisicalClient({ auth: { bearerAuth: "" } }),
      'auth["bearerAuth"]',
    ],
  ];

  it.each(empty)("%s -> ConfigurationError at creation", (_label, create, setting) => {
    expectConfiguration(attempt(create), setting);
  });

  const unsafe = (id: string) => [
    `tok-${id}\r\nX-Evil: 1`,
    `tok-${id}\nX-Evil: 1`,
    `tok-${id}\rx`,
    `tok-${id}\u0000x`,
    `tök€n-${id}`,
  ];

  it.each(unsafe("static").map((t) => [JSON.stringify(t), t]))(
    "static token %s -> ConfigurationError at creation, value not quoted",
    (_label, raw) => {
      const token = raw.replace("static", crypto.randomUUID());
      for (const [create, setting] of [
        [() => createIcaClient({ auth: { ApiKeyAuth: token } }), 'auth["ApiKeyAuth"]'],
        [() => createInfisicalClient({ auth: { bearerAuth: token } }), 'auth["bearerAuth"]'],
        [
          () => createConfluentClient({ auth: { "confluent-sts-access-token": token } }),
          'auth["confluent-sts-access-token"]',
        ],
      ] as const) {
        const error = expectConfiguration(attempt(create), setting);
        expectNoSecret([error], [token, uuidOf(token)]);
      }
    },
  );

  const sources: [string, (token: string) => unknown][] = [
    ["a token function", (token) => () => token],
    ["an async token function", (token) => async () => token],
    ["a TokenCache", (token) => new TokenCache({ mint: async () => ({ token, expiresIn: 600 }) })],
  ];
  const dynamic = sources.flatMap(([label, make]) =>
    unsafe("dyn").map((t) => [label, JSON.stringify(t), make, t] as const),
  );

  it.each(dynamic)(
    "%s yielding %s -> TokenError at call time, no TypeError, nothing sent",
    async (_source, _label, make, raw) => {
      const token = raw.replace("dyn", crypto.randomUUID());
      s.server.fallback(json(200, { token: "x" }));
      const ica = createIcaClient({
        baseUrl: s.server.url,
        auth: { ApiKeyAuth: make(token) as string },
        ...FAST,
      });
      const error = expectError(await settle(unwrap(ica.POST("/api/tokens", {}))), "TokenError");
      expect(s.server.requests).toEqual([]);
      expectNoSecret([error], [token, uuidOf(token)]);
    },
  );
});

describe("8. timeouts and retry settings", () => {
  const badTimeouts = [Number.NaN, -1, 0, Number.POSITIVE_INFINITY, 3e9];

  it.each(badTimeouts)(
    "client option timeoutMs: %s -> ConfigurationError (timeoutMs) at creation",
    (timeoutMs) => {
      for (const create of [createConfluentClient, createIcaClient, createInfisicalClient] as ((
        o: object,
      ) => unknown)[]) {
        expectConfiguration(
          attempt(() => create({ baseUrl: s.server.url, timeoutMs })),
          "timeoutMs",
        );
      }
      expect(s.server.requests).toEqual([]);
    },
  );

  it.each(badTimeouts)(
    "per-call timeoutMs: %s -> ConfigurationError (timeoutMs), no request",
    async (timeoutMs) => {
      const confluent = createConfluentClient({
        baseUrl: s.server.url,
        auth: { "cloud-api-key": { username: "k", password: "pw-1234" } },
        ...FAST,
      });
      s.server.fallback(json(200, { data: [], metadata: {} }));
      const settled = await settle(unwrap(confluent.GET("/iam/v2/identity-providers", { timeoutMs })));
      expectConfiguration(settled, "timeoutMs");
      expect(s.server.requests).toEqual([]);
    },
  );

  it.each([
    [{ maxRetries: -1 }],
    [{ baseDelayMs: Number.NaN }],
    [{ maxRetries: Number.NaN }],
    [{ maxDelayMs: -1 }],
  ])("retry %o -> ConfigurationError at creation", (retry) => {
    expectConfiguration(
      attempt(() => createConfluentClient({ baseUrl: s.server.url, retry })),
      /^retry/,
    );
    expectConfiguration(
      attempt(() => icaJwt({ apiKey: "key-12345678", baseUrl: s.server.url, retry })),
      /^retry/,
    );
  });
});
