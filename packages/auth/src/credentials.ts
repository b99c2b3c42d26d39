import { IdClientsError, InsecureTransportError, MissingCredentialError, TokenError } from "./errors.js";
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

/** A credential ready to go on one request, and how to report it rejected. */
export interface AppliedCredential {
  /** The secret values sent, so that they can be scrubbed from anything the server echoes back. */
  secrets: string[];
  /** Token providers whose tokens went out, with the token each gave. */
  providers: { provider: TokenProvider; token: string }[];
}

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

/** Base64 of the UTF-8 bytes of `text` (btoa alone only takes Latin-1). */
function base64Utf8(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
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

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

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

/**
 * Puts the credentials an operation needs on `request`, choosing by the operation's security
 * alternatives. Throws before any I/O when none is configured or the transport would leak them.
 */
export async function applyCredentials(
  request: Request,
  init: {
    provider: ProviderName;
    meta: OperationMeta;
    schemes: Readonly<Record<string, SecuritySchemeMeta>>;
    auth: AuthConfig | undefined;
    allowInsecureHttp: boolean;
    signal?: AbortSignal;
  },
): Promise<AppliedCredential> {
  const applied: AppliedCredential = { secrets: [], providers: [] };
  const chosen = chooseSchemes(init.meta, init.auth);
  if (chosen === undefined) {
    throw new MissingCredentialError({
      provider: init.provider,
      operationId: init.meta.operationId,
      acceptedSchemes: init.meta.security.map((alt) => [...alt]),
    });
  }
  if (chosen.length === 0) return applied;

  const url = request.url.startsWith("http:") ? new URL(request.url) : undefined;
  if (url && !LOOPBACK.test(url.hostname) && !init.allowInsecureHttp) {
    throw new InsecureTransportError(
      `Refusing to send credentials for ${init.meta.operationId} over plain http:// to ${url.host}; use https:// or create the client with \`allowInsecureHttp: true\``,
      { provider: init.provider, operationId: init.meta.operationId },
    );
  }

  for (const name of chosen) {
    const scheme = init.schemes[name];
    const value = init.auth?.[name];
    if (!scheme || value === undefined) continue;
    if (scheme.kind === "basic") {
      if (!isBasic(value)) throw new TypeError(`auth["${name}"] must be { username, password }`);
      applied.secrets.push(value.password);
      request.headers.set("authorization", basicHeader(value));
      continue;
    }
    const token = await resolveToken(name, value as TokenCredential, init.signal, applied);
    applied.secrets.push(token);
    if (scheme.kind === "bearer") request.headers.set("authorization", `Bearer ${token}`);
    else if (scheme.in === "header") request.headers.set(scheme.name, token);
    else throw new TypeError(`API keys in ${scheme.in} are not supported (scheme "${name}")`);
  }
  return applied;
}

async function resolveToken(
  scheme: string,
  credential: TokenCredential,
  signal: AbortSignal | undefined,
  applied: AppliedCredential,
): Promise<string> {
  if (typeof credential === "string") return credential;
  if (typeof credential !== "function" && !isTokenProvider(credential)) {
    throw new TypeError(`auth["${scheme}"] must be a string, a function or a token provider`);
  }
  let token: unknown;
  try {
    token =
      typeof credential === "function"
        ? await credential()
        : await credential.getToken(signal ? { signal } : {});
  } catch (cause) {
    if (cause instanceof IdClientsError) throw cause;
    // A user-supplied source failed: report it typed, keeping the original as `cause` for debugging.
    throw new TokenError(`Could not read the token for "${scheme}"`, { cause });
  }
  if (typeof token !== "string" || token === "") {
    throw new TokenError(`The token source for "${scheme}" returned no token`);
  }
  if (typeof credential !== "function") applied.providers.push({ provider: credential, token });
  return token;
}
