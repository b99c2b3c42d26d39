import type { RateLimit } from "./rate-limit.js";
import type { ProviderName } from "./types.js";

/** One problem a provider reported, normalised across the three failure formats. */
export interface FailureIssue {
  /** Machine-readable code of the problem (Confluent `code` or `error_code`, Infisical's issue `code`). */
  code?: string;
  /** Short summary of the problem (Confluent `title`). */
  title?: string;
  /** What is wrong, in words (Confluent `detail` or `message`, ICA's parameter detail, Infisical's issue `message`). */
  detail?: string;
  /** JSON Pointer into the request body (Confluent `source.pointer`, Infisical's issue `path`). */
  pointer?: string;
  /** The query or path parameter at fault. */
  parameter?: string;
}

/** Base class of every error this library throws; `instanceof IdClientsError` catches them all. */
export class IdClientsError extends Error {
  /** The error class's name (`"ApiError"`, `"TimeoutError"`, ...), spelled out so minified bundles keep it. */
  override name = "IdClientsError";
  /**
   * The provider whose client raised the error; undefined when no client was involved (`errorOf` on a
   * response that did not pass a client, a token source's own failure).
   */
  readonly provider: ProviderName | undefined;
  /**
   * The spec's operationId of the failed call (`"METHOD /path"` for a path the spec does not declare);
   * undefined when the error is not about one operation.
   */
  readonly operationId: string | undefined;

  constructor(
    message: string,
    init: { provider?: ProviderName; operationId?: string; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.provider = init.provider;
    this.operationId = init.operationId;
  }
}

/** What an `ApiError` is built from (`ApiError.from`, the constructors); each field becomes the error's field of that name. */
export interface ApiErrorInit {
  /** The provider whose API answered. */
  provider?: ProviderName;
  /** The spec's operationId of the call. */
  operationId?: string;
  /** HTTP status of the response. */
  status: number;
  /** Machine-readable error code from the body. */
  code?: string;
  /** Short summary from the body. */
  title?: string;
  /** The human-readable message from the body. */
  detail?: string;
  /** The provider's request id. */
  requestId?: string;
  /** The problems the body lists (default: none). */
  issues?: FailureIssue[];
  /** The rate-limit headers of the response. */
  rateLimit?: RateLimit;
  /** How long the server asked to wait before trying again, in milliseconds. */
  retryAfterMs?: number;
  /** The decoded body (parsed JSON, or text). */
  body?: unknown;
  /** The response headers. */
  headers?: Headers;
  /** How many HTTP attempts were made (default 1). */
  attempts?: number;
}

/**
 * A response with a non-2xx status. `status`, `code`, `detail`, `issues` and `requestId` are read from
 * the provider's own failure format; `body` keeps what was decoded (a bounded prefix for large bodies).
 */
export class ApiError extends IdClientsError {
  override name = "ApiError";
  /** HTTP status of the response. */
  readonly status: number;
  /**
   * Machine-readable error code (Confluent `code`, ICA `title` or `type`, Infisical `error`); undefined
   * when the body has none.
   */
  readonly code: string | undefined;
  /** Short summary (Confluent's first error `title`, ICA `title`, Infisical `error`); undefined when the body has none. */
  readonly title: string | undefined;
  /**
   * The human-readable message (Confluent `detail` or `message`, ICA `detail`, Infisical `message`), or a
   * short summary of a body in no known format (an HTML page from a proxy); undefined when there is none.
   */
  readonly detail: string | undefined;
  /**
   * The request id for support tickets: the `X-Request-Id` response header, else the body's (Confluent
   * `requestId`, ICA `id`, Infisical `reqId`); undefined when neither has one.
   */
  readonly requestId: string | undefined;
  /** One entry per problem the body lists (the field errors of a validation failure); empty when it lists none. */
  readonly issues: FailureIssue[];
  /** The response's `X-RateLimit-*` headers; undefined when it had none. */
  readonly rateLimit: RateLimit | undefined;
  /**
   * How long the server asked to wait before trying again, in milliseconds (`retry-after-ms`, else
   * `Retry-After`, else on a 429 `X-RateLimit-Reset`); undefined when it did not say.
   */
  readonly retryAfterMs: number | undefined;
  /**
   * The decoded body: parsed JSON, or the text when it is not JSON (a bounded prefix for a large body),
   * with the request's secrets scrubbed; undefined when the body was empty.
   */
  readonly body: unknown;
  /** The response headers with the request's secrets scrubbed; undefined when the error was built without them. */
  readonly headers: Headers | undefined;
  /** How many HTTP attempts were made before this error was returned. */
  readonly attempts: number;

  constructor(init: ApiErrorInit) {
    super(apiErrorMessage(init), { provider: init.provider, operationId: init.operationId });
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.issues = init.issues ?? [];
    this.rateLimit = init.rateLimit;
    this.retryAfterMs = init.retryAfterMs;
    this.body = init.body;
    this.headers = init.headers;
    this.attempts = init.attempts ?? 1;
  }

  /** Builds the subclass that matches `init.status`. */
  static from(init: ApiErrorInit): ApiError {
    const Class = errorClassByStatus(init.status);
    return new Class(init);
  }

  /** Keeps `JSON.stringify(err)` useful: Headers and Error fields are not serialised by default. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      provider: this.provider,
      operationId: this.operationId,
      status: this.status,
      code: this.code,
      title: this.title,
      detail: this.detail,
      requestId: this.requestId,
      issues: this.issues,
      rateLimit: this.rateLimit,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
      body: this.body,
    };
  }
}

export class BadRequestError extends ApiError {
  override name = "BadRequestError";
}
export class AuthenticationError extends ApiError {
  override name = "AuthenticationError";
}
export class PermissionDeniedError extends ApiError {
  override name = "PermissionDeniedError";
}
export class NotFoundError extends ApiError {
  override name = "NotFoundError";
}
export class ConflictError extends ApiError {
  override name = "ConflictError";
}
export class UnprocessableEntityError extends ApiError {
  override name = "UnprocessableEntityError";
}
export class RateLimitError extends ApiError {
  override name = "RateLimitError";
}
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

function errorClassByStatus(status: number): typeof ApiError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : ApiError;
  }
}

function apiErrorMessage(init: ApiErrorInit): string {
  const detail = init.detail ?? (init.code === undefined ? init.title : undefined);
  let message: string;
  if (init.code !== undefined && detail !== undefined) message = `${init.status} ${init.code}: ${detail}`;
  else if (init.code !== undefined) message = `${init.status} ${init.code}`;
  else if (detail !== undefined) message = `${init.status} ${detail}`;
  else message = `${init.status} status code (no body)`;
  if (init.attempts !== undefined && init.attempts > 1) message += ` (after ${init.attempts} attempts)`;
  return message;
}

/** The request never produced a response: DNS failure, refused or reset connection, TLS error. */
export class ConnectionError extends IdClientsError {
  override name = "ConnectionError";
  /** How many HTTP attempts were made, this failed one included. */
  readonly attempts: number;
  constructor(
    message: string,
    init: { provider?: ProviderName; operationId?: string; attempts?: number; cause?: unknown } = {},
  ) {
    super(message, init);
    this.attempts = init.attempts ?? 1;
  }
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}

/** The caller's `signal` aborted the request; no further attempt is made. */
export class AbortError extends IdClientsError {
  override name = "AbortError";
}

/** The operation needs a credential the client was not given; raised before any network I/O. */
export class MissingCredentialError extends IdClientsError {
  override name = "MissingCredentialError";
  /**
   * The security requirements the operation accepts, in spec order: each entry lists the scheme names
   * that must be given together (Confluent's `[["cloud-api-key"], ["confluent-sts-access-token"]]`:
   * either one).
   */
  readonly acceptedSchemes: string[][];
  /** The environment variables that could have supplied the credentials (names only, never values). */
  readonly environmentVariables: string[];
  constructor(init: {
    provider: ProviderName;
    operationId: string;
    acceptedSchemes: string[][];
    environmentVariables?: string[];
  }) {
    const accepted = init.acceptedSchemes.map((alt) => alt.map((s) => `"${s}"`).join(" + ")).join(" or ");
    const variables = init.environmentVariables ?? [];
    const where =
      variables.length > 0 ? `pass them in \`auth\` or set ${variables.join(", ")}` : "pass them in `auth`";
    super(
      `${init.operationId} needs credentials for ${accepted}, but the client has none of them (${where})`,
      init,
    );
    this.acceptedSchemes = init.acceptedSchemes;
    this.environmentVariables = variables;
  }
}

/** Credentials would have been sent in clear text over plain `http:` to a host that is not loopback. */
export class InsecureTransportError extends IdClientsError {
  override name = "InsecureTransportError";
}

/** A token provider could not obtain a token; `cause` is the underlying failure (usually an ApiError). */
export class TokenError extends IdClientsError {
  override name = "TokenError";
}

/**
 * A client option is unusable: a malformed `baseUrl` or one that carries credentials, an empty or
 * malformed credential, a timeout or retry setting out of range. `setting` names the option; the
 * message never quotes a credential or URL userinfo.
 */
export class ConfigurationError extends IdClientsError {
  override name = "ConfigurationError";
  /** The option at fault (`"baseUrl"`, `"timeoutMs"`, `"auth"`, an environment variable's name, ...). */
  readonly setting: string;
  constructor(message: string, init: { setting: string; provider?: ProviderName; operationId?: string }) {
    super(message, init);
    this.setting = init.setting;
  }
}

/**
 * A call's input would change which endpoint it reaches: a path parameter that is missing, empty,
 * `.` or `..` (in any percent-encoding), or not a string or number. Raised before any network I/O;
 * the message names the parameter, never its value.
 */
export class InvalidRequestError extends IdClientsError {
  override name = "InvalidRequestError";
  /** The name of the path parameter at fault. */
  readonly parameter: string;
  constructor(message: string, init: { parameter: string; provider?: ProviderName; operationId?: string }) {
    super(message, init);
    this.parameter = init.parameter;
  }
}

/** Why a redirect was not followed. */
export type RedirectRefusal =
  | "cross-origin"
  | "insecure"
  | "too-many"
  | "no-location"
  | "opaque"
  | "unreplayable-body";

/**
 * The server answered with a redirect that the transport will not follow with the request's
 * credentials or secret-bearing body. `location` is the target's origin only (never its path or query).
 */
export class RedirectError extends IdClientsError {
  override name = "RedirectError";
  /** HTTP status of the redirect response (301, 302, 303, 307 or 308; 0 when the runtime hid it, `opaque`). */
  readonly status: number;
  /** Why the redirect was not followed. */
  readonly reason: RedirectRefusal;
  /** The origin the server redirected to (`https://host:port`), when it gave a readable Location. */
  readonly location: string | undefined;
  /** How many HTTP attempts were made, this one included. */
  readonly attempts: number;
  constructor(
    message: string,
    init: {
      status: number;
      reason: RedirectRefusal;
      location?: string | undefined;
      provider?: ProviderName;
      operationId?: string;
      attempts?: number;
    },
  ) {
    super(message, init);
    this.status = init.status;
    this.reason = init.reason;
    this.location = init.location;
    this.attempts = init.attempts ?? 1;
  }
}

/** Fields common to errors about a 2xx response the client could not use. */
export interface ResponseErrorInit {
  /** HTTP status of the response. */
  status: number;
  /** The response's `X-Request-Id`. */
  requestId?: string | undefined;
  /** The provider whose API answered. */
  provider?: ProviderName;
  /** The spec's operationId of the call. */
  operationId?: string;
  /** How many HTTP attempts were made (default 1). */
  attempts?: number;
}

/**
 * A 2xx response whose body is not what the operation declares: not JSON, truncated JSON, or empty
 * where the spec promises a body. `snippet` is a bounded prefix of the body with secrets scrubbed.
 */
export class ResponseDecodeError extends IdClientsError {
  override name = "ResponseDecodeError";
  /** HTTP status of the (2xx) response. */
  readonly status: number;
  /** The response's `X-Request-Id` header; undefined when it had none. */
  readonly requestId: string | undefined;
  /** The start of the body (a short, bounded prefix), with secrets scrubbed; empty for an empty body. */
  readonly snippet: string;
  /** How many HTTP attempts were made, this one included. */
  readonly attempts: number;
  constructor(message: string, init: ResponseErrorInit & { snippet: string; cause?: unknown }) {
    super(message, init);
    this.status = init.status;
    this.requestId = init.requestId;
    this.snippet = init.snippet;
    this.attempts = init.attempts ?? 1;
  }
}

/** A 2xx response body larger than `maxResponseBytes`; the rest of it was not read. */
export class ResponseTooLargeError extends IdClientsError {
  override name = "ResponseTooLargeError";
  /** HTTP status of the (2xx) response. */
  readonly status: number;
  /** The response's `X-Request-Id` header; undefined when it had none. */
  readonly requestId: string | undefined;
  /** The limit the body exceeded, in bytes (the client's `maxResponseBytes`). */
  readonly limitBytes: number;
  /** How many HTTP attempts were made, this one included. */
  readonly attempts: number;
  constructor(message: string, init: ResponseErrorInit & { limitBytes: number }) {
    super(message, init);
    this.status = init.status;
    this.requestId = init.requestId;
    this.limitBytes = init.limitBytes;
    this.attempts = init.attempts ?? 1;
  }
}

/** A list walk that would never end: the server handed out a page token it had already given. */
export class PaginationError extends IdClientsError {
  override name = "PaginationError";
}
