import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createInfisicalClient } from "@idclients/infisical";
import {
  type AllFakes,
  type GithubActionsTokenEndpoint,
  startAll,
  startGithubActionsTokenEndpoint,
} from "@idclients/testing";
import { CONFLUENT_AUDIENCE, INFISICAL_AUDIENCE } from "./ci-job.js";

/** The repository and branch whose jobs may federate (GitHub's `repository` and `ref` claims). */
export const REPOSITORY = "acme/deployer";
export const REF = "refs/heads/main";
export const SUBJECT = `repo:${REPOSITORY}:ref:${REF}`;

/** Everything running on 127.0.0.1: the fakes of Confluent and Infisical and a GitHub Actions runner. */
export interface World {
  fakes: AllFakes;
  runner: GithubActionsTokenEndpoint;
  /** The identifiers the platform team hands to the job (see `JOB_SETTINGS`); no secret among them. */
  jobSettings: Record<string, string>;
  /** Where the pool lives, for the job's calls. */
  confluentProviderId: string;
  close(): Promise<void>;
}

/**
 * Starts the fakes and the runner's token endpoint and does the platform team's one-time setup with
 * its admin credentials (which no CI job ever sees): registers the runner's OIDC issuer at Confluent
 * (identity provider + identity pool that admits this repository's main branch with audience
 * "confluent") and at Infisical (JWT auth on a machine identity, bound to the issuer, the audience
 * "infisical" and the subject).
 */
export async function startWorld(): Promise<World> {
  const [fakes, runner] = await Promise.all([
    startAll(),
    startGithubActionsTokenEndpoint({ repository: REPOSITORY, ref: REF }),
  ]);
  try {
    const admin = {
      confluent: createConfluentClient({
        baseUrl: fakes.confluent.url,
        auth: { "cloud-api-key": fakes.confluent.apiKey },
      }),
      infisical: createInfisicalClient({
        baseUrl: fakes.infisical.url,
        auth: { bearerAuth: fakes.infisical.adminToken },
      }),
    };
    const provider = await unwrap(
      admin.confluent.POST("/iam/v2/identity-providers", {
        body: {
          display_name: "github-actions",
          description: "GitHub Actions jobs of acme",
          issuer: runner.issuer.url,
          jwks_uri: runner.issuer.jwksUri,
        },
      }),
    );
    const pool = await unwrap(
      admin.confluent.POST("/iam/v2/identity-providers/{provider_id}/identity-pools", {
        params: { path: { provider_id: provider.id ?? "" } },
        body: {
          display_name: "deployer-main",
          description: `Jobs of ${REPOSITORY} on ${REF}`,
          identity_claim: "claims.sub",
          filter: `claims.aud == "${CONFLUENT_AUDIENCE}" && claims.repository == "${REPOSITORY}" && claims.ref == "${REF}"`,
        },
      }),
    );
    const identity = fakes.infisical.createIdentity({ name: "ci-deployer" });
    await unwrap(
      admin.infisical.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
        params: { path: { identityId: identity.id } },
        body: {
          configurationType: "jwks",
          jwksUrl: runner.issuer.jwksUri,
          boundIssuer: runner.issuer.url,
          boundAudiences: INFISICAL_AUDIENCE,
          boundSubject: SUBJECT,
          boundClaims: { repository: REPOSITORY },
          accessTokenTTL: 600,
        },
      }),
    );
    return {
      fakes,
      runner,
      confluentProviderId: provider.id ?? "",
      jobSettings: {
        CONFLUENT_BASE_URL: fakes.confluent.url,
        CONFLUENT_IDENTITY_POOL_ID: pool.id ?? "",
        INFISICAL_BASE_URL: fakes.infisical.url,
        INFISICAL_IDENTITY_ID: identity.id,
      },
      close: async () => {
        await Promise.all([fakes.close(), runner.close()]);
      },
    };
  } catch (error) {
    await Promise.all([fakes.close(), runner.close()]);
    throw error;
  }
}
