import { unwrap } from "../client.js";
import { IdClientsError } from "../errors.js";
import { testClient } from "./meta.js";
import { json, startServer } from "./server.js";

export interface SoakOptions {
  requests: number;
  concurrency: number;
  /** Per-attempt timeout; stalled requests cost this much (default 200 ms). */
  timeoutMs?: number;
  /** Seed of the fault sequence, so a run can be repeated (default 1). */
  seed?: number;
  /** Inject faults (default true); false gives a baseline for throughput and heap. */
  faults?: boolean;
}

export interface SoakReport {
  requests: number;
  concurrency: number;
  succeeded: number;
  /** Typed failures by error class (for example `{ TimeoutError: 12, InternalServerError: 3 }`). */
  failures: Record<string, number>;
  /** Rejections that were not an `IdClientsError` (must be 0). */
  untyped: number;
  unhandledRejections: number;
  /** Creates the server executed more than once for one call (must be 0). */
  duplicates: number;
  /** What the server injected, by kind. */
  injected: Record<string, number>;
  /** HTTP requests the server received (attempts, including retries). */
  attempts: number;
  durationMs: number;
  /** heapUsed after the run minus before it, in MB (after a GC when `--expose-gc` is on). */
  heapGrowthMb: number;
  gcExposed: boolean;
}

/** Small, seedable PRNG (mulberry32): the same seed injects the same faults in the same order. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Heap in use after garbage collection. Several rounds, with a turn of the event loop between them:
 * fetch's Request objects follow their signals through a FinalizationRegistry whose cleanup runs as a
 * task after a GC, and each cleanup frees the next link of a Request -> clone -> fetch chain.
 */
async function heapUsed(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; gc && round < 5; round += 1) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage().heapUsed;
}

/**
 * Sends `requests` calls, half a safe read and half a non-idempotent create, through the transport to a
 * server on 127.0.0.1 that injects 5% 429 (retry-after-ms: 5), 3% 503, 1% connection resets and 1% stalls.
 * A 503, a reset and a stall happen AFTER the server executed a create, as when a real server fails late,
 * so retrying a create on any of them would show up as a duplicate execution.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const { requests, concurrency, timeoutMs = 200, seed = 1, faults = true } = options;
  const roll = random(seed);
  const executions = new Map<string, number>();
  const injected: Record<string, number> = { "429": 0, "503": 0, reset: 0, stall: 0 };
  let unhandledRejections = 0;
  const onUnhandled = () => {
    unhandledRejections += 1;
  };
  process.on("unhandledRejection", onUnhandled);

  let attempts = 0;
  const server = await startServer(
    (request, res) => {
      attempts += 1;
      const r = faults ? roll() : 1;
      if (r < 0.05) {
        injected["429"] = (injected["429"] ?? 0) + 1;
        return json(res, 429, { errors: [{ code: "too_many_requests" }] }, { "retry-after-ms": "5" });
      }
      if (request.method === "POST") {
        const { marker } = JSON.parse(request.body) as { marker: string };
        executions.set(marker, (executions.get(marker) ?? 0) + 1);
      }
      if (r < 0.08) {
        injected["503"] = (injected["503"] ?? 0) + 1;
        return json(res, 503, { errors: [{ code: "unavailable" }] });
      }
      if (r < 0.09) {
        injected.reset = (injected.reset ?? 0) + 1;
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"id":');
        setImmediate(() => res.socket?.destroy());
        return;
      }
      if (r < 0.1) {
        injected.stall = (injected.stall ?? 0) + 1;
        return;
      }
      json(res, request.method === "POST" ? 201 : 200, { id: "item" });
    },
    { record: false },
  );

  const client = testClient(server.url, {
    auth: { basic: { username: "soak", password: "soak-password" } },
    timeoutMs,
    retry: { maxRetries: 2, baseDelayMs: 5, maxDelayMs: 50 },
  });

  const failures: Record<string, number> = {};
  let succeeded = 0;
  let untyped = 0;
  let next = 0;
  const heapBefore = await heapUsed();
  const started = performance.now();

  const worker = async () => {
    while (next < requests) {
      const n = next++;
      try {
        if (n % 2 === 0) {
          await unwrap(client.GET("/items/{id}", { params: { path: { id: String(n) } } }));
        } else {
          await unwrap(client.POST("/items", { body: { name: `item ${n}`, marker: `create-${n}` } }));
        }
        succeeded += 1;
      } catch (error) {
        if (error instanceof IdClientsError) failures[error.name] = (failures[error.name] ?? 0) + 1;
        else untyped += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    await server.close();
  }
  const durationMs = performance.now() - started;
  // Let late socket errors surface as unhandled rejections, if any, and closed sockets be released.
  await new Promise((resolve) => setTimeout(resolve, 500));
  process.off("unhandledRejection", onUnhandled);
  const duplicates = [...executions.values()].filter((count) => count > 1).length;
  // The server's own bookkeeping is not the client's heap.
  executions.clear();
  const heapAfter = await heapUsed();

  return {
    requests,
    concurrency,
    succeeded,
    failures,
    untyped,
    unhandledRejections,
    duplicates,
    injected,
    attempts,
    durationMs: Math.round(durationMs),
    heapGrowthMb: Math.round(((heapAfter - heapBefore) / 1024 / 1024) * 100) / 100,
    gcExposed: typeof (globalThis as { gc?: unknown }).gc === "function",
  };
}
