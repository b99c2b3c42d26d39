import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** One request as the test server received it. */
export interface SeenRequest {
  method: string;
  /** Path and query. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: SeenRequest, res: ServerResponse, index: number) => void | Promise<void>;

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * Starts a node:http server on 127.0.0.1 with a random port. The handler sees each request with its body
 * read; it may answer, stall (never answer) or destroy the socket. `close` drops stalled connections too.
 */
export async function startServer(
  handler: Handler,
  options: {
    /** Keep every request in `requests` (default true; the soak turns it off). */ record?: boolean;
  } = {},
): Promise<TestServer> {
  const record = options.record ?? true;
  const requests: SeenRequest[] = [];
  let count = 0;
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const seen: SeenRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      if (record) requests.push(seen);
      Promise.resolve(handler(seen, res, count++)).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(599);
        res.end(String(error));
      });
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Writes a JSON answer. */
export function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends headers and part of a body, then resets the connection. */
export function resetMidResponse(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  res.write('{"partial":');
  setTimeout(() => res.socket?.destroy(), 5);
}
