import { json, startServer } from "../src/test-support/server.js";
const n = Number(process.argv[2]);
const server = await startServer((request, res) => json(res, 200, { id: "item" }), { record: false });
const heap = () => { (globalThis as any).gc(); (globalThis as any).gc(); return process.memoryUsage().heapUsed; };
const before = heap();
let next = 0;
await Promise.all(Array.from({ length: 50 }, async () => {
  while (next < n) {
    next++;
    const r = await fetch(new Request(`${server.url}/items`, { method: "POST", body: "{}", signal: new AbortController().signal }));
    await r.arrayBuffer();
  }
}));
await server.close();
await new Promise((r) => setTimeout(r, 500));
console.log(n, "raw heap growth MB", ((heap() - before) / 1048576).toFixed(2));
