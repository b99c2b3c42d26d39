import createClient, { defaultBodySerializer, type ClientOptions as FetchClientOptions } from "openapi-fetch";
import { type AuthConfig, isTokenProvider } from "./credentials.js";
import { buildFailure } from "./decode-failure.js";
import { type ApiError, ConfigurationError, InvalidRequestError } from "./errors.js";
import {
  type CallOptions,
  failureOf,
  rememberFailure,
  type SendOptions,
  Transport,
  type TransportOptions,
} from "./transport.js";
import type { IdClient } from "./typed-client.js";
import type { ClientBinding, Logger, OperationMeta, ProviderMeta, ProviderName } from "./types.js";

/** The fetch a client sends with: the global fetch's shape (a `Request` and an init). */
export type FetchLike = (input: Request, init?: RequestInit) => Promise<Response>;

/**
 * Options every `createXClient` accepts: openapi-fetch's own client options (`querySerializer`,
 * `bodySerializer`, `pathSerializer`, `Request`, `requestInitExt`, `headers` and any `RequestInit`
 * field), plus credentials and the transport's settings.
 */
export interface ApiClientOptions<Auth>
  extends Omit<TransportOptions, "auth" | "fetch" | "environmentVariables">,
    Omit<FetchClientOptions, "fetch" | "baseUrl" | "headers"> {
  /** Base URL of the API (default: the provider's environment variable, else its production URL). */
  baseUrl?: string;
  /** Credentials keyed by the spec's security scheme names (default: from the provider's environment variables). */
  auth?: Auth;
  /** Headers sent with every request; a per-call header wins, `null` removes one (openapi-fetch's rules). */
  headers?: FetchClientOptions["headers"];
  /**
   * The fetch to send requests with (default: the global fetch). It is called like the global fetch,
   * `fetch(request, init)`, where `init` repeats everything the request holds (method, headers, body,
   * signal, `redirect: "manual"`), so any fetch works: the global one, undici's own `fetch` with a
   * `dispatcher`, or a test double that reads the `Request`.
   */
  fetch?: FetchLike;
  /**
   * Where environment variables are read from (default `process.env` where it exists); `false` reads
   * none. Variables fill in `auth`, `baseUrl` and logging only where the options leave them unset.
   */
  env?: Readonly<Record<string, string | undefined>> | false;
}

/** How a provider's settings come from environment variables (each provider package declares its own). */
export interface EnvironmentConvention<Auth> {
  /** Variables naming the base URL, first set wins; `toBaseUrl` turns the value into a base URL. */
  baseUrl?: {
    /** The variable names, in order of precedence. */
    variables: readonly string[];
    /** Turns the variable's (trimmed) value into a base URL (default: the value is the base URL). */
    toBaseUrl?: (value: string) => string;
  };
  /** Variables that can supply credentials, named by `MissingCredentialError` when none were usable. */
  credentialVariables: readonly string[];
  /** Credentials from the environment, or undefined when the variables are unset or empty. */
  auth(read: (name: string) => string | undefined): Auth | undefined;
}

/** `IDCLIENTS_LOG`: the debug-logging variable (`off`, `error`, `warn`, `info`, `debug`). */
export const LOG_VARIABLE = "IDCLIENTS_LOG";
const LOG_LEVELS = ["error", "warn", "info", "debug"] as const;

/** The environment to read, or undefined when there is none (browsers, workers) or the caller said no. */
function environmentOf(
  env: ApiClientOptions<unknown>["env"],
): ((name: string) => string | undefined) | undefined {
  const source =
    env === false
      ? undefined
      : (env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env);
  if (!source) return undefined;
  return (name) => {
    let value: unknown;
    try {
      value = source[name];
    } catch {
      // Deno without --allow-env throws on a read: an unreadable variable is an unset one.
      return undefined;
    }
    return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  };
}

/** A console logger at the level `IDCLIENTS_LOG` names (messages are redacted by the transport as always). */
function logFromEnvironment(
  read: (name: string) => string | undefined,
  provider: ProviderName,
): Logger | undefined {
  const level = read(LOG_VARIABLE)?.toLowerCase();
  if (level === undefined || level === "off") return undefined;
  const rank = LOG_LEVELS.indexOf(level as (typeof LOG_LEVELS)[number]);
  if (rank < 0) {
    throw new ConfigurationError(`${LOG_VARIABLE} must be one of off, error, warn, info, debug`, {
      setting: LOG_VARIABLE,
      provider,
    });
  }
  const quiet = () => undefined;
  const at = (name: (typeof LOG_LEVELS)[number]) =>
    LOG_LEVELS.indexOf(name) <= rank ? console[name].bind(console) : quiet;
  return { error: at("error"), warn: at("warn"), info: at("info"), debug: at("debug") };
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

/** Whether a headers option (object, array of pairs or `Headers`) sets `name` (lower case). */
function setsHeader(headers: unknown, name: string): boolean {
  if (headers === undefined || headers === null || typeof headers !== "object") return false;
  if (headers instanceof Headers) return headers.has(name);
  if (Array.isArray(headers)) return headers.some((pair) => String(pair?.[0]).toLowerCase() === name);
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name && (headers as Record<string, unknown>)[key] != null) return true;
  }
  return false;
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

/** A path parameter value with no escape, dot, slash, backslash or space: safe as it is. */
const PLAIN_SEGMENT = /^[A-Za-z0-9_~:@!$&'()*+,;=-]+$/;

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
    const text = String(value);
    // Most values (ids like "op-abc123") have nothing to decode and no dot: nothing more to check.
    if (PLAIN_SEGMENT.test(text)) continue;
    const decoded = fullyDecoded(text);
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

const fallbackMetas = new Map<string, OperationMeta>();

/** An operation the spec does not declare (a path typed by a cast): no credentials, not retried. */
function fallbackMeta(method: string, path: string): OperationMeta {
  const key = `${method} ${path}`;
  let meta = fallbackMetas.get(key);
  if (!meta) {
    meta = {
      operationId: key,
      method,
      path,
      security: [],
      safeToRetry: false,
      accept: "application/json",
      contentType: null,
    };
    fallbackMetas.set(key, meta);
  }
  return meta;
}

type Result = { data?: unknown; error?: unknown; response: Response };

/**
 * Creates an openapi-fetch client whose every call goes through the resilient, credential-injecting
 * transport. Options are checked here, and each call's input before any I/O. `environment` says which
 * variables fill in `auth` and `baseUrl` when the options leave them unset.
 */
export function createApiClient<Paths extends {}, Auth extends object>(
  provider: ProviderMeta,
  defaultBaseUrl: string,
  options: ApiClientOptions<Auth> = {},
  environment?: EnvironmentConvention<Auth>,
): IdClient<Paths> {
  const {
    baseUrl: givenBaseUrl,
    headers,
    auth: givenAuth,
    env,
    fetch,
    retry,
    timeoutMs,
    logger: givenLogger,
    onRetry,
    allowInsecureHttp,
    maxRedirects,
    crossOriginRedirects,
    maxResponseBytes,
    signal: clientSignal,
    redirect: clientRedirect,
    bodySerializer: clientBodySerializer,
    Request: givenRequest,
    ...fetchOptions
  } = options;
  const read = environmentOf(env);
  let baseUrl = givenBaseUrl;
  if (baseUrl === undefined && read && environment?.baseUrl) {
    for (const name of environment.baseUrl.variables) {
      const value = read(name);
      if (value === undefined) continue;
      baseUrl = environment.baseUrl.toBaseUrl ? environment.baseUrl.toBaseUrl(value) : value;
      break;
    }
  }
  baseUrl ??= defaultBaseUrl;
  checkBaseUrl(baseUrl, provider.name);
  const auth = givenAuth !== undefined ? givenAuth : read && environment ? environment.auth(read) : undefined;
  const logger = givenLogger ?? (read ? logFromEnvironment(read, provider.name) : undefined);
  const RequestClass = givenRequest ?? Request;
  // The settings the transport and the token providers in `auth` share.
  const shared = {
    fetch,
    retry,
    timeoutMs,
    logger,
    onRetry,
    allowInsecureHttp,
    maxRedirects,
    maxResponseBytes,
  };
  const transport = new Transport(provider, {
    ...shared,
    auth: auth as AuthConfig | undefined,
    crossOriginRedirects,
    Request: RequestClass,
    environmentVariables:
      givenAuth === undefined && read && environment ? [...environment.credentialVariables] : undefined,
  });
  // A token provider in `auth` mints through this client's host and transport unless told otherwise.
  if (auth) {
    const binding: ClientBinding = {
      ...shared,
      provider: provider.name,
      baseUrl,
      headers,
      requestInitExt: fetchOptions.requestInitExt,
    };
    for (const value of Object.values(auth)) {
      if (isTokenProvider(value) && typeof value.bindClient === "function") value.bindClient(binding);
    }
  }
  const clientSetsContentType = setsHeader(headers, "content-type");
  const client = createClient<Paths>({
    ...fetchOptions,
    baseUrl,
    headers,
    bodySerializer: clientBodySerializer,
    Request: RequestClass,
  });
  const base = client as unknown as Record<string, (...args: unknown[]) => Promise<Result>>;
  const middleware = new Set<unknown>();

  const prepare = (method: string, path: string, init: Init | undefined): Init => {
    const meta = provider.operations[`${method} ${path}`] ?? fallbackMeta(method, path);
    // The caller's signal goes to the transport only: a Request built with it would add one more
    // abort listener to that signal per call.
    const {
      retry: callRetry,
      timeoutMs: callTimeout,
      signal,
      fetch: callFetch,
      redirect,
      ...rest
    } = (init ?? {}) as Init & CallOptions & { fetch?: FetchLike; redirect?: RequestRedirect };
    checkPathParams(meta, provider.name, rest.params);
    if (rest.baseUrl !== undefined) checkBaseUrl(rest.baseUrl, provider.name);
    const send: SendOptions = {
      retry: callRetry,
      timeoutMs: callTimeout,
      replayable: true,
      signal: (signal as AbortSignal | undefined) ?? (clientSignal as AbortSignal | undefined) ?? undefined,
      bodySecrets: bodySecrets(meta, rest.body),
      parseAs: typeof rest.parseAs === "string" ? rest.parseAs : undefined,
      fetch: callFetch,
      redirect: redirect ?? (clientRedirect as RequestRedirect | undefined),
    };
    // Redirects are the transport's to follow (or refuse), whatever fetch the client was given.
    rest.redirect = "manual";
    if (rest.body !== undefined) {
      // The operation's media type is the default; a Content-Type the caller or the client set wins.
      if (
        meta.contentType !== null &&
        meta.contentType !== "application/json" &&
        !clientSetsContentType &&
        !setsHeader(rest.headers, "content-type")
      ) {
        send.contentType = meta.contentType;
      }
      // Keep what the serializer produced: every attempt sends it again without reading the Request back.
      const serialize = (rest.bodySerializer ??
        (meta.contentType === FORM
          ? formBodySerializer
          : (clientBodySerializer ?? defaultBodySerializer))) as (
        body: unknown,
        headers?: unknown,
      ) => BodyInit;
      rest.bodySerializer = (body: unknown, headers?: unknown) => {
        const serialized = serialize(body, headers);
        send.body = serialized;
        send.replayable = !(serialized instanceof ReadableStream);
        return serialized;
      };
    }
    rest.fetch = (request: Request, ext?: RequestInit) => transport.send(request, meta, send, ext);
    return rest;
  };

  /**
   * A middleware may hand openapi-fetch a Response of its own: its failure is decoded here, with the
   * provider's format, so `unwrap` still throws the typed error.
   */
  const adopt = (meta: OperationMeta) => (result: Result) => {
    if (!result.response.ok && !failureOf(result.response)) {
      const failure = decodeResult(result, provider, meta.operationId);
      rememberFailure(result.response, failure);
    }
    return result;
  };

  /** Input errors reject the call's promise like any other failure, before openapi-fetch runs. */
  const call = (
    method: string,
    path: string,
    init: Init | undefined,
    run: (prepared: Init) => Promise<Result>,
  ) => {
    let prepared: Init;
    try {
      prepared = prepare(method, path, init);
    } catch (error) {
      return Promise.reject(error);
    }
    const result = run(prepared);
    if (middleware.size === 0 && prepared.middleware === undefined) return result;
    const meta = provider.operations[`${method} ${path}`] ?? fallbackMeta(method, path);
    return result.then(adopt(meta));
  };

  const wrapped: Record<string, unknown> = { ...client };
  for (const method of METHODS) {
    wrapped[method] = (path: string, init?: Init) =>
      call(method, path, init, (prepared) =>
        (base[method] as (p: string, i: Init) => Promise<Result>)(path, prepared),
      );
  }
  wrapped.request = (method: string, path: string, init?: Init) =>
    call(String(method).toUpperCase(), path, init, (prepared) =>
      (base.request as (m: string, p: string, i: Init) => Promise<Result>)(method, path, prepared),
    );
  wrapped.use = (...added: unknown[]) => {
    (client.use as (...m: unknown[]) => void)(...added);
    for (const m of added) if (m) middleware.add(m);
  };
  wrapped.eject = (...removed: unknown[]) => {
    (client.eject as (...m: unknown[]) => void)(...removed);
    for (const m of removed) middleware.delete(m);
  };
  return wrapped as unknown as IdClient<Paths>;
}

/** The type of a call result's `data` (its 2xx body): what `unwrap` resolves to. */
export type DataOf<R> = R extends {
  /** The 2xx body. */
  data: infer D;
}
  ? D
  : never;

/**
 * Awaits an openapi-fetch call and returns its typed 2xx body, or throws the typed `ApiError`
 * (built from `response.ok`, whatever the body looked like).
 *
 * @example
 * const pools = await unwrap(confluent.GET("/iam/v2/identity-providers/{provider_id}/identity-pools", { params }));
 */
/** The shape `unwrap` reads: an openapi-fetch result. */
export interface CallOutcome {
  /** The 2xx body, returned as it is. */
  data?: unknown;
  /** The failure body, decoded again when the response did not pass a client (see `errorOf`). */
  error?: unknown;
  /** The response; `response.ok` decides between returning `data` and throwing. */
  response: Response;
}

// The call is one type parameter rather than `Promise<R>`: a generic parameter type would give the
// client's overloaded method a contextual return type to infer against, which costs the type checker
// several times the call itself.
export async function unwrap<C>(
  call: C,
): Promise<Awaited<C> extends CallOutcome ? DataOf<Awaited<C>> : never> {
  const result = (await call) as CallOutcome;
  if (typeof result !== "object" || result === null || typeof result.response?.ok !== "boolean") {
    throw new TypeError("unwrap expects the result of a client call ({ data, error, response })");
  }
  if (result.response.ok) return result.data as Awaited<C> extends CallOutcome ? DataOf<Awaited<C>> : never;
  throw errorOf(result);
}

/** The typed error of a failed call result (decoded again if the response did not pass a client). */
export function errorOf(result: { error?: unknown; response: Response }): ApiError {
  // Only generic fields are read here: this response did not come through a client, so its provider is unknown.
  return failureOf(result.response) ?? decodeResult(result, undefined, undefined);
}

/** Decodes a call result's failure from what openapi-fetch parsed of its body. */
function decodeResult(
  result: { error?: unknown; response: Response },
  provider: ProviderMeta | undefined,
  operationId: string | undefined,
): ApiError {
  const text =
    typeof result.error === "string"
      ? result.error
      : result.error === undefined
        ? ""
        : JSON.stringify(result.error);
  return buildFailure(
    {
      provider: provider?.name,
      operationId,
      status: result.response.status,
      headers: result.response.headers,
      text,
    },
    provider?.failureFormat,
  );
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
  | "requestInitExt"
> & {
  /** Fetch a new token this many seconds before the current one expires (default 60). */
  refreshMarginSeconds?: number;
  /** Give up on a mint that has not settled after this long, so the next call can try again (default 60000 ms). */
  mintTimeoutMs?: number;
};

const BINDABLE = [
  "baseUrl",
  "fetch",
  "retry",
  "timeoutMs",
  "logger",
  "onRetry",
  "allowInsecureHttp",
  "maxRedirects",
  "maxResponseBytes",
  "headers",
  "requestInitExt",
] as const;

/**
 * The client a token helper mints with, made on first use. A setting the helper was given wins; any
 * other comes from the client whose `auth` the helper serves (`bindClient`), so a self-hosted base URL,
 * a proxying fetch, a logger and retry settings apply to the mint as well. One helper serving clients
 * of two different hosts is refused: it would send one host's secret to the other.
 */
export class BoundTokenClient<C> {
  readonly #provider: ProviderName;
  /** The settings the helper was given, without the unset ones. */
  readonly #given: TokenClientOptions;
  readonly #create: (settings: TokenClientOptions) => C;
  #bound: ClientBinding | undefined;
  #settings: TokenClientOptions | undefined;
  #client: C | undefined;

  constructor(
    provider: ProviderName,
    explicit: TokenClientOptions,
    create: (settings: TokenClientOptions) => C,
  ) {
    this.#provider = provider;
    this.#create = create;
    const given: Record<string, unknown> = {};
    for (const key of BINDABLE) if (explicit[key] !== undefined) given[key] = explicit[key];
    this.#given = given as TokenClientOptions;
    // Made now so that the helper's own settings and credentials are checked where they are written,
    // as a client checks them; it mints as long as no client binds.
    this.#client = create(this.#given);
  }

  /** Takes the serving client's settings (only a client of the same provider binds). */
  bind(binding: ClientBinding): void {
    if (binding.provider !== this.#provider) return;
    if (this.#given.baseUrl === undefined) {
      const current = this.#bound?.baseUrl ?? (this.#settings ? (this.#settings.baseUrl ?? "") : undefined);
      if (current !== undefined && current !== binding.baseUrl) {
        throw new ConfigurationError(
          `auth: this ${this.#provider} token provider already mints at another base URL; give each client its own token provider, or set its baseUrl`,
          { setting: "auth", provider: this.#provider },
        );
      }
    }
    if (this.#bound === undefined && this.#settings === undefined) {
      this.#bound = binding;
      this.#client = undefined;
    }
  }

  /** The settings to mint with: each given one, else the serving client's. Fixed at first use. */
  settings(): TokenClientOptions {
    if (this.#settings === undefined) {
      const merged: Record<string, unknown> = { ...this.#given };
      for (const key of BINDABLE) {
        if (merged[key] === undefined && this.#bound?.[key] !== undefined) merged[key] = this.#bound[key];
      }
      this.#settings = merged as TokenClientOptions;
    }
    return this.#settings;
  }

  /** The minting client, created on first use. */
  get(): C {
    const settings = this.settings();
    this.#client ??= this.#create(settings);
    return this.#client;
  }
}
