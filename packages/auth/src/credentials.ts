import {
  ConfigurationError,
  IdClientsError,
  InsecureTransportError,
  MissingCredentialError,
  TokenError,
} from "./errors.js";
import { base64Utf8 } from "./redact.js";
import type {
  BasicCredentials,
  OperationMeta,
  ProviderName,
  SecuritySchemeMeta,
  TokenCredential,
  TokenProvider,
} from "./types.js";

/** Credentials keyed by security scheme name, as passed to `createXClient({ auth })`. */
export type AuthConfig = Readonly<Record<string, BasicCredentials | TokenCredential | undefined>>;

/** The credentials one call sends, resolved once and put on every hop of every attempt. */
export interface ResolvedCredentials {
  /** Header name and value pairs. */
  headers: [string, string][];
  /** Every secret value involved (raw values and full header values), to scrub from anything echoed. */
  secrets: string[];
  /** Token providers whose tokens went out, with the token each gave. */
  providers: { provider: TokenProvider; token: string }[];
}

/** Whether `value` is a `TokenProvider`: an object with `getToken` and `invalidate` methods. */
export function isTokenProvider(value: unknown): value is TokenProvider {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as TokenProvider).getToken === "function" &&
    typeof (value as TokenProvider).invalidate === "function"
  );
}

function isBasic(value: unknown): value is BasicCredentials {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as BasicCredentials).username === "string" &&
    typeof (value as BasicCredentials).password === "string"
  );
}

/**
 * Why `value` cannot go in an HTTP header, or undefined when it can. Control characters would split
 * or truncate the header (and make `Headers` throw a TypeError that quotes the value); characters
 * beyond Latin-1 cannot be sent at all.
 */
export function headerValueProblem(value: string): string | undefined {
  if (value.trim() === "") return "is empty";
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return "contains a control character (CR, LF, NUL, tab...)";
    if (code > 0xff) return "contains a character outside Latin-1";
  }
  return undefined;
}

/** Basic headers by credentials object, so the base64 is computed once per credential, not per request. */
const basicHeaders = new WeakMap<BasicCredentials, { source: string; header: string }>();

function basicHeader(credentials: BasicCredentials): string {
  const source = `${credentials.username}:${credentials.password}`;
  const cached = basicHeaders.get(credentials);
  if (cached?.source === source) return cached.header;
  const header = `Basic ${base64Utf8(source)}`;
  basicHeaders.set(credentials, { source, header });
  return header;
}

/**
 * Checks the credentials given to a client before any call: each names a scheme of the provider and
 * has a usable shape; fixed values are not empty and fit in a header. Unset entries (`undefined`, as
 * from a missing environment variable) are allowed: calls that need them fail with MissingCredentialError.
 */
export function validateAuth(
  provider: ProviderName,
  schemes: Readonly<Record<string, SecuritySchemeMeta>>,
  auth: AuthConfig | undefined,
): void {
  if (auth === undefined || auth === null) return;
  if (typeof auth !== "object") {
    throw new ConfigurationError("auth must be an object keyed by security scheme name", {
      setting: "auth",
      provider,
    });
  }
  for (const [name, value] of Object.entries(auth)) {
    if (value === undefined || value === null) continue;
    const setting = `auth["${name}"]`;
    const scheme = Object.hasOwn(schemes, name) ? schemes[name] : undefined;
    if (!scheme) {
      const known = Object.keys(schemes)
        .map((s) => `"${s}"`)
        .join(", ");
      throw new ConfigurationError(`${setting} is not a security scheme of ${provider} (known: ${known})`, {
        setting,
        provider,
      });
    }
    const fail = (problem: string) => {
      throw new ConfigurationError(`${setting} ${problem}`, { setting, provider });
    };
    if (scheme.kind === "basic") {
      if (!isBasic(value)) fail("must be { username, password } (two strings)");
      const { username, password } = value as BasicCredentials;
      if (username === "") fail("has an empty username");
      if (password === "") fail("has an empty password");
      if (username.includes(":"))
        fail("has a username containing ':', which Basic authentication cannot carry");
      continue;
    }
    if (scheme.kind === "apiKey" && scheme.in !== "header") {
      fail(`is an API key in ${scheme.in}, which this client does not send (header only)`);
    }
    if (typeof value === "string") {
      const problem = headerValueProblem(value);
      if (problem) fail(problem);
    } else if (typeof value !== "function" && !isTokenProvider(value)) {
      fail("must be a string, a function returning the token, or a token provider");
    }
  }
}

/** Picks the first security alternative whose credentials are all configured (spec order). */
export function chooseSchemes(
  meta: OperationMeta,
  auth: AuthConfig | undefined,
): readonly string[] | undefined {
  if (meta.security.length === 0) return [];
  for (const alternative of meta.security) {
    if (alternative.every((name) => auth?.[name] !== undefined && auth[name] !== null)) return alternative;
  }
  return undefined;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * Refuses to send secrets (credentials, or secret fields of the request or response) over plain
 * http:// to a host that is not loopback, unless the client allows it.
 */
export function assertSecureTarget(
  url: URL,
  init: { provider: ProviderName; operationId: string; allowInsecureHttp: boolean; what: string },
): void {
  if (url.protocol !== "http:" || LOOPBACK.test(url.hostname) || init.allowInsecureHttp) return;
  throw new InsecureTransportError(
    `Refusing to send ${init.what} for ${init.operationId} over plain http:// to ${url.host}; use https:// or create the client with \`allowInsecureHttp: true\``,
    { provider: init.provider, operationId: init.operationId },
  );
}

const NO_CREDENTIALS: ResolvedCredentials = Object.freeze({
  headers: [],
  secrets: [],
  providers: [],
}) as unknown as ResolvedCredentials;

/**
 * Resolves the credentials an operation needs, choosing by its security alternatives: fixed values
 * at once, token sources and providers by asking them. Throws before any I/O when none is configured.
 */
export function resolveCredentials(init: {
  provider: ProviderName;
  meta: OperationMeta;
  schemes: Readonly<Record<string, SecuritySchemeMeta>>;
  auth: AuthConfig | undefined;
  signal?: AbortSignal | undefined;
  environmentVariables?: string[] | undefined;
}): ResolvedCredentials | Promise<ResolvedCredentials> {
  const chosen = chooseSchemes(init.meta, init.auth);
  if (chosen === undefined) {
    throw new MissingCredentialError({
      provider: init.provider,
      operationId: init.meta.operationId,
      acceptedSchemes: init.meta.security.map((alt) => [...alt]),
      environmentVariables: init.environmentVariables,
    });
  }
  if (chosen.length === 0) return NO_CREDENTIALS;
  const resolved: ResolvedCredentials = { headers: [], secrets: [], providers: [] };
  const pending: Promise<void>[] = [];
  for (const name of chosen) {
    const scheme = init.schemes[name];
    const value = init.auth?.[name];
    if (!scheme || value === undefined || value === null) continue;
    if (scheme.kind === "basic") {
      const basic = value as BasicCredentials;
      const header = basicHeader(basic);
      resolved.headers.push(["authorization", header]);
      resolved.secrets.push(header, `${basic.username}:${basic.password}`, basic.password);
      continue;
    }
    const headerName = scheme.kind === "bearer" ? "authorization" : scheme.name;
    const prefix = scheme.kind === "bearer" ? "Bearer " : "";
    const put = (token: string) => {
      resolved.headers.push([headerName, `${prefix}${token}`]);
      resolved.secrets.push(token);
    };
    if (typeof value === "string") put(value);
    else pending.push(readToken(name, value as TokenCredential, init.signal, resolved).then(put));
  }
  // Fixed credentials cost no promise; only token sources make the call wait.
  return pending.length === 0 ? resolved : Promise.all(pending).then(() => resolved);
}

async function readToken(
  scheme: string,
  credential: TokenCredential,
  signal: AbortSignal | undefined,
  resolved: ResolvedCredentials,
): Promise<string> {
  let token: unknown;
  try {
    token =
      typeof credential === "function"
        ? await (credential as () => string | Promise<string>)()
        : await (credential as TokenProvider).getToken(signal ? { signal } : {});
  } catch (cause) {
    if (cause instanceof IdClientsError) throw cause;
    // A user-supplied source failed: report it typed, keeping the original as `cause` for debugging.
    throw new TokenError(`Could not read the token for "${scheme}"`, { cause });
  }
  if (typeof token !== "string" || token === "") {
    throw new TokenError(`The token source for "${scheme}" returned no token`);
  }
  const problem = headerValueProblem(token);
  if (problem) throw new TokenError(`The token for "${scheme}" ${problem}; it was not sent`);
  if (typeof credential !== "function") {
    resolved.providers.push({ provider: credential as TokenProvider, token });
  }
  return token;
}
