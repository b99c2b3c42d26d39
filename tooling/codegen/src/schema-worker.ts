/**
 * `renderSchema` in a worker thread. Loading openapi-typescript and TypeScript takes about as long as
 * loading Redocly and linting the specs, so the CLI lints on the main thread while the worker loads,
 * then hands it each bundled spec. The worker receives a structured clone of the document, which is
 * what `renderSchema` gives openapi-typescript in process, so the output is the same bytes.
 */
import { parentPort, Worker, workerData } from "node:worker_threads";
import { renderSchema, type SpecDocument } from "./generate.ts";
import { loadOpenapiTypescript } from "./libraries.ts";

/** Marks the threads this module starts, so that it serves only those (not, say, a test runner's). */
const ROLE = "idclients-codegen schema worker";

type Request = { id: number; doc: SpecDocument };
type Reply = { id: number; schema: string } | { id: number; error: string };

export interface SchemaRenderer {
  render(doc: SpecDocument): Promise<string>;
  close(): Promise<void>;
}

/** Starts the worker (this module, compiled to JavaScript), which starts loading its libraries at once. */
export function startSchemaWorker(): SchemaRenderer {
  const worker = new Worker(new URL(import.meta.url), { workerData: { role: ROLE } });
  const pending = new Map<number, { resolve: (schema: string) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  const failAll = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if ("error" in reply) waiting?.reject(new Error(reply.error));
    else waiting?.resolve(reply.schema);
  });
  worker.on("error", failAll);
  worker.on("exit", (code) => failAll(new Error(`the schema worker exited with code ${code}`)));
  return {
    render(doc) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, doc } satisfies Request);
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}

if (parentPort && (workerData as { role?: unknown } | null)?.role === ROLE) {
  const port = parentPort;
  loadOpenapiTypescript();
  port.on("message", async ({ id, doc }: Request) => {
    try {
      port.postMessage({ id, schema: await renderSchema(doc) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
    }
  });
}
