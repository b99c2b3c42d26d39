import {
  createInfisicalClient,
  type InfisicalClient,
  infisicalJwtLogin,
  infisicalOperations,
} from "@idclients/infisical";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type Driver,
  expectDocumentedSuccess,
  expectNothingFlagged,
  replayDocumentedAnswers,
  successOf,
} from "./support/checks.js";
import { type RunningPrism, startPrism } from "./support/prism.js";
import { Recorder } from "./support/recorder.js";
import { loadSpec, specPath } from "./support/spec.js";

const spec = loadSpec("infisical");
const operation = (key: string) => spec.operations.find((o) => o.key === key)!;
const LOGIN = "POST /api/v1/auth/jwt-auth/login";
const CONFIG = "/api/v1/auth/jwt-auth/identities/{identityId}";
const IDENTITY = "0b5e6a53-7c2f-4d1e-8a90-c0f0a0b0c0d0";
const ACCESS_TOKEN = "conformance-access-token";
const EXTERNAL_JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.c2ln";

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism({ spec: specPath("infisical") });
}, 40_000);
afterAll(async () => {
  await prism?.stop();
});

function client(
  recorder: Recorder,
  auth: NonNullable<Parameters<typeof createInfisicalClient>[0]>["auth"] = {},
) {
  return createInfisicalClient({
    baseUrl: prism.url,
    auth: { bearerAuth: ACCESS_TOKEN, ...auth },
    fetch: recorder.fetch,
    retry: false,
  });
}

function drivers(infisical: InfisicalClient): Record<string, Driver> {
  const identity = { params: { path: { identityId: IDENTITY } } };
  return {
    [LOGIN]: (body) =>
      infisical.POST("/api/v1/auth/jwt-auth/login", {
        body: (body ?? { identityId: IDENTITY, jwt: EXTERNAL_JWT, organizationSlug: "conformance" }) as never,
      }),
    [`POST ${CONFIG}`]: (body) =>
      infisical.POST(CONFIG, {
        ...identity,
        body: (body ?? {
          configurationType: "jwks",
          jwksUrl: "https://issuer.conformance.test/.well-known/jwks.json",
          boundIssuer: "https://issuer.conformance.test",
          boundAudiences: "infisical",
          boundClaims: { repository: "acme/conformance" },
          boundSubject: "repo:acme/*",
          accessTokenTrustedIps: [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }],
          accessTokenTTL: 600,
          accessTokenMaxTTL: 3600,
          accessTokenNumUsesLimit: 0,
        }) as never,
      }),
    [`GET ${CONFIG}`]: () => infisical.GET(CONFIG, identity),
    [`PATCH ${CONFIG}`]: (body) =>
      infisical.PATCH(CONFIG, {
        ...identity,
        body: (body ?? {
          configurationType: "static",
          publicKeys: ["-----BEGIN PUBLIC KEY-----\nY29uZm9ybWFuY2U=\n-----END PUBLIC KEY-----\n"],
          boundClaims: {},
          accessTokenTTL: 300,
        }) as never,
      }),
    [`DELETE ${CONFIG}`]: () => infisical.DELETE(CONFIG, identity),
  };
}

describe("Infisical spec judged by Prism's mock", () => {
  test("the client knows exactly the spec's operations, and the suite drives each of them", () => {
    const keys = spec.operations.map((o) => o.key).sort();
    expect(Object.keys(infisicalOperations).sort()).toEqual(keys);
    expect(Object.keys(drivers(client(new Recorder()))).sort()).toEqual(keys);
  });

  test("every operation as the client sends it passes validation, and its example is parsed", async () => {
    const recorder = new Recorder();
    const drive = drivers(client(recorder));
    for (const o of spec.operations) expectDocumentedSuccess(o, await drive[o.key]!());
    expect(recorder.operationsHit(Object.keys(infisicalOperations)).size).toBe(spec.operations.length);
    // Login is public; the management routes carry the bearer token.
    expect(recorder.exchanges.map((e) => e.authorization)).toEqual(
      spec.operations.map((o) => (o.security.length > 0 ? "Bearer" : undefined)),
    );
    expectNothingFlagged(recorder);
  });

  test("every JSON request example of the spec, sent through the client, passes validation", async () => {
    const recorder = new Recorder();
    const drive = drivers(client(recorder));
    let sent = 0;
    for (const o of spec.operations) {
      // The client sends JSON; the login form variant is the same schema in another encoding.
      for (const body of Object.values(o.requestExamples["application/json"] ?? {})) {
        expect((await drive[o.key]!(body)).response.status, o.key).toBe(Number(successOf(o).status));
        sent++;
      }
    }
    expect(sent).toBeGreaterThanOrEqual(6);
    expectNothingFlagged(recorder);
  });

  test("the access token from infisicalJwtLogin is sent to the management routes", async () => {
    const recorder = new Recorder();
    const login = infisicalJwtLogin({
      identityId: IDENTITY,
      jwt: () => `${EXTERNAL_JWT}\n`,
      baseUrl: prism.url,
      fetch: recorder.fetch,
    });
    const result = await client(recorder, { bearerAuth: login }).GET(CONFIG, {
      params: { path: { identityId: IDENTITY } },
    });
    expectDocumentedSuccess(operation(`GET ${CONFIG}`), result);
    expect(recorder.exchanges.map((e) => [e.method, e.target, e.authorization])).toEqual([
      ["POST", "/api/v1/auth/jwt-auth/login", undefined],
      ["GET", `/api/v1/auth/jwt-auth/identities/${IDENTITY}`, "Bearer"],
    ]);
    expectNothingFlagged(recorder);
  });

  test("every documented response example is parsed, and failures decoded from the error envelope", async () => {
    const recorder = new Recorder();
    const drive = drivers(client(recorder));
    const requested = await replayDocumentedAnswers(
      spec.operations,
      recorder,
      drive,
      ({ error, example }, _answer) => {
        expect(error.requestId).toBe(example?.reqId);
        expect(error.code).toBe(example?.error);
        if (Array.isArray(example?.message)) {
          // 422: `message` is the list of issues.
          expect(error.issues.map((issue) => issue.code)).toEqual(
            example.message.map((issue: { code: string }) => issue.code),
          );
        } else {
          expect(error.detail).toBe(example?.message);
        }
      },
    );
    expect(requested).toBeGreaterThan(40);
  });

  test("Prism logged no violation and reached nothing beyond loopback", () => {
    expect(prism.loggedViolations()).toEqual([]);
    expect(prism.blockedNetworkAccess()).toEqual([]);
  });

  // Runs last: it makes Prism log a violation on purpose.
  test("control: Prism does reject an attach body that matches neither configuration type", async () => {
    const recorder = new Recorder();
    const result = await drivers(client(recorder))[`POST ${CONFIG}`]!({
      configurationType: "jwks",
      boundClaims: {},
    });
    expect(result.response.status).toBe(422);
    expect(recorder.flagged()).toHaveLength(1);
    expect(prism.loggedViolations().length).toBeGreaterThan(0);
  });
});
