/** One request as the fake saw it. Credentials are never stored: only which kind was sent. */
export interface RecordedRequest {
  /** The spec's operationId, or undefined when the route is not part of the spec. */
  operationId: string | undefined;
  /** HTTP method, upper case. */
  method: string;
  /** Path relative to the fake's `url`. */
  path: string;
  /** Query parameters (the last value of a repeated one). */
  query: Record<string, string>;
  /** Request headers with `authorization`, `x-api-key` and `cookie` values replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** How the request authenticated: `basic`, `bearer`, `apiKey`, or undefined for none. */
  credential: "basic" | "bearer" | "apiKey" | undefined;
  /** The parsed body, with token-carrying fields (`jwt`, `subject_token`) redacted. */
  body: unknown;
  /** The status answered, or undefined for a reset/stalled connection. */
  status: number | undefined;
  /** The injected fault that handled the request, if any. */
  fault: "status" | "reset" | "stall" | "latency" | undefined;
  /** When the fake received the request. */
  receivedAt: Date;
}

const SECRET_HEADERS = new Set(["authorization", "x-api-key", "cookie", "proxy-authorization"]);
const SECRET_FIELDS = new Set(["jwt", "subject_token", "accessToken", "access_token", "password", "token"]);

/** @internal */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    out[name] = SECRET_HEADERS.has(name) ? "[redacted]" : value;
  return out;
}

/** @internal */
export function redactBody(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) out[key] = SECRET_FIELDS.has(key) ? "[redacted]" : value;
  return out;
}

/** The requests a fake received, in arrival order. */
export class RequestLog {
  #entries: RecordedRequest[] = [];

  /** Every request, oldest first. */
  all(operationId?: string): RecordedRequest[] {
    return operationId === undefined
      ? [...this.#entries]
      : this.#entries.filter((entry) => entry.operationId === operationId);
  }

  /** Number of requests, or of requests to one operation. */
  count(operationId?: string): number {
    return this.all(operationId).length;
  }

  /** Requests per operationId (`"(unknown route)"` for paths outside the spec). */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const entry of this.#entries) {
      const key = entry.operationId ?? "(unknown route)";
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  }

  /** The latest request, or the latest one to an operation. */
  last(operationId?: string): RecordedRequest | undefined {
    return this.all(operationId).at(-1);
  }

  /** Forgets every recorded request. */
  clear(): void {
    this.#entries = [];
  }

  /** @internal */
  add(entry: RecordedRequest): void {
    this.#entries.push(entry);
  }
}
