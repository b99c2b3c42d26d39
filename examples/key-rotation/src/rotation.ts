import { ApiError, confluentSts, createConfluentClient, unwrap } from "@idclients/confluent";
import { icaJwt } from "@idclients/ica";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";
import type { StepReport } from "./report.js";
import type { Targets } from "./targets.js";

/** The workload whose tokens the issuer signs (a CI job of one repository, say). */
const SUBJECT = "repo:acme/deployer:ref:refs/heads/main";
const CONFLUENT_AUDIENCE = "confluent";
const INFISICAL_AUDIENCE = "infisical";

function secondsFromNow(epochMs: number | undefined): string {
  return epochMs === undefined ? "no expiry" : `expires in ${Math.round((epochMs - Date.now()) / 1000)} s`;
}

/**
 * Passes when the call is refused with a 4xx (or with a status listed in `alsoRefusal`, for a provider
 * that reports this refusal otherwise); a success or any other failure fails the step.
 */
async function expectRefused(
  call: () => Promise<unknown>,
  alsoRefusal: readonly number[] = [],
): Promise<string> {
  try {
    await call();
  } catch (error) {
    const apiError = error instanceof ApiError ? error : error instanceof Error ? error.cause : undefined;
    const refused =
      apiError instanceof ApiError &&
      ((apiError.status >= 400 && apiError.status < 500) || alsoRefusal.includes(apiError.status));
    if (refused) return `refused as expected: ${apiError.message}`;
    throw error;
  }
  throw new Error("the token was accepted, but it is signed with a key that was rotated out");
}

/**
 * The key-rotation runbook: register the issuer at Confluent and Infisical, mint an ICA JWT, rotate the
 * issuer's signing key, refresh Confluent's JWKS, update Infisical, and prove that only the new key works.
 */
export async function runKeyRotation(targets: Targets, report: StepReport): Promise<void> {
  const { issuer } = targets;
  const transport = { allowInsecureHttp: targets.allowInsecureHttp };
  const confluent = createConfluentClient({
    ...transport,
    baseUrl: targets.confluent.baseUrl,
    auth: { "cloud-api-key": targets.confluent.apiKey },
  });
  const infisical = createInfisicalClient({
    ...transport,
    baseUrl: targets.infisical.baseUrl,
    auth: { bearerAuth: targets.infisical.adminToken },
  });
  const identityId = targets.infisical.identityId;
  const identityPath = { params: { path: { identityId } } };
  const suffix = Math.random().toString(36).slice(2, 8);
  let providerId = "";
  let poolId = "";

  const exchangeAtConfluent = (subjectToken: string) =>
    confluentSts({
      ...transport,
      baseUrl: targets.confluent.baseUrl,
      identityPoolId: poolId,
      subjectToken,
      retry: false,
    }).getToken();
  const loginToInfisical = (jwt: string) =>
    infisicalJwtLogin({
      ...transport,
      baseUrl: targets.infisical.baseUrl,
      identityId,
      jwt,
      retry: false,
    }).getToken();
  const signWorkloadToken = (audience: string, kid?: string) =>
    issuer.sign({ sub: SUBJECT, aud: audience }, kid === undefined ? {} : { kid });

  try {
    await report.step("Register the OIDC issuer at Confluent (identity provider)", async () => {
      const provider = await unwrap(
        confluent.POST("/iam/v2/identity-providers", {
          body: {
            display_name: `idclients-demo-${suffix}`,
            description: "Key-rotation demo issuer",
            issuer: issuer.url,
            jwks_uri: issuer.jwksUri,
          },
        }),
      );
      providerId = provider.id;
      return `${providerId} trusts ${issuer.url}`;
    });

    await report.step("Create a Confluent identity pool for the workload", async () => {
      const pool = await unwrap(
        confluent.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
          params: { path: { provider_id: providerId } },
          body: {
            display_name: `deployer-${suffix}`,
            description: "CI deployer of acme/deployer",
            identity_claim: "claims.sub",
            filter: `claims.aud == "${CONFLUENT_AUDIENCE}" && claims.sub == "${SUBJECT}"`,
          },
        }),
      );
      poolId = pool.id;
      return `${poolId} accepts sub=${SUBJECT}`;
    });

    await report.step("Register the issuer at Infisical (JWT auth attach)", async () => {
      const attached = await unwrap(
        infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
          ...identityPath,
          body: {
            configurationType: "jwks",
            jwksUrl: issuer.jwksUri,
            boundIssuer: issuer.url,
            boundAudiences: INFISICAL_AUDIENCE,
            boundSubject: SUBJECT,
            boundClaims: {},
            accessTokenTTL: 600,
          },
        }),
      );
      return `identity ${identityId} verifies tokens from ${attached.identityJwtAuth.boundIssuer}`;
    });

    await report.step("Mint an ICA JWT from an API key", async () => {
      const jwt = icaJwt({ ...transport, baseUrl: targets.ica.baseUrl, apiKey: targets.ica.apiKey });
      await jwt.getToken();
      return `JWT minted, ${secondsFromNow(jwt.peek()?.expiresAt)} (refreshed by minting again)`;
    });

    await report.step("Baseline: the current key's token works at Confluent and Infisical", async () => {
      const stsToken = await exchangeAtConfluent(await signWorkloadToken(CONFLUENT_AUDIENCE));
      const viaSts = createConfluentClient({
        ...transport,
        baseUrl: targets.confluent.baseUrl,
        auth: { "confluent-sts-access-token": stsToken },
      });
      await unwrap(
        viaSts.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
          params: { path: { provider_id: providerId, id: poolId } },
        }),
      );
      await loginToInfisical(await signWorkloadToken(INFISICAL_AUDIENCE));
      return "STS exchange + a call with the STS token, and an Infisical login, all accepted";
    });

    let retiredKid = "";
    await report.step("Rotate the issuer's signing key", async () => {
      retiredKid = issuer.currentKid;
      const newKid = await issuer.rotateKey();
      return `kid ${retiredKid} retired, ${newKid} published`;
    });

    await report.step("Refresh Confluent's copy of the JWKS", async () => {
      const jwks = await unwrap(
        confluent.PATCH("/iam/v2/identity-providers/{provider_id}/jwks", {
          params: { path: { provider_id: providerId } },
          body: { spec: { jwks_status: "REFRESHED" } },
        }),
      );
      const status = jwks.status?.jwks_status;
      if (status !== "OK") throw new Error(`Confluent reports jwks_status ${status ?? "(none)"}`);
      return `jwks_status ${status}`;
    });

    await report.step("Update the Infisical JWT auth configuration", async () => {
      const updated = await unwrap(
        infisical.PATCH("/api/v1/auth/jwt-auth/identities/{identityId}", {
          ...identityPath,
          body: {
            configurationType: "jwks",
            jwksUrl: issuer.jwksUri,
            boundIssuer: issuer.url,
            boundAudiences: INFISICAL_AUDIENCE,
            boundSubject: SUBJECT,
            boundClaims: {},
            accessTokenTTL: 300,
          },
        }),
      );
      return `access token TTL now ${updated.identityJwtAuth.accessTokenTTL} s, JWKS ${updated.identityJwtAuth.jwksUrl}`;
    });

    await report.step("A token signed with the new key exchanges at Confluent STS", async () => {
      await exchangeAtConfluent(await signWorkloadToken(CONFLUENT_AUDIENCE));
      return "accepted";
    });

    await report.step("A token signed with the new key logs in to Infisical", async () => {
      await loginToInfisical(await signWorkloadToken(INFISICAL_AUDIENCE));
      return "accepted";
    });

    await report.step("A token signed with the retired key is refused by Confluent STS", () =>
      signWorkloadToken(CONFLUENT_AUDIENCE, retiredKid).then((token) =>
        expectRefused(() => exchangeAtConfluent(token)),
      ),
    );

    // Infisical looks the token's kid up in the JWKS and answers an unknown kid with a generic 500
    // ("Something went wrong") rather than a 401: that, too, is the refusal we expect here.
    await report.step("A token signed with the retired key is refused by Infisical", () =>
      signWorkloadToken(INFISICAL_AUDIENCE, retiredKid).then((token) =>
        expectRefused(() => loginToInfisical(token), [500]),
      ),
    );
  } finally {
    await report
      .step("Clean up (pool, identity provider, Infisical JWT auth)", async () => {
        if (poolId) {
          await unwrap(
            confluent.DELETE("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", {
              params: { path: { provider_id: providerId, id: poolId } },
            }),
          );
        }
        if (providerId) {
          await unwrap(
            confluent.DELETE("/iam/v2/identity-providers/{id}", { params: { path: { id: providerId } } }),
          );
        }
        await unwrap(infisical.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", identityPath)).catch(
          (error: unknown) => {
            // Nothing to revoke when the attach step never succeeded.
            if (!(error instanceof ApiError && error.status === 400)) throw error;
          },
        );
        return "removed";
      })
      .catch(() => undefined);
  }
}
