import { checkVariableName, type Environment, envTokenSource } from "./env.js";
import type { WorkloadTokenOptions, WorkloadTokenSource } from "./workload-token-source.js";

export interface GitlabCiIdTokenOptions extends WorkloadTokenOptions {
  /**
   * The variable the job declares under `id_tokens:` in `.gitlab-ci.yml` (for `id_tokens: { CONFLUENT_ID_TOKEN:
   * { aud: confluent } }` that is `"CONFLUENT_ID_TOKEN"`).
   */
  variable: string;
  /** Where to read variables (default `globalThis.process?.env`). */
  env?: Environment;
}

/**
 * The GitLab CI job's ID token, read from the variable the job declares with `id_tokens:`. GitLab sets
 * the audience (`aud:`) in the pipeline file, so each receiver gets its own variable. An absent or empty
 * variable is a `WorkloadIdentityMissingError` naming it.
 *
 * @example
 * const jwt = gitlabCiIdToken({ variable: "INFISICAL_ID_TOKEN" });
 * const infisical = createInfisicalClient({ auth: { bearerAuth: infisicalJwtLogin({ identityId, jwt }) } });
 */
export function gitlabCiIdToken(options: GitlabCiIdTokenOptions): WorkloadTokenSource {
  const variable = checkVariableName(options.variable, "variable");
  return envTokenSource({
    ...options,
    variable,
    origin: "gitlab-ci",
    description: `GitLab CI ID token ${variable}`,
    missing:
      `GitLab CI did not provide the ID token ${variable}: the variable is not set or empty. ` +
      `Declare it in the job in .gitlab-ci.yml: id_tokens: { ${variable}: { aud: <audience> } }`,
  });
}
