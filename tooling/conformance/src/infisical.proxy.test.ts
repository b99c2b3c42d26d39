import {
  ApiError,
  createInfisicalClient,
  infisicalJwtLogin,
  infisicalOperations,
  unwrap,
} from "@idclients/infisical";
import { type InfisicalFake, type OidcIssuer, startInfisical, startOidcIssuer } from "@idclients/testing";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectEveryOperationSucceeded, expectNothingFlagged } from "./support/checks.js";
import { type RunningPrism, startPrism } from "./support/prism.js";
import { Recorder } from "./support/recorder.js";
import { specPath } from "./support/spec.js";

const CONFIG = "/api/v1/auth/jwt-auth/identities/{identityId}";
let fake: InfisicalFake;
let issuer: OidcIssuer;
let prism: RunningPrism;
/** Every exchange of this file, for the coverage and violation checks at the end. */
const recorder = new Recorder();

beforeAll(async () => {
  [fake, issuer] = await Promise.all([startInfisical(), startOidcIssuer({ audience: "infisical" })]);
  prism = await startPrism({ spec: specPath("infisical"), upstream: fake.url });
}, 40_000);
afterAll(async () => {
  await Promise.all([prism?.stop(), fake?.close(), issuer?.close()]);
});

function infisical(auth: NonNullable<Parameters<typeof createInfisicalClient>[0]>["auth"] = {}) {
  return createInfisicalClient({
    baseUrl: prism.url,
    auth: { bearerAuth: fake.adminToken, ...auth },
    fetch: recorder.fetch,
    retry: false,
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

describe("Infisical fake behind Prism's validating proxy", () => {
  let identityId: string;
  const config = () => ({ params: { path: { identityId } } });

  test("JWT Auth is attached with a JWKS and read back", async () => {
    identityId = fake.createIdentity({ name: "conformance", subOrganizations: ["conformance-sub"] }).id;
    const attached = await unwrap(
      infisical().POST(CONFIG, {
        ...config(),
        body: {
          configurationType: "jwks",
          jwksUrl: issuer.jwksUri,
          boundIssuer: issuer.url,
          boundAudiences: "infisical, infisical-staging",
          boundClaims: { team: "platform, security" },
          boundSubject: "ci-*",
          accessTokenTrustedIps: [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }],
          accessTokenTTL: 600,
          accessTokenMaxTTL: 3600,
        },
      }),
    );
    expect(attached.identityJwtAuth).toMatchObject({
      identityId,
      configurationType: "jwks",
      jwksUrl: issuer.jwksUri,
    });
    const read = await unwrap(infisical().GET(CONFIG, config()));
    expect(read.identityJwtAuth.boundAudiences).toBe("infisical, infisical-staging");
    expectNothingFlagged(recorder);
  });

  test("a JWT signed by the issuer logs in, and the access token it yields is accepted", async () => {
    const login = infisicalJwtLogin({
      identityId,
      jwt: () => issuer.sign({ sub: "ci-runner-1", team: "platform" }),
      organizationSlug: "conformance-sub",
      baseUrl: prism.url,
      fetch: recorder.fetch,
      retry: false,
    });
    const read = await unwrap(infisical({ bearerAuth: login }).GET(CONFIG, config()));
    expect(read.identityJwtAuth.identityId).toBe(identityId);
    expect(fake.issuedTokens().filter((token) => token.source === "jwt-auth")).toHaveLength(1);
    expectNothingFlagged(recorder);
  });

  test("the configuration is switched to the issuer's static public key, which still logs in", async () => {
    const updated = await unwrap(
      infisical().PATCH(CONFIG, {
        ...config(),
        body: {
          configurationType: "static",
          publicKeys: [issuer.publicKeyPem],
          boundSubject: "ci-*",
          accessTokenTTL: 300,
        },
      }),
    );
    expect(updated.identityJwtAuth).toMatchObject({
      configurationType: "static",
      jwksUrl: "",
      accessTokenTTL: 300,
    });
    const session = await unwrap(
      infisical().POST("/api/v1/auth/jwt-auth/login", {
        body: { identityId, jwt: await issuer.sign({ sub: "ci-runner-2", team: "security" }) },
      }),
    );
    expect(session).toMatchObject({ expiresIn: 300, tokenType: "Bearer" });
    expectNothingFlagged(recorder);
  });

  test("the fake's failures match what the spec documents for them", async () => {
    const client = infisical();
    const wrongAudience = await failureOf(
      unwrap(
        client.POST("/api/v1/auth/jwt-auth/login", {
          body: { identityId, jwt: await issuer.sign({ sub: "ci-runner-3", aud: "someone-else" }) },
        }),
      ),
    );
    expect(wrongAudience.status).toBe(401);

    const wrongSubject = await failureOf(
      unwrap(
        client.POST("/api/v1/auth/jwt-auth/login", {
          body: { identityId, jwt: await issuer.sign({ sub: "laptop-1", team: "platform" }) },
        }),
      ),
    );
    expect([401, 403]).toContain(wrongSubject.status);

    const unknownIdentity = await failureOf(
      unwrap(
        client.GET(CONFIG, { params: { path: { identityId: "00000000-0000-4000-8000-000000000000" } } }),
      ),
    );
    expect(unknownIdentity.status).toBe(404);

    const twice = await failureOf(
      unwrap(
        client.POST(CONFIG, {
          ...config(),
          body: { configurationType: "jwks", jwksUrl: issuer.jwksUri, boundClaims: {} },
        }),
      ),
    );
    expect(twice).toMatchObject({ status: 400, code: "BadRequest" });

    const ttlAboveMax = await failureOf(
      unwrap(
        client.PATCH(CONFIG, {
          ...config(),
          body: {
            configurationType: "static",
            publicKeys: [issuer.publicKeyPem],
            accessTokenTTL: 7200,
            accessTokenMaxTTL: 3600,
          },
        }),
      ),
    );
    expect(ttlAboveMax.status).toBe(400);

    const badToken = await failureOf(unwrap(infisical({ bearerAuth: "not-a-token" }).GET(CONFIG, config())));
    expect(badToken).toMatchObject({ status: 403, code: "TokenError" });

    fake.faults.inject({ status: 429, retryAfter: 3, match: "getJwtAuth" });
    const limited = await failureOf(unwrap(client.GET(CONFIG, config())));
    expect(limited).toMatchObject({ status: 429, retryAfterMs: 3000 });

    fake.faults.inject({ status: 500, match: "getJwtAuth" });
    expect((await failureOf(unwrap(client.GET(CONFIG, config())))).status).toBe(500);
    expectNothingFlagged(recorder);
  });

  test("JWT Auth is revoked, which also revokes the access tokens it issued", async () => {
    const revoked = await unwrap(infisical().DELETE(CONFIG, config()));
    expect(revoked.identityJwtAuth.identityId).toBe(identityId);
    expect(fake.issuedTokens().filter((t) => t.source === "jwt-auth" && !t.revoked)).toEqual([]);
    const again = await failureOf(unwrap(infisical().DELETE(CONFIG, config())));
    expect(again.status).toBe(400);
    expectNothingFlagged(recorder);
  });

  test("every operation succeeded through the proxy, and Prism found nothing to object to", () => {
    expectEveryOperationSucceeded(recorder, prism, Object.keys(infisicalOperations));
  });

  // Runs last: it makes Prism report a violation on purpose.
  test("control: a fake answer that breaks the spec is turned into an error by Prism", async () => {
    const control = new Recorder();
    fake.faults.inject({ status: 400, body: { statusCode: "four hundred" }, match: "getJwtAuth" });
    const client = createInfisicalClient({
      baseUrl: prism.url,
      auth: { bearerAuth: fake.adminToken },
      fetch: control.fetch,
      retry: false,
    });
    const result = await client.GET(CONFIG, config());
    expect(result.response.status).toBe(500);
    expect(control.flagged()).toHaveLength(1);
  });
});
