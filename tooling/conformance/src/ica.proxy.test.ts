import { ApiError, createIcaClient, icaJwt, icaOperations, unwrap } from "@idclients/ica";
import { type IcaFake, startIca } from "@idclients/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectEveryOperationSucceeded, expectNothingFlagged } from "./support/checks.js";
import { type RunningPrism, startPrism } from "./support/prism.js";
import { Recorder } from "./support/recorder.js";
import { specPath } from "./support/spec.js";

let fake: IcaFake;
let prism: RunningPrism;
/** Every exchange of this file, for the coverage and violation checks at the end. */
const recorder = new Recorder();

beforeAll(async () => {
  fake = await startIca({
    users: [
      { username: "two-labs@conformance.test", password: "conformance-pw", tenants: ["lab-a", "lab-b"] },
      { username: "sso@conformance.test", password: "conformance-pw", sso: true },
    ],
  });
  // The fake serves the API under /ica/rest, like the real host; Prism appends the spec's paths.
  prism = await startPrism({ spec: specPath("ica"), upstream: fake.url });
}, 40_000);
afterAll(async () => {
  await Promise.all([prism?.stop(), fake?.close()]);
});

function ica(auth: NonNullable<Parameters<typeof createIcaClient>[0]>["auth"]) {
  return createIcaClient({ baseUrl: prism.url, auth, fetch: recorder.fetch, retry: false });
}

async function failureOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** The claims of a JWT the fake minted (read without verifying: only the shape matters here). */
function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8"));
}

describe("ICA fake behind Prism's validating proxy", () => {
  test("a JWT is minted with each credential the spec accepts", async () => {
    const fromKey = await unwrap(ica({ ApiKeyAuth: fake.apiKey }).POST("/api/tokens", {}));
    const fromBasic = await unwrap(
      ica({ BasicAuth: { username: "two-labs@conformance.test", password: "conformance-pw" } }).POST(
        "/api/tokens",
        {
          params: { query: { tenant: "lab-b" } },
        },
      ),
    );
    const fromPsToken = await unwrap(ica({ PsTokenAuth: fake.psToken }).POST("/api/tokens", {}));
    expect(claimsOf(fromBasic.token!)).toMatchObject({ tenant: "lab-b" });
    for (const minted of [fromKey, fromPsToken])
      expect(claimsOf(minted.token!).exp).toEqual(expect.any(Number));
    expect(fake.issuedTokens().map((token) => token.mintedWith)).toEqual(["apiKey", "basic", "psToken"]);
    expectNothingFlagged(recorder);
  });

  test("icaJwt mints with Basic credentials and refreshes the JWT it holds", async () => {
    const jwt = icaJwt({ basic: fake.basic, baseUrl: prism.url, fetch: recorder.fetch, retry: false });
    const first = await jwt.getToken();
    const refreshed = await unwrap(ica({ JwtAuth: first }).POST("/api/tokens:refresh", {}));
    expect(refreshed.token).not.toBe(first);
    expect(fake.issuedTokens().at(-1)?.refreshedFrom).toBe(claimsOf(first).jti);
    expectNothingFlagged(recorder);
  });

  test("the fake's failures match what the spec documents for them", async () => {
    const wrongKey = await failureOf(unwrap(ica({ ApiKeyAuth: "not-a-key" }).POST("/api/tokens", {})));
    expect(wrongKey.status).toBe(401);

    const sso = await failureOf(
      unwrap(
        ica({ BasicAuth: { username: "sso@conformance.test", password: "conformance-pw" } }).POST(
          "/api/tokens",
          {},
        ),
      ),
    );
    expect(sso.status).toBe(403);

    const fromKey = await unwrap(ica({ ApiKeyAuth: fake.apiKey }).POST("/api/tokens", {}));
    const notRefreshable = await failureOf(
      unwrap(ica({ JwtAuth: fromKey.token! }).POST("/api/tokens:refresh", {})),
    );
    expect(notRefreshable.status).toBe(403);

    // ICA answers an Accept that only allows problem documents with 400 "Invalid Accept Header".
    const badAccept = await failureOf(
      unwrap(
        ica({ ApiKeyAuth: fake.apiKey }).POST("/api/tokens", {
          headers: { accept: "application/problem+json" },
        }),
      ),
    );
    expect(badAccept).toMatchObject({ status: 400, code: "ICA_API_004" });

    fake.faults.inject({ status: 503, match: "createJwtToken" });
    const unavailable = await failureOf(unwrap(ica({ ApiKeyAuth: fake.apiKey }).POST("/api/tokens", {})));
    expect(unavailable.status).toBe(503);
    expectNothingFlagged(recorder);
  });

  test("every operation succeeded through the proxy, and Prism found nothing to object to", () => {
    expectEveryOperationSucceeded(recorder, prism, Object.keys(icaOperations));
  });

  // Runs last: it makes Prism report a violation on purpose.
  test("control: a fake answer that breaks the spec is turned into an error by Prism", async () => {
    const control = new Recorder();
    fake.faults.inject({ status: 401, body: { detail: "a problem without type, title or status" } });
    const client = createIcaClient({
      baseUrl: prism.url,
      auth: { ApiKeyAuth: fake.apiKey },
      fetch: control.fetch,
    });
    const result = await client.POST("/api/tokens", { retry: false });
    expect(result.response.status).toBe(500);
    expect(control.flagged()).toHaveLength(1);
  });
});
