import createClient, { defaultBodySerializer, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import type { AuthConfig } from "./credentials.js";
import { buildFailure } from "./decode-failure.js";
import { type ApiError, ConfigurationError, InvalidRequestError } from "./errors.js";
import {
  type CallOptions,
  failureOf,
  type SendOptions,
  Transport,
  type TransportOptions,
} from "./transport.js";
import type { IdClient } from "./typed-client.js";
import type { OperationMeta, ProviderMeta, ProviderName } from "./types.js";

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
 * Checks a base URL before any call: absolute http(s), no userinfo, no query or fragment. The message
 * never quotes the URL, which may hold a password.
 */
function checkBaseUrl(baseUrl: unknown, provider: ProviderName): void {
  const fail: (problem: string) => never = (problem) => {
    throw new ConfigurationError(`baseUrl ${problem}`, { setting: "baseUrl", provider });
  };
  if (typeof baseUrl !== "string") fail("must be a string");
  let url: URL;
  try {
    url = new URL(baseUrl as string);
  } catch {
    fail("is not an absolute URL (expected https://host[/path])");
  }
  if (url.username !== "" || url.password !== "") {
    fail("must not carry credentials (user:password@host); pass them in `auth`");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    fail(`must use https:// (or http://), not ${url.protocol}//`);
  if (url.search !== "" || url.hash !== "") fail("must not have a query or fragment");
}

const templateNames = new Map<string, string[]>();

/** The `{name}` parameters of a path template, computed once per template. */
function pathParamNames(path: string): string[] {
  let names = templateNames.get(path);
  if (!names) {
    names = [...path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1] as string);
    templateNames.set(path, names);
  }
  return names;
}

/** Percent-decodes until the text stops changing (a few rounds at most), so `%252e` counts as `.`. */
function fullyDecoded(text: string): string {
  let current = text;
  for (let round = 0; round < 4; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      // One malformed escape must not hide the others: decode the ASCII escapes alone.
      next = current.replace(/%([0-7][0-9a-f])/gi, (_match, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/**
 * Refuses path parameters that would change which endpoint a call reaches: missing, empty, or a dot
 * segment (`.`, `..`) in any percent-encoding. The message names the parameter, never its value.
 */
function checkPathParams(meta: OperationMeta, provider: ProviderName, params: unknown): void {
  const names = pathParamNames(meta.path);
  if (names.length === 0) return;
  const given = (params as { path?: Record<string, unknown> } | undefined)?.path;
  for (const name of names) {
    const value = given?.[name];
    const fail = (problem: string): never => {
      throw new InvalidRequestError(`path parameter "${name}" of ${meta.operationId} ${problem}`, {
        parameter: name,
        provider,
        operationId: meta.operationId,
      });
    };
    if (value === undefined || value === null) fail("is missing");
    if (typeof value === "number" ? !Number.isFinite(value) : typeof value !== "string") {
      fail("must be a string or a finite number");
    }
    const decoded = fullyDecoded(String(value));
    if (decoded.trim() === "") fail("is empty");
    if (decoded.split(/[/\\]/).some((segment) => segment === "." || segment === "..")) {
      fail("is a dot segment (. or ..), which would address another resource");
    }
  }
}

/** Values of the request body's secret fields, so the transport can guard and scrub them. */
function bodySecrets(meta: OperationMeta, body: unknown): string[] | undefined {
  const fields = meta.secretRequestFields;
  if (!fields || fields.length === 0 || body === null || typeof body !== "object") return undefined;
  const values: string[] = [];
  for (const field of fields) {
    const value = (body as Record<string, unknown>)[field];
    if (typeof value === "string" && value !== "") {
      values.push(value);
      // The token helpers send the trimmed value; a caller may send it as given.
      if (value.trim() !== value) values.push(value.trim());
    }
  }
  return values;
}

/**
 * Creates an openapi-fetch client whose every call sends the Accept and Content-Type its operation
 * declares and goes through the resilient, credential-injecting transport. Options are checked here,
 * and each call's input before any I/O.
 */
export function createApiClient<Paths extends {}, Auth extends object>(
  provider: ProviderMeta,
  defaultBaseUrl: string,
  options: ApiClientOptions<Auth> = {},
): IdClient<Paths> {
  const { baseUrl = defaultBaseUrl, headers, auth, ...transportOptions } = options;
  checkBaseUrl(baseUrl, provider.name);
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
    // The caller's signal goes to the transport only: a Request built with it would add one more
    // abort listener to that signal per call.
    const { retry, timeoutMs, signal, ...rest } = (init ?? {}) as Init & CallOptions;
    checkPathParams(meta, provider.name, rest.params);
    if (rest.baseUrl !== undefined) checkBaseUrl(rest.baseUrl, provider.name);
    const hasBody = rest.body !== undefined;
    // Redirects are the transport's to follow (or refuse), whatever fetch the client was given.
    const prepared: Init = { ...rest, redirect: "manual", headers: wireHeaders(meta, rest.headers, hasBody) };
    const send: SendOptions = {
      retry,
      timeoutMs,
      replayable: true,
      signal: signal as AbortSignal | undefined,
      bodySecrets: bodySecrets(meta, rest.body),
      parseAs: typeof rest.parseAs === "string" ? rest.parseAs : undefined,
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

  /** Input errors reject the call's promise like any other failure, before openapi-fetch runs. */
  const call = (method: string, path: string, init: Init | undefined, run: (prepared: Init) => unknown) => {
    let prepared: Init;
    try {
      prepared = prepare(method, path, init);
    } catch (error) {
      return Promise.reject(error);
    }
    return run(prepared);
  };

  const wrapped: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    wrapped[method] = (path: string, init?: Init) =>
      call(method, path, init, (prepared) => base[method]?.(path, prepared));
  }
  wrapped.request = (method: string, path: string, init?: Init) =>
    call(method.toUpperCase(), path, init, (prepared) => base.request?.(method, path, prepared));
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
  | "baseUrl"
  | "fetch"
  | "retry"
  | "timeoutMs"
  | "logger"
  | "onRetry"
  | "allowInsecureHttp"
  | "headers"
  | "maxRedirects"
  | "maxResponseBytes"
> & {
  /** Fetch a new token this many seconds before the current one expires (default 60). */
  refreshMarginSeconds?: number;
  /** Give up on a mint that has not settled after this long, so the next call can try again (default 60000 ms). */
  mintTimeoutMs?: number;
};
