import {
  ApiError,
  confluentOperations,
  confluentSts,
  createConfluentClient,
  unwrap,
} from "@idclients/confluent";
import { type ConfluentFake, type OidcIssuer, startConfluent, startOidcIssuer } from "@idclients/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectEveryOperationSucceeded, expectNothingFlagged } from "./support/checks.js";
import { type RunningPrism, startPrism } from "./support/prism.js";
import { Recorder } from "./support/recorder.js";
import { specPath } from "./support/spec.js";

let fake: ConfluentFake;
let issuer: OidcIssuer;
let prism: RunningPrism;
/** Every exchange of this file, for the coverage and violation checks at the end. */
const recorder = new Recorder();

beforeAll(async () => {
  [fake, issuer] = await Promise.all([startConfluent(), startOidcIssuer({ audience: "confluent" })]);
  prism = await startPrism({ spec: specPath("confluent"), upstream: fake.url });
}, 40_000);
afterAll(async () => {
  await Promise.all([prism?.stop(), fake?.close(), issuer?.close()]);
});

function confluent(auth?: Parameters<typeof createConfluentClient>[0]) {
  return createConfluentClient({
    baseUrl: prism.url,
    auth: { "cloud-api-key": fake.apiKey },
    fetch: recorder.fetch,
    retry: false,
    ...auth,
  });
}

async function failureOf(call: Promise<unknown>): Promise<ApiError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

/** Registers `issuer` (or another issuer URL sharing its key set, since issuers must be unique). */
async function registerProvider(name: string, issuerUrl = issuer.url) {
  return await unwrap(
    confluent().POST("/iam/v2/identity-providers", {
      body: {
        display_name: name,
        description: `${name} (conformance)`,
        issuer: issuerUrl,
        jwks_uri: issuer.jwksUri,
      },
    }),
  );
}

describe("Confluent fake behind Prism's validating proxy", () => {
  let providerId: string;
  let poolId: string;

  test("an identity provider is registered, read, listed, changed and its JWKS refreshed", async () => {
    const created = await registerProvider("Conformance IdP");
    providerId = created.id!;
    const client = confluent();
    const read = await unwrap(
      client.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: providerId } } }),
    );
    expect(read).toMatchObject({ id: providerId, issuer: issuer.url, jwks_uri: issuer.jwksUri });
    const list = await unwrap(
      client.GET("/iam/v2/identity-providers", { params: { query: { page_size: 10 } } }),
    );
    expect(list.data.map((provider) => provider.id)).toContain(providerId);
    const changed = await unwrap(
      client.PATCH("/iam/v2/identity-providers/{id}", {
        params: { path: { id: providerId } },
        body: { display_name: "Conformance IdP (renamed)", identity_claim: "claims.sub" },
      }),
    );
    expect(changed.display_name).toBe("Conformance IdP (renamed)");
    const jwks = await unwrap(
      client.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
        params: { path: { provider_id: providerId } },
        body: { spec: { jwks_status: "REFRESHED" } },
      }),
    );
    expect(["OK", "REFRESHED"]).toContain(jwks.status?.jwks_status);
    expectNothingFlagged(recorder);
  });

  test("a pool is created, read, listed and changed, and a token minted for it is accepted", async () => {
    const client = confluent();
    const pools = { params: { path: { provider_id: providerId } } };
    const created = await unwrap(
      client.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: providerId }, query: { assigned_resource_owner: "sa-conformance" } },
        body: {
          display_name: "Conformance pool",
          description: "Tokens of the conformance suite",
          identity_claim: "claims.sub",
          filter: 'claims.aud == "confluent"',
        },
      }),
    );
    poolId = created.id!;
    const pool = { params: { path: { provider_id: providerId, id: poolId } } };
    expect(
      await unwrap(client.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", pool)),
    ).toMatchObject({ id: poolId, filter: 'claims.aud == "confluent"' });
    const list = await unwrap(client.GET("/iam/v2/identity-providers/{provider_id}/identity-pools", pools));
    expect(list.data.map((p) => p.id)).toEqual([poolId]);
    const changed = await unwrap(
      client.PATCH("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
        ...pool,
        body: { filter: 'claims.aud == "confluent" && claims.sub.startsWith("ci-")' },
      }),
    );
    expect(changed.filter).toContain("ci-");

    const sts = confluentSts({
      baseUrl: prism.url,
      fetch: recorder.fetch,
      identityPoolId: poolId,
      subjectToken: () => issuer.sign({ sub: "ci-runner-1" }),
      expiresIn: 300,
    });
    const withToken = confluent({ auth: { "confluent-sts-access-token": sts } });
    const read = await unwrap(
      withToken.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: providerId } } }),
    );
    expect(read.id).toBe(providerId);
    expect(fake.issuedTokens()).toHaveLength(1);
    expectNothingFlagged(recorder);
  });

  test("paginate walks the fake's real page tokens", async () => {
    await registerProvider("Second IdP", "https://second.conformance.test/");
    await registerProvider("Third IdP", "https://third.conformance.test/");
    const ids: string[] = [];
    for await (const provider of confluent().paginate("/iam/v2/identity-providers", {
      params: { query: { page_size: 1 } },
    })) {
      ids.push(provider.id);
    }
    expect(ids.sort()).toEqual(
      fake
        .identityProviders()
        .map((p) => p.id)
        .sort(),
    );
    expect(ids).toHaveLength(3);
    expectNothingFlagged(recorder);
  });

  test("the fake's failures match what the spec documents for them", async () => {
    const client = confluent();
    const missing = await failureOf(
      unwrap(client.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-missing" } } })),
    );
    expect(missing.status).toBe(404);
    expect(missing.requestId).toBeTruthy();

    const duplicate = await failureOf(registerProvider("Same issuer again"));
    expect(duplicate.status).toBe(409);

    const wrongKey = confluent({
      auth: { "cloud-api-key": { username: fake.apiKey.username, password: "wrong" } },
    });
    expect((await failureOf(unwrap(wrongKey.GET("/iam/v2/identity-providers")))).status).toBe(401);

    // Once Confluent has refetched the key set, a JWT signed with the retired key cannot be exchanged.
    const retiredKid = issuer.currentKid;
    await issuer.rotateKey();
    const refreshed = await unwrap(
      client.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
        params: { path: { provider_id: providerId } },
        body: { spec: { jwks_status: "REFRESHED" } },
      }),
    );
    expect(["OK", "REFRESHED"]).toContain(refreshed.status?.jwks_status);
    const stale = await issuer.sign({ sub: "ci-runner-2" }, { kid: retiredKid });
    const refused = await failureOf(
      unwrap(
        client.POST("/sts/v1/oauth2/token", {
          body: {
            grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
            subject_token: stale,
            identity_pool_id: poolId,
            subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
            requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
          },
        }),
      ),
    );
    expect([400, 401]).toContain(refused.status);

    // Key-set fetch failures are reported in the body of a 200.
    issuer.failJwks(503);
    const broken = await unwrap(
      client.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
        params: { path: { provider_id: providerId } },
        body: { spec: { jwks_status: "REFRESHED" } },
      }),
    );
    issuer.restoreJwks();
    expect(broken.status?.jwks_status).toBe("ERROR_FETCHING_JWKS");

    fake.faults.inject({ status: 429, retryAfter: 7, match: "listIamV2IdentityProviders" });
    const limited = await failureOf(unwrap(client.GET("/iam/v2/identity-providers")));
    expect(limited.status).toBe(429);
    expect(limited.retryAfterMs).toBe(7000);

    fake.faults.inject({ status: 500, match: "getIamV2IdentityPool" });
    const broke = await failureOf(
      unwrap(
        client.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
          params: { path: { provider_id: providerId, id: poolId } },
        }),
      ),
    );
    expect(broke.status).toBe(500);
    expectNothingFlagged(recorder);
  });

  test("the pool and the provider are deleted", async () => {
    const client = confluent();
    const pool = { params: { path: { provider_id: providerId, id: poolId } } };
    expect(
      (await client.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", pool)).response
        .status,
    ).toBe(204);
    const provider = { params: { path: { id: providerId } } };
    expect((await client.DELETE("/iam/v2/identity-providers/{id}", provider)).response.status).toBe(204);
    expect((await failureOf(unwrap(client.GET("/iam/v2/identity-providers/{id}", provider)))).status).toBe(
      404,
    );
    expectNothingFlagged(recorder);
  });

  test("every operation succeeded through the proxy, and Prism found nothing to object to", () => {
    expectEveryOperationSucceeded(recorder, prism, Object.keys(confluentOperations));
  });

  // Runs last: it makes Prism report a violation on purpose.
  test("control: a fake answer that breaks the spec is turned into an error by Prism", async () => {
    const control = new Recorder();
    fake.faults.inject({ status: 404, body: { errors: "not a list" }, match: "getIamV2IdentityProvider" });
    const client = createConfluentClient({
      baseUrl: prism.url,
      auth: { "cloud-api-key": fake.apiKey },
      fetch: control.fetch,
      retry: false,
    });
    const result = await client.GET("/iam/v2/identity-providers/{id}", {
      params: { path: { id: "op-control" } },
    });
    expect(result.response.status).toBe(500);
    expect(control.flagged()).toHaveLength(1);
    expect(JSON.stringify(control.flagged()[0]?.prismProblem)).toContain("errors");
  });
});
