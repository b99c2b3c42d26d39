import { ConfigurationError, TokenError } from "../errors.js";
import { type CachedToken, TokenCache } from "../token-cache.js";
import type { TokenProvider } from "../types.js";
import { WorkloadTokenError, type WorkloadTokenOrigin } from "./errors.js";
import { checkWorkloadJwt } from "./workload-jwt.js";

/** Options every workload token source takes. */
export interface WorkloadTokenOptions {
  /** Fetch a new token this many seconds before its `exp` (default 60; at most half its lifetime). */
  refreshMarginSeconds?: number;
  /** A request or read that has not finished after this long fails with a `TokenError` (default 30000 ms). */
  timeoutMs?: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

/**
 * A workload JWT, cached until shortly before its `exp` and fetched again after, one fetch at a time
 * however many callers wait. It is a function returning the token, so it fits wherever a `TokenSource`
 * does (`confluentSts({ subjectToken })`, `infisicalJwtLogin({ jwt })`, a client's `auth`), and a
 * `TokenProvider` (`getToken`, `invalidate`).
 */
export interface WorkloadTokenSource extends TokenProvider {
  (options?: { signal?: AbortSignal }): Promise<string>;
  getToken(options?: { signal?: AbortSignal }): Promise<string>;
  /** Forget `token` (say, the receiver refused it) so that the next call fetches a new one. */
  invalidate(token: string): void;
  /** The token held now and its expiry, without fetching. */
  peek(): CachedToken | undefined;
  /** How many times this source asked the platform for a token (requests or file reads). */
  readonly fetches: number;
  /** What the source reads, for messages ("GitHub Actions ID token", "token file /var/run/..."). */
  readonly description: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Builds a `WorkloadTokenSource` around `read`, which fetches the raw token. Each token read is
 * checked (`checkWorkloadJwt`) before it is cached. `isStale`, when given, is asked before a cached
 * token is handed out and can drop it early (a token file that changed on disk).
 */
export function createWorkloadTokenSource(init: {
  origin: WorkloadTokenOrigin;
  description: string;
  read: (signal: AbortSignal | undefined) => Promise<string>;
  isStale?: (cached: CachedToken) => Promise<boolean>;
  options: WorkloadTokenOptions;
}): WorkloadTokenSource {
  const { origin, description, read, isStale, options } = init;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) {
    throw new ConfigurationError("timeoutMs must be a positive number of milliseconds", {
      setting: "timeoutMs",
    });
  }
  let fetches = 0;
  const cache = new TokenCache({
    name: description,
    refreshMarginSeconds: options.refreshMarginSeconds,
    mintTimeoutMs: timeoutMs,
    now,
    mint: async ({ signal }) => {
      fetches += 1;
      const raw = await read(signal);
      // TokenCache reads the expiry from the token's exp claim itself.
      return { token: checkWorkloadJwt(raw, { origin, what: description, nowMs: now() }).token };
    },
  });

  const getToken = async (callOptions: { signal?: AbortSignal } = {}): Promise<string> => {
    const cached = cache.peek();
    if (cached && isStale && (await isStale(cached))) cache.invalidate(cached.token);
    try {
      return await cache.getToken(callOptions);
    } catch (error) {
      throw surfaced(error);
    }
  };
  const source = ((callOptions?: { signal?: AbortSignal }) => getToken(callOptions)) as WorkloadTokenSource;
  Object.defineProperties(source, {
    getToken: { value: getToken },
    invalidate: { value: (token: string) => cache.invalidate(token) },
    peek: { value: () => cache.peek() },
    fetches: { get: () => fetches, enumerable: true },
    description: { value: description, enumerable: true },
  });
  return source;
}

/**
 * TokenCache wraps every failure of a mint in a generic TokenError; the typed workload error inside
 * is what the caller should be able to catch, so it is thrown as it is.
 */
function surfaced(error: unknown): unknown {
  if (error instanceof TokenError && !(error instanceof WorkloadTokenError)) {
    if (error.cause instanceof WorkloadTokenError) return error.cause;
  }
  return error;
}
