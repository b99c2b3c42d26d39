// Profiles our client's per-call cost with a stubbed fetch and attributes it to code:
// self time per function, and inclusive time of each function of packages/auth (dist maps 1:1 to src).
// `pnpm profile` prints the tables and writes bench/results/profile.json.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { fileURLToPath } from "node:url";
import { OURS, peers, stubFetch } from "./peers.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

const CALLS = Number(process.env.PROFILE_CALLS ?? 20_000);
const peerName = process.env.PROFILE_PEER ?? OURS;
const peer = peers.find((p) => p.name === peerName);
if (!peer) throw new Error(`unknown peer ${peerName}`);
const call = peer.make({ baseUrl: "https://api.confluent.cloud", fetch: stubFetch() });
for (let i = 0; i < 3000; i++) await call();

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
await session.post("Profiler.start");
const started = performance.now();
for (let i = 0; i < CALLS; i++) await call();
const elapsed = performance.now() - started;
const { profile } = (await session.post("Profiler.stop")) as { profile: { nodes: ProfileNode[] } };
session.disconnect();

const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const total = profile.nodes.reduce((sum, n) => sum + (n.hitCount ?? 0), 0);

const where = (n: ProfileNode) => {
  const url = n.callFrame.url;
  const short = url.includes("/packages/")
    ? `packages/${url.split("/packages/")[1]}`
    : url.includes("node_modules/")
      ? url.slice(url.lastIndexOf("node_modules/") + 13)
      : url === ""
        ? "(native)"
        : url.replace(/^node:/, "node:");
  return `${n.callFrame.functionName || "(anonymous)"} ${short}${url ? `:${n.callFrame.lineNumber + 1}` : ""}`;
};

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
/** Leaf frames grouped under the nearest packages/auth function on their (synchronous) stack. */
const underAuth = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  if (hits === 0) continue;
  self.set(where(n), (self.get(where(n)) ?? 0) + hits);
  let owner: ProfileNode | undefined;
  for (let id: number | undefined = n.id; id !== undefined && !owner; id = parent.get(id)) {
    const frame = nodes.get(id);
    if (frame?.callFrame.url.includes("/packages/auth/")) owner = frame;
  }
  const pair = `${owner ? where(owner) : "(outside packages/auth)"}  <=  ${where(n)}`;
  underAuth.set(pair, (underAuth.get(pair) ?? 0) + hits);
  // Inclusive time of auth functions: walk up the stack once per distinct frame.
  const seen = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const frame = nodes.get(id);
    if (!frame?.callFrame.url.includes("/packages/auth/")) continue;
    const key = where(frame);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
  }
}

const usPerCall = (hits: number) => ((hits / total) * elapsed * 1000) / CALLS;
const top = (m: Map<string, number>, k: number) =>
  [...m.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, k)
    .map(([frame, hits]) => ({ frame, share: hits / total, usPerCall: usPerCall(hits) }));

const result = {
  peer: peerName,
  calls: CALLS,
  usPerCall: (elapsed * 1000) / CALLS,
  selfTime: top(self, 30),
  authInclusive: top(inclusive, 30),
  leafUnderAuth: top(underAuth, 40),
};
console.log(`${peerName}: ${result.usPerCall.toFixed(1)} µs per call over ${CALLS} calls`);
console.log("\nself time (top 30):");
for (const r of result.selfTime)
  console.log(
    `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.usPerCall.toFixed(2).padStart(7)} µs  ${r.frame}`,
  );
console.log("\ninclusive time of packages/auth functions:");
for (const r of result.authInclusive)
  console.log(
    `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.usPerCall.toFixed(2).padStart(7)} µs  ${r.frame}`,
  );
console.log("\nleaf frames by the packages/auth function that called them (top 40):");
for (const r of result.leafUnderAuth)
  console.log(
    `${(r.share * 100).toFixed(1).padStart(5)}%  ${r.usPerCall.toFixed(2).padStart(7)} µs  ${r.frame}`,
  );

// The same work, step by step, in isolation: what each statement of the per-call path costs on its own.
// Inputs are built before timing (fresh per operation, as on the real path: reusing one signal would
// make AbortSignal.any accumulate dependants).
const url = "https://api.confluent.cloud/iam/v2/identity-providers/op-4fX9";
const body = '{"id":"op-4fX9"}';
const fresh = () => new Request(url, { headers: { accept: "application/json" } });
const steps: { label: string; setup: () => unknown; run: (input: never) => unknown }[] = [
  {
    label: "reference: new Request(url, init) (openapi-fetch does this once per call)",
    setup: () => null,
    run: () => fresh(),
  },
  {
    label: "reference: the stub's new Response(body)",
    setup: () => null,
    run: () => new Response(body, { status: 200 }),
  },
  {
    label: "transport.ts send: new Request(request) (the attempt's copy)",
    setup: fresh,
    run: (r: Request) => new Request(r),
  },
  {
    label:
      "transport.ts AttemptControl: AbortController + setTimeout + abort listeners + 2x Promise.race + done()",
    setup: () => new AbortController().signal,
    run: async (caller: AbortSignal) => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 30_000);
      const onAbort = () => controller.abort();
      caller.addEventListener("abort", onAbort, { once: true });
      const stopped = new Promise<never>((_resolve, reject) => {
        controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
      });
      stopped.catch(() => undefined);
      await Promise.race([Promise.resolve(1), stopped]);
      await Promise.race([Promise.resolve(2), stopped]);
      clearTimeout(timer);
      caller.removeEventListener("abort", onAbort);
    },
  },
  {
    label: "transport.ts send: new Request(attemptRequest, { signal })",
    setup: () => [fresh(), new AbortController().signal],
    run: ([r, signal]: [Request, AbortSignal]) => new Request(r, { signal }),
  },
  {
    label: "transport.ts send: await response.arrayBuffer() + new Response(payload, {...})",
    setup: () => new Response(body, { status: 200 }),
    run: async (r: Response) => {
      const b = await r.arrayBuffer();
      return new Response(b, { status: r.status, statusText: r.statusText, headers: r.headers });
    },
  },
  {
    label: "client.ts prepare: new Headers(init.headers) + Object.fromEntries + spread",
    setup: () => null,
    run: () => {
      const h = new Headers(undefined);
      if (!h.has("accept")) h.set("accept", "application/json");
      return { ...{ params: {} }, headers: Object.fromEntries(h) };
    },
  },
  {
    label: "credentials.ts applyCredentials: new URL + LOOPBACK test + base64Utf8",
    setup: () => null,
    run: () => {
      const u = new URL(url);
      /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i.test(u.hostname);
      let binary = "";
      for (const byte of new TextEncoder().encode("BENCHKEY0000000:bench-secret-not-a-real-credential"))
        binary += String.fromCharCode(byte);
      return btoa(binary);
    },
  },
];
const PER_ROUND = 2000;
console.log(`\ncost of each step in isolation (median of 5 x ${PER_ROUND}):`);
const stepResults: { label: string; nsPerOp: number }[] = [];
for (const step of steps) {
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    const inputs = Array.from({ length: PER_ROUND }, step.setup);
    const t0 = performance.now();
    for (const input of inputs) await step.run(input as never);
    samples.push(((performance.now() - t0) * 1e6) / PER_ROUND);
  }
  samples.sort((a, b) => a - b);
  const nsPerOp = samples[2] ?? Number.NaN;
  stepResults.push({ label: step.label, nsPerOp });
  console.log(`${(nsPerOp / 1000).toFixed(2).padStart(7)} µs  ${step.label}`);
}
await writeFile(
  fileURLToPath(new URL("../results/profile.json", import.meta.url)),
  `${JSON.stringify({ ...result, steps: stepResults }, null, 2)}\n`,
);
