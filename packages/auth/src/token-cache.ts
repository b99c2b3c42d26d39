import { AbortError, TokenError } from "./errors.js";
import { readJwtExpiry } from "./jwt.js";
import type { TokenProvider } from "./types.js";

/** What a mint function returns: the token and, when the issuer says so, its lifetime. */
export interface MintedToken {
  token: string;
  /** Seconds from now until the token expires (OAuth `expires_in`). Without it, the JWT `exp` claim is read. */
  expiresIn?: number;
}

export interface TokenCacheOptions {
  /**
   * Obtains a new token. Called at most once at a time, however many requests are waiting. It gets no
   * caller's signal: the mint is shared, so one caller giving up must not fail the others (each waiter
   * stops waiting on its own signal instead). Bound it with the minting client's `timeoutMs`.
   */
  mint: (context: { signal?: AbortSignal; previous?: CachedToken }) => Promise<MintedToken>;
  /** Refresh this many seconds before expiry (default 60). */
  refreshMarginSeconds?: number;
  /** Label used in error messages (for example "ICA JWT"). */
  name?: string;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

export interface CachedToken {
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
  #current: CachedToken | undefined;
  #pending: Promise<CachedToken> | undefined;
  /** How many mints this cache has started; exposed for tests and benchmarks. */
  mints = 0;

  constructor(options: TokenCacheOptions) {
    this.#mint = options.mint;
    this.#marginMs = (options.refreshMarginSeconds ?? 60) * 1000;
    this.#name = options.name ?? "token";
    this.#now = options.now ?? Date.now;
  }

  async getToken(options: { signal?: AbortSignal } = {}): Promise<string> {
    const current = this.#current;
    if (current && (current.refreshAt === undefined || this.#now() < current.refreshAt)) {
      return current.token;
    }
    const pending = this.#refresh();
    const signal = options.signal;
    if (!signal) return (await pending).token;
    if (signal.aborted) throw this.#aborted();
    return await new Promise<string>((resolve, reject) => {
      const onAbort = () => reject(this.#aborted());
      signal.addEventListener("abort", onAbort, { once: true });
      pending.then(
        (cached) => {
          signal.removeEventListener("abort", onAbort);
          resolve(cached.token);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          reject(error);
        },
      );
    });
  }

  #aborted(): AbortError {
    return new AbortError(`Waiting for a ${this.#name} was aborted by the caller`);
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
    const pending = (async () => {
      let minted: MintedToken;
      try {
        minted = await this.#mint(previous ? { previous } : {});
      } catch (cause) {
        throw new TokenError(`Could not obtain a new ${this.#name}: ${describe(cause)}`, { cause });
      }
      if (typeof minted?.token !== "string" || minted.token === "") {
        throw new TokenError(`Could not obtain a new ${this.#name}: the issuer returned no token`);
      }
      const now = this.#now();
      const expiresAt = this.#expiryOf(minted, now);
      const lifetime = expiresAt === undefined ? undefined : expiresAt - now;
      const refreshAt =
        expiresAt === undefined || lifetime === undefined
          ? undefined
          : expiresAt - Math.min(this.#marginMs, Math.max(0, lifetime) / 2);
      const cached = { token: minted.token, expiresAt, refreshAt };
      this.#current = cached;
      return cached;
    })();
    this.#pending = pending;
    const clear = () => {
      if (this.#pending === pending) this.#pending = undefined;
    };
    pending.then(clear, clear);
    return pending;
  }

  #expiryOf(minted: MintedToken, now: number): number | undefined {
    if (typeof minted.expiresIn === "number" && Number.isFinite(minted.expiresIn) && minted.expiresIn > 0) {
      return now + minted.expiresIn * 1000;
    }
    const exp = readJwtExpiry(minted.token);
    return exp === undefined ? undefined : exp * 1000;
  }
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return "unknown failure";
}
