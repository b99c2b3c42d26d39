import createClient, { defaultBodySerializer, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { AuthConfig } from "./credentials.js";
import { buildFailure } from "./decode-failure.js";
import type { ApiError } from "./errors.js";
import {
  type CallOptions,
  failureOf,
  type SendOptions,
  Transport,
  type TransportOptions,
} from "./transport.js";
import type { IdClient } from "./typed-client.js";
import type { OperationMeta, ProviderMeta } from "./types.js";

/** Options every `createXClient` accepts. */
export interface ApiClientOptions<Auth> extends Omit<TransportOptions, "auth"> {
  /** Base URL of the API (default: the provider's production URL). */
  baseUrl?: string;
  /** Credentials keyed by the spec's security scheme names. */
  auth?: Auth;
  /** Headers sent with every request. */
  headers?: FetchClientOptions["headers"];
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** Serialises a flat object as `application/x-www-form-urlencoded` (the STS token exchange). */
export function formBodySerializer(body: unknown): string {
  const form = new URLSearchParams();
  if (body !== null && typeof body === "object") {
    for (const [key, value] of Object.entries(body)) {
      if (value === undefined || value === null) continue;
      form.append(key, typeof value === "object" ? JSON.stringify(value) : String(value));
    }
  }
  return form.toString();
}

type Init = Record<string, unknown> & { headers?: unknown; body?: unknown };

const FORM = "application/x-www-form-urlencoded";

/** The operation's Accept (and Content-Type when a body goes out), under any headers the caller set. */
function wireHeaders(meta: OperationMeta, given: unknown, hasBody: boolean): Record<string, string> {
  const headers: Record<string, string> = { accept: meta.accept };
  if (hasBody && meta.contentType !== null) headers["content-type"] = meta.contentType;
  if (given === undefined || given === null) return headers;
  new Headers(given as HeadersInit).forEach((value, name) => {
    headers[name] = value;
  });
  return headers;
}

/**
 * Creates an openapi-fetch client whose every call sends the Accept and Content-Type its operation
 * declares and goes through the resilient, credential-injecting transport.
 */
export function createApiClient<Paths extends {}, Auth extends object>(
  provider: ProviderMeta,
  defaultBaseUrl: string,
  options: ApiClientOptions<Auth> = {},
): IdClient<Paths> {
  const { baseUrl = defaultBaseUrl, headers, auth, ...transportOptions } = options;
  const transport = new Transport(provider, { ...transportOptions, auth: auth as AuthConfig | undefined });
  const client = createClient<Paths>({ baseUrl, headers });
  const base = { ...client } as unknown as Record<string, (...args: unknown[]) => unknown>;

  const prepare = (method: string, path: string, init: Init | undefined): Init => {
    const meta: OperationMeta = provider.operations[`${method} ${path}`] ?? {
      operationId: `${method} ${path}`,
      method,
      path,
      security: [],
      safeToRetry: false,
      accept: "application/json",
      contentType: null,
    };
    const { retry, timeoutMs, ...rest } = (init ?? {}) as Init & CallOptions;
    const hasBody = rest.body !== undefined;
    const prepared: Init = { ...rest, headers: wireHeaders(meta, rest.headers, hasBody) };
    const send: SendOptions = {
      retry,
      timeoutMs,
      replayable: true,
      signal: rest.signal as AbortSignal | undefined,
    };
    if (hasBody) {
      // Keep what the serializer produced: every attempt sends it again without reading the Request back.
      const serialize = (rest.bodySerializer ??
        (meta.contentType === FORM ? formBodySerializer : defaultBodySerializer)) as (
        body: unknown,
        headers?: unknown,
      ) => BodyInit;
      prepared.bodySerializer = (body: unknown, headers?: unknown) => {
        const serialized = serialize(body, headers);
        send.body = serialized;
        send.replayable = !(serialized instanceof ReadableStream);
        return serialized;
      };
    }
    prepared.fetch = (request: Request) => transport.send(request, meta, send);
    return prepared;
  };

  const wrapped: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    wrapped[method] = (path: string, init?: Init) => base[method]?.(path, prepare(method, path, init));
  }
  wrapped.request = (method: string, path: string, init?: Init) =>
    base.request?.(method, path, prepare(method.toUpperCase(), path, init));
  return wrapped as unknown as IdClient<Paths>;
}

type DataOf<R> = R extends { data: infer D } ? D : never;

/**
 * Awaits an openapi-fetch call and returns its typed 2xx body, or throws the typed `ApiError`
 * (built from `response.ok`, whatever the body looked like).
 *
 * @example
 * const pools = await unwrap(confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools", { params }));
 */
export async function unwrap<R extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<R> | R,
): Promise<DataOf<R>> {
  const result = await call;
  if (result.response.ok) return result.data as DataOf<R>;
  throw errorOf(result);
}

/** The typed error of a failed call result (decoded again if the response did not pass a client). */
export function errorOf(result: { error?: unknown; response: Response }): ApiError {
  const known = failureOf(result.response);
  if (known) return known;
  const text =
    typeof result.error === "string"
      ? result.error
      : result.error === undefined
        ? ""
        : JSON.stringify(result.error);
  // Only generic fields are read here: this response did not come through a client, so its provider is unknown.
  return buildFailure({ status: result.response.status, headers: result.response.headers, text }, undefined);
}

/** Client settings a token helper passes on to the client it mints tokens with. */
export type TokenClientOptions = Pick<
  ApiClientOptions<never>,
  "baseUrl" | "fetch" | "retry" | "timeoutMs" | "logger" | "onRetry" | "allowInsecureHttp" | "headers"
> & {
  /** Fetch a new token this many seconds before the current one expires (default 60). */
  refreshMarginSeconds?: number;
};
