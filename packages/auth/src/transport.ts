import { type AppliedCredential, type AuthConfig, applyCredentials } from "./credentials.js";
import { buildFailure, readBoundedText } from "./decode-failure.js";
import { AbortError, type ApiError, ConnectionError, IdClientsError, TimeoutError } from "./errors.js";
import { scrubText } from "./redact.js";
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
  operationId: string;
  /** The attempt that just failed (1-based). */
  attempt: number;
  delayMs: number;
  /** The HTTP status, when the attempt got a response. */
  status?: number;
  /** The error, when the attempt got none. */
  error?: Error;
}

export interface TransportOptions {
  auth?: AuthConfig;
  /**
   * The fetch to send requests with (default: the global fetch). It is called like the global fetch,
   * `fetch(request, { signal, body })`: honour `init` (or pass both on to a real fetch).
   */
  fetch?: (request: Request, init?: RequestInit) => Promise<Response>;
  retry?: RetryOptions | false;
  /** Time limit of one attempt, from sending the request to the last byte of the response (default 30000 ms). */
  timeoutMs?: number;
  logger?: Logger;
  onRetry?: (event: RetryEvent) => void;
  /** Allow credentials over plain http:// to hosts that are not loopback (default false). */
  allowInsecureHttp?: boolean;
}

/** Per-call overrides of the client's options. */
export interface CallOptions {
  retry?: RetryOptions | false;
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
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  maxRetries: 2,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};
export const DEFAULT_TIMEOUT_MS = 30_000;

const RETRY_ANY_METHOD = new Set([408, 429]);
const RETRY_WHEN_SAFE = new Set([500, 502, 503, 504]);
const REDACTED_HEADERS = new Set([
  "authorization",
  "x-api-key",
  "cookie",
  "set-cookie",
  "proxy-authorization",
]);

/** Failures decoded by the transport, so `unwrap` and the client agree on one typed error per response. */
const failures = new WeakMap<Response, ApiError>();

/** The typed error the transport decoded for a non-2xx response, if it went through a client. */
export function failureOf(response: Response): ApiError | undefined {
  return failures.get(response);
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
    out[name] = secret.has(name.toLowerCase()) ? "[redacted]" : value;
  });
  return out;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise((resolve) => setTimeout(resolve, ms));
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
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
  readonly #caller: AbortSignal | undefined;
  readonly #timer: ReturnType<typeof setTimeout>;
  #stop: ((reason: unknown) => void) | undefined;
  #stopped: Promise<never> | undefined;
  readonly #onCallerAbort = () => this.#abort(this.#caller?.reason);
  timedOut = false;

  constructor(caller: AbortSignal | undefined, timeoutMs: number) {
    this.#caller = caller;
    this.#timer = setTimeout(() => {
      this.timedOut = true;
      this.#abort(undefined);
    }, timeoutMs);
    if (caller?.aborted) this.#abort(caller.reason);
    else caller?.addEventListener("abort", this.#onCallerAbort, { once: true });
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
    if (!this.#stopped) {
      this.#stopped = new Promise<never>((_resolve, reject) => {
        this.#stop = reject;
      });
      this.#stopped.catch(() => undefined);
      if (this.#controller.signal.aborted) this.#stop?.(this.#controller.signal.reason);
    }
    if (discard) {
      work.then(
        (value) => {
          if (this.#controller.signal.aborted) discard(value);
        },
        () => undefined,
      );
    }
    return Promise.race([work, this.#stopped]);
  }

  done(): void {
    clearTimeout(this.#timer);
    this.#caller?.removeEventListener("abort", this.#onCallerAbort);
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

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The fetch handed to openapi-fetch: puts credentials on each attempt, enforces per-attempt timeouts,
 * retries what is safe to retry, and decodes failures into typed errors.
 */
export class Transport {
  readonly #provider: ProviderMeta;
  readonly #options: TransportOptions;
  readonly #fetch: (request: Request, init?: RequestInit) => Promise<Response>;
  /** Headers that carry this provider's API keys: redacted in logs like `authorization`. */
  readonly #secretHeaders: string[];

  constructor(provider: ProviderMeta, options: TransportOptions = {}) {
    this.#provider = provider;
    this.#options = options;
    this.#fetch = options.fetch ?? ((request, init) => globalThis.fetch(request, init));
    this.#secretHeaders = Object.values(provider.securitySchemes).flatMap((scheme) =>
      scheme.kind === "apiKey" && scheme.in === "header" ? [scheme.name] : [],
    );
  }

  async send(request: Request, meta: OperationMeta, call: SendOptions): Promise<Response> {
    const retrySetting = call.retry === undefined ? this.#options.retry : call.retry;
    const retry =
      retrySetting === false ? { ...DEFAULT_RETRY, maxRetries: 0 } : { ...DEFAULT_RETRY, ...retrySetting };
    const timeoutMs = call.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // The client passes the caller's own signal (or none): listening to the Request's derived signal
    // would cost a listener on every call, even when nobody can abort it.
    const callerSignal = "signal" in call ? call.signal : request.signal;
    const provider = this.#provider.name;
    const operationId = meta.operationId;
    let attempt = 0;
    let retriesUsed = 0;
    let tokenRetried = false;

    const aborted = () =>
      new AbortError(`${operationId} was aborted by the caller`, { provider, operationId, cause: undefined });

    // A replayable body is sent from memory on every attempt (the client hands over what its serializer
    // produced, so nothing is read back). A streaming body gets exactly one attempt.
    const replayable = call.replayable;
    const replayBody = !replayable
      ? undefined
      : "body" in call
        ? call.body
        : request.body !== null
          ? await request.arrayBuffer()
          : undefined;

    for (;;) {
      attempt += 1;
      if (callerSignal?.aborted) throw aborted();
      // One Request serves every attempt: credentials are (re)set on its headers, and the signal and
      // the replayed body go in fetch's init, so no Request is copied per attempt.
      const attemptRequest = request;
      let applied: AppliedCredential;
      try {
        applied = await applyCredentials(attemptRequest, {
          provider,
          meta,
          schemes: this.#provider.securitySchemes,
          auth: this.#options.auth,
          allowInsecureHttp: this.#options.allowInsecureHttp ?? false,
          signal: callerSignal,
        });
      } catch (cause) {
        // Waiting for a token is part of the call: the caller's abort wins over whatever the wait threw.
        if (callerSignal?.aborted) throw aborted();
        throw cause;
      }

      const attemptControl = new AttemptControl(callerSignal, timeoutMs);
      let response: Response;
      let body: ArrayBuffer | string;
      const init: RequestInit =
        replayBody === undefined
          ? { signal: attemptControl.signal }
          : { signal: attemptControl.signal, body: replayBody };
      try {
        response = await attemptControl.race(
          this.#fetch(attemptRequest, init),
          (late) => void late.body?.cancel().catch(() => undefined),
        );
        const ok = response.ok;
        const received = response;
        body = await attemptControl.race<ArrayBuffer | string>(
          ok ? received.arrayBuffer() : readBoundedText(received),
        );
      } catch (cause) {
        attemptControl.done();
        if (callerSignal?.aborted) throw aborted();
        if (cause instanceof IdClientsError) throw cause;
        const reason =
          cause instanceof Error ? scrubText(networkReason(cause), applied.secrets) : "network error";
        const error = attemptControl.timedOut
          ? new TimeoutError(`${operationId} timed out after ${timeoutMs} ms${attemptsNote(attempt)}`, {
              provider,
              operationId,
              attempts: attempt,
            })
          : new ConnectionError(
              `${operationId} failed to reach ${new URL(request.url).host}: ${reason}${attemptsNote(attempt)}`,
              { provider, operationId, attempts: attempt },
            );
        this.#log("warn", `${provider} ${operationId} attempt ${attempt}: ${error.name}`, attemptRequest);
        if (meta.safeToRetry && call.replayable && retriesUsed < retry.maxRetries) {
          retriesUsed += 1;
          const delayMs = this.#backoff(retriesUsed, retry);
          this.#retrying({ operationId, attempt, delayMs, error });
          await sleep(delayMs, callerSignal).catch(() => {
            throw aborted();
          });
          continue;
        }
        throw error;
      }
      attemptControl.done();

      if (response.ok) {
        this.#log(
          "debug",
          `${provider} ${operationId} attempt ${attempt}: ${response.status}`,
          attemptRequest,
        );
        const payload = NULL_BODY_STATUSES.has(response.status) || body === "" ? null : body;
        return new Response(payload, {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
        });
      }

      const failure = buildFailure(
        {
          provider,
          operationId,
          status: response.status,
          headers: response.headers,
          text: body as string,
          attempts: attempt,
          secrets: applied.secrets,
        },
        this.#provider.failureFormat,
      );
      this.#log("debug", `${provider} ${operationId} attempt ${attempt}: ${response.status}`, attemptRequest);

      // 401 means "token refused" everywhere; Infisical answers an expired or malformed token with 403 TokenError.
      const tokenRejected =
        response.status === 401 ||
        (response.status === 403 && provider === "infisical" && failure.code === "TokenError");
      if (tokenRejected && applied.providers.length > 0 && !tokenRetried && call.replayable) {
        // The cached token was refused (revoked or expired early): drop it and try once with a new one.
        tokenRetried = true;
        for (const { provider: tokens, token } of applied.providers) tokens.invalidate(token);
        this.#retrying({ operationId, attempt, delayMs: 0, status: response.status });
        continue;
      }

      const retryable =
        RETRY_ANY_METHOD.has(response.status) || (meta.safeToRetry && RETRY_WHEN_SAFE.has(response.status));
      const waitTooLong = failure.retryAfterMs !== undefined && failure.retryAfterMs > retry.maxRetryAfterMs;
      if (retryable && call.replayable && retriesUsed < retry.maxRetries && !waitTooLong) {
        retriesUsed += 1;
        const delayMs = failure.retryAfterMs ?? this.#backoff(retriesUsed, retry);
        this.#retrying({ operationId, attempt, delayMs, status: response.status });
        await sleep(delayMs, callerSignal).catch(() => {
          throw aborted();
        });
        continue;
      }

      // The body openapi-fetch hands out as `error`, with any echoed credential scrubbed like the ApiError's.
      const text =
        failure.body === undefined
          ? null
          : typeof failure.body === "string"
            ? failure.body
            : JSON.stringify(failure.body);
      const final = new Response(text, {
        status: response.status,
        statusText: response.statusText,
        headers: failure.headers ?? response.headers,
      });
      failures.set(final, failure);
      return final;
    }
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
    logger[level](`[idclients] ${message}`, {
      method: request.method,
      url: request.url,
      headers: redactHeaders(request.headers, this.#secretHeaders),
    });
  }
}
