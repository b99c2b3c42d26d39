export {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  errorOf,
  type FailureIssue,
  getRateLimit,
  IdClientsError,
  InsecureTransportError,
  InternalServerError,
  type Logger,
  MissingCredentialError,
  NotFoundError,
  PermissionDeniedError,
  type RateLimit,
  RateLimitError,
  type RetryEvent,
  type RetryOptions,
  TimeoutError,
  TokenCache,
  type TokenCredential,
  TokenError,
  type TokenProvider,
  type TokenSource,
  UnprocessableEntityError,
  unwrap,
} from "@idclients/auth";
export {
  createInfisicalClient,
  INFISICAL_EU_URL,
  INFISICAL_US_URL,
  type InfisicalClient,
  type InfisicalClientOptions,
  infisicalProvider,
} from "./client.js";
export type { Credentials as InfisicalCredentials } from "./generated/operations.js";
export { operations as infisicalOperations } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";

export { type InfisicalJwtLoginOptions, infisicalJwtLogin } from "./infisical-jwt-login.js";
