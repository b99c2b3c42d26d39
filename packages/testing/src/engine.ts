import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { type Context, type Document, OpenAPIBackend, type Operation } from "openapi-backend";
import { credentialEcho } from "./echo.js";
import { type FaultSpec, Faults } from "./faults.js";
import { type RecordedRequest, RequestLog, redactBody, redactHeaders } from "./request-log.js";

/** What a handler answers; the engine serialises it. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** JSON-serialised unless it is a string; omitted for undefined. */
  body?: unknown;
  contentType?: string;
}

/** A request after body parsing, as handlers see it. */
export interface FakeRequest {
  method: string;
  /** Path relative to the API root. */
  path: string;
  /** The full URL the client used. */
  url: URL;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  operationId: string | undefined;
}

/** The subset of an Ajv error the engine reads (Ajv itself is a dependency of openapi-backend). */
export interface SchemaError {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
  data?: unknown;
  parentSchema?: Record<string, unknown>;
}

/** Security handler outcome: a principal, or the reason the credential was refused. */
export type AuthOutcome<P = unknown> =
  | { ok: true; principal: P }
  | {
      ok: false;
      reason: "missing" | "invalid" | "expired" | "malformed" | "revoked" | "forbidden";
      detail: string;
    };

export interface OperationContext<P = unknown> {
  request: FakeRequest;
  /** Path parameters from the route. */
  params: Record<string, string>;
  /** Security outcomes per scheme name (only schemes of this operation). */
  auth: Record<string, AuthOutcome<P> | undefined>;
  /** The principal of the first satisfied security alternative. */
  principal: P | undefined;
}

/** How a provider speaks: its failure format, security checks and operation handlers. */
export interface Dialect<P = unknown> {
  /** Failure in the provider's own format. `kind` names the situation for providers that care. */
  failure(status: number, info: FailureInfo, request: FakeRequest): Reply;
  /** Request failed schema validation (openapi-backend + Ajv). */
  invalid(errors: SchemaError[], request: FakeRequest, operation: Operation): Reply;
  /** None of the operation's security alternatives was satisfied. */
  unauthorized(auth: Record<string, AuthOutcome<P> | undefined>, request: FakeRequest): Reply;
  /** A route that is not in the spec. */
  unknownRoute(request: FakeRequest): Reply;
  /** A body that could not be parsed (invalid JSON, or a JSON content type without a body). */
  unparseableBody(request: FakeRequest): Reply;
  /** Checks that run before security (ICA's Accept negotiation). */
  precheck?(request: FakeRequest, operation: Operation): Reply | undefined;
  securityHandlers: Record<string, (request: FakeRequest) => Promise<AuthOutcome<P>> | AuthOutcome<P>>;
  handlers: Record<string, (context: OperationContext<P>) => Promise<Reply> | Reply>;
  /** Headers put on every answer (request ids and the like). */
  commonHeaders?(request: FakeRequest, reply: Reply): Record<string, string>;
  /** Rate-limit headers for an answer, or for a 429. */
  rateLimitHeaders?(request: FakeRequest, state: RateLimitState, limited: boolean): Record<string, string>;
  /** Whether requests of this operation count against the rate limit (default: all). */
  rateLimitBucket?(request: FakeRequest): string | undefined;
  /**
   * The body of a failure `reply` with `echo` (see `credentialEcho`) added to the provider's message
   * field; only called for fakes started with `echoCredentials`, and not for string bodies (the engine
   * appends to those itself).
   */
  withEcho(reply: Reply, echo: string, request: FakeRequest): unknown;
}

export interface FailureInfo {
  code?: string;
  title?: string;
  detail: string;
  pointer?: string;
  parameter?: string;
  /** Seconds a rate-limited caller should wait. */
  retryAfter?: number;
  headers?: Record<string, string>;
}

/** Rate-limit configuration of a fake: a fixed window per bucket. */
export interface RateLimitOptions {
  /** Requests allowed per window (default 1000). */
  limit?: number;
  /** Window length in seconds (default 60). */
  windowSeconds?: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets, rounded up. */
  resetSeconds: number;
}

class RateLimiter {
  #windows = new Map<string, { startedAt: number; used: number }>();
  limit: number;
  windowSeconds: number;
  constructor(options: RateLimitOptions = {}) {
    this.limit = options.limit ?? 1000;
    this.windowSeconds = options.windowSeconds ?? 60;
  }
  /** Counts one request; returns the state after counting and whether it was over the limit. */
  hit(bucket: string, now = Date.now()): { state: RateLimitState; limited: boolean } {
    let window = this.#windows.get(bucket);
    if (!window || now - window.startedAt >= this.windowSeconds * 1000) {
      window = { startedAt: now, used: 0 };
      this.#windows.set(bucket, window);
    }
    const limited = window.used >= this.limit;
    if (!limited) window.used += 1;
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowSeconds * 1000 - now) / 1000));
    return {
      state: { limit: this.limit, remaining: Math.max(0, this.limit - window.used), resetSeconds },
      limited,
    };
  }
  peek(bucket: string, now = Date.now()): RateLimitState {
    const window = this.#windows.get(bucket);
    if (!window || now - window.startedAt >= this.windowSeconds * 1000) {
      return { limit: this.limit, remaining: this.limit, resetSeconds: this.windowSeconds };
    }
    const resetSeconds = Math.max(1, Math.ceil((window.startedAt + this.windowSeconds * 1000 - now) / 1000));
    return { limit: this.limit, remaining: Math.max(0, this.limit - window.used), resetSeconds };
  }
  reset(): void {
    this.#windows.clear();
  }
}

/** What every fake offers, whatever the provider. */
export interface FakeServer {
  /** Base URL to give the client (`baseUrl`). */
  readonly url: string;
  /** Stops listening and drops open connections (including stalled ones). */
  close(): Promise<void>;
  /** Fault injection: rate-limit bursts, 5xx, latency, connection resets and stalls. */
  readonly faults: Faults;
  /** Every request received, per operation. */
  readonly requests: RequestLog;
  /** The rate limiter's settings; change `limit`/`windowSeconds` at any time, `reset()` starts over. */
  readonly rateLimit: {
    /** Requests allowed per window. */
    limit: number;
    /** Length of the fixed window, seconds. */
    windowSeconds: number;
    /** Starts a new window with the full allowance. */
    reset(): void;
  };
}

/** Ajv formats the specs use that Ajv does not know by itself. */
const FORMATS: Record<string, (value: string) => boolean> = {
  uri: (value) => /^[a-z][a-z0-9+.-]*:/i.test(value) && URL.canParse(value),
  "date-time": (value) =>
    /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
};

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(message: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    message.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        message.destroy();
        return;
      }
      chunks.push(chunk);
    });
    message.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    message.on("error", reject);
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Turns form fields into the types the operation's schema declares (forms only carry strings). */
function coerceFormFields(fields: Record<string, string>, schema: unknown): Record<string, unknown> {
  const types = new Map<string, string>();
  const collect = (node: unknown) => {
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    const properties = record.properties as Record<string, { type?: unknown }> | undefined;
    for (const [name, property] of Object.entries(properties ?? {})) {
      if (typeof property?.type === "string") types.set(name, property.type);
    }
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      const list = record[key];
      if (Array.isArray(list)) for (const item of list) collect(item);
    }
  };
  collect(schema);
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    const type = types.get(name);
    if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(value)) out[name] = Number(value);
    else if (type === "boolean" && (value === "true" || value === "false")) out[name] = value === "true";
    else out[name] = value;
  }
  return out;
}

function credentialKind(headers: Record<string, string>): RecordedRequest["credential"] {
  if (headers["x-api-key"]) return "apiKey";
  const authorization = headers.authorization ?? "";
  if (/^basic\s/i.test(authorization)) return "basic";
  if (/^bearer\s/i.test(authorization)) return "bearer";
  return undefined;
}

/** A CORS preflight: an OPTIONS request that asks whether a method may be used. */
function isPreflight(incoming: IncomingMessage): boolean {
  return incoming.method === "OPTIONS" && incoming.headers["access-control-request-method"] !== undefined;
}

/**
 * What a fake started with `cors` adds to every answer: the calling origin may read it, with every
 * header it carries (request ids, `Retry-After`, rate limits), which a browser hides otherwise.
 */
function corsHeaders(origin: string | undefined, exposed: string[]): Record<string, string> {
  return {
    "access-control-allow-origin": origin ?? "*",
    "access-control-expose-headers": exposed.join(", "),
    vary: "Origin",
  };
}

/** The answer to a preflight: whatever method and headers the page asks for are allowed. */
function preflightHeaders(incoming: IncomingMessage): Record<string, string> {
  const requested = incoming.headers["access-control-request-headers"];
  return {
    ...corsHeaders(incoming.headers.origin, []),
    "access-control-allow-methods": String(incoming.headers["access-control-request-method"]),
    ...(requested ? { "access-control-allow-headers": requested } : {}),
    "access-control-max-age": "600",
  };
}

export interface StartOptions<P> {
  name: string;
  spec: Readonly<Record<string, unknown>>;
  /** Path prefix the API lives under (ICA: `/ica/rest`). */
  apiRoot?: string;
  rateLimit?: RateLimitOptions;
  /** Echo the request's credentials in every failure answer (see `credentialEcho`). */
  echoCredentials?: boolean;
  /** Serve CORS: answer preflights and let the calling origin read every answer (see `corsHeaders`). */
  cors?: boolean;
  /** Builds the dialect once the fake's URL is known. */
  dialect: (url: string) => Dialect<P>;
}

/** Starts an HTTP server on 127.0.0.1 with a free port that serves one provider's spec. */
export async function startFake<P>(options: StartOptions<P>): Promise<FakeServer & { dialect: Dialect<P> }> {
  const apiRoot = options.apiRoot ?? "/";
  const faults = new Faults();
  const requests = new RequestLog();
  const limiter = new RateLimiter(options.rateLimit);
  const sockets = new Set<Socket>();
  const api = new OpenAPIBackend({
    // openapi-backend dereferences the document in place, so it gets its own copy.
    definition: structuredClone(options.spec) as unknown as Document,
    apiRoot,
    strict: true,
    // The specs are OpenAPI 3.1 (linted by redocly); openapi-backend's document check only knows 3.0.
    quick: true,
    validate: true,
    ajvOpts: { allErrors: true, verbose: true, strict: false },
    customizeAjv: (ajv) => {
      for (const [name, validate] of Object.entries(FORMATS))
        ajv.addFormat(name, { type: "string", validate });
      return ajv;
    },
  });

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      // A fake must never hang a test: an internal bug becomes a plain 500.
      if (!outgoing.headersSent) {
        outgoing.writeHead(500, { "content-type": "text/plain" });
        outgoing.end(
          `fake ${options.name} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      } else outgoing.destroy();
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fake server has no TCP address");
  const origin = `http://127.0.0.1:${address.port}`;
  const url = apiRoot === "/" ? origin : `${origin}${apiRoot}`;
  const speaker = options.dialect(url);

  api.register({
    notFound: (_context: Context, request: FakeRequest) => speaker.unknownRoute(request),
    methodNotAllowed: (_context: Context, request: FakeRequest) => speaker.unknownRoute(request),
    validationFail: (context: Context, request: FakeRequest) =>
      speaker.invalid(
        (context.validation.errors ?? []) as unknown as SchemaError[],
        request,
        context.operation,
      ),
    unauthorizedHandler: (context: Context, request: FakeRequest) =>
      speaker.unauthorized(context.security as Record<string, AuthOutcome<P> | undefined>, request),
  });
  for (const [operationId, handler] of Object.entries(speaker.handlers)) {
    api.register(operationId, (context: Context, request: FakeRequest) => {
      const security = context.security as Record<string, unknown> | undefined;
      const auth: Record<string, AuthOutcome<P> | undefined> = {};
      let principal: P | undefined;
      for (const requirement of context.operation.security ?? []) {
        const names = Object.keys(requirement);
        const outcomes = names.map((name) => security?.[name] as AuthOutcome<P> | undefined);
        names.forEach((name, index) => {
          auth[name] = outcomes[index];
        });
        if (principal === undefined && outcomes.length > 0) {
          const first = outcomes[0];
          if (first?.ok && outcomes.every((outcome) => outcome?.ok)) principal = first.principal;
        }
      }
      return handler({
        request,
        params: (context.request.params ?? {}) as Record<string, string>,
        auth,
        principal,
      });
    });
  }
  for (const [scheme, check] of Object.entries(speaker.securityHandlers)) {
    // openapi-backend treats a falsy result or an object with a truthy `error` as a failed check.
    api.registerSecurityHandler(scheme, async (_context: Context, request: FakeRequest) => {
      const outcome = await check(request);
      return outcome.ok ? outcome : { ...outcome, error: outcome.detail };
    });
  }
  await api.init();

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    if (options.cors && isPreflight(incoming)) {
      // Browser machinery, not a call of the client: not logged, and faults and rate limits ignore it.
      outgoing.writeHead(204, preflightHeaders(incoming));
      outgoing.end();
      return;
    }
    const requestUrl = new URL(incoming.url ?? "/", origin);
    const rawBody = await readBody(incoming);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    const query: Record<string, string> = {};
    requestUrl.searchParams.forEach((value, name) => {
      query[name] = value;
    });
    const method = (incoming.method ?? "GET").toUpperCase();
    const backendRequest = {
      method,
      path: requestUrl.pathname,
      headers,
      query: requestUrl.search.replace(/^\?/, ""),
    };
    const operation = api.matchOperation(backendRequest);
    const relativePath =
      apiRoot !== "/" && requestUrl.pathname.startsWith(apiRoot)
        ? requestUrl.pathname.slice(apiRoot.length) || "/"
        : requestUrl.pathname;
    const request: FakeRequest = {
      method,
      path: relativePath,
      url: requestUrl,
      headers,
      query,
      body: undefined,
      operationId: operation?.operationId,
    };
    const record: RecordedRequest = {
      operationId: operation?.operationId,
      method,
      path: relativePath,
      query,
      headers: redactHeaders(headers),
      credential: credentialKind(headers),
      body: undefined,
      status: undefined,
      fault: undefined,
      receivedAt: new Date(),
    };
    requests.add(record);

    const send = (answer: Reply) => {
      const reply = options.echoCredentials ? echoed(answer, request) : answer;
      const out: Record<string, string> = {
        ...speaker.commonHeaders?.(request, reply),
        ...reply.headers,
      };
      let payload: string | undefined;
      if (reply.body !== undefined && reply.status !== 204) {
        payload = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
        out["content-type"] = reply.contentType ?? "application/json; charset=utf-8";
      }
      if (options.cors) Object.assign(out, corsHeaders(headers.origin, Object.keys(out)));
      record.status = reply.status;
      outgoing.writeHead(reply.status, out);
      outgoing.end(payload);
    };

    // Parse the body first so that the request log shows it even when a fault answers.
    const contentType = (headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    let unparseable = false;
    if (contentType === "application/json" || contentType.endsWith("+json")) {
      if (rawBody.trim() === "") unparseable = true;
      else {
        try {
          request.body = JSON.parse(rawBody);
        } catch {
          unparseable = true;
        }
      }
    } else if (contentType === "application/x-www-form-urlencoded") {
      const fields = Object.fromEntries(new URLSearchParams(rawBody));
      const media = (operation?.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)
        ?.content?.["application/x-www-form-urlencoded"];
      request.body = coerceFormFields(fields, media?.schema);
    } else if (rawBody !== "") {
      request.body = rawBody;
    }
    record.body = redactBody(request.body);

    const fault = faults.take({ operationId: operation?.operationId, method, path: relativePath });
    if (fault) {
      if (fault.latencyMs) await delay(fault.latencyMs);
      if (fault.reset) {
        record.fault = "reset";
        incoming.socket.resetAndDestroy();
        return;
      }
      if (fault.stall) {
        record.fault = "stall";
        return;
      }
      if (fault.status !== undefined) {
        record.fault = "status";
        send(faultReply(fault, request));
        return;
      }
      record.fault = "latency";
    }

    const bucket = speaker.rateLimitBucket ? speaker.rateLimitBucket(request) : "all";
    let rateHeaders: Record<string, string> = {};
    if (bucket !== undefined && operation) {
      const { state, limited } = limiter.hit(bucket);
      if (limited) {
        send(
          speaker.failure(
            429,
            {
              code: "too_many_requests",
              title: "Too Many Requests",
              detail: `Rate limit exceeded. Please try again in ${state.resetSeconds} seconds`,
              retryAfter: state.resetSeconds,
              headers: {
                "retry-after": String(state.resetSeconds),
                ...speaker.rateLimitHeaders?.(request, state, true),
              },
            },
            request,
          ),
        );
        return;
      }
      rateHeaders = speaker.rateLimitHeaders?.(request, state, false) ?? {};
    }

    if (unparseable && operation) {
      send(speaker.unparseableBody(request));
      return;
    }
    if (operation) {
      const early = speaker.precheck?.(request, operation);
      if (early) {
        send(early);
        return;
      }
    }
    const reply = (await api.handleRequest({ ...backendRequest, body: request.body }, request)) as Reply;
    if (reply.status < 300) reply.headers = { ...rateHeaders, ...reply.headers };
    send(reply);
  }

  /** A failure answer with what the request carried added to its body and headers. */
  function echoed(reply: Reply, request: FakeRequest): Reply {
    if (reply.status >= 200 && reply.status < 300) return reply;
    const echo = credentialEcho(request, reply.status, reply.headers?.["www-authenticate"]);
    if (!echo) return reply;
    return {
      ...reply,
      headers: { ...reply.headers, ...echo.headers },
      body:
        typeof reply.body === "string"
          ? `${reply.body}\n${echo.text}`
          : speaker.withEcho(reply, echo.text, request),
    };
  }

  function faultReply(fault: FaultSpec, request: FakeRequest): Reply {
    const status = fault.status ?? 500;
    const retryHeaders: Record<string, string> = {};
    if (fault.retryAfter !== undefined) retryHeaders["retry-after"] = String(fault.retryAfter);
    if (status === 429) {
      const state: RateLimitState = {
        limit: limiter.limit,
        remaining: 0,
        resetSeconds: fault.retryAfter ?? 1,
      };
      Object.assign(retryHeaders, speaker.rateLimitHeaders?.(request, state, true));
    }
    const base = speaker.failure(
      status,
      {
        code: status === 429 ? "too_many_requests" : status >= 500 ? "internal_error" : "injected_fault",
        title: status === 429 ? "Too Many Requests" : status >= 500 ? "Internal error" : "Injected failure",
        detail:
          status === 429
            ? `Rate limit exceeded. Please try again in ${fault.retryAfter ?? 1} seconds`
            : status >= 500
              ? "Something went wrong"
              : `Injected failure with status ${status}`,
        retryAfter: fault.retryAfter,
      },
      request,
    );
    const reply: Reply = { ...base, headers: { ...base.headers, ...retryHeaders, ...fault.headers } };
    if (fault.body !== undefined) {
      reply.body = fault.body;
      if (typeof fault.body === "string") reply.contentType = fault.headers?.["content-type"] ?? "text/plain";
    }
    return reply;
  }

  return {
    url,
    faults,
    requests,
    dialect: speaker,
    rateLimit: {
      get limit() {
        return limiter.limit;
      },
      set limit(value: number) {
        limiter.limit = value;
      },
      get windowSeconds() {
        return limiter.windowSeconds;
      },
      set windowSeconds(value: number) {
        limiter.windowSeconds = value;
      },
      reset: () => limiter.reset(),
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A short random id, for request ids and resource ids. */
export function randomId(length = 14): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}

export { randomUUID };

/** Reads `Authorization: Basic` credentials. */
export function readBasic(
  headers: Record<string, string>,
): { username: string; password: string } | undefined {
  const match = /^basic\s+(.+)$/i.exec(headers.authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Reads an `Authorization: Bearer` token. */
export function readBearer(headers: Record<string, string>): string | undefined {
  const match = /^bearer\s+(.+)$/i.exec(headers.authorization ?? "");
  return match?.[1]?.trim();
}
