import { type Environment, githubActionsIdToken } from "@idclients/auth/workload";
import { confluentSts, createConfluentClient } from "@idclients/confluent";
import { createInfisicalClient, infisicalJwtLogin } from "@idclients/infisical";

/** The `aud` each receiver is configured to accept; the job asks the runner for one token per receiver. */
export const CONFLUENT_AUDIENCE = "confluent";
export const INFISICAL_AUDIENCE = "infisical";

/**
 * What the job is configured with: which identities it federates into and, optionally, where the
 * services are (default: production). Identifiers and URLs only — the job holds no Confluent API key
 * and no Infisical token. The runner adds `ACTIONS_ID_TOKEN_REQUEST_URL` and
 * `ACTIONS_ID_TOKEN_REQUEST_TOKEN` because the job has `permissions: id-token: write`.
 */
export const JOB_SETTINGS = [
  "CONFLUENT_IDENTITY_POOL_ID",
  "INFISICAL_IDENTITY_ID",
  "CONFLUENT_BASE_URL",
  "INFISICAL_BASE_URL",
] as const;

function required(env: Environment, name: (typeof JOB_SETTINGS)[number]): string {
  const value = env[name];
  if (!value) throw new Error(`The job needs the setting ${name}`);
  return value;
}

/**
 * The clients a CI job builds from its environment. Confluent calls carry a Confluent STS token that
 * `confluentSts` gets by exchanging the job's GitHub OIDC token (audience "confluent"); Infisical calls
 * carry an access token that `infisicalJwtLogin` gets by logging in with the job's OIDC token (audience
 * "infisical"). Every token is cached until shortly before it expires and fetched again after.
 *
 * In a real workflow `env` is `process.env` and the base URLs are not set (production).
 */
export function ciJobClients(env: Environment = process.env) {
  const confluentBaseUrl = env.CONFLUENT_BASE_URL || undefined;
  const infisicalBaseUrl = env.INFISICAL_BASE_URL || undefined;
  const confluent = createConfluentClient({
    baseUrl: confluentBaseUrl,
    auth: {
      "confluent-sts-access-token": confluentSts({
        baseUrl: confluentBaseUrl,
        identityPoolId: required(env, "CONFLUENT_IDENTITY_POOL_ID"),
        subjectToken: githubActionsIdToken({ audience: CONFLUENT_AUDIENCE, env }),
      }),
    },
  });
  const infisical = createInfisicalClient({
    baseUrl: infisicalBaseUrl,
    auth: {
      bearerAuth: infisicalJwtLogin({
        baseUrl: infisicalBaseUrl,
        identityId: required(env, "INFISICAL_IDENTITY_ID"),
        jwt: githubActionsIdToken({ audience: INFISICAL_AUDIENCE, env }),
      }),
    },
  });
  return { confluent, infisical };
}
