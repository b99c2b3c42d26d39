import type { FailureFormat } from "./decode-failure.js";
import type { RetryEvent, RetryOptions } from "./transport.js";

/** The providers this runtime knows how to talk to; names the failure format to decode. */
export type ProviderName = "confluent" | "ica" | "infisical";

/** HTTP Basic credentials (`Authorization: Basic base64(username:password)`). */
export interface BasicCredentials {
  /** The user name (for Confluent: the API key ID). */
  username: string;
  /** The password (for Confluent: the API key secret). */
  password: string;
}

/** A token as a fixed string or a function that returns the current one. */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * A source of tokens that caches them and can be told that the server rejected one.
 * `TokenCache` implements it; so do the providers' token helpers (`icaJwt`, `confluentSts`, ...).
 */
export interface TokenProvider {
  /** The current token, minting one first when there is none or it is about to expire. */
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Forget `token` so that the next `getToken` mints a new one. */
  invalidate(token: string): void;
  /**
   * Called by a client whose `auth` holds this provider, with that client's settings, so that tokens
   * are minted at the same host with the same fetch, logger and retry settings (the token helpers do).
   */
  bindClient?(binding: ClientBinding): void;
}

/** The settings of a client, handed to the token providers in its `auth`. */
export interface ClientBinding {
  /** The client's provider. */
  provider: ProviderName;
  /** The client's base URL; tokens are minted at the same host. */
  baseUrl: string;
  /** The client's `fetch`, if it has its own. */
  fetch?: ((input: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** The client's retry settings. */
  retry?: RetryOptions | false | undefined;
  /** The client's per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** The client's logger. */
  logger?: Logger | undefined;
  /** The client's retry listener. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Whether the client may send secrets over plain http to a non-loopback host. */
  allowInsecureHttp?: boolean | undefined;
  /** The client's limit of same-origin redirects per attempt. */
  maxRedirects?: number | undefined;
  /** The client's limit of a 2xx body's size. */
  maxResponseBytes?: number | undefined;
  /** The client's extra headers, as given to it. */
  headers?: unknown;
  /** openapi-fetch's `requestInitExt` (for example undici's `dispatcher` of a proxy). */
  requestInitExt?: Record<string, unknown> | undefined;
}

/** What a bearer or API-key security scheme accepts. */
export type TokenCredential = TokenSource | TokenProvider;

/** How a security scheme puts its credential on a request (derived from the spec by codegen). */
export type SecuritySchemeMeta =
  | {
      /** HTTP Basic: `Authorization: Basic base64(username:password)`. */
      readonly kind: "basic";
    }
  | {
      /** A bearer token (http bearer and oauth2 schemes): `Authorization: Bearer <token>`. */
      readonly kind: "bearer";
    }
  | {
      /** An API key in a header, query parameter or cookie. */
      readonly kind: "apiKey";
      /** Where the key goes. */
      readonly in: "header" | "query" | "cookie";
      /** The header, query parameter or cookie name (`X-API-Key`). */
      readonly name: string;
    };

/** Runtime facts about one operation (generated into each provider's `operations.ts`). */
export interface OperationMeta {
  /** The spec's operationId. */
  readonly operationId: string;
  /** HTTP method, upper case. */
  readonly method: string;
  /** Path template as in the spec (`/iam/v2/identity-providers/{id}`). */
  readonly path: string;
  /** Alternatives in spec order; each lists the schemes it needs together. `[]` means no credentials. */
  readonly security: readonly (readonly string[])[];
  /** True for idempotent methods and operations marked `x-idempotent: true`. */
  readonly safeToRetry: boolean;
  /** `Accept` value sent: the operation's success media types. */
  readonly accept: string;
  /** Request `Content-Type`, or null for an operation without a body. */
  readonly contentType: string | null;
  /** Top-level request body fields the spec marks `x-secret` (a subject token, a login JWT). */
  readonly secretRequestFields?: readonly string[];
  /** Top-level 2xx response fields the spec marks `x-secret` (issued access tokens). */
  readonly secretResponseFields?: readonly string[];
  /** True when the spec promises a JSON body on success: an empty or non-JSON 2xx is then an error. */
  readonly successBody?: boolean;
}

/** Everything the runtime needs to know about one provider. */
export interface ProviderMeta {
  /** Which provider this is. */
  readonly name: ProviderName;
  /** Reads the provider's failure body (e.g. `confluentFailureFormat`); without it only generic fields are read. */
  readonly failureFormat?: FailureFormat;
  /** The spec's security schemes, by name. */
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeMeta>>;
  /** Every operation, keyed by `"METHOD /path/{param}"`. */
  readonly operations: Readonly<Record<string, OperationMeta>>;
  /**
   * Whether a failure means "the token was refused" (so a cached token is dropped and the call tried
   * once more with a new one). Default: status 401. Infisical also answers 403 `TokenError`.
   */
  readonly isTokenRejected?: (failure: { status: number; code: string | undefined }) => boolean;
}

/** Console-shaped logger; `console` itself fits. */
export interface Logger {
  /** Detail of every attempt. */
  debug(message: string, ...details: unknown[]): void;
  /** Informational messages. */
  info(message: string, ...details: unknown[]): void;
  /** Retries and other recoverable trouble. */
  warn(message: string, ...details: unknown[]): void;
  /** Failures. */
  error(message: string, ...details: unknown[]): void;
}
