import { onAbort } from "./abort.js";
import {
  type AuthConfig,
  assertSecureTarget,
  type ResolvedCredentials,
  resolveCredentials,
  validateAuth,
} from "./credentials.js";
import { buildFailure, MAX_FAILURE_BODY_BYTES } from "./decode-failure.js";
import {
  AbortError,
  type ApiError,
  ConfigurationError,
  ConnectionError,
  IdClientsError,
  RedirectError,
  type RedirectRefusal,
  ResponseDecodeError,
  ResponseTooLargeError,
  TimeoutError,
} from "./errors.js";
import { MAX_TIMER_MS } from "./rate-limit.js";
import { readBounded } from "./read-body.js";
import { REDACTED, scrubText } from "./redact.js";
import type { Logger, OperationMeta, ProviderMeta } from "./types.js";

/** Retry policy; every field is optional and falls back to the default in the README's table. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 attempts). */
  maxRetries?: number;
  /** First backoff delay; doubles on each retry (default 500 ms). */
  baseDelayMs?: number;
  /** Upper bound of a computed backoff delay (default 8000 ms). */
  maxDelayMs?: number;
  /** A server asking to wait longer than this gets the error thrown at once instead (default 60000 ms). */
  maxRetryAfterMs?: number;
}

/** What `onRetry` is told before each retry. */
export interface RetryEvent {
  /** The operation being retried (the spec's operationId). */
  operationId: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  /** How long the client waits before the next attempt, in milliseconds. */
  delayMs: number;
  /** The HTTP status, when the attempt got a response. */
  status?: number;
  /** The error, when the attempt got none. */
  error?: Error;
}

/** Settings of the transport behind every client (the client options other than openapi-fetch's). */
export interface TransportOptions {
  /** Credentials keyed by the spec's security scheme names. */
  auth?: AuthConfig;
  /**
   * The fetch to send requests with (default: the global fetch). It is called like the global fetch,
   * `fetch(request, { signal, body, redirect: "manual" })`: honour `init` (or pass both on to a real fetch).
   */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>;
  /** Retry policy of every call (`false`: no retries); the defaults are `DEFAULT_RETRY`. */
  retry?: RetryOptions | false;
  /**
   * Time limit of one attempt, from asking for its credentials to the last byte of the response
   * (default 30000 ms).
   */
  timeoutMs?: number;
  /** Receives a line per attempt (debug) and per failed attempt (warn), with credentials redacted. */
  logger?: Logger;
  /** Called before each retry with what failed and how long the client waits. */
  onRetry?: (event: RetryEvent) => void;
  /** Allow credentials and secret fields over plain http:// to hosts that are not loopback (default false). */
  allowInsecureHttp?: boolean;
  /** Same-origin redirects followed per attempt (default 5; 0 makes every redirect a `RedirectError`). */
  maxRedirects?: number;
  /**
   * What to do with a redirect to another origin (default `"error"`: a `RedirectError` naming the
   * target origin). `"follow-without-credentials"` follows it with no credential header; a request
   * or response that carries a secret field (token exchange, login, mint) never follows one.
   */
  crossOriginRedirects?: "error" | "follow-without-credentials";
  /**
   * Largest successful response body read, in bytes (default 10 MiB); larger is a `ResponseTooLargeError`.
   * Failure bodies have their own bound: up to 1 MiB is decoded, beyond that its first 1 MiB is kept.
   */
  maxResponseBytes?: number;
  /** The Request class of the client (openapi-fetch's `Request` option), used for redirect hops. */
  Request?: typeof Request;
  /** Environment variables that could have supplied the credentials, named by `MissingCredentialError`. */
  environmentVariables?: string[];
}

/** Per-call overrides of the client's options. */
export interface CallOptions {
  /** This call's retry policy, over the client's (`false`: no retries). */
  retry?: RetryOptions | false;
  /** This call's time limit per attempt, in milliseconds, over the client's. */
  timeoutMs?: number;
}

/** What the client tells the transport about one call besides the Request. */
export interface SendOptions extends CallOptions {
  /** False for a streaming body, which cannot be sent twice. */
  replayable: boolean;
  /** The caller's signal, when the client knows it (otherwise the Request's signal is used). */
  signal?: AbortSignal | undefined;
  /** The serialized body, when the client knows it (otherwise it is read from the Request once). */
  body?: BodyInit | undefined;
  /** Values of the body's secret fields: never sent in clear or across origins, scrubbed from errors. */
  bodySecrets?: string[];
  /** How the caller will read a 2xx body (openapi-fetch's `parseAs`, default "json"). */
  parseAs?: string;
  /** A fetch for this call only (openapi-fetch's per-request `fetch`). */
  fetch?: ((request: Request, init?: RequestInit) => Promise<Response>) | undefined;
  /** The caller's `redirect`: "follow" (default: same-origin hops), "error" (none) or "manual" (return the 3xx). */
  redirect?: RequestRedirect | undefined;
  /** The operation's Content-Type, set when neither the caller nor the client chose one. */
  contentType?: string | undefined;
}

/** The retry policy a client starts from: 2 retries, backoff from 500 ms doubling up to 8 s, Retry-After up to 60 s. */
export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};
/** Default time limit of one attempt, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default number of same-origin redirects followed per attempt. */
export const DEFAULT_MAX_REDIRECTS = 5;
/** Default largest successful response body read, in bytes (10 MiB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

const RETRY_ANY_METHOD = new Set([408, 429]);
const RETRY_WHEN_SAFE = new Set([500, 502, 503, 504]);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "cookie"];
const REDACTED_HEADERS = new Set([...CREDENTIAL_HEADERS, "x-api-key", "set-cookie"]);
/** How much of a body that is not the declared JSON goes into `ResponseDecodeError.snippet`. */
const SNIPPET_CHARS = 200;

/** Failures decoded by the transport, so `unwrap` and the client agree on one typed error per response. */
const failures = new WeakMap<Response, ApiError>();

/** The typed error the transport decoded for a non-2xx response, if it went through a client. */
export function failureOf(response: Response): ApiError | undefined {
  return failures.get(response);
}

/** Records the typed error of a response (the client does it for a Response a middleware made). */
export function rememberFailure(response: Response, failure: ApiError): void {
  failures.set(response, failure);
}

/**
 * The text form of a Request handed to a fetch of the client's own: its URL. A fetch of another
 * implementation (undici's own `fetch`, which does not know this runtime's Request class) then reads
 * it as a URL and takes everything else from the init the transport passes beside it.
 */
function requestUrl(this: Request): string {
  return this.url;
}

const BODY = Symbol("idclients.body");

interface HeldBody {
  text: string;
  /** The parsed JSON, when the transport already parsed it to check it. */
  json?: { value: unknown };
  used: boolean;
  stream?: ReadableStream<Uint8Array> | null;
}

type Held = Response & { [BODY]: HeldBody };

function heldOf(response: Response): HeldBody {
  return (response as Held)[BODY];
}

function consume(response: Response): HeldBody {
  const held = heldOf(response);
  if (held.used) throw new TypeError("Body is unusable: the body has already been read");
  held.used = true;
  return held;
}

/** A body method's answer: the held body read by `read`, or a rejection when it was read already. */
function settle<T>(response: Response, read: (held: HeldBody) => T): Promise<T> {
  try {
    return Promise.resolve(read(consume(response)));
  } catch (error) {
    return Promise.reject(error);
  }
}

function heldText(this: Response): Promise<string> {
  return settle(this, (held) => held.text);
}
function heldJson(this: Response): Promise<unknown> {
  return settle(this, (held) => (held.json ? held.json.value : JSON.parse(held.text)));
}
function heldArrayBuffer(this: Response): Promise<ArrayBuffer> {
  return settle(this, (held) => new TextEncoder().encode(held.text).buffer as ArrayBuffer);
}
function heldBytes(this: Response): Promise<Uint8Array> {
  return settle(this, (held) => new TextEncoder().encode(held.text));
}
function heldBlob(this: Response): Promise<Blob> {
  const type = this.headers.get("content-type") ?? "";
  return settle(this, (held) => new Blob([held.text], { type }));
}
function heldFormData(this: Response): Promise<FormData> {
  try {
    return copyOf(this, consume(this).text).formData();
  } catch (error) {
    return Promise.reject(error);
  }
}
function heldClone(this: Response): Response {
  const held = heldOf(this);
  if (held.used) throw new TypeError("Response.clone: the body has already been read");
  return hold(copyOf(this, held.text), held.text, held.json, this.url, this.redirected);
}
const HELD_BODY: PropertyDescriptor = {
  configurable: true,
  get(this: Response) {
    const held = heldOf(this);
    if (held.stream === undefined)
      held.stream = NULL_BODY_STATUSES.has(this.status) ? null : copyOf(this, held.text).body;
    return held.stream;
  },
};
const HELD_USED: PropertyDescriptor = {
  configurable: true,
  get(this: Response) {
    return heldOf(this).used;
  },
};

/** A Response of this runtime's own class with `response`'s status, headers and the given body. */
function copyOf(response: Response, text: string): Response {
  return new Response(NULL_BODY_STATUSES.has(response.status) ? null : text, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * Hands over `response` with its body (already read by the transport, within the attempt's time limit
 * and size bound) held in memory: `text()`, `json()`, `arrayBuffer()`, `blob()`, `bytes()`, `body` and
 * `clone()` answer from memory, and nothing is read twice. A copy keeps the original's url.
 */
function hold(
  response: Response,
  text: string,
  json: { value: unknown } | undefined,
  url?: string,
  redirected?: boolean,
): Response {
  // A Response of another fetch implementation (undici's own, a polyfill) is copied into this runtime's.
  if (!(response instanceof Response)) {
    const foreign = response as Response;
    return hold(copyOf(foreign, text), text, json, foreign.url, foreign.redirected);
  }
  // The body methods answer from memory: `url`, `redirected`, `status` and `headers` stay the originals.
  // (Own properties rather than a prototype swap: V8 makes setPrototypeOf slow, and this runs per call.)
  const held = response as Held;
  held[BODY] = { text, json, used: false };
  held.text = heldText;
  held.json = heldJson;
  held.arrayBuffer = heldArrayBuffer;
  held.bytes = heldBytes as Response["bytes"];
  held.blob = heldBlob;
  held.formData = heldFormData;
  held.clone = heldClone;
  Object.defineProperty(response, "body", HELD_BODY);
  Object.defineProperty(response, "bodyUsed", HELD_USED);
  if (url !== undefined && response.url !== url) Object.defineProperty(response, "url", { value: url });
  if (redirected !== undefined && response.redirected !== redirected) {
    Object.defineProperty(response, "redirected", { value: redirected });
  }
  return response;
}

/**
 * Header values safe to log: credentials and cookies replaced by `[redacted]`. `alsoSecret` names
 * further headers that carry credentials (the provider's API-key headers).
 */
export function redactHeaders(headers: Headers, alsoSecret: Iterable<string> = []): Record<string, string> {
  const secret = new Set(REDACTED_HEADERS);
  for (const name of alsoSecret) secret.add(name.toLowerCase());
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = secret.has(name.toLowerCase()) ? REDACTED : value;
  });
  return out;
}

/** Checks that a number of milliseconds (or a count) is usable; names the setting, not the value's source. */
function checkRange(
  setting: string,
  value: number | undefined,
  min: number,
  max: number,
  whole = false,
): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !(value >= min && value <= max) || (whole && !Number.isInteger(value))) {
    throw new ConfigurationError(
      `${setting} must be ${whole ? "a whole number" : "a number"} from ${min} to ${max}`,
      { setting },
    );
  }
}

/** The retry and timeout settings of one call, checked before any I/O. */
interface CallPolicy {
  retry: Required<RetryOptions>;
  timeoutMs: number;
}

function callPolicy(retry: RetryOptions | false | undefined, timeoutMs: number | undefined): CallPolicy {
  checkRange("timeoutMs", timeoutMs, 1, MAX_TIMER_MS);
  if (retry === false)
    return { retry: { ...DEFAULT_RETRY, maxRetries: 0 }, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS };
  if (retry !== undefined && (retry === null || typeof retry !== "object")) {
    throw new ConfigurationError("retry must be an object of retry settings or false", { setting: "retry" });
  }
  checkRange("retry.maxRetries", retry?.maxRetries, 0, 100, true);
  checkRange("retry.baseDelayMs", retry?.baseDelayMs, 0, MAX_TIMER_MS);
  checkRange("retry.maxDelayMs", retry?.maxDelayMs, 0, MAX_TIMER_MS);
  checkRange("retry.maxRetryAfterMs", retry?.maxRetryAfterMs, 0, MAX_TIMER_MS);
  return { retry: { ...DEFAULT_RETRY, ...retry }, timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_MS };
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const stopWatching = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
    const timer = setTimeout(() => {
      stopWatching();
      resolve();
    }, ms);
  });
}

/** "" for a first attempt, " (after N attempts)" once retries were made, so exhaustion is visible. */
function attemptsNote(attempts: number): string {
  return attempts > 1 ? ` (after ${attempts} attempts)` : "";
}

/**
 * The time limit and cancellation of one attempt. It aborts the fetch's signal on timeout or caller
 * abort, and it also stops waiting by itself: the transport must not depend on fetch honouring the
 * signal (Node 20's fetch can lose an abort, leaving a stalled socket waiting forever).
 */
class AttemptControl {
  readonly #controller = new AbortController();
  readonly #timer: ReturnType<typeof setTimeout>;
  readonly #stopWatching: (() => void) | undefined;
  #stop: ((reason: unknown) => void) | undefined;
  timedOut = false;

  constructor(caller: AbortSignal | undefined, timeoutMs: number) {
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#abort(undefined);
    }, timeoutMs);
    if (caller?.aborted) this.#abort(caller.reason);
    else if (caller) this.#stopWatching = onAbort(caller, () => this.#abort(caller.reason));
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  #abort(reason: unknown): void {
    this.#controller.abort(reason);
    this.#stop?.(reason ?? new Error("stopped"));
  }

  /** Waits for `work` unless the attempt is stopped first; a late result is handed to `discard`. */
  race<T>(work: Promise<T>, discard?: (late: T) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.#controller.signal.aborted) {
        reject(this.#controller.signal.reason ?? new Error("stopped"));
        if (discard) work.then(discard, () => undefined);
        else work.catch(() => undefined);
        return;
      }
      this.#stop = reject;
      work.then((value) => {
        if (this.#controller.signal.aborted && discard) discard(value);
        resolve(value);
      }, reject);
    });
  }

  done(): void {
    clearTimeout(this.#timer);
    this.#stopWatching?.();
  }
}

/** undici reports "fetch failed" with the useful part (ECONNRESET, ECONNREFUSED, ...) in `cause`. */
function networkReason(error: Error): string {
  const cause = error.cause;
  if (cause instanceof Error && cause.message !== "" && cause.message !== error.message) {
    const code = (cause as { code?: unknown }).code;
    return `${error.message} (${typeof code === "string" ? code : cause.message})`;
  }
  return error.message;
}

/**
 * The error fetch threw, kept as `cause`; when its text holds a known secret, a scrubbed copy with the
 * same name stands in for it.
 */
function safeCause(cause: unknown, secrets: readonly string[]): unknown {
  if (!(cause instanceof Error) || secrets.length === 0) return cause;
  const inner = cause.cause instanceof Error ? `${cause.cause.message} ${cause.cause.stack ?? ""}` : "";
  const text = `${cause.message} ${cause.stack ?? ""} ${inner}`;
  if (scrubText(text, secrets) === text) return cause;
  const copy = new Error(scrubText(cause.message, secrets));
  copy.name = cause.name;
  copy.stack = `${cause.name}: ${copy.message}`;
  return copy;
}

/** Replaces the values of secret JSON fields in a (possibly truncated) body text. */
function redactFields(text: string, fields: readonly string[]): string {
  let out = text;
  for (const field of fields) {
    const name = field.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`("${name}"\\s*:\\s*")(?:[^"\\\\]|\\\\.)*"?`, "g"), `$1${REDACTED}"`);
  }
  return out;
}

/** What one attempt produced: a response with its body read, or an error and whether to retry it. */
type AttemptOutcome =
  | { ok: true; response: Response; text: string; credentials: ResolvedCredentials }
  | { ok: false; error: IdClientsError; retryable: boolean };

/** The fixed facts of one call, shared by its attempts. */
interface CallContext {
  request: Request;
  meta: OperationMeta;
  call: SendOptions;
  policy: CallPolicy;
  signal: AbortSignal | undefined;
  body: BodyInit | undefined;
  /** True when the request or its response carries a secret field. */
  carriesSecrets: boolean;
  secrets: readonly string[];
  fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  /** openapi-fetch's `requestInitExt` (e.g. undici's `dispatcher`), passed to fetch with every hop. */
  ext: RequestInit | undefined;
  /** True when a 2xx body is handed over unread (`parseAs: "stream"`). */
  streams: boolean;
}

const globalFetch = (request: Request, init?: RequestInit) => globalThis.fetch(request, init);

/**
 * The fetch handed to openapi-fetch: puts credentials on each attempt, follows same-origin redirects
 * only, enforces per-attempt timeouts and response limits, retries what is safe to retry, and turns
 * every failure into a typed error with every known secret scrubbed.
 */
export class Transport {
  readonly #provider: ProviderMeta;
  readonly #options: TransportOptions;
  readonly #fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  /** True when the client was given its own fetch: it gets the whole request in `init` as well. */
  readonly #customFetch: boolean;
  readonly #Request: typeof Request;
  /** Headers that carry this provider's API keys: redacted in logs, dropped across origins. */
  readonly #secretHeaders: string[];
  readonly #policy: CallPolicy;
  readonly #maxRedirects: number;
  readonly #maxResponseBytes: number;

  constructor(provider: ProviderMeta, options: TransportOptions = {}) {
    this.#provider = provider;
    this.#options = options;
    this.#fetch = options.fetch ?? globalFetch;
    this.#customFetch = options.fetch !== undefined;
    this.#Request = options.Request ?? Request;
    this.#secretHeaders = Object.values(provider.securitySchemes).flatMap((scheme) =>
      scheme.kind === "apiKey" && scheme.in === "header" ? [scheme.name.toLowerCase()] : [],
    );
    this.#policy = callPolicy(options.retry, options.timeoutMs);
    checkRange("maxRedirects", options.maxRedirects, 0, 20, true);
    checkRange("maxResponseBytes", options.maxResponseBytes, 1, Number.MAX_SAFE_INTEGER, true);
    const cross = options.crossOriginRedirects;
    if (cross !== undefined && cross !== "error" && cross !== "follow-without-credentials") {
      throw new ConfigurationError('crossOriginRedirects must be "error" or "follow-without-credentials"', {
        setting: "crossOriginRedirects",
      });
    }
    if (options.fetch !== undefined && typeof options.fetch !== "function") {
      throw new ConfigurationError("fetch must be a function", { setting: "fetch" });
    }
    this.#maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    validateAuth(provider.name, provider.securitySchemes, options.auth);
  }

  /**
   * Sends one call: its attempts (credentials, redirects, body), retries and token refresh, and
   * resolves with the response openapi-fetch reads (its body held in memory) or rejects with a typed error.
   */
  async send(request: Request, meta: OperationMeta, call: SendOptions, ext?: RequestInit): Promise<Response> {
    const prepared = this.#prepare(request, meta, call, ext);
    const context = prepared instanceof Promise ? await prepared : prepared;
    let attempt = 0;
    let retriesUsed = 0;
    let tokenRetried = false;
    for (;;) {
      attempt += 1;
      if (context.signal?.aborted) throw this.#aborted(meta);
      const outcome = await this.#attempt(context, attempt);
      if (!outcome.ok) {
        this.#log("warn", `${meta.operationId} attempt ${attempt}: ${outcome.error.name}`, request);
        if (!outcome.retryable || !this.#mayRetry(context, retriesUsed)) throw outcome.error;
        retriesUsed += 1;
        await this.#wait(context, attempt, this.#backoff(retriesUsed, context.policy.retry), {
          error: outcome.error,
        });
        continue;
      }
      const { response, text, credentials } = outcome;
      if (this.#options.logger)
        this.#log("debug", `${meta.operationId} attempt ${attempt}: ${response.status}`, request);
      if (response.ok) return this.#success(context, response, text, credentials, attempt);
      if (call.redirect === "manual" && REDIRECT_STATUSES.has(response.status)) {
        return hold(response, text, undefined);
      }

      const failure = buildFailure(
        {
          provider: this.#provider.name,
          operationId: meta.operationId,
          status: response.status,
          headers: response.headers,
          text,
          attempts: attempt,
          secrets: [...context.secrets, ...credentials.secrets],
        },
        this.#provider.failureFormat,
      );
      if (!tokenRetried && call.replayable && this.#tokenRefused(failure, credentials)) {
        // The cached token was refused (revoked or expired early): drop it and try once with a new one.
        tokenRetried = true;
        for (const { provider: tokens, token } of credentials.providers) tokens.invalidate(token);
        this.#retrying({ operationId: meta.operationId, attempt, delayMs: 0, status: response.status });
        continue;
      }
      if (this.#shouldRetryStatus(context, failure, retriesUsed)) {
        retriesUsed += 1;
        const delayMs = failure.retryAfterMs ?? this.#backoff(retriesUsed, context.policy.retry);
        await this.#wait(context, attempt, delayMs, { status: response.status });
        continue;
      }
      return this.#failed(response, failure);
    }
  }

  /** Checks the call's settings and target and fixes what every attempt reuses; no I/O. */
  #prepare(
    request: Request,
    meta: OperationMeta,
    call: SendOptions,
    ext: RequestInit | undefined,
  ): CallContext | Promise<CallContext> {
    const policy =
      call.retry === undefined && call.timeoutMs === undefined
        ? this.#policy
        : callPolicy(
            call.retry === undefined ? this.#options.retry : call.retry,
            call.timeoutMs ?? this.#options.timeoutMs,
          );
    const fetch = call.fetch ?? this.#fetch;
    if (call.fetch !== undefined && typeof call.fetch !== "function") {
      throw new ConfigurationError("fetch must be a function", {
        setting: "fetch",
        operationId: meta.operationId,
      });
    }
    const redirect = call.redirect;
    if (redirect !== undefined && redirect !== "follow" && redirect !== "error" && redirect !== "manual") {
      throw new ConfigurationError('redirect must be "follow", "error" or "manual"', {
        setting: "redirect",
        operationId: meta.operationId,
      });
    }
    const bodySecrets = call.bodySecrets ?? [];
    const carriesSecrets =
      bodySecrets.length > 0 ||
      (meta.secretResponseFields?.length ?? 0) > 0 ||
      (meta.secretRequestFields?.length ?? 0) > 0;
    // Only plain http can be insecure: an https call (nearly every call) parses no URL here.
    if ((meta.security.length > 0 || carriesSecrets) && request.url.startsWith("http:")) {
      assertSecureTarget(new URL(request.url), {
        provider: this.#provider.name,
        operationId: meta.operationId,
        allowInsecureHttp: this.#options.allowInsecureHttp ?? false,
        what: meta.security.length > 0 ? "credentials" : "secret fields",
      });
    }
    // The operation's media types are the defaults: a header the caller or the client set wins.
    const headers = request.headers;
    if (!headers.has("accept")) headers.set("accept", meta.accept);
    if (call.contentType !== undefined) headers.set("content-type", call.contentType);
    const context: CallContext = {
      request,
      meta,
      call,
      policy,
      // The client passes the caller's own signal (or none): the Request's signal is only a fallback.
      signal: "signal" in call ? call.signal : request.signal,
      body: undefined,
      carriesSecrets,
      secrets: bodySecrets,
      fetch,
      ext,
      streams: call.parseAs === "stream",
    };
    // A replayable body is sent from memory on every attempt (the client hands over what its serializer
    // produced, so nothing is read back). A streaming body gets exactly one attempt.
    if (!call.replayable) return context;
    if ("body" in call) {
      context.body = call.body;
      return context;
    }
    if (request.body === null) return context;
    return request.arrayBuffer().then((body) => {
      context.body = body;
      return context;
    });
  }

  /** One attempt: credentials, the request and its same-origin redirects, the body read in full. */
  async #attempt(context: CallContext, attempt: number): Promise<AttemptOutcome> {
    const { meta, policy } = context;
    const control = new AttemptControl(context.signal, policy.timeoutMs);
    let credentials: ResolvedCredentials | undefined;
    try {
      const resolved = this.#credentials(context, control);
      credentials = resolved instanceof Promise ? await resolved : resolved;
      const request = context.request;
      // Set once: a same-origin hop copies them with the other headers, a cross-origin hop strips them.
      for (const [name, value] of credentials.headers) request.headers.set(name, value);
      // Headers, redirects and body in one race against the attempt's time limit and the caller's abort.
      const read = await control.race(
        context
          .fetch(request, this.#hopInit(context, request, context.body, control.signal))
          .then((first) => this.#read(context, first, control, attempt)),
        (late) => this.#discard(late.response),
      );
      if (!read.complete) throw this.#tooLarge(read.response, meta, attempt);
      return { ok: true, response: read.response, text: read.text, credentials };
    } catch (cause) {
      if (context.signal?.aborted) throw this.#aborted(meta);
      // On timeout the attempt's own stop wins the race, so a typed error here is never the timeout's.
      if (cause instanceof IdClientsError) return { ok: false, error: cause, retryable: false };
      const secrets = [...context.secrets, ...(credentials?.secrets ?? [])];
      const error = control.timedOut
        ? new TimeoutError(
            `${meta.operationId} timed out after ${policy.timeoutMs} ms${credentials ? "" : " waiting for its credentials"}${attemptsNote(attempt)}`,
            { provider: this.#provider.name, operationId: meta.operationId, attempts: attempt },
          )
        : new ConnectionError(
            `${meta.operationId} failed to reach ${new URL(context.request.url).host}: ${
              cause instanceof Error ? scrubText(networkReason(cause), secrets) : "network error"
            }${attemptsNote(attempt)}`,
            {
              provider: this.#provider.name,
              operationId: meta.operationId,
              attempts: attempt,
              cause: safeCause(cause, secrets),
            },
          );
      // Waiting for a token is not retried here: the token source has its own timeout and retries.
      return { ok: false, error, retryable: credentials !== undefined };
    } finally {
      control.done();
    }
  }

  /**
   * After the first response's headers: its redirects followed, then its body read (a failure keeps its
   * first MAX_FAILURE_BODY_BYTES, 1 MiB, whatever its size; a success that does not fit in
   * maxResponseBytes is not read; a stream is handed over unread).
   */
  #read(
    context: CallContext,
    first: Response,
    control: AttemptControl,
    attempt: number,
  ):
    | Promise<{ response: Response; text: string; complete: boolean }>
    | { response: Response; text: string; complete: boolean } {
    if (REDIRECT_STATUSES.has(first.status) || first.type === "opaqueredirect") {
      return this.#followRedirects(context, first, control, attempt).then((response) =>
        this.#readBody(context, response),
      );
    }
    return this.#readBody(context, first);
  }

  #readBody(
    context: CallContext,
    response: Response,
  ):
    | Promise<{ response: Response; text: string; complete: boolean }>
    | { response: Response; text: string; complete: boolean } {
    if (context.streams && response.ok) return { response, text: "", complete: true };
    // A failure keeps its first MAX_FAILURE_BODY_BYTES whatever its size; a success that does not fit in
    // maxResponseBytes is not read.
    return response.ok
      ? readBounded(response, this.#maxResponseBytes, false).then(({ text, complete }) => ({
          response,
          text,
          complete,
        }))
      : readBounded(response, MAX_FAILURE_BODY_BYTES).then(({ text }) => ({
          response,
          text,
          complete: true,
        }));
  }

  /** The call's credentials; waiting for a token counts against the attempt's time limit and signal. */
  #credentials(
    context: CallContext,
    control: AttemptControl,
  ): ResolvedCredentials | Promise<ResolvedCredentials> {
    const resolved = resolveCredentials({
      provider: this.#provider.name,
      meta: context.meta,
      schemes: this.#provider.securitySchemes,
      auth: this.#options.auth,
      signal: control.signal,
      environmentVariables: this.#options.environmentVariables,
    });
    return resolved instanceof Promise ? control.race(resolved) : resolved;
  }

  /** The init of one hop: the whole request again for a fetch of the client's own, else only what changes. */
  #hopInit(
    context: CallContext,
    request: Request,
    body: BodyInit | undefined,
    signal: AbortSignal,
  ): RequestInit {
    const ext = context.ext;
    if (!this.#customFetch && context.call.fetch === undefined) {
      if (ext === undefined)
        return body === undefined ? { signal, redirect: "manual" } : { signal, body, redirect: "manual" };
      return { ...ext, signal, body, redirect: "manual" };
    }
    (request as { toString(): string }).toString = requestUrl;
    const init: RequestInit & { duplex?: "half" } = {
      ...ext,
      method: request.method,
      headers: request.headers,
      body,
      signal,
      redirect: "manual",
    };
    if (body instanceof ReadableStream) init.duplex = "half";
    return init;
  }

  /**
   * Sends the request with `redirect: "manual"` and follows redirects within its origin, putting the
   * credentials on every hop. A redirect elsewhere ends in a `RedirectError`, or, when the client allows
   * it and nothing secret rides along, is followed without any credential header.
   */
  async #followRedirects(
    context: CallContext,
    first: Response,
    control: AttemptControl,
    attempt: number,
  ): Promise<Response> {
    // Parsed only once a redirect arrives: most answers are not redirects.
    let origin: string | undefined;
    let request = context.request;
    let body = context.body;
    let withCredentials = true;
    const mode = context.call.redirect ?? "follow";
    const maxRedirects = mode === "error" ? 0 : this.#maxRedirects;
    let response = first;
    for (let hops = 0; ; hops++) {
      if (hops > 0) {
        const init = this.#hopInit(context, request, body, control.signal);
        response = await control.race(context.fetch(request, init), (late) => this.#discard(late));
      }
      if (!REDIRECT_STATUSES.has(response.status) && response.type !== "opaqueredirect") {
        // Followed here rather than by fetch: say so, as fetch would have.
        if (hops > 0 && !response.redirected) Object.defineProperty(response, "redirected", { value: true });
        return response;
      }
      if (mode === "manual" && response.type !== "opaqueredirect") return response;
      this.#discard(response);

      const refuse = (reason: RedirectRefusal, message: string, location?: string): never => {
        throw new RedirectError(
          `${context.meta.operationId} was redirected (${response.status}) ${message}; not followed`,
          {
            status: response.status,
            reason,
            location,
            provider: this.#provider.name,
            operationId: context.meta.operationId,
            attempts: attempt,
          },
        );
      };
      if (response.type === "opaqueredirect") refuse("opaque", "and this runtime hides the target");
      const target = this.#redirectTarget(response, request.url);
      if (!target) return refuse("no-location", "without a usable Location");
      const from = new URL(request.url);
      if (target.protocol !== "https:" && (from.protocol === "https:" || target.protocol !== "http:")) {
        refuse("insecure", `from ${from.protocol}// to ${target.origin}`, target.origin);
      }
      if (hops >= maxRedirects) refuse("too-many", `more than ${maxRedirects} times`, target.origin);

      const keepsBody =
        response.status === 307 ||
        response.status === 308 ||
        (response.status !== 303 && ["GET", "HEAD"].includes(request.method));
      origin ??= new URL(context.request.url).origin;
      const sameOrigin = target.origin === origin;
      if (!sameOrigin) {
        if (this.#options.crossOriginRedirects !== "follow-without-credentials") {
          refuse("cross-origin", `to another origin, ${target.origin}`, target.origin);
        }
        if (context.carriesSecrets) {
          refuse(
            "cross-origin",
            `to another origin, ${target.origin}, and the exchange carries secrets`,
            target.origin,
          );
        }
        withCredentials = false;
      }
      if (keepsBody && !context.call.replayable && request.body !== null) {
        refuse("unreplayable-body", "and a streamed body cannot be sent again", target.origin);
      }
      request = this.#nextHop(request, target, keepsBody, withCredentials);
      if (!keepsBody) body = undefined;
    }
  }

  #redirectTarget(response: Response, base: string): URL | undefined {
    const location = response.headers.get("location");
    if (location === null || location.trim() === "") return undefined;
    try {
      return new URL(location, base);
    } catch {
      return undefined;
    }
  }

  /** The request for the next hop: 303 (and 301/302 after anything but GET/HEAD) becomes a body-less GET. */
  #nextHop(request: Request, target: URL, keepsBody: boolean, withCredentials: boolean): Request {
    const headers = new Headers(request.headers);
    if (!keepsBody) {
      headers.delete("content-type");
      headers.delete("content-length");
    }
    if (!withCredentials)
      for (const name of [...CREDENTIAL_HEADERS, ...this.#secretHeaders]) headers.delete(name);
    const method = keepsBody ? request.method : request.method === "HEAD" ? "HEAD" : "GET";
    return new this.#Request(target, { method, headers, redirect: "manual" });
  }

  #discard(response: Response): void {
    response.body?.cancel().catch(() => undefined);
  }

  /** A 2xx answer: checked against what the operation declares, then handed to openapi-fetch unread again. */
  #success(
    context: CallContext,
    response: Response,
    text: string,
    credentials: ResolvedCredentials,
    attempt: number,
  ): Response {
    if (context.streams) return response;
    const parseAs = context.call.parseAs ?? "json";
    let json: { value: unknown } | undefined;
    if (parseAs === "json" && !NULL_BODY_STATUSES.has(response.status) && text !== "") {
      try {
        json = { value: JSON.parse(text) };
      } catch {
        if (context.meta.successBody)
          throw this.#undecodable(context, response, text, credentials, attempt, "a body that is not JSON");
      }
    } else if (context.meta.successBody && parseAs === "json" && !NULL_BODY_STATUSES.has(response.status)) {
      throw this.#undecodable(context, response, text, credentials, attempt, "an empty body");
    }
    return hold(response, text, json);
  }

  #undecodable(
    context: CallContext,
    response: Response,
    text: string,
    credentials: ResolvedCredentials,
    attempt: number,
    problem: string,
  ): ResponseDecodeError {
    // Scrubbed before it is cut, so that a secret straddling the cut cannot leave its start behind.
    const snippet = redactFields(
      scrubText(text, [...context.secrets, ...credentials.secrets]),
      context.meta.secretResponseFields ?? [],
    ).slice(0, SNIPPET_CHARS);
    return new ResponseDecodeError(
      `${context.meta.operationId} answered ${response.status} with ${problem} where JSON was expected`,
      {
        status: response.status,
        requestId: response.headers.get("x-request-id") ?? undefined,
        snippet,
        provider: this.#provider.name,
        operationId: context.meta.operationId,
        attempts: attempt,
      },
    );
  }

  #tooLarge(response: Response, meta: OperationMeta, attempt: number): ResponseTooLargeError {
    return new ResponseTooLargeError(
      `${meta.operationId} answered ${response.status} with a body larger than ${this.#maxResponseBytes} bytes (maxResponseBytes); the rest was not read`,
      {
        status: response.status,
        requestId: response.headers.get("x-request-id") ?? undefined,
        limitBytes: this.#maxResponseBytes,
        provider: this.#provider.name,
        operationId: meta.operationId,
        attempts: attempt,
      },
    );
  }

  /** The final non-2xx answer, its body (and headers) scrubbed like the ApiError that `unwrap` will throw. */
  #failed(response: Response, failure: ApiError): Response {
    const text =
      failure.body === undefined
        ? ""
        : typeof failure.body === "string"
          ? failure.body
          : JSON.stringify(failure.body);
    const scrubbedHeaders = failure.headers !== undefined && failure.headers !== response.headers;
    const final = scrubbedHeaders
      ? hold(
          new Response(null, {
            status: response.status,
            statusText: response.statusText,
            headers: failure.headers,
          }),
          text,
          undefined,
          response.url,
          response.redirected,
        )
      : hold(response, text, undefined);
    failures.set(final, failure);
    return final;
  }

  #tokenRefused(failure: ApiError, credentials: ResolvedCredentials): boolean {
    if (credentials.providers.length === 0) return false;
    const rule = this.#provider.isTokenRejected ?? ((f: { status: number }) => f.status === 401);
    return rule({ status: failure.status, code: failure.code });
  }

  #shouldRetryStatus(context: CallContext, failure: ApiError, retriesUsed: number): boolean {
    const status = failure.status;
    const retryable =
      RETRY_ANY_METHOD.has(status) || (context.meta.safeToRetry && RETRY_WHEN_SAFE.has(status));
    const waitTooLong =
      failure.retryAfterMs !== undefined && failure.retryAfterMs > context.policy.retry.maxRetryAfterMs;
    return (
      retryable && !waitTooLong && context.call.replayable && retriesUsed < context.policy.retry.maxRetries
    );
  }

  #mayRetry(context: CallContext, retriesUsed: number): boolean {
    return (
      context.meta.safeToRetry && context.call.replayable && retriesUsed < context.policy.retry.maxRetries
    );
  }

  /** Reports a retry and waits for it; the caller's abort ends the wait at once. */
  async #wait(
    context: CallContext,
    attempt: number,
    delayMs: number,
    reason: { status?: number; error?: Error },
  ): Promise<void> {
    this.#retrying({ operationId: context.meta.operationId, attempt, delayMs, ...reason });
    await sleep(delayMs, context.signal).catch(() => {
      throw this.#aborted(context.meta);
    });
  }

  #aborted(meta: OperationMeta): AbortError {
    return new AbortError(`${meta.operationId} was aborted by the caller`, {
      provider: this.#provider.name,
      operationId: meta.operationId,
    });
  }

  #backoff(retry: number, policy: Required<RetryOptions>): number {
    const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
    // Up to 25% jitter downwards, so that many clients that failed together do not retry together.
    return Math.round(exponential * (1 - Math.random() * 0.25));
  }

  #retrying(event: RetryEvent): void {
    const what = event.status !== undefined ? `status ${event.status}` : (event.error?.name ?? "error");
    this.#options.logger?.info(
      `[idclients] ${this.#provider.name} ${event.operationId} attempt ${event.attempt} failed with ${what}; retrying in ${event.delayMs} ms`,
    );
    this.#options.onRetry?.(event);
  }

  #log(level: "debug" | "warn", message: string, request: Request): void {
    const logger = this.#options.logger;
    if (!logger) return;
    logger[level](`[idclients] ${this.#provider.name} ${message}`, {
      method: request.method,
      url: request.url,
      headers: redactHeaders(request.headers, this.#secretHeaders),
    });
  }
}
