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
  CONFLUENT_BASE_URL,
  type ConfluentClient,
  type ConfluentClientOptions,
  type ConfluentListPath,
  confluentProvider,
  createConfluentClient,
} from "./client.js";
export { type ConfluentStsOptions, confluentSts } from "./confluent-sts.js";
export type { Credentials as ConfluentCredentials } from "./generated/operations.js";
export { operations as confluentOperations } from "./generated/operations.js";
export type { components, operations, paths } from "./generated/schema.js";
