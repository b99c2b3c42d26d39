/**
 * The hostile server: one node:http server on 127.0.0.1 (a random port) whose every answer is scripted
 * by the test, and which records every request it received. Start two to get two origins: the second
 * one catches whatever a redirect would leak.
 *
 * A request is answered by, in order: the next queued one-shot handler (`queue`), the first matching
 * route (`route`), the fallback (404 in Confluent's failure format unless set with `fallback`).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent (`/a/b?c=d`). */
  path: string;
  /** The path without the query. */
  pathname: string;
  /** Header names lower-cased (Node's `IncomingHttpHeaders`). */
  headers: IncomingHttpHeaders;
  /** The whole request body as UTF-8 text ("" when there was none). */
  body: string;
}

export type Handler = (request: RecordedRequest, res: ServerResponse, server: HostileServer) => unknown;

export interface HostileServer {
  /** `http://127.0.0.1:<port>`, no trailing slash: the server's origin and the clients' baseUrl. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  /** Every request received since the last `reset`, in arrival order. */
  readonly requests: RecordedRequest[];
  /** One-shot handlers used in order, before any route. */
  queue(...handlers: Handler[]): void;
  /** A handler for every request whose method and pathname match (a string matches exactly). */
  route(method: string, path: string | RegExp, handler: Handler): void;
  /** What answers a request that no queued handler or route took. */
  fallback(handler: Handler): void;
  /** Forgets recorded requests, queued handlers, routes and the fallback. */
  reset(): void;
  /** Resolves once at least `count` requests have arrived (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

interface Route {
  method: string;
  path: string | RegExp;
  handler: Handler;
}

const notFound: Handler = (_request, res) =>
  json(404, { errors: [{ code: "not_found", detail: "the hostile server has no route for this" }] })(
    _request,
    res,
    undefined as never,
  );

export async function startHostileServer(): Promise<HostileServer> {
  const requests: RecordedRequest[] = [];
  const queued: Handler[] = [];
  let routes: Route[] = [];
  let fallbackHandler: Handler = notFound;
  let waiters: { count: number; resolve: () => void }[] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const recorded: RecordedRequest = {
        method: req.method ?? "GET",
        path,
        pathname: path.split("?")[0] ?? path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      const route = routes.find(
        (r) =>
          r.method === recorded.method &&
          (typeof r.path === "string" ? r.path === recorded.pathname : r.path.test(recorded.pathname)),
      );
      const handler = queued.shift() ?? route?.handler ?? fallbackHandler;
      const failed = (error: unknown) => {
        if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
        res.end(`hostile handler failed: ${String(error)}`);
      };
      try {
        Promise.resolve(handler(recorded, res, hostile)).catch(failed);
      } catch (error) {
        failed(error);
      }
      // Waiters wake up after the handler has taken the request (a gate counts it as held by then).
      const ready = waiters.filter((w) => requests.length >= w.count);
      waiters = waiters.filter((w) => requests.length < w.count);
      for (const waiter of ready) waiter.resolve();
    });
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  const hostile: HostileServer = {
    url,
    origin: url,
    port,
    requests,
    queue: (...handlers) => {
      queued.push(...handlers);
    },
    route: (method, path, handler) => {
      routes.push({ method: method.toUpperCase(), path, handler });
    },
    fallback: (handler) => {
      fallbackHandler = handler;
    },
    reset: () => {
      requests.length = 0;
      queued.length = 0;
      routes = [];
      fallbackHandler = notFound;
      waiters = [];
    },
    waitForRequests: (count, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        if (requests.length >= count) return resolve();
        const timer = setTimeout(
          () => reject(new Error(`only ${requests.length} of ${count} requests arrived in ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return hostile;
}

// ---------------------------------------------------------------------------------------------------
// Answers. Each returns a Handler; pass it to `queue`, `route` or `fallback`.
// ---------------------------------------------------------------------------------------------------

type HeaderMap = Record<string, string | number | string[]>;

/** A JSON body with the given status. */
export function json(status: number, body: unknown, headers: HeaderMap = {}): Handler {
  return text(status, JSON.stringify(body), { "content-type": "application/json", ...headers });
}

/** Exactly these bytes (HTML, truncated JSON, "" ...) with the given status and headers. */
export function text(status: number, body: string, headers: HeaderMap = {}): Handler {
  return (_request, res) => {
    res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
    res.end(body);
  };
}

/** A 3xx with `Location` (none when `location` is undefined); relative locations are sent as given. */
export function redirect(status: number, location: string | undefined, headers: HeaderMap = {}): Handler {
  return (_request, res) => {
    res.writeHead(status, {
      "content-type": "text/plain",
      ...(location === undefined ? {} : { location }),
      ...headers,
    });
    res.end(location === undefined ? "moved, but not saying where" : `moved to ${location}`);
  };
}

/** Never answers; the response is ended when the server closes (or the client gives up). */
export const silent: Handler = () => undefined;

/** Base64 of the UTF-8 bytes of `text`. */
export const base64 = (value: string): string => Buffer.from(value, "utf8").toString("base64");
/** Unpadded base64url of the UTF-8 bytes of `text`. */
export const base64url = (value: string): string => Buffer.from(value, "utf8").toString("base64url");
/** Every character as a JSON `\u00XX` escape: the raw text never contains `value`, JSON.parse restores it. */
export const jsonEscaped = (value: string): string =>
  [...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("");

/** Header values must be printable Latin-1; anything else becomes "?". */
const headerSafe = (value: string): string => value.replace(/[^\x20-\x7e]/g, "?");

/**
 * The credentials and secret body fields a request carried: the raw Authorization value, the Bearer
 * token, the Basic base64 and its decoded `user:password` and password, X-API-Key, Cookie, the STS form
 * field `subject_token` and the Infisical JSON field `jwt`, and the raw body itself.
 */
export function secretsOf(request: RecordedRequest): string[] {
  const out: string[] = [];
  const authorization = request.headers.authorization;
  if (authorization) {
    out.push(authorization);
    const [scheme = "", value = ""] = authorization.split(/ (.*)/s);
    if (/^bearer$/i.test(scheme)) out.push(value);
    if (/^basic$/i.test(scheme)) {
      out.push(value);
      const decoded = Buffer.from(value, "base64").toString("utf8");
      out.push(decoded, decoded.slice(decoded.indexOf(":") + 1));
    }
  }
  for (const name of ["x-api-key", "cookie"]) {
    const value = request.headers[name];
    if (typeof value === "string" && value !== "") out.push(value);
  }
  if (request.body !== "") {
    out.push(request.body);
    const type = String(request.headers["content-type"] ?? "");
    if (type.includes("x-www-form-urlencoded")) {
      const token = new URLSearchParams(request.body).get("subject_token");
      if (token) out.push(token);
    } else if (type.includes("json")) {
      try {
        const parsed: unknown = JSON.parse(request.body);
        const jwt =
          parsed !== null && typeof parsed === "object" ? (parsed as { jwt?: unknown }).jwt : undefined;
        if (typeof jwt === "string" && jwt !== "") out.push(jwt);
      } catch {
        // not JSON after all
      }
    }
  }
  return [...new Set(out)];
}

/** Every encoding the echo uses: raw, base64, base64url, URL-encoded. */
function encodings(secret: string): string[] {
  return [secret, base64(secret), base64url(secret), encodeURIComponent(secret)];
}

export type EchoFormat = "json" | "html" | "truncated-json" | "text";

/**
 * Echoes every credential and secret body field of the request in every encoding, in the body AND in
 * headers (`x-echo-*`, `www-authenticate`, `set-cookie`, `x-request-id`). The JSON body speaks all three
 * failure formats at once (Confluent `errors[]`, Infisical `message`/`reqId`, ICA `title`/`detail`/`id`),
 * so whatever a decoder reads, it reads the echo; some copies are hidden behind `\u00XX` escapes that only
 * JSON decoding turns back into the secret, one of them in a key.
 */
export function echo(status: number, format: EchoFormat = "json", headers: HeaderMap = {}): Handler {
  return (request, res) => {
    const secrets = secretsOf(request);
    const all = secrets.flatMap(encodings).join(" | ");
    const escaped = secrets.map(jsonEscaped).join(" | ");
    const echoHeaders: HeaderMap = {
      "x-request-id": headerSafe(`req ${all}`).slice(0, 4000),
      "www-authenticate": `Bearer realm="hostile", error="invalid_token", error_description="${headerSafe(all).replaceAll('"', "'").slice(0, 4000)}"`,
      "set-cookie": secrets.map((s, i) => `echo${i}=${encodeURIComponent(s)}`),
      "x-echo-all": headerSafe(all).slice(0, 4000),
    };
    secrets.forEach((secret, i) => {
      echoHeaders[`x-echo-${i}-raw`] = headerSafe(secret);
      echoHeaders[`x-echo-${i}-base64`] = base64(secret);
      echoHeaders[`x-echo-${i}-base64url`] = base64url(secret);
      echoHeaders[`x-echo-${i}-urlencoded`] = encodeURIComponent(secret);
    });
    const message = `you sent ${all}`;
    // Built by hand so that the escaped copies stay escaped in the raw text.
    const escapedString = `"you sent (escaped) ${escaped}"`;
    const body =
      `{"errors":[{"code":"echo","title":"ECHO","detail":${JSON.stringify(message)},` +
      `"source":{"parameter":${escapedString},"pointer":${JSON.stringify(`/${all}`)}}}],` +
      `"error":"echo","message":${JSON.stringify(message)},"title":"ECHO","type":"about:blank",` +
      `"detail":${escapedString},"reqId":${JSON.stringify(all)},"id":${escapedString},` +
      `"requestId":${JSON.stringify(all)},"parameters":{"credential":${JSON.stringify(all)}},` +
      `"echo":${JSON.stringify(Object.fromEntries(secrets.map((s, i) => [i, encodings(s)])))},` +
      `"escaped":[${secrets.map((s) => `"${jsonEscaped(s)}"`).join(",")}],` +
      `${escapedString}:1}`;
    const payloads: Record<EchoFormat, [string, string]> = {
      json: [body, "application/json"],
      "truncated-json": [body.slice(0, Math.floor(body.length / 2)), "application/json"],
      html: [
        `<!doctype html><html><head><title>Gateway says ${all}</title></head><body><h1>Proxy error</h1><p>${all}</p><pre>${body}</pre></body></html>`,
        "text/html; charset=utf-8",
      ],
      text: [message, "text/plain; charset=utf-8"],
    };
    const [payload, contentType] = payloads[format];
    res.writeHead(status, { ...echoHeaders, "content-type": contentType, ...headers });
    res.end(payload);
  };
}

/**
 * A 2xx body that never ends: `chunkBytes` every millisecond or so, respecting backpressure, until the
 * client goes away or the server closes.
 */
export function streamForever(status = 200, chunkBytes = 16 * 1024, headers: HeaderMap = {}): Handler {
  return (_request, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.write('{"data":["');
    const chunk = Buffer.alloc(chunkBytes, "a");
    let waiting = false;
    const timer = setInterval(() => {
      if (waiting || res.destroyed) return;
      if (!res.write(chunk)) {
        waiting = true;
        res.once("drain", () => {
          waiting = false;
        });
      }
    }, 1);
    res.on("close", () => clearInterval(timer));
  };
}

/**
 * A complete 2xx JSON body of about `bytes` bytes, written with backpressure. With `contentLength` the
 * size is declared up front; without it the body is chunked and only its length gives it away.
 */
export function hugeBody(bytes: number, options: { status?: number; contentLength?: boolean } = {}): Handler {
  return (_request, res) => {
    const head = '{"data":"';
    const tail = '"}';
    const fill = Math.max(0, bytes - head.length - tail.length);
    res.writeHead(options.status ?? 200, {
      "content-type": "application/json",
      ...(options.contentLength === false
        ? {}
        : { "content-length": String(head.length + fill + tail.length) }),
    });
    res.write(head);
    const chunk = Buffer.alloc(64 * 1024, "a");
    let left = fill;
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= part.length;
        if (!res.write(part)) {
          res.once("drain", pump);
          return;
        }
      }
      if (!res.destroyed) res.end(tail);
    };
    pump();
  };
}

/** Declares a huge Content-Length, sends a few bytes of it and then nothing more. */
export function hugeContentLength(declared = 50 * 1024 ** 3, status = 200): Handler {
  return (_request, res) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": String(declared) });
    res.write('{"data":"');
  };
}

/** A body nested `depth` deep: arrays (`[[[…]]]`, 2 bytes a level) or objects (`{"a":{"a":…}}`). */
export function deepJson(status: number, depth = 30_000, kind: "array" | "object" = "array"): Handler {
  const body =
    kind === "array"
      ? `${"[".repeat(depth)}"deep"${"]".repeat(depth)}`
      : `${'{"a":'.repeat(depth)}"deep"${"}".repeat(depth)}`;
  return text(status, body, { "content-type": "application/json" });
}

/** A failure body whose `__proto__` key would pollute a prototype if copied by assignment. */
export function protoPollution(status: number, headers: HeaderMap = {}): Handler {
  return (request, res) => {
    // The echo of the credential makes a scrubbing client copy the body (the dangerous path).
    const body = `{"__proto__":{"polluted":true,"detail":"polluted"},"constructor":{"prototype":{"polluted":true}},"message":"x","error":"x","title":"x","errors":[{"code":"x","detail":"x","__proto__":{"polluted":true}}],"echo":${JSON.stringify(secretsOf(request))}}`;
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  };
}

/** Holds every response it gets until `release` is called; `held` counts the waiting ones. */
export function gate(answer: Handler): {
  handler: Handler;
  readonly held: number;
  release(): void;
} {
  let pending: { request: RecordedRequest; res: ServerResponse; server: HostileServer }[] = [];
  let open = false;
  return {
    handler: (request, res, server) => {
      if (open) return answer(request, res, server);
      pending.push({ request, res, server });
    },
    get held() {
      return pending.length;
    },
    release() {
      open = true;
      const waiting = pending;
      pending = [];
      for (const { request, res, server } of waiting) answer(request, res, server);
    },
  };
}
