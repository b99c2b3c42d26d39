import { githubActionsIdToken, InvalidWorkloadJwtError } from "@idclients/auth/workload";
import { ApiError, confluentSts, TokenError, unwrap } from "@idclients/confluent";
import { infisicalJwtLogin } from "@idclients/infisical";
import { CONFLUENT_AUDIENCE, ciJobClients, INFISICAL_AUDIENCE, JOB_SETTINGS } from "./ci-job.js";
import { REPOSITORY, SUBJECT, type World } from "./platform.js";
import type { StepReport } from "./report.js";

/** The job's environment: the platform's settings plus the two variables the runner sets. */
export function jobEnvironment(world: World): Record<string, string> {
  return { ...world.jobSettings, ...world.runner.env() };
}

/**
 * Expects `attempt` to fail with a `TokenError` (what a client or token helper throws when it cannot get
 * a token) caused by `Cause`; returns a line naming both. Anything else fails the step.
 */
async function refusal(
  attempt: () => Promise<unknown>,
  Cause: abstract new (...args: never[]) => Error,
): Promise<string> {
  const error = await attempt().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error === undefined) throw new Error("the token was accepted, but it should have been refused");
  if (!(error instanceof TokenError)) throw error;
  const cause: unknown = error instanceof Cause ? error : (error as Error).cause;
  if (!(cause instanceof Cause)) throw error;
  const chain = error === cause ? error.name : `${error.name} <- ${cause.name}`;
  return `refused: ${chain}: ${cause.message}`;
}

/**
 * The CI job's part: federate, call both services, and show what is refused. Everything it uses comes
 * from `jobEnvironment(world)`; the fakes' admin credentials are never in it.
 */
export async function runFederation(world: World, report: StepReport): Promise<void> {
  const env = jobEnvironment(world);
  const { fakes, runner } = world;
  const requestsFor = (audience: string) => runner.requests.filter((r) => r.audience === audience).length;

  await report.step("The CI job holds no Confluent or Infisical secret", async () => {
    const secrets = [
      fakes.confluent.apiKey.password,
      fakes.confluent.apiKey.username,
      fakes.infisical.adminToken,
    ];
    const values = Object.values(env);
    if (secrets.some((secret) => values.some((value) => value.includes(secret)))) {
      throw new Error("a provider credential leaked into the job's environment");
    }
    return `environment: ${[...JOB_SETTINGS, ...Object.keys(runner.env())].join(", ")}`;
  });

  const { confluent, infisical } = ciJobClients(env);

  await report.step("Exchange the job's OIDC token at Confluent STS and call Confluent", async () => {
    const params = {
      params: { path: { provider_id: world.confluentProviderId, id: env.CONFLUENT_IDENTITY_POOL_ID ?? "" } },
    };
    const pool = await unwrap(
      confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", params),
    );
    await unwrap(confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools/{id}", params));
    const exchanges = fakes.confluent.issuedTokens().length;
    return `read pool ${pool.id} twice as ${SUBJECT}: ${requestsFor(CONFLUENT_AUDIENCE)} OIDC token (aud "${CONFLUENT_AUDIENCE}"), ${exchanges} STS exchange`;
  });

  await report.step("Log in to Infisical with the job's OIDC token and call Infisical", async () => {
    const identityId = env.INFISICAL_IDENTITY_ID ?? "";
    const config = await unwrap(
      infisical.GET("/api/v1/auth/jwt-auth/identities/{identityId}", { params: { path: { identityId } } }),
    );
    const logins = fakes.infisical.issuedTokens().filter((token) => token.identityId === identityId).length;
    return `read the JWT auth of ${identityId} (bound to ${config.identityJwtAuth.boundSubject}): ${requestsFor(INFISICAL_AUDIENCE)} OIDC token (aud "${INFISICAL_AUDIENCE}"), ${logins} login`;
  });

  await report.step("A token for another audience is refused by Confluent STS", () =>
    refusal(
      () =>
        confluentSts({
          baseUrl: env.CONFLUENT_BASE_URL,
          identityPoolId: env.CONFLUENT_IDENTITY_POOL_ID ?? "",
          subjectToken: githubActionsIdToken({ audience: INFISICAL_AUDIENCE, env }),
          retry: false,
        }).getToken(),
      ApiError,
    ),
  );

  await report.step("A token for another audience is refused by Infisical", () =>
    refusal(
      () =>
        infisicalJwtLogin({
          baseUrl: env.INFISICAL_BASE_URL,
          identityId: env.INFISICAL_IDENTITY_ID ?? "",
          jwt: githubActionsIdToken({ audience: CONFLUENT_AUDIENCE, env }),
          retry: false,
        }).getToken(),
      ApiError,
    ),
  );

  await report.step("An expired token is refused before it leaves the job", async () => {
    const lifetime = runner.tokenLifetimeSeconds;
    runner.tokenLifetimeSeconds = -60;
    try {
      return await refusal(
        () =>
          confluentSts({
            baseUrl: env.CONFLUENT_BASE_URL,
            identityPoolId: env.CONFLUENT_IDENTITY_POOL_ID ?? "",
            subjectToken: githubActionsIdToken({ audience: CONFLUENT_AUDIENCE, env }),
          }).getToken(),
        InvalidWorkloadJwtError,
      );
    } finally {
      runner.tokenLifetimeSeconds = lifetime;
    }
  });

  await report.step("An expired token handed straight to Confluent STS is refused there too", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await runner.issuer.sign({
      sub: SUBJECT,
      aud: CONFLUENT_AUDIENCE,
      repository: REPOSITORY,
      ref: "refs/heads/main",
      iat: now - 600,
      exp: now - 60,
    });
    return refusal(
      () =>
        confluentSts({
          baseUrl: env.CONFLUENT_BASE_URL,
          identityPoolId: env.CONFLUENT_IDENTITY_POOL_ID ?? "",
          subjectToken: expired,
          retry: false,
        }).getToken(),
      ApiError,
    );
  });
}
