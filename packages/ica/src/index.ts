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
  createIcaClient,
  ICA_BASE_URL,
  type IcaClient,
  type IcaClientOptions,
  icaProvider,
} from "./client.js";
export type { Credentials as IcaCredentials } from "./generated/operations.js";
export { operations as icaOperations } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";

export { type IcaJwtCredential, type IcaJwtOptions, icaJwt } from "./ica-jwt.js";
