// Item 9: one AbortSignal shared by many calls must not collect a listener per call: no
// MaxListenersExceededWarning, at most 2 abort listeners while 1,000 calls are in flight, and at most 2
// once 10,000 calls have settled.
import { getEventListeners } from "node:events";
import { createConfluentClient, TokenCache } from "@idclients/confluent";
import { describe, expect, it } from "vitest";
import { captureWarnings, FAST, sleep, useServers } from "./harness.js";
import { basicCanary } from "./secrets.js";
import { gate, json } from "./server.js";

const s = useServers();
const BATCH = 1_000;
const BATCHES = 10;
const PROVIDER_PATH = /^\/iam\/v2\/identity-providers\/[^/]+$/;

type Client = ReturnType<typeof createConfluentClient>;

/** One batch of concurrent GETs sharing `signal`, held at the server until all arrived; returns the listener count seen then. */
async function batch(client: Client, signal: AbortSignal): Promise<number> {
  s.server.reset();
  const held = gate(json(200, { id: "op", display_name: "x" }));
  s.server.route("GET", PROVIDER_PATH, held.handler);
  const calls = Array.from({ length: BATCH }, (_, i) =>
    client.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: `op-${i}` } }, signal }),
  );
  await s.server.waitForRequests(BATCH, 20_000);
  const during = getEventListeners(signal, "abort").length;
  held.release();
  const results = await Promise.all(calls);
  expect(results.filter((r) => !r.response.ok)).toEqual([]);
  return during;
}

describe("9. one signal shared by many calls", () => {
  it("10 x 1,000 concurrent calls: <= 2 abort listeners in flight and after, no MaxListenersExceededWarning", async () => {
    const warnings = captureWarnings();
    try {
      const controller = new AbortController();
      // Two clients take turns: Basic credentials, and a TokenCache whose first (slow) mint has 1,000
      // waiters, none of which may leave a listener on the caller's signal either.
      const basic = createConfluentClient({
        baseUrl: s.server.url,
        auth: { "cloud-api-key": basicCanary() },
        ...FAST,
      });
      const tokens = new TokenCache({
        mint: () =>
          new Promise((resolve) =>
            setTimeout(() => resolve({ token: "sts-token-1234", expiresIn: 3600 }), 50),
          ),
      });
      const minted = createConfluentClient({
        baseUrl: s.server.url,
        auth: { "confluent-sts-access-token": tokens },
        ...FAST,
      });
      const during: number[] = [];
      for (let i = 0; i < BATCHES; i++)
        during.push(await batch(i % 2 === 0 ? minted : basic, controller.signal));
      await sleep(10);
      expect(tokens.mints).toBe(1);
      expect(
        Math.max(...during),
        `listeners while 1,000 calls were in flight, per batch: ${during}`,
      ).toBeLessThanOrEqual(2);
      expect(
        getEventListeners(controller.signal, "abort").length,
        "listeners after 10,000 calls",
      ).toBeLessThanOrEqual(2);
      expect(warnings.names()).not.toContain("MaxListenersExceededWarning");
    } finally {
      warnings.stop();
    }
  }, 60_000);
});
