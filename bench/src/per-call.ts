import { BARE, type Call, OURS, type Peer, peers, stubFetch, verify } from "./peers.ts";
import { rotate, type Summary, summarize } from "./stats.ts";

/**
 * How the heap is treated between timed batches. "forced-gc": a full collection before every batch,
 * so that no batch pays for garbage another peer left behind. "steady": no forced collection; each
 * batch pays for the collections its own allocations trigger, as a long-running process does.
 */
export type GcMode = "forced-gc" | "steady";

export interface PerCallMode {
  gc: GcMode;
  rounds: number;
  callsPerRound: number;
  /** Nanoseconds per call, per peer. */
  peers: { name: string; what: string; nsPerCall: Summary }[];
  /** Per-round ratio of our time to bare openapi-fetch's (paired, so drift between rounds cancels out). */
  oursVsBare: Summary;
}

export interface PerCallResult {
  warmupCalls: number;
  modes: PerCallMode[];
}

export interface PerCallOptions {
  rounds: number;
  callsPerRound: number;
  warmupCalls: number;
  modes: readonly GcMode[];
}

const gc = (globalThis as { gc?: () => void }).gc;

async function batch(call: Call, calls: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return performance.now() - started;
}

/** Builds every peer against a stubbed fetch, checks that it returns the body, and warms it up. */
export async function buildStubbedPeers(warmupCalls: number): Promise<{ peer: Peer; call: Call }[]> {
  const built: { peer: Peer; call: Call }[] = [];
  for (const peer of peers) {
    const call = peer.make({ baseUrl: "https://api.confluent.cloud", fetch: stubFetch() });
    await verify(peer, call);
    await batch(call, warmupCalls);
    built.push({ peer, call });
  }
  return built;
}

async function measureMode(
  built: readonly { peer: Peer; call: Call }[],
  mode: GcMode,
  options: PerCallOptions,
): Promise<PerCallMode> {
  if (mode === "forced-gc" && !gc) throw new Error("the forced-GC per-call mode needs node --expose-gc");
  const samples = new Map<string, number[]>(built.map(({ peer }) => [peer.name, []]));
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const times = new Map<string, number>();
    for (const { peer, call } of rotate(built, round)) {
      if (mode === "forced-gc") gc?.();
      const ns = ((await batch(call, options.callsPerRound)) * 1e6) / options.callsPerRound;
      samples.get(peer.name)?.push(ns);
      times.set(peer.name, ns);
    }
    const ours = times.get(OURS);
    const bare = times.get(BARE);
    if (ours !== undefined && bare !== undefined) ratios.push(ours / bare);
  }
  return {
    gc: mode,
    rounds: options.rounds,
    callsPerRound: options.callsPerRound,
    peers: built.map(({ peer }) => ({
      name: peer.name,
      what: peer.what,
      nsPerCall: summarize(samples.get(peer.name) ?? []),
    })),
    oursVsBare: summarize(ratios),
  };
}

/**
 * Per-call CPU cost against a fetch that answers at once: every round runs each peer for
 * `callsPerRound` sequential calls, in an order rotated round by round, so the peers share
 * whatever the machine was doing. Each GC mode is a separate series of rounds.
 */
export async function measurePerCall(options: PerCallOptions): Promise<PerCallResult> {
  const built = await buildStubbedPeers(options.warmupCalls);
  const modes: PerCallMode[] = [];
  for (const mode of options.modes) modes.push(await measureMode(built, mode, options));
  return { warmupCalls: options.warmupCalls, modes };
}
