import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as it arrived on the wire. */
export interface RecordedRequest {
  method: string;
  /** The raw request target, exactly as sent (path and query, nothing decoded). */
  url: string;
  /** The path part of `url`, not decoded. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the server answers to one request. A non-string `body` is sent as JSON. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (to exercise timeouts). */
  delayMs?: number;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` of the listening server. */
  baseUrl: string;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Queues replies; each request takes the next one. */
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

/**
 * Starts a plain node:http server on 127.0.0.1 (a free port) that records each request and answers
 * from a queue. A request with no queued reply gets a 599, so that a test sending more requests than
 * it expects fails loudly.
 */
export async function startTestServer(): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const queue: Reply[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = req.url ?? "";
      const queryAt = url.indexOf("?");
      requests.push({
        method: req.method ?? "",
        url,
        path: queryAt === -1 ? url : url.slice(0, queryAt),
        query: new URLSearchParams(queryAt === -1 ? "" : url.slice(queryAt + 1)),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const reply = queue.shift() ?? { status: 599, body: { unexpected: `${req.method} ${url}` } };
      const send = () => {
        const text =
          reply.body === undefined
            ? ""
            : typeof reply.body === "string"
              ? reply.body
              : JSON.stringify(reply.body);
        res.writeHead(reply.status, reply.headers);
        res.end(text);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** The decoded `Authorization: Basic` pair of a request, or undefined when it has none. */
export function basicCredentialsOf(request: RecordedRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith("Basic ")) return undefined;
  return Buffer.from(header.slice("Basic ".length), "base64").toString("utf8");
}
