import { createConfluentClient, TokenCache, unwrap } from "@idclients/confluent";
import { PROVIDER_ID, stubFetch } from "./peers.ts";
import { type Summary, summarize } from "./stats.ts";

export interface TokenCacheLevel {
  concurrent: number;
  rounds: number;
  /** Mints per round (each round starts from an empty cache); must be 1 in every round. */
  mints: number[];
  /** Wall time until all N first requests resolved, with a TokenCache credential. */
  cacheMs: Summary;
  /** The same N requests with a fixed string token (no cache). */
  fixedMs: Summary;
  /** Per round: cacheMs - fixedMs, which includes waiting for the one mint. */
  addedMs: Summary;
  /** How long the mint itself took, per round (the simulated issuer latency plus timer slack). */
  mintMs: Summary;
}

export interface TokenCacheResult {
  /** Simulated issuer latency of each mint. */
  mintLatencyMs: number;
  levels: TokenCacheLevel[];
}

const gc = (globalThis as { gc?: () => void }).gc;
const TOKEN = "sts-token-bench-0000000000000000";

async function burst(n: number, credential: string | TokenCache): Promise<number> {
  const client = createConfluentClient({
    baseUrl: "https://api.confluent.cloud",
    auth: { "confluent-sts-access-token": credential },
    fetch: stubFetch(),
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: n }, () =>
      unwrap(client.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: PROVIDER_ID } } })),
    ),
  );
  return performance.now() - started;
}

/**
 * N concurrent first requests through a client whose credential is a TokenCache (its mint answers
 * after `mintLatencyMs`): how many mints happen, and how much later the burst completes than the
 * same burst with a fixed token (which includes waiting for the mint). Rounds alternate the order.
 */
export async function measureTokenCache(options: {
  sizes: readonly number[];
  rounds: number;
  mintLatencyMs: number;
}): Promise<TokenCacheResult> {
  const levels: TokenCacheLevel[] = [];
  await burst(100, TOKEN); // warm-up
  for (const n of options.sizes) {
    const mints: number[] = [];
    const cache: number[] = [];
    const fixed: number[] = [];
    const added: number[] = [];
    const mintTimes: number[] = [];
    for (let round = 0; round < options.rounds; round++) {
      let mintMs = 0;
      const tokens = new TokenCache({
        name: "bench token",
        mint: async () => {
          const started = performance.now();
          await new Promise((resolve) => setTimeout(resolve, options.mintLatencyMs));
          mintMs = performance.now() - started;
          return { token: TOKEN, expiresIn: 3600 };
        },
      });
      // Alternate which burst goes first, and collect garbage before each, so neither pays for the other.
      let fixedMs = 0;
      let cacheMs = 0;
      for (const which of round % 2 === 0 ? ["fixed", "cache"] : ["cache", "fixed"]) {
        gc?.();
        if (which === "fixed") fixedMs = await burst(n, TOKEN);
        else cacheMs = await burst(n, tokens);
      }
      mints.push(tokens.mints);
      cache.push(cacheMs);
      fixed.push(fixedMs);
      added.push(cacheMs - fixedMs);
      mintTimes.push(mintMs);
    }
    levels.push({
      concurrent: n,
      rounds: options.rounds,
      mints,
      cacheMs: summarize(cache),
      fixedMs: summarize(fixed),
      addedMs: summarize(added),
      mintMs: summarize(mintTimes),
    });
  }
  return { mintLatencyMs: options.mintLatencyMs, levels };
}
