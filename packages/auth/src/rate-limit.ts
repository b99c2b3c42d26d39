/** A provider's rate-limit window as its response headers describe it. */
export interface RateLimit {
  /** Requests allowed per window (`X-RateLimit-Limit`). */
  limit: number | undefined;
  /** Requests left in the current window (`X-RateLimit-Remaining`). */
  remaining: number | undefined;
  /** Seconds until the window resets, relative to when the response was received. */
  resetSeconds: number | undefined;
}

function intHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const text = raw.trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
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

/** The longest wait a timer can hold (2^31 - 1 ms, about 24.8 days); longer ones fire at once in Node. */
export const MAX_TIMER_MS = 2_147_483_647;

const DAY = "(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
/** RFC 9110 §5.6.7 HTTP-date: IMF-fixdate, and the obsolete RFC 850 and asctime forms. */
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT` +
    `|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \\d{2}-${MONTH}-\\d{2} \\d{2}:\\d{2}:\\d{2} GMT` +
    `|${DAY} ${MONTH} [ \\d]\\d \\d{2}:\\d{2}:\\d{2} \\d{4})$`,
);

/** A non-negative decimal number of the given shape, or undefined for anything else ("-5", "1e3", "0x10"). */
function decimal(raw: string | null, pattern: RegExp): number | undefined {
  if (raw === null) return undefined;
  const text = raw.trim();
  return pattern.test(text) ? Number(text) : undefined;
}

/**
 * How long the server asks to wait before trying again, in milliseconds: `retry-after-ms`, else
 * `Retry-After` (whole seconds or an HTTP date), else, on a 429, the relative `X-RateLimit-Reset`.
 * Values of any other shape (negative, exponent notation, a date `Date.parse` merely tolerates) are
 * ignored, so the caller falls back to its own backoff.
 */
export function readRetryAfterMs(status: number, headers: Headers, now = Date.now()): number | undefined {
  const ms = decimal(headers.get("retry-after-ms"), /^\d+(?:\.\d+)?$/);
  if (ms !== undefined) return Math.ceil(ms);
  const after = headers.get("retry-after");
  const seconds = decimal(after, /^\d+$/);
  if (seconds !== undefined) return seconds * 1000;
  if (after !== null && HTTP_DATE.test(after.trim())) {
    const text = after.trim();
    // asctime dates carry no zone; HTTP dates are always GMT.
    const date = Date.parse(text.endsWith("GMT") ? text : `${text} GMT`);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (status === 429) {
    const reset = decimal(headers.get("x-ratelimit-reset"), /^\d+$/);
    if (reset !== undefined) return reset * 1000;
  }
  return undefined;
}
