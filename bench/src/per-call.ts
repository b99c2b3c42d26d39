import { BARE, type Call, OURS, type Peer, peers, stubFetch, verify } from "./peers.ts";
import { rotate, type Summary, summarize } from "./stats.ts";

export interface PerCallResult {
  rounds: number;
  callsPerRound: number;
  /** Nanoseconds per call, per peer. */
  peers: { name: string; what: string; nsPerCall: Summary }[];
  /** Per-round ratio of our time to bare openapi-fetch's (paired, so drift between rounds cancels out). */
  oursVsBare: Summary;
}

const gc = (globalThis as { gc?: () => void }).gc;

async function batch(call: Call, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return performance.now() - started;
}

/**
 * Per-call CPU cost against a fetch that answers at once: every round runs each peer for
 * `callsPerRound` sequential calls, in an order rotated round by round, so the peers share
 * whatever the machine was doing.
 */
export async function measurePerCall(options: {
  rounds: number;
  callsPerRound: number;
  warmupCalls: number;
}): Promise<PerCallResult> {
  const built: { peer: Peer; call: Call; samples: number[] }[] = [];
  for (const peer of peers) {
    const call = peer.make({ baseUrl: "https://api.confluent.cloud", fetch: stubFetch() });
    await verify(peer, call);
    await batch(call, options.warmupCalls);
    built.push({ peer, call, samples: [] });
  }
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const times = new Map<string, number>();
    for (const entry of rotate(built, round)) {
      gc?.();
      const elapsedMs = await batch(entry.call, options.callsPerRound);
      const ns = (elapsedMs * 1e6) / options.callsPerRound;
      entry.samples.push(ns);
      times.set(entry.peer.name, ns);
    }
    const ours = times.get(OURS);
    const bare = times.get(BARE);
    if (ours !== undefined && bare !== undefined) ratios.push(ours / bare);
  }
  return {
    rounds: options.rounds,
    callsPerRound: options.callsPerRound,
    peers: built.map(({ peer, samples }) => ({
      name: peer.name,
      what: peer.what,
      nsPerCall: summarize(samples),
    })),
    oursVsBare: summarize(ratios),
  };
}
