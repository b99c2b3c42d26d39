import {
  createIcaClient,
  type IcaClient,
  icaJwt,
  icaOperations,
  MissingCredentialError,
} from "@idclients/ica";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  type Driver,
  expectDocumentedSuccess,
  expectNothingFlagged,
  replayDocumentedAnswers,
} from "./support/checks.js";
import { type RunningPrism, startPrism } from "./support/prism.js";
import { Recorder } from "./support/recorder.js";
import { loadSpec, specPath } from "./support/spec.js";

const spec = loadSpec("ica");
const operation = (key: string) => spec.operations.find((o) => o.key === key)!;
const MINT = "POST /api/tokens";
const REFRESH = "POST /api/tokens:refresh";
const BASIC = { username: "scientist@lab.conformance.test", password: "conformance-password" };
const API_KEY = "conformance-api-key";
const PS_TOKEN = "conformance-ps-token";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.c2ln";

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism({ spec: specPath("ica") });
}, 40_000);
afterAll(async () => {
  await prism?.stop();
});

function client(
  recorder: Recorder,
  auth: NonNullable<Parameters<typeof createIcaClient>[0]>["auth"],
): IcaClient {
  return createIcaClient({ baseUrl: prism.url, auth, fetch: recorder.fetch, retry: false });
}

function drivers(recorder: Recorder, headers?: Record<string, string>): Record<string, Driver> {
  return {
    [MINT]: () => client(recorder, { ApiKeyAuth: API_KEY }).POST("/api/tokens", { headers }),
    [REFRESH]: () => client(recorder, { JwtAuth: JWT }).POST("/api/tokens:refresh", { headers }),
  };
}

/**
 * The client's generated Accept names only the success media type. Prism's negotiation then will not
 * pick a documented problem+json failure (it falls back to 200), so the failure test states both
 * types, as the Accept the design asks for would.
 */
const ACCEPT_SUCCESS_AND_PROBLEM = { accept: "application/vnd.illumina.v3+json, application/problem+json" };

describe("ICA spec judged by Prism's mock", () => {
  test("the client knows exactly the spec's operations, and the suite drives each of them", () => {
    const keys = spec.operations.map((o) => o.key).sort();
    expect(Object.keys(icaOperations).sort()).toEqual(keys);
    expect(Object.keys(drivers(new Recorder())).sort()).toEqual(keys);
  });

  test("every operation as the client sends it passes validation, and its example is parsed", async () => {
    const recorder = new Recorder();
    const drive = drivers(recorder);
    for (const o of spec.operations) expectDocumentedSuccess(o, await drive[o.key]!());
    expect(recorder.operationsHit(Object.keys(icaOperations)).size).toBe(spec.operations.length);
    expectNothingFlagged(recorder);
  });

  test("each credential the spec accepts for minting is sent the way the spec declares it", async () => {
    const recorder = new Recorder();
    const mint = operation(MINT);
    expectDocumentedSuccess(mint, await client(recorder, { ApiKeyAuth: API_KEY }).POST("/api/tokens", {}));
    expectDocumentedSuccess(
      mint,
      await client(recorder, { BasicAuth: BASIC }).POST("/api/tokens", {
        params: { query: { tenant: "conformance-tenant" } },
      }),
    );
    expectDocumentedSuccess(mint, await client(recorder, { PsTokenAuth: PS_TOKEN }).POST("/api/tokens", {}));
    expect(recorder.exchanges.map((e) => [e.target, e.apiKey, e.authorization])).toEqual([
      ["/api/tokens", true, undefined],
      ["/api/tokens?tenant=conformance-tenant", false, "Basic"],
      ["/api/tokens", false, "Bearer"],
    ]);
    expectNothingFlagged(recorder);
  });

  test("icaJwt mints with Basic credentials and the minted JWT is sent to refresh", async () => {
    const recorder = new Recorder();
    const jwt = icaJwt({
      basic: BASIC,
      tenant: "conformance-tenant",
      baseUrl: prism.url,
      fetch: recorder.fetch,
    });
    const result = await client(recorder, { JwtAuth: jwt }).POST("/api/tokens:refresh", {});
    expectDocumentedSuccess(operation(REFRESH), result);
    expect(recorder.exchanges.map((e) => [e.target, e.authorization])).toEqual([
      ["/api/tokens?tenant=conformance-tenant", "Basic"],
      ["/api/tokens:refresh", "Bearer"],
    ]);
    expectNothingFlagged(recorder);
  });

  test("every documented response example is parsed, and failures decoded from problem+json", async () => {
    const recorder = new Recorder();
    const drive = drivers(recorder, ACCEPT_SUCCESS_AND_PROBLEM);
    const requested = await replayDocumentedAnswers(
      spec.operations,
      recorder,
      drive,
      ({ error, example }, _answer) => {
        // ICA puts its error code in `title`, the message in `detail` and its own ID in `id`.
        expect(error.code).toBe(example?.title);
        expect(error.title).toBe(example?.title);
        expect(error.detail).toBe(example?.detail);
        expect(error.requestId).toBe(example?.id);
      },
    );
    expect(requested).toBeGreaterThanOrEqual(10);
  });

  test("Prism logged no violation and reached nothing beyond loopback", () => {
    expect(prism.loggedViolations()).toEqual([]);
    expect(prism.blockedNetworkAccess()).toEqual([]);
  });

  // Runs last: it makes Prism log a violation on purpose.
  test("control: a mint without credentials is refused by the client and by Prism", async () => {
    const recorder = new Recorder();
    const bare = createIcaClient({ baseUrl: prism.url, fetch: recorder.fetch, retry: false });
    await expect(bare.POST("/api/tokens", {})).rejects.toBeInstanceOf(MissingCredentialError);
    expect(recorder.exchanges).toEqual([]);
    const raw = await recorder.fetch(
      new Request(`${prism.url}/api/tokens`, {
        method: "POST",
        headers: { accept: "application/vnd.illumina.v3+json" },
      }),
    );
    expect(raw.status).toBe(401);
    expect(recorder.flagged()).toHaveLength(1);
  });
});
