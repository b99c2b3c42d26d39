import { afterEach, describe, expect, it } from "vitest";
import { getRateLimit, MAX_TIMER_MS, readRetryAfterMs } from "./rate-limit.js";

const h = (init: Record<string, string>) => new Headers(init);
/** 1994-11-06T08:49:00Z: 37 s before the RFC 9110 example date. */
const NOW = Date.UTC(1994, 10, 6, 8, 49, 0);

describe("readRetryAfterMs: retry-after-ms", () => {
  it.each([
    ["7", 7],
    ["0", 0],
    [" 3 ", 3],
    ["1.5", 2],
    ["0.1", 1],
    ["2.0", 2],
    ["250.001", 251],
  ])("reads %j as %i ms", (value, ms) => {
    expect(readRetryAfterMs(503, h({ "retry-after-ms": value }), NOW)).toBe(ms);
  });

  it.each(["-5", "1e3", ".5", "5.", "0x10", "", "  ", "abc", "+5", "1,5", "Infinity"])(
    "ignores %j and falls back to Retry-After",
    (value) => {
      expect(readRetryAfterMs(503, h({ "retry-after-ms": value }), NOW)).toBeUndefined();
      expect(readRetryAfterMs(503, h({ "retry-after-ms": value, "retry-after": "4" }), NOW)).toBe(4000);
    },
  );

  it("wins over Retry-After and X-RateLimit-Reset", () => {
    expect(
      readRetryAfterMs(429, h({ "retry-after-ms": "9", "retry-after": "5", "x-ratelimit-reset": "3" }), NOW),
    ).toBe(9);
  });
});

describe("readRetryAfterMs: Retry-After", () => {
  it.each([
    ["5", 5000],
    ["0", 0],
    [" 12 ", 12_000],
    ["120", 120_000],
  ])("reads whole seconds %j as %i ms", (value, ms) => {
    expect(readRetryAfterMs(503, h({ "retry-after": value }), NOW)).toBe(ms);
  });

  it.each(["-5", "1.5", "1e3", "0x10", "", "soon", "5 s"])("ignores %j", (value) => {
    expect(readRetryAfterMs(503, h({ "retry-after": value }), NOW)).toBeUndefined();
  });

  it.each([
    ["IMF-fixdate", "Sun, 06 Nov 1994 08:49:37 GMT"],
    ["RFC 850", "Sunday, 06-Nov-94 08:49:37 GMT"],
    ["asctime", "Sun Nov  6 08:49:37 1994"],
    ["IMF-fixdate with surrounding spaces", "  Sun, 06 Nov 1994 08:49:37 GMT  "],
  ])("reads an HTTP date in %s form", (_form, value) => {
    expect(readRetryAfterMs(503, h({ "retry-after": value }), NOW)).toBe(37_000);
  });

  describe("asctime dates are GMT whatever the local time zone", () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it("reads asctime as GMT under TZ=Asia/Tokyo", () => {
      process.env.TZ = "Asia/Tokyo";
      expect(readRetryAfterMs(503, h({ "retry-after": "Sun Nov  6 08:49:37 1994" }), NOW)).toBe(37_000);
      expect(readRetryAfterMs(503, h({ "retry-after": "Sun Nov 16 08:49:37 1994" }), NOW)).toBe(
        10 * 86_400_000 + 37_000,
      );
    });
  });

  it("gives 0 for a date in the past", () => {
    expect(readRetryAfterMs(503, h({ "retry-after": "Sun, 06 Nov 1994 08:48:00 GMT" }), NOW)).toBe(0);
  });

  it("measures from the current time by default", () => {
    const inAMinute = new Date(Math.ceil(Date.now() / 1000) * 1000 + 60_000).toUTCString();
    const ms = readRetryAfterMs(503, h({ "retry-after": inAMinute }));
    expect(ms).toBeGreaterThan(55_000);
    expect(ms).toBeLessThanOrEqual(61_000);
  });

  it.each([
    ["ISO 8601", "1994-11-06T08:49:37Z"],
    ["another zone", "Sun, 06 Nov 1994 08:49:37 PST"],
    ["lower-case day", "sun, 06 Nov 1994 08:49:37 GMT"],
    ["one-digit day in IMF", "Sun, 6 Nov 1994 08:49:37 GMT"],
    ["impossible hour", "Sun, 06 Nov 1994 99:49:37 GMT"],
    ["impossible day", "Sun, 32 Nov 1994 08:49:37 GMT"],
    ["trailing text", "Sun, 06 Nov 1994 08:49:37 GMT; x"],
    ["leading text", "x Sun, 06 Nov 1994 08:49:37 GMT"],
  ])("ignores a date in %s shape", (_shape, value) => {
    expect(readRetryAfterMs(503, h({ "retry-after": value }), NOW)).toBeUndefined();
  });
});

describe("readRetryAfterMs: X-RateLimit-Reset", () => {
  it("reads relative seconds on a 429 only", () => {
    expect(readRetryAfterMs(429, h({ "x-ratelimit-reset": "2" }), NOW)).toBe(2000);
    expect(readRetryAfterMs(429, h({ "x-ratelimit-reset": " 0 " }), NOW)).toBe(0);
    for (const status of [400, 408, 500, 503]) {
      expect(readRetryAfterMs(status, h({ "x-ratelimit-reset": "2" }), NOW)).toBeUndefined();
    }
  });

  it.each(["2.5", "-1", "1e3", "", "later"])("ignores %j", (value) => {
    expect(readRetryAfterMs(429, h({ "x-ratelimit-reset": value }), NOW)).toBeUndefined();
  });

  it("comes after Retry-After", () => {
    expect(readRetryAfterMs(429, h({ "x-ratelimit-reset": "3", "retry-after": "5" }), NOW)).toBe(5000);
    expect(readRetryAfterMs(429, h({ "x-ratelimit-reset": "3", "retry-after": "junk" }), NOW)).toBe(3000);
  });

  it("gives undefined without any header", () => {
    expect(readRetryAfterMs(429, h({}), NOW)).toBeUndefined();
  });
});

describe("getRateLimit", () => {
  it("reads whole numbers, trimmed", () => {
    expect(
      getRateLimit({
        headers: h({ "x-ratelimit-limit": " 50 ", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "30" }),
      }),
    ).toEqual({ limit: 50, remaining: 0, resetSeconds: 30 });
  });

  it("reports the window when any one of the three headers is there", () => {
    expect(getRateLimit({ headers: h({ "x-ratelimit-limit": "5" }) })).toEqual({
      limit: 5,
      remaining: undefined,
      resetSeconds: undefined,
    });
    expect(getRateLimit({ headers: h({ "x-ratelimit-remaining": "4" }) })).toEqual({
      limit: undefined,
      remaining: 4,
      resetSeconds: undefined,
    });
    expect(getRateLimit({ headers: h({ "x-ratelimit-reset": "3" }) })).toEqual({
      limit: undefined,
      remaining: undefined,
      resetSeconds: 3,
    });
  });

  it.each(["1.5", "-1", "1e3", "", "  ", "ten", "0x10", "+1"])("ignores %j: integers only", (value) => {
    expect(
      getRateLimit({
        headers: h({
          "x-ratelimit-limit": value,
          "x-ratelimit-remaining": value,
          "x-ratelimit-reset": value,
        }),
      }),
    ).toBeUndefined();
  });

  it("gives undefined for a response without rate-limit headers", () => {
    expect(getRateLimit(new Response(null, { headers: { "retry-after": "5" } }))).toBeUndefined();
  });
});

describe("MAX_TIMER_MS", () => {
  it("is the largest delay a timer holds", () => {
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  });
});
