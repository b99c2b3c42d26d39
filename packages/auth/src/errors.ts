import type { RateLimit } from "./rate-limit.js";
import type { ProviderName } from "./types.js";

/** One problem a provider reported, normalised across the three failure formats. */
export interface FailureIssue {
  code?: string;
  title?: string;
  detail?: string;
  /** JSON Pointer into the request body (Confluent `source.pointer`, Infisical's issue `path`). */
  pointer?: string;
  /** The query or path parameter at fault. */
  parameter?: string;
}

/** Base class of every error this library throws; `instanceof IdClientsError` catches them all. */
export class IdClientsError extends Error {
  readonly provider: ProviderName | undefined;
  readonly operationId: string | undefined;

  constructor(
    message: string,
    init: { provider?: ProviderName; operationId?: string; cause?: unknown } = {},
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.provider = init.provider;
    this.operationId = init.operationId;
  }
}

export interface ApiErrorInit {
  provider?: ProviderName;
  operationId?: string;
  status: number;
  code?: string;
  title?: string;
  detail?: string;
  requestId?: string;
  issues?: FailureIssue[];
  rateLimit?: RateLimit;
  retryAfterMs?: number;
  body?: unknown;
  headers?: Headers;
  attempts?: number;
}

/**
 * A response with a non-2xx status. `status`, `code`, `detail`, `issues` and `requestId` are read from
 * the provider's own failure format; `body` keeps what was decoded (a bounded prefix for large bodies).
 */
export class ApiError extends IdClientsError {
  readonly status: number;
  readonly code: string | undefined;
  readonly title: string | undefined;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly issues: FailureIssue[];
  readonly rateLimit: RateLimit | undefined;
  readonly retryAfterMs: number | undefined;
  readonly body: unknown;
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

export class BadRequestError extends ApiError {}
export class AuthenticationError extends ApiError {}
export class PermissionDeniedError extends ApiError {}
export class NotFoundError extends ApiError {}
export class ConflictError extends ApiError {}
export class UnprocessableEntityError extends ApiError {}
export class RateLimitError extends ApiError {}
export class InternalServerError extends ApiError {}

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
  readonly attempts: number;
  constructor(
    message: string,
    init: { provider?: ProviderName; operationId?: string; attempts?: number } = {},
  ) {
    super(message, init);
    this.attempts = init.attempts ?? 1;
  }
}

/** An attempt took longer than `timeoutMs`. */
export class TimeoutError extends ConnectionError {}

/** The caller's `signal` aborted the request; no further attempt is made. */
export class AbortError extends IdClientsError {}

/** The operation needs a credential the client was not given; raised before any network I/O. */
export class MissingCredentialError extends IdClientsError {
  readonly acceptedSchemes: string[][];
  constructor(init: { provider: ProviderName; operationId: string; acceptedSchemes: string[][] }) {
    const accepted = init.acceptedSchemes.map((alt) => alt.map((s) => `"${s}"`).join(" + ")).join(" or ");
    super(
      `${init.operationId} needs credentials for ${accepted}, but the client has none of them (pass them in \`auth\`)`,
      init,
    );
    this.acceptedSchemes = init.acceptedSchemes;
  }
}

/** Credentials would have been sent in clear text over plain `http:` to a host that is not loopback. */
export class InsecureTransportError extends IdClientsError {}

/** A token provider could not obtain a token; `cause` is the underlying failure (usually an ApiError). */
export class TokenError extends IdClientsError {}
