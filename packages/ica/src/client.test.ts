import {
  basicCredentialsOf,
  type RecordedRequest,
  startTestServer,
  type TestServer,
} from "@idclients/test-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  createIcaClient,
  type IcaClient,
  type IcaClientOptions,
  InternalServerError,
  icaJwt,
  MissingCredentialError,
  PermissionDeniedError,
  TokenError,
  unwrap,
} from "./index.js";
import { capturingLogger, expectNoSecret, type IcaFake, renderings, startIca } from "./test-support/leaks.js";

// Credentials used only against the loopback server of this file.
const API_KEY = "ica-api-key-for-tests";
const BASIC = { username: "scientist@example.com", password: "pässwörd:with colon" };
const PS_TOKEN = "ps-token-for-tests";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyJ9.ZmFrZS1zaWduYXR1cmU";
const VENDOR = "application/vnd.illumina.v3+json";

const minted = {
  token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyIsImV4cCI6MTcwMDAwMDAwMH0.ZmFrZS1zaWduYXR1cmU",
};
const refreshed = {
  token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLWFiYzEyMyIsImV4cCI6MTcwMDAwMzYwMH0.ZmFrZS1zaWduYXR1cmUtMg",
};

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function only(): RecordedRequest {
  expect(server.requests).toHaveLength(1);
  return server.requests[0] as RecordedRequest;
}

function expectNoBody(request: RecordedRequest): void {
  expect(request.body).toBe("");
  expect(request.headers["content-type"]).toBeUndefined();
}

describe("createJwtToken (POST /api/tokens)", () => {
  it("sends the API key in X-API-Key, the vendor Accept and no body, and returns the typed token", async () => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { ApiKeyAuth: API_KEY } });
    server.reply({ status: 200, headers: { "content-type": VENDOR }, body: minted });
    const { data, response } = await ica.POST("/api/tokens", {});

    const request = only();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/api/tokens");
    expect(request.headers.accept).toBe(VENDOR);
    expect(request.headers["x-api-key"]).toBe(API_KEY);
    expect(request.headers.authorization).toBeUndefined();
    expectNoBody(request);
    expect(response.status).toBe(200);
    expect(data).toEqual(minted);
    expect(data?.token).toBe(minted.token);
  });

  it("sends Basic with base64 of the UTF-8 e-mail:password pair and the tenant query", async () => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { BasicAuth: BASIC } });
    server.reply({ status: 200, headers: { "content-type": VENDOR }, body: minted });
    const data = await unwrap(ica.POST("/api/tokens", { params: { query: { tenant: "my-lab-tenant" } } }));

    const request = only();
    expect(request.path).toBe("/api/tokens");
    expect(Object.fromEntries(request.query)).toEqual({ tenant: "my-lab-tenant" });
    expect(request.headers.authorization).toBe(
      `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`, "utf8").toString("base64")}`,
    );
    expect(basicCredentialsOf(request)).toBe(`${BASIC.username}:${BASIC.password}`);
    expect(request.headers["x-api-key"]).toBeUndefined();
    expect(request.headers.accept).toBe(VENDOR);
    expectNoBody(request);
    expect(data.token).toBe(minted.token);
  });

  it("sends a psToken as a bearer token", async () => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { PsTokenAuth: async () => PS_TOKEN } });
    server.reply({ status: 200, headers: { "content-type": VENDOR }, body: minted });
    await unwrap(ica.POST("/api/tokens"));
    expect(only().headers.authorization).toBe(`Bearer ${PS_TOKEN}`);
  });

  it("uses the first configured alternative in spec order (API key before Basic and psToken)", async () => {
    const ica = createIcaClient({
      baseUrl: server.baseUrl,
      auth: { PsTokenAuth: PS_TOKEN, BasicAuth: BASIC, ApiKeyAuth: API_KEY },
    });
    server.reply({ status: 200, body: minted });
    await unwrap(ica.POST("/api/tokens"));
    const request = only();
    expect(request.headers["x-api-key"]).toBe(API_KEY);
    expect(request.headers.authorization).toBeUndefined();
  });

  it("refuses before any I/O when none of its schemes is configured", async () => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { JwtAuth: JWT } });
    const error = await ica.POST("/api/tokens").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingCredentialError);
    expect((error as MissingCredentialError).acceptedSchemes).toEqual([
      ["ApiKeyAuth"],
      ["BasicAuth"],
      ["PsTokenAuth"],
    ]);
    expect(server.requests).toHaveLength(0);
  });
});

describe("refreshJwtToken (POST /api/tokens:refresh)", () => {
  it("posts to the literal :refresh path with the JWT as bearer and the vendor Accept", async () => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { JwtAuth: JWT, ApiKeyAuth: API_KEY } });
    server.reply({ status: 200, headers: { "content-type": VENDOR }, body: refreshed });
    const data = await unwrap(ica.POST("/api/tokens:refresh"));

    const request = only();
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/api/tokens:refresh");
    expect(request.headers.accept).toBe(VENDOR);
    expect(request.headers.authorization).toBe(`Bearer ${JWT}`);
    expect(request.headers["x-api-key"]).toBeUndefined();
    expectNoBody(request);
    expect(data).toEqual(refreshed);
  });
});

describe("failures are thrown by unwrap as typed ApiErrors decoded from problem+json", () => {
  // The spec's failure examples.
  const problems = [
    {
      status: 400,
      Class: BadRequestError,
      body: {
        type: "about:blank",
        title: "ICA_API_004",
        status: 400,
        detail: "Invalid Accept Header",
        instance: "http://ica.illumina.com/ica/rest/api/tokens",
        parameters: {},
        timestamp: "2024-01-01T12:00:00.000Z",
        method: "POST",
      },
      expected: {
        code: "ICA_API_004",
        title: "ICA_API_004",
        detail: "Invalid Accept Header",
        requestId: undefined,
      },
    },
    {
      status: 401,
      Class: AuthenticationError,
      body: {
        id: "0b7c1a52-3f4e-4d7a-9c2b-000000000001",
        type: "about:blank",
        title: "ICA_EXAMPLE_401",
        status: 401,
        detail: "The supplied credential could not be verified.",
        instance: "http://ica.illumina.com/ica/rest/api/tokens",
        parameters: {},
        timestamp: "2024-01-01T12:00:00.000Z",
      },
      expected: {
        code: "ICA_EXAMPLE_401",
        detail: "The supplied credential could not be verified.",
        requestId: "0b7c1a52-3f4e-4d7a-9c2b-000000000001",
      },
    },
    {
      status: 403,
      Class: PermissionDeniedError,
      body: {
        id: "0b7c1a52-3f4e-4d7a-9c2b-000000000002",
        type: "about:blank",
        title: "ICA_EXAMPLE_403",
        status: 403,
        detail: "This token cannot be refreshed.",
        instance: "http://ica.illumina.com/ica/rest/api/tokens:refresh",
        parameters: {},
        timestamp: "2024-01-01T12:00:00.000Z",
      },
      expected: {
        code: "ICA_EXAMPLE_403",
        detail: "This token cannot be refreshed.",
        requestId: "0b7c1a52-3f4e-4d7a-9c2b-000000000002",
      },
    },
    {
      status: 500,
      Class: InternalServerError,
      body: {
        id: "0b7c1a52-3f4e-4d7a-9c2b-000000000003",
        type: "about:blank",
        title: "ICA_EXAMPLE_500",
        status: 500,
        detail: "An unexpected error occurred while handling the request.",
        instance: "http://ica.illumina.com/ica/rest/api/tokens",
        parameters: {},
        timestamp: "2024-01-01T12:00:00.000Z",
      },
      expected: {
        code: "ICA_EXAMPLE_500",
        detail: "An unexpected error occurred while handling the request.",
        requestId: "0b7c1a52-3f4e-4d7a-9c2b-000000000003",
      },
    },
  ];

  it.each(problems)("$status -> $Class.name", async ({ status, Class, body, expected }) => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { JwtAuth: JWT } });
    server.reply({ status, headers: { "content-type": "application/problem+json" }, body });
    const result = await ica.POST("/api/tokens:refresh");
    // The typed `error` is the problem document itself.
    expect(result.error).toEqual(body);
    const error = await unwrap(result).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Class);
    expect(error).toMatchObject({
      provider: "ica",
      operationId: "refreshJwtToken",
      status,
      issues: [],
      ...expected,
    });
    // POST is not safe to retry: a 500 is answered after one attempt.
    expect(server.requests).toHaveLength(1);
  });

  it("turns problem parameters into issues", async () => {
    const ica = createIcaClient({ baseUrl: server.baseUrl, auth: { ApiKeyAuth: API_KEY } });
    server.reply({
      status: 400,
      headers: { "content-type": "application/problem+json" },
      body: {
        type: "about:blank",
        title: "ICA_VALIDATION",
        status: 400,
        parameters: { tenant: "unknown tenant" },
        timestamp: "2024-01-01T12:00:00.000Z",
      },
    });
    const error = (await unwrap(ica.POST("/api/tokens", { params: { query: { tenant: "x" } } })).catch(
      (e: unknown) => e,
    )) as ApiError;
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.issues).toEqual([{ parameter: "tenant", detail: "unknown tenant" }]);
  });
});

describe("no credential shows in a failure however it is rendered, though the fake echoes them all", () => {
  const WRONG_API_KEY = "ica-wrong-key/with+chars=";
  const WRONG_BASIC = { username: BASIC.username, password: "wröng pass/with+chars=" };
  const WRONG_PS_TOKEN = "ps-wrong-token/with+chars=";
  const basicSecrets = (basic: { username: string; password: string }) => ({
    password: basic.password,
    "user:password": `${basic.username}:${basic.password}`,
  });
  type Auth = IcaClientOptions["auth"];
  let fake: IcaFake;

  beforeAll(async () => {
    fake = await startIca({
      echoCredentials: true,
      apiKeys: { [API_KEY]: "api-user@example.com" },
      users: [{ ...BASIC, tenants: ["lab-a", "lab-b"] }],
      psTokens: [PS_TOKEN],
    });
  });
  afterAll(() => fake.close());

  /** The failure of `call` with a client of `auth`, rendered every way (with what `capture` logged). */
  async function failure(auth: Auth, call: (c: IcaClient) => Promise<unknown>, capture = capturingLogger()) {
    const { logged, logger, onRetry } = capture;
    const ica = createIcaClient({ baseUrl: fake.url, auth, retry: false, logger, onRetry });
    const error = await call(ica).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    return { error, rendered: renderings(error, logged) };
  }

  const mint = (c: IcaClient) => unwrap(c.POST("/api/tokens", {}));
  const mintFor = (tenant: string) => (c: IcaClient) =>
    unwrap(c.POST("/api/tokens", { params: { query: { tenant } } }));
  const refresh = (c: IcaClient) => unwrap(c.POST("/api/tokens:refresh", {}));

  /** A JWT the fake minted, from the API key (so that it cannot be refreshed) or from Basic credentials. */
  async function mintedJwt(from: "apiKey" | "basic"): Promise<string> {
    const auth = from === "apiKey" ? { ApiKeyAuth: API_KEY } : { BasicAuth: BASIC };
    const minted = await unwrap(
      createIcaClient({ baseUrl: fake.url, auth, retry: false }).POST("/api/tokens", {}),
    );
    return minted.token;
  }

  const cases: {
    name: string;
    status: number;
    auth: () => Promise<{ auth: Auth; secrets: Record<string, string> }>;
    call: (c: IcaClient) => Promise<unknown>;
    fault?: number;
  }[] = [
    {
      name: "ApiKeyAuth (X-API-Key): 401 unknown key",
      status: 401,
      auth: async () => ({ auth: { ApiKeyAuth: WRONG_API_KEY }, secrets: { "api key": WRONG_API_KEY } }),
      call: mint,
    },
    ...[400, 403, 404, 422, 429, 500, 503].map((status) => ({
      name: `ApiKeyAuth (X-API-Key): ${status} (injected)`,
      status,
      auth: async () => ({ auth: { ApiKeyAuth: API_KEY }, secrets: { "api key": API_KEY } }),
      call: mint,
      fault: status,
    })),
    {
      name: "BasicAuth: 401 wrong password",
      status: 401,
      auth: async () => ({ auth: { BasicAuth: WRONG_BASIC }, secrets: basicSecrets(WRONG_BASIC) }),
      call: mint,
    },
    {
      name: "BasicAuth: 403 foreign tenant",
      status: 403,
      auth: async () => ({ auth: { BasicAuth: BASIC }, secrets: basicSecrets(BASIC) }),
      call: mintFor("lab-z"),
    },
    ...[400, 429, 500].map((status) => ({
      name: `BasicAuth: ${status} (injected)`,
      status,
      auth: async () => ({ auth: { BasicAuth: BASIC }, secrets: basicSecrets(BASIC) }),
      call: mint,
      fault: status,
    })),
    {
      name: "PsTokenAuth (bearer): 401 unknown psToken",
      status: 401,
      auth: async () => ({ auth: { PsTokenAuth: WRONG_PS_TOKEN }, secrets: { psToken: WRONG_PS_TOKEN } }),
      call: mint,
    },
    {
      name: "JwtAuth (bearer): 401 a JWT it did not sign",
      status: 401,
      auth: async () => ({ auth: { JwtAuth: JWT }, secrets: { jwt: JWT } }),
      call: refresh,
    },
    {
      name: "JwtAuth (bearer): 403 refreshing a JWT minted from an API key",
      status: 403,
      auth: async () => {
        const jwt = await mintedJwt("apiKey");
        return { auth: { JwtAuth: jwt }, secrets: { jwt } };
      },
      call: refresh,
    },
    {
      name: "JwtAuth (bearer): 401 a revoked JWT",
      status: 401,
      auth: async () => {
        const jwt = await mintedJwt("basic");
        fake.revokeToken(fake.issuedTokens().at(-1)?.jti ?? "");
        return { auth: { JwtAuth: jwt }, secrets: { jwt } };
      },
      call: refresh,
    },
    ...[429, 503].map((status) => ({
      name: `JwtAuth (bearer): ${status} (injected)`,
      status,
      auth: async () => {
        const jwt = await mintedJwt("basic");
        return { auth: { JwtAuth: jwt }, secrets: { jwt } };
      },
      call: refresh,
      fault: status,
    })),
  ];

  it.each(cases)("$name", async ({ status, auth, call, fault }) => {
    const { auth: credentials, secrets } = await auth();
    if (fault) fake.faults.inject({ status: fault });
    const { error, rendered } = await failure(credentials, call);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(status);
    expectNoSecret(rendered, secrets);
  });

  it("icaJwt: the TokenError of a refused mint, and its cause", async () => {
    const capture = capturingLogger();
    const jwt = icaJwt({
      baseUrl: fake.url,
      apiKey: WRONG_API_KEY,
      retry: false,
      logger: capture.logger,
      onRetry: capture.onRetry,
    });
    const { error, rendered } = await failure({ JwtAuth: jwt }, refresh, capture);
    expect(error).toBeInstanceOf(TokenError);
    expect((error as TokenError).cause).toBeInstanceOf(AuthenticationError);
    expect(fake.requests.last("createJwtToken")?.status).toBe(401);
    expectNoSecret(rendered, { "api key": WRONG_API_KEY });
  });
});
