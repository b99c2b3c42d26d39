import { onAbort } from "./abort.js";
import { AbortError, ConfigurationError, TokenError } from "./errors.js";
import { readJwtExpiry } from "./jwt.js";
import { MAX_TIMER_MS } from "./rate-limit.js";
import type { ClientBinding, TokenProvider } from "./types.js";

/** How long a mint may take before it is dropped. */
export const DEFAULT_MINT_TIMEOUT_MS = 60_000;
/** However long a token claims to live, it is fetched again after a day at the latest. */
const MAX_CACHE_MS = 24 * 60 * 60 * 1000;

/** What a mint function returns: the token and, when the issuer says so, its lifetime. */
export interface MintedToken {
  /** The token itself. */
  token: string;
  /** Seconds from now until the token expires (OAuth `expires_in`). Without it, the JWT `exp` claim is read. */
  expiresIn?: number;
}

/** Options of `TokenCache`: how to mint a token and when to refresh it. */
export interface TokenCacheOptions {
  /**
   * Obtains a new token. Called at most once at a time, however many requests are waiting. It gets no
   * caller's signal: the mint is shared, so one caller giving up must not fail the others (each waiter
   * stops waiting on its own signal instead). `signal` aborts when `mintTimeoutMs` runs out.
   */
  mint: (context: { signal?: AbortSignal; previous?: CachedToken }) => Promise<MintedToken>;
  /** Refresh this many seconds before expiry (default 60). */
  refreshMarginSeconds?: number;
  /**
   * A mint that has not settled after this long is dropped: waiting callers get a `TokenError`, and
   * the next call starts a new mint (default 60000 ms).
   */
  mintTimeoutMs?: number;
  /** Label used in error messages (for example "ICA JWT"). */
  name?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
  /** Receives the settings of each client whose `auth` holds this cache (see `TokenProvider.bindClient`). */
  bindClient?: (binding: ClientBinding) => void;
}

/** The token a `TokenCache` holds, with the times it computed from its lifetime. */
export interface CachedToken {
  /** The token itself. */
  token: string;
  /** Epoch milliseconds after which the token must not be used, or undefined when it never expires. */
  expiresAt: number | undefined;
  /** Epoch milliseconds from which a new token is fetched instead (the margin, capped at half the lifetime). */
  refreshAt: number | undefined;
}

/**
 * Caches a token until shortly before it expires. Concurrent callers share one mint (single flight);
 * a failed mint is reported as a `TokenError` and the next call tries again; `invalidate` drops a token
 * the server rejected.
 *
 * @example
 * const cache = new TokenCache({ mint: async () => ({ token: await login(), expiresIn: 600 }) });
 * const token = await cache.getToken();
 */
export class TokenCache implements TokenProvider {
  readonly #mint: TokenCacheOptions["mint"];
  readonly #marginMs: number;
  readonly #name: string;
  readonly #now: () => number;
  readonly #mintTimeoutMs: number;
  #current: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;
  /** How many mints this cache has started; exposed for tests and benchmarks. */
  mints = 0;

  readonly #bindClient: ((binding: ClientBinding) => void) | undefined;

  constructor(options: TokenCacheOptions) {
    this.#bindClient = options.bindClient;
    this.#mint = options.mint;
    const margin = options.refreshMarginSeconds ?? 60;
    if (!(Number.isFinite(margin) && margin >= 0)) {
      throw new ConfigurationError("refreshMarginSeconds must be a number of seconds >= 0", {
        setting: "refreshMarginSeconds",
      });
    }
    const mintTimeoutMs = options.mintTimeoutMs ?? DEFAULT_MINT_TIMEOUT_MS;
    if (!(Number.isFinite(mintTimeoutMs) && mintTimeoutMs > 0 && mintTimeoutMs <= MAX_TIMER_MS)) {
      throw new ConfigurationError(
        `mintTimeoutMs must be a number of milliseconds from 1 to ${MAX_TIMER_MS}`,
        {
          setting: "mintTimeoutMs",
        },
      );
    }
    this.#marginMs = margin * 1000;
    this.#name = options.name ?? "token";
    this.#now = options.now ?? Date.now;
    this.#mintTimeoutMs = mintTimeoutMs;
  }

  /**
   * The cached token, or a new one when there is none or it is within the refresh margin of expiry.
   * Waiting for a mint honours `signal`; the shared mint itself goes on for the other callers.
   */
  async getToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    const current = this.#current;
    if (current && (current.refreshAt === undefined || this.#now() < current.refreshAt)) {
      return current.token;
    }
    const signal = options.signal;
    if (signal?.aborted) throw this.#aborted();
    const pending = this.#refresh();
    if (!signal) return (await pending).token;
    return await new Promise<string>((resolve, reject) => {
      const stopWatching = onAbort(signal, () => reject(this.#aborted()));
      pending.then(
        (cached) => {
          stopWatching();
          resolve(cached.token);
        },
        (error: unknown) => {
          stopWatching();
          reject(error);
        },
      );
    });
  }

  #aborted(): AbortError {
    return new AbortError(`Waiting for a ${this.#name} was aborted by the caller`);
  }

  /** Hands the serving client's settings to the mint (the token helpers mint through the same host). */
  bindClient(binding: ClientBinding): void {
    this.#bindClient?.(binding);
  }

  invalidate(token: string): void {
    if (this.#current?.token === token) this.#current = undefined;
  }

  /** The token held now, if any, without minting. */
  peek(): CachedToken | undefined {
    return this.#current;
  }

  #refresh(): Promise<CachedToken> {
    if (this.#pending) return this.#pending;
    this.mints += 1;
    const previous = this.#current;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new TokenError(`Could not obtain a new ${this.#name}: no answer within ${this.#mintTimeoutMs} ms`),
        );
      }, this.#mintTimeoutMs);
    });
    const minting = (async () => {
      let minted: MintedToken;
      try {
        minted = await this.#mint(
          previous ? { previous, signal: controller.signal } : { signal: controller.signal },
        );
      } catch (cause) {
        throw new TokenError(`Could not obtain a new ${this.#name}: ${describe(cause)}`, { cause });
      }
      return this.#accept(minted);
    })();
    const pending = Promise.race([minting, timedOut]).then((cached) => {
      // A mint that lost the race to its timeout is dropped, not cached.
      this.#current = cached;
      return cached;
    });
    minting.catch(() => undefined);
    timedOut.catch(() => undefined);
    this.#pending = pending;
    const settle = () => {
      clearTimeout(timer);
      if (this.#pending === pending) this.#pending = undefined;
    };
    pending.then(settle, settle);
    return pending;
  }

  /** Checks a minted token and works out when to refresh it. */
  #accept(minted: MintedToken): CachedToken {
    if (typeof minted?.token !== "string" || minted.token === "") {
      throw new TokenError(`Could not obtain a new ${this.#name}: the issuer returned no token`);
    }
    const now = this.#now();
    const expiresAt = this.#expiryOf(minted, now);
    if (expiresAt !== undefined && expiresAt <= now) {
      throw new TokenError(
        `Could not obtain a new ${this.#name}: the issuer returned a token that has already expired`,
      );
    }
    const lifetime = expiresAt === undefined ? undefined : expiresAt - now;
    const refreshAt =
      expiresAt === undefined || lifetime === undefined
        ? undefined
        : Math.min(expiresAt - Math.min(this.#marginMs, lifetime / 2), now + MAX_CACHE_MS);
    return { token: minted.token, expiresAt, refreshAt };
  }

  #expiryOf(minted: MintedToken, now: number): number | undefined {
    if (minted.expiresIn !== undefined && minted.expiresIn !== null) {
      const seconds = minted.expiresIn;
      if (!(typeof seconds === "number" && Number.isFinite(seconds))) {
        throw new TokenError(
          `Could not obtain a new ${this.#name}: the issuer returned an unusable lifetime`,
        );
      }
      // 0 or less: the token is already expired, which #accept reports.
      return now + seconds * 1000;
    }
    const exp = readJwtExpiry(minted.token);
    return exp === undefined ? undefined : exp * 1000;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return "unknown failure";
}
