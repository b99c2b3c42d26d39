// Heap bytes allocated and promises created per call, per peer, against the stubbed fetch.
import { createHook } from "node:async_hooks";
import { PerformanceObserver } from "node:perf_hooks";
import v8 from "node:v8";
import type { Call } from "./peers.ts";
import { buildStubbedPeers } from "./per-call.ts";

export interface CallCosts {
  /** V8 heap bytes allocated per call (garbage included, ArrayBuffer backing stores not), median of the batches. */
  heapBytesPerCall: number;
  /**
   * Promises V8 creates per call while a PromiseHook is on: async functions, `then`, `new Promise`,
   * and one per `await` (V8 allocates a throwaway promise for each await when hooks are on), the
   * peer's call wrapper in peers.ts included, the timing loop's own await subtracted.
   */
  promisesPerCall: number;
}

export interface CallCostsResult {
  /** Calls per allocation batch, and how many batches. */
  callsPerBatch: number;
  batches: number;
  peers: ({ name: string } & CallCosts)[];
}

/** V8 flags the process measuring allocations needs: a young generation no batch can fill, so no GC runs mid-batch. */
export const CALL_COSTS_NODE_FLAGS = ["--expose-gc", "--min-semi-space-size=64", "--max-semi-space-size=64"];

const gc = (globalThis as { gc?: () => void }).gc;
let collections = 0;
const gcObserver = new PerformanceObserver((list) => {
  collections += list.getEntries().length;
});

/** Waits until the observer has delivered every collection so far (entries arrive a few ticks late). */
async function settle(): Promise<void> {
  for (let stable = 0, last = -1; stable < 3; ) {
    await new Promise((resolve) => setImmediate(resolve));
    stable = collections === last ? stable + 1 : 0;
    last = collections;
  }
}

/**
 * Heap bytes one call allocates: after a full collection, the growth of the used heap over a batch
 * of calls during which no collection ran (checked with a `gc` PerformanceObserver; a batch that saw
 * one is measured again). Without a collection, every byte allocated is still counted as used.
 */
async function heapBytesPerCall(call: Call, calls: number, batches: number): Promise<number> {
  const samples: number[] = [];
  for (let attempt = 0; samples.length < batches; attempt++) {
    if (attempt >= batches * 3) throw new Error("a collection ran during every allocation batch");
    gc?.();
    gc?.();
    await settle();
    const seen = collections;
    const before = v8.getHeapStatistics().used_heap_size;
    for (let i = 0; i < calls; i++) await call();
    const after = v8.getHeapStatistics().used_heap_size;
    await settle();
    if (collections === seen) samples.push((after - before) / calls);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

/** Promises created over a batch, per call, counted by an async_hooks `init` hook of type PROMISE. */
async function promisesOverBatch(call: Call, calls: number): Promise<number> {
  let promises = 0;
  const hook = createHook({
    init(_id, type) {
      if (type === "PROMISE") promises += 1;
    },
  });
  hook.enable();
  for (let i = 0; i < calls; i++) await call();
  hook.disable();
  return promises / calls;
}

/** What the loop itself creates per call (the throwaway promise of its `await`): a call that returns a settled promise. */
const settled = Promise.resolve();
const loopOnly: Call = () => settled;

/** Allocations and promises per call of every peer. Run in a process started with CALL_COSTS_NODE_FLAGS. */
export async function measureCallCosts(options: {
  callsPerBatch: number;
  batches: number;
  warmupCalls: number;
}): Promise<CallCostsResult> {
  if (!gc) throw new Error("measuring allocations needs node --expose-gc");
  const newSpace = v8.getHeapSpaceStatistics().find((s) => s.space_name === "new_space");
  if (!newSpace || newSpace.space_size < 32 * 1024 * 1024)
    throw new Error(
      `measuring allocations needs a young generation of 64 MB: ${CALL_COSTS_NODE_FLAGS.join(" ")}`,
    );
  gcObserver.observe({ entryTypes: ["gc"] });
  try {
    const built = await buildStubbedPeers(options.warmupCalls);
    const peers: CallCostsResult["peers"] = [];
    for (const { peer, call } of built) {
      peers.push({
        name: peer.name,
        heapBytesPerCall: await heapBytesPerCall(call, options.callsPerBatch, options.batches),
        promisesPerCall:
          (await promisesOverBatch(call, options.callsPerBatch)) -
          (await promisesOverBatch(loopOnly, options.callsPerBatch)),
      });
    }
    return { callsPerBatch: options.callsPerBatch, batches: options.batches, peers };
  } finally {
    gcObserver.disconnect();
  }
}
