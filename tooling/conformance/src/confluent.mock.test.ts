import {
  type ConfluentClient,
  confluentOperations,
  confluentSts,
  createConfluentClient,
} from "@idclients/confluent";
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
import { firstExample, loadSpec, specPath } from "./support/spec.js";

const spec = loadSpec("confluent");
const PROVIDER = "op-conformance";
const POOL = "pool-conformance";
const API_KEY = { username: "conformance-key-id", password: "conformance-key-secret" };

let prism: RunningPrism;
beforeAll(async () => {
  prism = await startPrism({ spec: specPath("confluent") });
}, 40_000);
afterAll(async () => {
  await prism?.stop();
});

function client(recorder: Recorder, auth: Parameters<typeof createConfluentClient>[0] = {}): ConfluentClient {
  return createConfluentClient({
    baseUrl: prism.url,
    auth: { "cloud-api-key": API_KEY },
    fetch: recorder.fetch,
    retry: false,
    ...auth,
  });
}

/** One valid call per operation, written as an application would write it. */
function drivers(confluent: ConfluentClient): Record<string, Driver> {
  const provider = { params: { path: { id: PROVIDER } } };
  const pool = { params: { path: { provider_id: PROVIDER, id: POOL } } };
  return {
    "GET /iam/v2/identity-providers": () =>
      confluent.GET("/iam/v2/identity-providers", { params: { query: { page_size: 2 } } }),
    "POST /iam/v2/identity-providers": (body) =>
      confluent.POST("/iam/v2/identity-providers", {
        body: (body ?? {
          display_name: "Conformance IdP",
          description: "Issuer used by the conformance suite",
          issuer: "https://issuer.conformance.test/",
          jwks_uri: "https://issuer.conformance.test/jwks.json",
          identity_claim: "claims.sub",
        }) as never,
      }),
    "GET /iam/v2/identity-providers/{id}": () => confluent.GET("/iam/v2/identity-providers/{id}", provider),
    "PATCH /iam/v2/identity-providers/{id}": (body) =>
      confluent.PATCH("/iam/v2/identity-providers/{id}", {
        ...provider,
        body: (body ?? { jwks_uri: "https://issuer.conformance.test/v2/jwks.json" }) as never,
      }),
    "DELETE /iam/v2/identity-providers/{id}": () =>
      confluent.DELETE("/iam/v2/identity-providers/{id}", provider),
    "PATCH /iam/v2/identity-providers/{provider_id}/jwks": (body) =>
      confluent.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
        params: { path: { provider_id: PROVIDER } },
        body: (body ?? { spec: { jwks_status: "REFRESHED" } }) as never,
      }),
    "GET /iam/v2/identity-providers/{provider_id}/identity-pools": () =>
      confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: PROVIDER }, query: { page_size: 50 } },
      }),
    "POST /iam/v2/identity-providers/{provider_id}/identity-pools": (body) =>
      confluent.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: PROVIDER }, query: { assigned_resource_owner: "sa-conformance" } },
        body: (body ?? {
          display_name: "Conformance pool",
          description: "Tokens of the conformance suite",
          identity_claim: "claims.sub",
          filter: 'claims.aud == "confluent"',
        }) as never,
      }),
    "GET /iam/v2/identity-providers/{provider_id}/identity-pools/{id}": () =>
      confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", pool),
    "PATCH /iam/v2/identity-providers/{provider_id}/identity-pools/{id}": (body) =>
      confluent.PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        ...pool,
        body: (body ?? { description: "Renamed by the conformance suite" }) as never,
      }),
    "DELETE /iam/v2/identity-providers/{provider_id}/identity-pools/{id}": () =>
      confluent.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", pool),
    "POST /sts/v1/oauth2/token": (body) =>
      confluent.POST("/sts/v1/oauth2/token", {
        body: (body ?? {
          grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
          subject_token: "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.c2ln",
          identity_pool_id: POOL,
          subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
          requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
          expires_in: 600,
        }) as never,
      }),
  };
}

describe("Confluent spec judged by Prism's mock", () => {
  test("the client knows exactly the spec's operations, and the suite drives each of them", () => {
    const keys = spec.operations.map((operation) => operation.key).sort();
    expect(Object.keys(confluentOperations).sort()).toEqual(keys);
    expect(Object.keys(drivers(client(new Recorder()))).sort()).toEqual(keys);
  });

  test("every operation as the client sends it passes validation, and its example is parsed", async () => {
    const recorder = new Recorder();
    const drive = drivers(client(recorder));
    for (const operation of spec.operations) {
      expectDocumentedSuccess(operation, await drive[operation.key]!());
    }
    expect(recorder.operationsHit(Object.keys(confluentOperations)).size).toBe(spec.operations.length);
    // The iam/v2 calls carried the API key and the STS exchange carried no credentials at all.
    expect(recorder.exchanges.map((exchange) => exchange.authorization)).toEqual(
      spec.operations.map((operation) => (operation.security.length > 0 ? "Basic" : undefined)),
    );
    expectNothingFlagged(recorder);
  });

  test("every request example of the spec, sent through the client, passes validation", async () => {
    const recorder = new Recorder();
    const drive = drivers(client(recorder));
    let sent = 0;
    for (const operation of spec.operations) {
      for (const examples of Object.values(operation.requestExamples)) {
        for (const body of Object.values(examples)) {
          expect((await drive[operation.key]!(body)).response.status, operation.key).toBe(
            Number(successOf(operation).status),
          );
          sent++;
        }
      }
    }
    expect(sent).toBeGreaterThanOrEqual(8);
    expectNothingFlagged(recorder);
  });

  test("every documented response example is parsed, and failures decoded from the Failure document", async () => {
    const recorder = new Recorder();
    const drive = drivers(client(recorder));
    const requested = await replayDocumentedAnswers(
      spec.operations,
      recorder,
      drive,
      ({ error, example }, answer) => {
        // A 429 documents no body: then only the headers carry information.
        const errors = (example?.errors ?? []) as Array<Record<string, unknown>>;
        const first = errors[0] ?? {};
        expect(error.issues).toHaveLength(errors.length);
        expect(error.code).toBe(first.code);
        expect(error.title).toBe(first.title);
        expect(error.detail).toBe(first.detail ?? first.title);
        expect(error.requestId).toBe(answer.response.headerExamples["x-request-id"]);
        if (answer.response.status === "429") {
          expect(error.retryAfterMs).toBe(Number(answer.response.headerExamples["retry-after"]) * 1000);
          expect(error.rateLimit).toMatchObject({
            limit: answer.response.headerExamples["x-ratelimit-limit"],
          });
        }
      },
    );
    expect(requested).toBeGreaterThan(80);
  });

  test("the STS token minted by confluentSts is accepted as the bearer alternative", async () => {
    const recorder = new Recorder();
    const sts = confluentSts({
      baseUrl: prism.url,
      fetch: recorder.fetch,
      identityPoolId: POOL,
      subjectToken: () => "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjb25mb3JtYW5jZSJ9.c2ln",
      expiresIn: 900,
    });
    const confluent = client(recorder, { auth: { "confluent-sts-access-token": sts } });
    const result = await confluent.GET("/iam/v2/identity-providers/{id}", {
      params: { path: { id: PROVIDER } },
    });
    expectDocumentedSuccess(
      spec.operations.find((o) => o.key === "GET /iam/v2/identity-providers/{id}")!,
      result,
    );
    expect(recorder.exchanges.map((e) => [e.method, e.target, e.authorization])).toEqual([
      ["POST", "/sts/v1/oauth2/token", undefined],
      ["GET", `/iam/v2/identity-providers/${PROVIDER}`, "Bearer"],
    ]);
    expectNothingFlagged(recorder);
  });

  test("paginate follows metadata.next with the page token only", async () => {
    const recorder = new Recorder();
    recorder.prefer = (request) =>
      new URL(request.url).searchParams.has("page_token")
        ? "example=lastPage"
        : "example=twoProvidersMorePages";
    const ids: string[] = [];
    for await (const provider of client(recorder).paginate("/iam/v2/identity-providers", {
      params: { query: { page_size: 2 } },
    })) {
      ids.push(provider.id);
    }
    const list = spec.operations.find((o) => o.key === "GET /iam/v2/identity-providers")!;
    const firstPage = firstExample(successOf(list)) as { data: Array<{ id: string }> };
    expect(ids).toEqual(firstPage.data.map((provider) => provider.id));
    expect(recorder.exchanges.map((exchange) => exchange.target)).toEqual([
      "/iam/v2/identity-providers?page_size=2",
      "/iam/v2/identity-providers?page_token=tok-page2-fake",
    ]);
    expectNothingFlagged(recorder);
  });

  test("a failed JWKS fetch is reported through the open status enum", async () => {
    const recorder = new Recorder();
    recorder.prefer = "example=fetchFailed";
    const result = await drivers(client(recorder))["PATCH /iam/v2/identity-providers/{provider_id}/jwks"]!();
    expect(result.response.status).toBe(200);
    expect((result.data as { status?: { jwks_status?: string } }).status?.jwks_status).toBe(
      "ERROR_FETCHING_JWKS",
    );
    expectNothingFlagged(recorder);
  });

  test("Prism logged no violation and reached nothing beyond loopback", () => {
    expect(prism.loggedViolations()).toEqual([]);
    expect(prism.blockedNetworkAccess()).toEqual([]);
  });

  // Runs last: it makes Prism log a violation on purpose.
  test("control: Prism does reject a body that breaks the spec, and the suite notices", async () => {
    const recorder = new Recorder();
    const result = await drivers(client(recorder))["POST /iam/v2/identity-providers"]!({
      display_name: "No issuer",
      description: "Missing issuer and jwks_uri",
    });
    expect(result.response.status).toBe(422);
    expect(JSON.stringify(recorder.flagged())).toContain("issuer");
    expect(prism.loggedViolations().join("\n")).toContain("jwks_uri");
  });
});
