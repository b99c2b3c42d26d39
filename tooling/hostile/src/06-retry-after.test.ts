// Item 6: Retry-After. A bogus value (negative, exponent notation, garbage, NaN) falls back to the
// configured backoff instead of a 0 ms or a giant wait; a wait beyond what a timer can hold is refused
// at creation (maxRetryAfterMs) or thrown at once (the server's Retry-After), never a TimeoutOverflowWarning.
import { createConfluentClient, unwrap } from "@idclients/confluent";
import { createIcaClient } from "@idclients/ica";
import { describe, expect, it } from "vitest";
import {
  attempt,
  captureWarnings,
  expectError,
  recordingLogger,
  recordingOnRetry,
  settle,
  sleep,
  useServers,
} from "./harness.js";
import { basicCanary, canary, expectNoSecret } from "./secrets.js";
import { echo, json } from "./server.js";

const s = useServers();
const PROVIDER = { id: "op-1", display_name: "x" };

function client(retry: Record<string, unknown>) {
  const basic = basicCanary();
  const log = recordingLogger();
  const retries = recordingOnRetry();
  const confluent = createConfluentClient({
    baseUrl: s.server.url,
    auth: { "cloud-api-key": basic },
    retry,
    timeoutMs: 5_000,
    logger: log.logger,
    onRetry: retries.onRetry,
  });
  const get = () =>
    unwrap(confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-1" } } }));
  return { basic, log, retries, get };
}

describe("6. a bogus Retry-After falls back to the configured backoff", () => {
  it.each([
    ["retry-after", "-5"],
    ["retry-after", "1e3"],
    ["retry-after", "garbage"],
    ["retry-after", "-0.5"],
    ["retry-after", "Infinity"],
    ["retry-after-ms", "-1"],
    ["retry-after-ms", "NaN"],
    ["retry-after-ms", "-Infinity"],
    ["retry-after-ms", "1e3"],
  ])("429 with %s: %s -> waits the backoff (baseDelayMs 50 -> 37..50 ms)", async (header, value) => {
    const { basic, log, retries, get } = client({ maxRetries: 1, baseDelayMs: 50 });
    s.server.queue(echo(429, "json", { [header]: value }));
    s.server.fallback(json(200, PROVIDER));
    const settled = await settle(get());
    expect(settled).toMatchObject({ kind: "resolved", value: { id: "op-1" } });
    expect(retries.events.map((e) => e.status)).toEqual([429]);
    const delay = retries.events[0]?.delayMs ?? -1;
    expect(delay).toBeGreaterThanOrEqual(37);
    expect(delay).toBeLessThanOrEqual(50);
    expect(s.server.requests).toHaveLength(2);
    expectNoSecret([log.calls, retries.events], [basic]);
  });

  it("a valid Retry-After: 0 is honoured as 0 (the fallback is only for bogus values)", async () => {
    const { retries, get } = client({ maxRetries: 1, baseDelayMs: 50 });
    s.server.queue(json(429, { errors: [{ code: "slow_down" }] }, { "retry-after": "0" }));
    s.server.fallback(json(200, PROVIDER));
    expect(await settle(get())).toMatchObject({ kind: "resolved" });
    expect(retries.events.map((e) => e.delayMs)).toEqual([0]);
  });
});

describe("6. waits beyond what a timer can hold", () => {
  it("retry.maxRetryAfterMs: 4_000_000_000 -> ConfigurationError at creation", () => {
    const made = attempt(() =>
      createConfluentClient({ baseUrl: s.server.url, retry: { maxRetryAfterMs: 4_000_000_000 } }),
    );
    const error = expectError<{ setting: string }>(made, "ConfigurationError");
    expect(error.setting).toMatch(/maxRetryAfterMs/);
    expect(s.server.requests).toEqual([]);
  });

  it("retry.maxRetryAfterMs: 4_000_000_000 per call -> ConfigurationError, no request", async () => {
    const confluent = createConfluentClient({
      baseUrl: s.server.url,
      auth: { "cloud-api-key": basicCanary() },
    });
    const call = confluent.GET("/iam/v2/identity-providers", { retry: { maxRetryAfterMs: 4_000_000_000 } });
    const error = expectError<{ setting: string }>(await settle(unwrap(call)), "ConfigurationError");
    expect(error.setting).toMatch(/maxRetryAfterMs/);
    expect(s.server.requests).toEqual([]);
  });

  it.each([
    ["retry-after", "3000000"],
    ["retry-after-ms", "3000000000"],
  ])(
    "429 with %s: %s and the default maxRetryAfterMs -> RateLimitError at once, no TimeoutOverflowWarning",
    async (header, value) => {
      const warnings = captureWarnings();
      try {
        const { basic, log, retries, get } = client({ maxRetries: 2, baseDelayMs: 1 });
        s.server.fallback(echo(429, "json", { [header]: value }));
        const settled = await settle(get(), 3_000);
        expectError(settled, "RateLimitError", { status: 429, retryAfterMs: 3_000_000_000, attempts: 1 });
        expect(settled.ms).toBeLessThan(2_000);
        expect(s.server.requests).toHaveLength(1);
        expect(retries.events).toEqual([]);
        expectNoSecret([settled, log.calls], [basic]);
        await sleep(20);
        expect(warnings.names()).not.toContain("TimeoutOverflowWarning");
      } finally {
        warnings.stop();
      }
    },
  );

  it("the largest accepted maxRetryAfterMs (2_147_483_647) still throws a 3e9 ms Retry-After at once", async () => {
    const warnings = captureWarnings();
    try {
      const key = canary("icakey");
      const ica = createIcaClient({
        baseUrl: s.server.url,
        auth: { ApiKeyAuth: key },
        retry: { maxRetries: 2, baseDelayMs: 1, maxRetryAfterMs: 2_147_483_647 },
      });
      s.server.fallback(echo(429, "json", { "retry-after": "3000000" }));
      const settled = await settle(unwrap(ica.POST("/api/tokens", {})), 3_000);
      const error = expectError(settled, "RateLimitError", { retryAfterMs: 3_000_000_000 });
      expect(s.server.requests).toHaveLength(1);
      expectNoSecret([error], [key]);
      await sleep(20);
      expect(warnings.names()).not.toContain("TimeoutOverflowWarning");
    } finally {
      warnings.stop();
    }
  });
});
