import { describe, expect, it } from "vitest";
import { runSoak } from "./test-support/soak.js";

describe("soak (short run of `pnpm soak`)", () => {
  it("survives 500 requests under injected 429, 503, resets and stalls", async () => {
    // A longer timeout than the full soak's 200 ms, so that a loaded CI machine does not turn slow
    // answers into timeouts; the stalls still cost one timeout each.
    const report = await runSoak({ requests: 500, concurrency: 10, timeoutMs: 500, seed: 7 });
    const failed = Object.values(report.failures).reduce((sum, n) => sum + n, 0);
    expect(report.unhandledRejections).toBe(0);
    expect(report.duplicates).toBe(0);
    expect(report.untyped).toBe(0);
    expect(report.succeeded + failed).toBe(500);
    // Faults were really injected, and retries made most calls succeed despite them.
    expect(report.injected["429"]).toBeGreaterThan(10);
    expect(report.injected["503"]).toBeGreaterThan(5);
    expect(report.attempts).toBeGreaterThan(500);
    expect(report.succeeded).toBeGreaterThan(400);
    for (const name of Object.keys(report.failures)) {
      expect(["InternalServerError", "ConnectionError", "TimeoutError", "RateLimitError"]).toContain(name);
    }
  }, 30_000);
});
