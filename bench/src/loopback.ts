import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { BARE, type Call, OURS, type Peer, peers, verify } from "./peers.ts";
import { rotate, type Summary, summarize } from "./stats.ts";

export interface LoopbackResult {
  rounds: number;
  secondsPerRun: number;
  levels: {
    concurrency: number;
    peers: { name: string; opsPerSecond: Summary }[];
    /** Per-round ratio of our throughput to bare openapi-fetch's. */
    oursVsBare: Summary;
  }[];
}

/** Starts the server in a child process; resolves to its base URL and a way to stop it. */
async function startServer(): Promise<{ baseUrl: string; stop: () => void }> {
  const child = fork(fileURLToPath(new URL("./loopback-server.ts", import.meta.url)), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("message", (message) => resolve((message as { port: number }).port));
    child.once("exit", (code) => reject(new Error(`loopback server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, stop: () => child.disconnect() };
}

/** Runs `concurrency` callers in a loop for `ms` milliseconds; resolves to completed calls per second. */
async function throughput(call: Call, concurrency: number, ms: number): Promise<number> {
  let completed = 0;
  const started = performance.now();
  const deadline = started + ms;
  const worker = async () => {
    while (performance.now() < deadline) {
      await call();
      completed += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return completed / ((performance.now() - started) / 1000);
}

/** Throughput against a keep-alive server on 127.0.0.1, peers alternated round by round. */
export async function measureLoopback(options: {
  rounds: number;
  seconds: number;
  concurrency: readonly number[];
}): Promise<LoopbackResult> {
  const server = await startServer();
  const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
  try {
    const built: { peer: Peer; call: Call }[] = [];
    for (const peer of peers) {
      const call = peer.make({ baseUrl: server.baseUrl, agent });
      await verify(peer, call);
      built.push({ peer, call });
    }
    const levels: LoopbackResult["levels"] = [];
    for (const concurrency of options.concurrency) {
      // Warm-up opens the connections each client will reuse and lets the JIT settle.
      for (const { call } of built) await throughput(call, concurrency, Math.min(300, options.seconds * 500));
      const samples = new Map<string, number[]>(built.map(({ peer }) => [peer.name, []]));
      const ratios: number[] = [];
      for (let round = 0; round < options.rounds; round++) {
        const roundOps = new Map<string, number>();
        for (const { peer, call } of rotate(built, round)) {
          const ops = await throughput(call, concurrency, options.seconds * 1000);
          samples.get(peer.name)?.push(ops);
          roundOps.set(peer.name, ops);
        }
        const ours = roundOps.get(OURS);
        const bare = roundOps.get(BARE);
        if (ours !== undefined && bare !== undefined) ratios.push(ours / bare);
      }
      levels.push({
        concurrency,
        peers: built.map(({ peer }) => ({
          name: peer.name,
          opsPerSecond: summarize(samples.get(peer.name) ?? []),
        })),
        oursVsBare: summarize(ratios),
      });
    }
    return { rounds: options.rounds, secondsPerRun: options.seconds, levels };
  } finally {
    agent.destroy();
    server.stop();
  }
}
