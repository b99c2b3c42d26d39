// Workload identity token sources that run anywhere (no `node:` modules): "@idclients/auth/workload".
// The file-based sources (a token file, a Kubernetes projected token) are in "@idclients/auth/node".
export { type Environment, type JwtFromEnvOptions, jwtFromEnv } from "./env.js";
export {
  type InvalidJwtReason,
  InvalidWorkloadJwtError,
  WorkloadIdentityMissingError,
  WorkloadTokenError,
  type WorkloadTokenOrigin,
} from "./errors.js";
export {
  GITHUB_ACTIONS_ID_TOKEN_VARIABLES,
  type GithubActionsIdTokenOptions,
  githubActionsIdToken,
} from "./github-actions.js";
export { type GitlabCiIdTokenOptions, gitlabCiIdToken } from "./gitlab.js";
export { checkWorkloadJwt } from "./workload-jwt.js";
export type { WorkloadTokenOptions, WorkloadTokenSource } from "./workload-token-source.js";
