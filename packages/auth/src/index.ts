export {
  type ApiClientOptions,
  BoundTokenClient,
  createApiClient,
  type DataOf,
  type EnvironmentConvention,
  errorOf,
  type FetchLike,
  formBodySerializer,
  LOG_VARIABLE,
  type TokenClientOptions,
  unwrap,
} from "./client.js";
export { type AuthConfig, chooseSchemes, headerValueProblem, isTokenProvider } from "./credentials.js";
export {
  buildFailure,
  confluentFailureFormat,
  type DecodedFailure,
  decodeFailure,
  decodeWith,
  type FailureFormat,
  type FailureInit,
  failureFromResponse,
  icaFailureFormat,
  infisicalFailureFormat,
  MAX_FAILURE_BODY_BYTES,
  readBoundedText,
} from "./decode-failure.js";
export {
  AbortError,
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  type FailureIssue,
  IdClientsError,
  InsecureTransportError,
  InternalServerError,
  InvalidRequestError,
  MissingCredentialError,
  NotFoundError,
  PaginationError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  type RedirectRefusal,
  ResponseDecodeError,
  type ResponseErrorInit,
  ResponseTooLargeError,
  TimeoutError,
  TokenError,
  UnprocessableEntityError,
} from "./errors.js";
export { readJwtExpiry } from "./jwt.js";
export { getRateLimit, MAX_TIMER_MS, type RateLimit, readRetryAfterMs } from "./rate-limit.js";
export { type BoundedText, readBounded } from "./read-body.js";
export { REDACTED, scrubDeep, scrubHeaders, scrubText, secretForms } from "./redact.js";
export {
  type CachedToken,
  DEFAULT_MINT_TIMEOUT_MS,
  type MintedToken,
  TokenCache,
  type TokenCacheOptions,
} from "./token-cache.js";
export { readTokenSource } from "./token-source.js";
export {
  type CallOptions,
  DEFAULT_MAX_REDIRECTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  failureOf,
  type RetryEvent,
  type RetryOptions,
  redactHeaders,
  type SendOptions,
  Transport,
  type TransportOptions,
} from "./transport.js";
export type { CallResult, IdClient, IdClientMethods, ResponseBody } from "./typed-client.js";
export type {
  BasicCredentials,
  ClientBinding,
  Logger,
  OperationMeta,
  ProviderMeta,
  ProviderName,
  SecuritySchemeMeta,
  TokenCredential,
  TokenProvider,
  TokenSource,
} from "./types.js";
