// Item 2: the STS `subject_token` and the Infisical login `jwt` are secrets although they travel in the
// body of operations with `security: []`: never over plain http:// to a non-loopback host (refused before
// any I/O unless `allowInsecureHttp`), and never shown when a failure body or header echoes them.
import { confluentSts, createConfluentClient, unwrap } from "@idclients/confluent";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";
import { describe, expect, it } from "vitest";
import {
  causeChain,
  errorClass,
  expectError,
  FAST,
  recordingFetch,
  recordingLogger,
  recordingOnRetry,
  settle,
  useServers,
} from "./harness.js";
import { canary, expectNoSecret } from "./secrets.js";
import { type EchoFormat, echo, json } from "./server.js";

const s = useServers();

const exchange = (subject: string) => ({
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange" as const,
  subject_token: subject,
  identity_pool_id: "pool-1",
  subject_token_type: "urn:ietf:params:oauth:token-type:jwt" as const,
  requested_token_type: "urn:ietf:params:oauth:token-type:access_token" as const,
});

/** The error, or somewhere in its cause chain, is an InsecureTransportError. */
function expectInsecure(error: unknown) {
  const Insecure = errorClass("InsecureTransportError");
  expect(Insecure).toBeDefined();
  expect(
    causeChain(error).some((e) => Insecure !== undefined && e instanceof Insecure),
    `expected an InsecureTransportError in the cause chain of ${String(error)}`,
  ).toBe(true);
}

describe("2. secret body fields never go over plain http:// to a non-loopback host", () => {
  it("STS exchange via the client: InsecureTransportError, fetch never called", async () => {
    const subject = canary("subject");
    const stub = recordingFetch();
    const confluent = createConfluentClient({
      baseUrl: "http://example.invalid",
      fetch: stub.fetch,
      ...FAST,
    });
    const call = confluent.POST("/sts/v1/oauth2/token", { body: exchange(subject) });
    const error = expectError(await settle(unwrap(call)), "InsecureTransportError");
    expect(stub.calls).toEqual([]);
    expectNoSecret([error], [subject]);
  });

  it("confluentSts: the mint fails (InsecureTransportError in the chain), fetch never called", async () => {
    const subject = canary("subject");
    const stub = recordingFetch();
    const sts = confluentSts({
      baseUrl: "http://example.invalid",
      fetch: stub.fetch,
      identityPoolId: "pool-1",
      subjectToken: subject,
      ...FAST,
    });
    const settled = await settle(sts.getToken());
    expect(settled.kind).toBe("rejected");
    if (settled.kind === "rejected") expectInsecure(settled.error);
    expect(stub.calls).toEqual([]);
    expectNoSecret([settled], [subject]);
  });

  it("Infisical login via the client: InsecureTransportError, fetch never called", async () => {
    const jwt = canary("jwt");
    const stub = recordingFetch();
    const infisical = createInfisicalClient({
      baseUrl: "http://example.invalid",
      fetch: stub.fetch,
      ...FAST,
    });
    const call = infisical.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "id-1", jwt } });
    const error = expectError(await settle(unwrap(call)), "InsecureTransportError");
    expect(stub.calls).toEqual([]);
    expectNoSecret([error], [jwt]);
  });

  it("infisicalJwtLogin: the mint fails (InsecureTransportError in the chain), fetch never called", async () => {
    const jwt = canary("jwt");
    const stub = recordingFetch();
    const login = infisicalJwtLogin({
      baseUrl: "http://example.invalid",
      fetch: stub.fetch,
      identityId: "id-1",
      jwt,
    });
    const settled = await settle(login.getToken());
    expect(settled.kind).toBe("rejected");
    if (settled.kind === "rejected") expectInsecure(settled.error);
    expect(stub.calls).toEqual([]);
    expectNoSecret([settled], [jwt]);
  });

  it("allowInsecureHttp: true lets both through (the stub fetch is called)", async () => {
    const stub = recordingFetch();
    const common = { baseUrl: "http://example.invalid", fetch: stub.fetch, allowInsecureHttp: true, ...FAST };
    const sts = confluentSts({ ...common, identityPoolId: "pool-1", subjectToken: canary("subject") });
    const login = infisicalJwtLogin({ ...common, identityId: "id-1", jwt: canary("jwt") });
    expect(await settle(sts.getToken())).toMatchObject({ kind: "resolved" });
    expect(await settle(login.getToken())).toMatchObject({ kind: "resolved" });
    expect(stub.calls).toEqual([
      "POST http://example.invalid/sts/v1/oauth2/token",
      "POST http://example.invalid/api/v1/auth/jwt-auth/login",
    ]);
  });

  it("https:// to a non-loopback host and http:// to loopback are fine", async () => {
    const stub = recordingFetch();
    const sts = confluentSts({
      baseUrl: "https://example.invalid",
      fetch: stub.fetch,
      identityPoolId: "pool-1",
      subjectToken: canary("subject"),
    });
    expect(await settle(sts.getToken())).toMatchObject({ kind: "resolved", value: "t" });
    s.server.route(
      "POST",
      "/sts/v1/oauth2/token",
      json(200, { access_token: "loop", token_type: "Bearer", expires_in: 900 }),
    );
    const subject = canary("subject");
    const local = confluentSts({
      baseUrl: s.server.url,
      identityPoolId: "pool-1",
      subjectToken: subject,
      ...FAST,
    });
    expect(await settle(local.getToken())).toMatchObject({ kind: "resolved", value: "loop" });
    expect(new URLSearchParams(s.server.requests[0]?.body).get("subject_token")).toBe(subject);
  });
});

describe("2. an echoed subject_token / jwt never shows in the error", () => {
  const formats: EchoFormat[] = ["json", "html", "text"];

  it.each(formats)(
    "confluentSts: a 400 echoing subject_token (%s body + headers) -> TokenError without it",
    async (format) => {
      const subject = canary("subject");
      const log = recordingLogger();
      const retries = recordingOnRetry();
      s.server.queue(echo(429, format, { "retry-after-ms": "1" }));
      s.server.route("POST", "/sts/v1/oauth2/token", echo(400, format));
      const sts = confluentSts({
        baseUrl: s.server.url,
        identityPoolId: "pool-1",
        subjectToken: subject,
        ...FAST,
        logger: log.logger,
        onRetry: retries.onRetry,
      });
      const error = expectError(await settle(sts.getToken()), "TokenError");
      expect(s.server.requests.length).toBeGreaterThanOrEqual(2);
      expectNoSecret([error, log.calls, retries.events], [subject]);
    },
  );

  it.each(formats)(
    "STS exchange via the client: a 400 echoing subject_token (%s) -> ApiError without it",
    async (format) => {
      const subject = canary("subject");
      s.server.route("POST", "/sts/v1/oauth2/token", echo(400, format));
      const confluent = createConfluentClient({ baseUrl: s.server.url, ...FAST });
      const result = await confluent.POST("/sts/v1/oauth2/token", { body: exchange(subject) });
      const error = expectError(await settle(unwrap(Promise.resolve(result))), "BadRequestError");
      expectNoSecret([error, result.error, result.response.headers], [subject]);
    },
  );

  it.each(formats)(
    "infisicalJwtLogin behind a client: a 401 echoing jwt (%s) -> TokenError without it",
    async (format) => {
      const jwt = canary("jwt");
      const log = recordingLogger();
      const retries = recordingOnRetry();
      s.server.queue(echo(429, format, { "retry-after-ms": "1" }));
      s.server.route("POST", "/api/v1/auth/jwt-auth/login", echo(401, format));
      const login = infisicalJwtLogin({
        baseUrl: s.server.url,
        identityId: "id-1",
        jwt,
        ...FAST,
        logger: log.logger,
        onRetry: retries.onRetry,
      });
      const infisical = createInfisicalClient({
        baseUrl: s.server.url,
        auth: { bearerAuth: login },
        ...FAST,
      });
      const call = infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: "id-1" } },
      });
      const error = expectError(await settle(unwrap(call)), "TokenError");
      expectNoSecret([error, log.calls, retries.events], [jwt]);
    },
  );

  it("Infisical login via the client: a 400 echoing jwt -> ApiError without it", async () => {
    const jwt = canary("jwt");
    s.server.route("POST", "/api/v1/auth/jwt-auth/login", echo(400));
    const infisical = createInfisicalClient({ baseUrl: s.server.url, ...FAST });
    const result = await infisical.POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "id-1", jwt } });
    const error = expectError(await settle(unwrap(Promise.resolve(result))), "BadRequestError");
    expectNoSecret([error, result.error, result.response.headers], [jwt]);
  });
});
