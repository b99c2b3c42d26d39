/** A provider's rate-limit window as its response headers describe it. */
export interface RateLimit {
  limit: number | undefined;
  remaining: number | undefined;
  /** Seconds until the window resets, relative to when the response was received. */
  resetSeconds: number | undefined;
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * Reads `X-RateLimit-Limit/Remaining/Reset` from any response, successful or not, so callers can pace
 * themselves. Confluent documents Reset as RELATIVE seconds, which is how it is returned here.
 *
 * @example
 * const { response } = await confluent.GET("/iam/v2/identity-providers");
 * const { remaining, resetSeconds } = getRateLimit(response) ?? {};
 */
export function getRateLimit(response: Response | { headers: Headers }): RateLimit | undefined {
  const headers = response.headers;
  const rateLimit = {
    limit: intHeader(headers, "x-ratelimit-limit"),
    remaining: intHeader(headers, "x-ratelimit-remaining"),
    resetSeconds: intHeader(headers, "x-ratelimit-reset"),
  };
  const any = rateLimit.limit !== undefined || rateLimit.remaining !== undefined;
  return any || rateLimit.resetSeconds !== undefined ? rateLimit : undefined;
}

/**
 * How long the server asks to wait before trying again, in milliseconds: `retry-after-ms`, else
 * `Retry-After` (seconds or an HTTP date), else, on a 429, the relative `X-RateLimit-Reset`.
 */
export function readRetryAfterMs(status: number, headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headers.get("retry-after");
  if (after !== null && after.trim() !== "") {
    const seconds = Number(after);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(after);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (status === 429) {
    const reset = intHeader(headers, "x-ratelimit-reset");
    if (reset !== undefined) return reset * 1000;
  }
  return undefined;
}
