import type { FailureFormat } from "./decode-failure.js";
import type { RetryEvent, RetryOptions } from "./transport.js";

/** The providers this runtime knows how to talk to; names the failure format to decode. */
export type ProviderName = "confluent" | "ica" | "infisical";

/** HTTP Basic credentials (`Authorization: Basic base64(username:password)`). */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** A token as a fixed string or a function that returns the current one. */
export type TokenSource = string | (() => string | Promise<string>);

/**
 * A source of tokens that caches them and can be told that the server rejected one.
 * `TokenCache` implements it; so do the providers' token helpers (`icaJwt`, `confluentSts`, ...).
 */
export interface TokenProvider {
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
  provider: ProviderName;
  baseUrl: string;
  fetch?: ((input: Request, init?: RequestInit) => Promise<Response>) | undefined;
  retry?: RetryOptions | false | undefined;
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  onRetry?: ((event: RetryEvent) => void) | undefined;
  allowInsecureHttp?: boolean | undefined;
  maxRedirects?: number | undefined;
  maxResponseBytes?: number | undefined;
  headers?: unknown;
}

/** What a bearer or API-key security scheme accepts. */
export type TokenCredential = TokenSource | TokenProvider;

/** How a security scheme puts its credential on a request (derived from the spec by codegen). */
export type SecuritySchemeMeta =
  | { readonly kind: "basic" }
  | { readonly kind: "bearer" }
  | { readonly kind: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string };

/** Runtime facts about one operation (generated into each provider's `operations.ts`). */
export interface OperationMeta {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  /** Alternatives in spec order; each lists the schemes it needs together. `[]` means no credentials. */
  readonly security: readonly (readonly string[])[];
  /** True for idempotent methods and operations marked `x-idempotent: true`. */
  readonly safeToRetry: boolean;
  readonly accept: string;
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
  readonly name: ProviderName;
  /** Reads the provider's failure body (e.g. `confluentFailureFormat`); without it only generic fields are read. */
  readonly failureFormat?: FailureFormat;
  readonly securitySchemes: Readonly<Record<string, SecuritySchemeMeta>>;
  readonly operations: Readonly<Record<string, OperationMeta>>;
  /**
   * Whether a failure means "the token was refused" (so a cached token is dropped and the call tried
   * once more with a new one). Default: status 401. Infisical also answers 403 `TokenError`.
   */
  readonly isTokenRejected?: (failure: { status: number; code: string | undefined }) => boolean;
}

/** Console-shaped logger; `console` itself fits. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}
