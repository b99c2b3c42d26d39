export { type AllFakes, type AllFakesOptions, startAll } from "./all.js";
export { CelSyntaxError, type CompiledFilter, compileFilter } from "./cel.js";
export {
  type ConfluentApiKey,
  type ConfluentFake,
  type ConfluentFakeOptions,
  type ConfluentIdentityPoolRecord,
  type ConfluentIdentityProviderRecord,
  type ConfluentIssuedToken,
  startConfluent,
} from "./confluent.js";
export { secretForms } from "./echo.js";
export type { FakeServer, RateLimitOptions } from "./engine.js";
export { type Fault, type FaultSpec, Faults } from "./faults.js";
export {
  type GithubActionsTokenEndpoint,
  type GithubActionsTokenEndpointOptions,
  type GithubActionsTokenRequest,
  startGithubActionsTokenEndpoint,
} from "./github-actions.js";
export { type IcaFake, type IcaFakeOptions, type IcaIssuedToken, type IcaUser, startIca } from "./ica.js";
export {
  globMatch,
  type InfisicalFake,
  type InfisicalFakeOptions,
  type InfisicalIdentity,
  type InfisicalIssuedToken,
  type InfisicalJwtAuthRecord,
  type InfisicalTrustedIp,
  startInfisical,
} from "./infisical.js";
export { jwksOf, SigningKey } from "./keys.js";
export { type OidcIssuer, type OidcIssuerOptions, type SignOptions, startOidcIssuer } from "./oidc-issuer.js";
export { type RecordedRequest, RequestLog } from "./request-log.js";
