import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  importSPKI,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import picomatch from "picomatch";
import {
  type Dialect,
  type FailureInfo,
  type FakeRequest,
  type FakeServer,
  type RateLimitOptions,
  type Reply,
  randomId,
  randomUUID,
  readBearer,
  type SchemaError,
  startFake,
} from "./engine.js";
import { infisicalSpec } from "./generated/infisical-spec.js";
import { fetchJwks, verificationMessage } from "./keys.js";
import { isLoopbackUrl } from "./net.js";

/** A stored trusted-IP entry (CIDR split into address and prefix). */
export interface InfisicalTrustedIp {
  /** The address, or the network address of a CIDR. */
  ipAddress: string;
  /** The address family. */
  type: "ipv4" | "ipv6";
  /** The CIDR prefix length; absent for a single address. */
  prefix?: number;
}

/** A JWT Auth configuration as the fake stores it. */
export interface InfisicalJwtAuthRecord {
  /** The configuration's UUID. */
  id: string;
  /** The machine identity it belongs to. */
  identityId: string;
  /** `jwks`: keys from `jwksUrl`; `static`: the PEM `publicKeys`. */
  configurationType: "jwks" | "static";
  /** JWKS endpoint (`""` for `static`). */
  jwksUrl: string;
  /** PEM CA certificate for the JWKS endpoint's TLS, or `""`. */
  jwksCaCert: string;
  /** PEM public keys (for `static`). */
  publicKeys: string[];
  /** The `iss` a login JWT must carry exactly (`""`: any). */
  boundIssuer: string;
  /** Allowed audiences, `", "`-separated globs (`""`: any). */
  boundAudiences: string;
  /** Claims (dot paths) and their allowed values, `", "`-separated globs. */
  boundClaims: Record<string, string>;
  /** Allowed `sub`, a glob (`""`: any). */
  boundSubject: string;
  /** Lifetime of issued access tokens, seconds. */
  accessTokenTTL: number;
  /** Maximum lifetime of issued access tokens, seconds. */
  accessTokenMaxTTL: number;
  /** How often an access token may be used (0: no limit). */
  accessTokenNumUsesLimit: number;
  /** Always 0: not settable through the JWT Auth routes. */
  accessTokenPeriod: number;
  /** Where access tokens may be used from. */
  accessTokenTrustedIps: InfisicalTrustedIp[];
  /** Creation time, ISO 8601. */
  createdAt: string;
  /** Time of the last change, ISO 8601. */
  updatedAt: string;
}

/** An access token the fake issued (the token text itself is not kept). */
export interface InfisicalIssuedToken {
  /** The token's id (its `identityAccessTokenId` claim). */
  id: string;
  /** The identity it was issued to. */
  identityId: string;
  /** `jwt-auth` for logins, `admin` for tokens from `issueAdminToken`. */
  source: "jwt-auth" | "admin";
  /** When it expires; undefined for no expiry. */
  expiresAt: Date | undefined;
  /** How often it was used. */
  uses: number;
  /** How often it may be used (0: no limit). */
  numUsesLimit: number;
  /** Whether it was revoked (`revokeToken`, or its JWT Auth was removed). */
  revoked: boolean;
}

/** Options of `startInfisical`. */
export interface InfisicalFakeOptions {
  /** Rate limiter settings (default 1000 requests per 60 s, read and write windows apart). */
  rateLimit?: RateLimitOptions;
  /** Lifetime of `adminToken` in seconds (default 3600). */
  adminTokenLifetimeSeconds?: number;
  /**
   * Fetch JWKS documents from non-loopback hosts too (default false: a login whose `jwksUrl` is not
   * on 127.0.0.1 / localhost / ::1 fails like an unreachable JWKS, with a 500).
   */
  allowRemoteJwks?: boolean;
  /** Refuse loopback and private `jwksUrl`s like Infisical Cloud does (default false, so local issuers work). */
  blockLocalJwksUrls?: boolean;
  /**
   * Echo what each failing request carried (`Authorization`, the login's `jwt`) in `message` (as one
   * more issue when `message` is a 422's issue list) and in `x-echo-*` / `WWW-Authenticate` headers, so
   * that tests can prove a client scrubs them (default false).
   */
  echoCredentials?: boolean;
  /** Serve CORS, so that a page of another origin (a browser test) can call the fake (default false). */
  cors?: boolean;
}

/** A machine identity of the fake. */
export interface InfisicalIdentity {
  /** The identity's UUID (`identityId` in the API). */
  id: string;
  /** Display name. */
  name: string;
  /** Sub-organization slugs a login may be scoped to with `organizationSlug`. */
  subOrganizations: string[];
}

export interface InfisicalFake extends FakeServer {
  /** A management token (like a user session) valid for the management routes: `auth: { bearerAuth: fake.adminToken }`. */
  readonly adminToken: string;
  /** Issues another management token, optionally short-lived (for expiry tests). */
  issueAdminToken(options?: { expiresInSeconds?: number }): Promise<string>;
  /** Creates a machine identity and returns it; JWT Auth can then be attached to `identity.id`. */
  createIdentity(options?: { name?: string; subOrganizations?: string[] }): InfisicalIdentity;
  /** The machine identities created so far. */
  identities(): InfisicalIdentity[];
  /** The JWT Auth configuration of an identity, if any. */
  jwtAuth(identityId: string): InfisicalJwtAuthRecord | undefined;
  /** Access tokens issued so far. */
  issuedTokens(): InfisicalIssuedToken[];
  /** Makes an access token unusable (by its id, the `identityAccessTokenId` claim). */
  revokeToken(id: string): void;
}

interface Principal {
  tokenId: string;
  identityId: string;
}

const DEFAULT_TRUSTED_IPS = [{ ipAddress: "0.0.0.0/0" }, { ipAddress: "::/0" }];

/**
 * Whether a token value matches one bound value (a bound subject, one audience or one value of a bound
 * claim), as Infisical decides it: equal, or a glob match by picomatch with `{ bash: true }` — the
 * library and options Infisical's server calls (`doesFieldValueMatchJwtPolicy` in
 * `identity-jwt-auth-fns.ts`). With `bash`, `*` also crosses `/`, so `repo:org/*` admits
 * `repo:org/a/b`; braces (`{web,api}`), classes (`[ab]pi`) and extglobs (`!(x)`) work as in bash.
 *
 * @example
 * globMatch("repo:org/*:ref:refs/heads/main", "repo:org/web:ref:refs/heads/main"); // true
 */
export function globMatch(pattern: string, value: string): boolean {
  return value === pattern || picomatch.isMatch(value, pattern, { bash: true });
}

/**
 * A claim value against one bound value, by the claim's JSON type as Infisical compares it: a boolean
 * equals `"true"` or not, a number equals the bound value's leading integer, a string is a glob match.
 * Arrays are matched element by element (Infisical's server answers them with 500 today; the fake
 * follows the open fix for Kubernetes-style `aud` arrays instead).
 */
function claimMatches(value: unknown, pattern: string): boolean {
  if (Array.isArray(value)) return value.some((item) => claimMatches(item, pattern));
  if (typeof value === "boolean") return value === (pattern === "true");
  if (typeof value === "number") return value === Number.parseInt(pattern, 10);
  return globMatch(pattern, String(value));
}

/**
 * Splits a comma-separated list of bound values as Infisical does when it stores one: commas inside a
 * brace pair (`{web,api}`) belong to the glob, a backslash escapes a brace, entries are trimmed and
 * empty ones dropped.
 */
function splitBoundValues(value: string): string[] {
  // Braces that have a partner: an unmatched `{` is an ordinary character and does not hide commas.
  const paired = new Set<number>();
  const open: number[] = [];
  for (let index = 0, escaped = false; index < value.length; index += 1) {
    const char = value[index];
    if (!escaped && char === "{") open.push(index);
    else if (!escaped && char === "}" && open.length > 0) paired.add(open.pop() as number);
    escaped = char === "\\" && !escaped;
  }
  const parts: string[] = [];
  let current = "";
  let depth = 0;
  for (let index = 0, escaped = false; index < value.length; index += 1) {
    const char = value[index] as string;
    if (!escaped && char === "{" && paired.has(index)) depth += 1;
    else if (!escaped && char === "}" && depth > 0) depth -= 1;
    if (char === "," && depth === 0) {
      parts.push(current);
      current = "";
    } else current += char;
    escaped = char === "\\" && !escaped;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== "");
}

/** A list of bound values as Infisical stores it: split as above, re-joined with ", ". */
function normaliseList(value: string): string {
  return splitBoundValues(value).join(", ");
}

function parseTrustedIp(input: string): InfisicalTrustedIp {
  const [address = "", prefix] = input.split("/");
  const type = address.includes(":") ? "ipv6" : "ipv4";
  return prefix === undefined
    ? { ipAddress: address, type }
    : { ipAddress: address, type, prefix: Number(prefix) };
}

/** Where a value sits in the zod-style `path` array. */
function issuePath(instancePath: string, extra?: string): (string | number)[] {
  const parts = instancePath
    .split("/")
    .slice(2)
    .filter((part) => part !== "")
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, "/").replace(/~0/g, "~")));
  return extra === undefined ? parts : [...parts, extra];
}

function typeName(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "float";
  return typeof value;
}

/** Turns Ajv errors into issues shaped like zod 3's, which Infisical sends in a 422. */
export function zodIssues(errors: SchemaError[], body: unknown, schema: unknown): Record<string, unknown>[] {
  const issues: Record<string, unknown>[] = [];
  // The request bodies are unions picked by `configurationType`: report only the chosen branch.
  const union =
    (schema as { oneOf?: unknown[]; discriminator?: { propertyName?: string } } | undefined) ?? {};
  if (Array.isArray(union.oneOf) && union.discriminator?.propertyName) {
    const property = union.discriminator.propertyName;
    const value = (body as Record<string, unknown> | undefined)?.[property];
    const options = union.oneOf.map((branch) => branchValue(branch, property));
    const branch = options.indexOf(typeof value === "string" ? value : undefined);
    if (branch < 0) {
      return [
        {
          code: "invalid_union_discriminator",
          options,
          path: [property],
          message: `Invalid discriminator value. Expected ${options.map((option) => `'${option}'`).join(" | ")}`,
        },
      ];
    }
    errors = errors.filter(
      (error) =>
        !error.schemaPath.startsWith("#/properties/requestBody/oneOf") ||
        error.schemaPath.startsWith(`#/properties/requestBody/oneOf/${branch}/`),
    );
  }
  for (const error of errors) {
    if (error.keyword === "oneOf" || error.keyword === "anyOf" || error.keyword === "allOf") continue;
    const params = error.params;
    switch (error.keyword) {
      case "required": {
        const missing = String(params.missingProperty);
        const property = (error.parentSchema?.properties as Record<string, { type?: unknown }> | undefined)?.[
          missing
        ];
        issues.push({
          code: "invalid_type",
          expected: typeof property?.type === "string" ? property.type : "string",
          received: "undefined",
          path: missing === "requestBody" ? [] : issuePath(error.instancePath, missing),
          message: "Required",
        });
        break;
      }
      case "type": {
        const expected = String(params.type);
        const received = typeName(error.data);
        issues.push({
          code: "invalid_type",
          expected,
          received,
          path: issuePath(error.instancePath),
          message: `Expected ${expected}, received ${received}`,
        });
        break;
      }
      case "minimum":
      case "maximum": {
        const big = error.keyword === "maximum";
        const limit = Number(params.limit);
        issues.push({
          code: big ? "too_big" : "too_small",
          [big ? "maximum" : "minimum"]: limit,
          type: "number",
          inclusive: true,
          exact: false,
          message: `Number must be ${big ? "less" : "greater"} than or equal to ${limit}`,
          path: issuePath(error.instancePath),
        });
        break;
      }
      case "minItems":
      case "minLength":
      case "maxLength": {
        const big = error.keyword === "maxLength";
        const limit = Number(params.limit);
        const type = error.keyword === "minItems" ? "array" : "string";
        const unit = type === "array" ? "element(s)" : "character(s)";
        issues.push({
          code: big ? "too_big" : "too_small",
          [big ? "maximum" : "minimum"]: limit,
          type,
          inclusive: true,
          exact: false,
          message: `${type === "array" ? "Array" : "String"} must contain ${big ? "at most" : "at least"} ${limit} ${unit}`,
          path: issuePath(error.instancePath),
        });
        break;
      }
      case "format":
        issues.push({
          validation: params.format === "uri" ? "url" : String(params.format),
          code: "invalid_string",
          message: params.format === "uri" ? "Invalid url" : `Invalid ${String(params.format)}`,
          path: issuePath(error.instancePath),
        });
        break;
      case "enum":
      case "const": {
        const options = (params.allowedValues as unknown[] | undefined) ?? [params.allowedValue];
        issues.push({
          code: "invalid_enum_value",
          options,
          received: error.data,
          path: issuePath(error.instancePath),
          message: `Invalid enum value. Expected ${options.map((option) => `'${String(option)}'`).join(" | ")}, received '${String(error.data)}'`,
        });
        break;
      }
      case "additionalProperties":
        issues.push({
          code: "unrecognized_keys",
          keys: [params.additionalProperty],
          path: issuePath(error.instancePath),
          message: `Unrecognized key(s) in object: '${String(params.additionalProperty)}'`,
        });
        break;
      default:
        issues.push({
          code: "custom",
          path: issuePath(error.instancePath),
          message: error.message ?? "Invalid input",
        });
    }
  }
  // allOf branches can report the same problem twice.
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function branchValue(branch: unknown, property: string): string | undefined {
  const search = (node: unknown): string | undefined => {
    if (node === null || typeof node !== "object") return undefined;
    const record = node as Record<string, unknown>;
    const prop = (record.properties as Record<string, { enum?: unknown[]; const?: unknown }> | undefined)?.[
      property
    ];
    const candidate = prop?.const ?? prop?.enum?.[0];
    if (typeof candidate === "string") return candidate;
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      const list = record[key];
      if (Array.isArray(list)) {
        for (const item of list) {
          const found = search(item);
          if (found) return found;
        }
      }
    }
    return undefined;
  };
  return search(branch);
}

/** Starts a fake of Infisical's machine-identity JWT Auth endpoints. */
export async function startInfisical(options: InfisicalFakeOptions = {}): Promise<InfisicalFake> {
  const secret = crypto.getRandomValues(new Uint8Array(32));
  const identities = new Map<string, InfisicalIdentity>();
  const configs = new Map<string, InfisicalJwtAuthRecord>();
  const tokens = new Map<string, InfisicalIssuedToken>();

  const reqId = () => `req-${randomId(14)}`;

  async function issueToken(
    identityId: string,
    source: InfisicalIssuedToken["source"],
    ttl: number,
    numUsesLimit: number,
  ): Promise<string> {
    const id = randomUUID();
    const jwt = new SignJWT({ identityId, identityAccessTokenId: id, authTokenType: "identityAccessToken" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setIssuedAt();
    // A TTL of 0 means the token has no expiry of its own (a negative one, from tests, is already expired).
    if (ttl !== 0) jwt.setExpirationTime(Math.floor(Date.now() / 1000) + ttl);
    tokens.set(id, {
      id,
      identityId,
      source,
      expiresAt: ttl !== 0 ? new Date(Date.now() + ttl * 1000) : undefined,
      uses: 0,
      numUsesLimit,
      revoked: false,
    });
    return jwt.sign(secret);
  }

  function error(
    status: number,
    errorName: string,
    message: string,
    extra: Record<string, unknown> = {},
  ): Reply {
    return { status, body: { reqId: reqId(), statusCode: status, message, error: errorName, ...extra } };
  }

  function failure(status: number, info: FailureInfo): Reply {
    const names: Record<number, string> = {
      400: "BadRequest",
      401: "UnauthorizedError",
      403: "ForbiddenError",
      404: "NotFound",
      422: "ValidationFailure",
      429: "RateLimitExceeded",
    };
    const reply = error(
      status,
      names[status] ?? (status >= 500 ? "InternalServerError" : "Error"),
      status >= 500 ? "Something went wrong" : info.detail,
    );
    return { ...reply, headers: info.headers };
  }

  function storedConfig(config: InfisicalJwtAuthRecord) {
    return {
      ...config,
      boundClaims: { ...config.boundClaims },
      accessTokenTrustedIps: [...config.accessTokenTrustedIps],
    };
  }

  /** GET and PATCH rebuild publicKeys from the stored comma-joined blob, so "no keys" reads as [""]. */
  function readBack(config: InfisicalJwtAuthRecord) {
    const out = storedConfig(config);
    return { ...out, publicKeys: config.publicKeys.length === 0 ? [""] : [...config.publicKeys] };
  }

  function withoutKeyMaterial(config: InfisicalJwtAuthRecord) {
    const { jwksCaCert: _ca, publicKeys: _keys, ...rest } = storedConfig(config);
    return rest;
  }

  function checkTtl(ttl: number, maxTtl: number): Reply | undefined {
    if (maxTtl > 0 && ttl > maxTtl)
      return error(400, "BadRequest", "Access token TTL cannot be greater than max TTL");
    return undefined;
  }

  function checkJwksUrl(configurationType: string, jwksUrl: string): Reply | undefined {
    if (configurationType !== "jwks" || !options.blockLocalJwksUrls) return undefined;
    try {
      if (isLoopbackUrl(new URL(jwksUrl))) return error(400, "BadRequest", "Local IPs not allowed as URL");
    } catch {
      return undefined;
    }
    return undefined;
  }

  function normaliseClaims(claims: Record<string, string> | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(claims ?? {})) out[key] = normaliseList(String(value));
    return out;
  }

  function loginError(status: 401 | 403, message: string): Reply {
    return error(status, status === 401 ? "UnauthorizedError" : "ForbiddenError", message);
  }

  async function verifyLoginJwt(
    config: InfisicalJwtAuthRecord,
    jwt: string,
  ): Promise<{ ok: true; claims: JWTPayload } | { ok: false; reply: Reply }> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jwt);
      decodeJwt(jwt);
    } catch {
      return { ok: false, reply: loginError(401, "Invalid JWT") };
    }
    if (config.configurationType === "jwks") {
      const url = new URL(config.jwksUrl);
      const fetched =
        options.allowRemoteJwks || isLoopbackUrl(url)
          ? await fetchJwks(config.jwksUrl)
          : ({ ok: false, reason: "fetch-failed", detail: "remote JWKS disabled in the fake" } as const);
      // An unreachable JWKS or an unknown kid is not one of Infisical's error classes: a generic 500.
      if (!fetched.ok) return { ok: false, reply: error(500, "InternalServerError", "Something went wrong") };
      const known = fetched.jwks.keys.some((key) => header.kid === undefined || key.kid === header.kid);
      if (!known) return { ok: false, reply: error(500, "InternalServerError", "Something went wrong") };
      try {
        const { payload } = await jwtVerify(jwt, createLocalJWKSet(fetched.jwks));
        return { ok: true, claims: payload };
      } catch (cause) {
        return { ok: false, reply: loginError(401, `Access denied: ${verificationMessage(cause)}`) };
      }
    }
    const failures: string[] = [];
    for (const pem of config.publicKeys) {
      try {
        const key = await importSPKI(pem, header.alg ?? "RS256");
        const { payload } = await jwtVerify(jwt, key);
        return { ok: true, claims: payload };
      } catch (cause) {
        failures.push(verificationMessage(cause));
      }
    }
    return {
      ok: false,
      reply: loginError(
        401,
        `Access denied: JWT verification failed with all keys. Errors - ${failures.join("; ")}`,
      ),
    };
  }

  function claimAt(claims: JWTPayload, path: string): unknown {
    let value: unknown = claims;
    for (const key of path.split(".")) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  function checkBindings(config: InfisicalJwtAuthRecord, claims: JWTPayload): Reply | undefined {
    if (config.boundIssuer !== "" && claims.iss !== config.boundIssuer) {
      return loginError(403, "Access denied: issuer mismatch");
    }
    if (config.boundSubject !== "") {
      if (!claims.sub) return loginError(401, "Access denied: token has no subject field");
      if (!claimMatches(claims.sub, config.boundSubject))
        return loginError(403, "Access denied: subject not allowed");
    }
    if (config.boundAudiences !== "") {
      if (!claims.aud) return loginError(401, "Access denied: token has no audience field");
      // Login splits the stored list on ", " (not with the brace-aware splitter), as Infisical does.
      const allowed = config.boundAudiences.split(", ");
      if (!allowed.some((pattern) => claimMatches(claims.aud, pattern))) {
        return loginError(401, "Access denied: token audience not allowed");
      }
    }
    for (const [name, allowedList] of Object.entries(config.boundClaims)) {
      const value = claimAt(claims, name);
      // Infisical tests the value for truthiness, so `false`, `0` and "" count as missing.
      if (!value) return loginError(401, `Access denied: token has no ${name} field`);
      if (!allowedList.split(", ").some((pattern) => claimMatches(value, pattern))) {
        return loginError(401, `Access denied: claim mismatch for field ${name}`);
      }
    }
    return undefined;
  }

  const requestSchemaOf = (request: FakeRequest, operation: { requestBody?: unknown }) => {
    const content = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)
      ?.content;
    const type =
      (request.headers["content-type"] ?? "application/json").split(";")[0]?.trim() ?? "application/json";
    return content?.[type]?.schema ?? content?.["application/json"]?.schema;
  };

  const dialect = (): Dialect<Principal> => {
    return {
      failure: (status, info) => failure(status, info),
      withEcho: (reply, echo) => {
        if (reply.body === undefined) return error(reply.status, "Error", echo).body;
        const body = reply.body as { message?: unknown };
        if (body === null || typeof body !== "object" || Array.isArray(body)) return reply.body;
        if (Array.isArray(body.message)) {
          return { ...body, message: [...body.message, { code: "custom", path: [], message: echo }] };
        }
        return { ...body, message: typeof body.message === "string" ? `${body.message} ${echo}` : echo };
      },
      // Fastify's own not-found body, which carries no reqId.
      unknownRoute: (request) => ({
        status: 404,
        body: {
          message: `Route ${request.method}:${request.path} not found`,
          error: "Not Found",
          statusCode: 404,
        },
      }),
      // Body-parser errors are not Infisical error classes: they end up as a generic 500.
      unparseableBody: () => error(500, "InternalServerError", "Something went wrong"),
      invalid: (errors, request, operation) =>
        error(422, "ValidationFailure", "", {
          message: zodIssues(errors, request.body, requestSchemaOf(request, operation)),
        }),
      unauthorized: (auth) => {
        const outcome = auth.bearerAuth;
        if (!outcome || (!outcome.ok && outcome.reason === "missing")) {
          return error(401, "UnauthorizedError", "Token missing");
        }
        if (!outcome.ok && outcome.reason === "revoked")
          return error(401, "UnauthorizedError", outcome.detail);
        return error(403, "TokenError", outcome.ok ? "Unexpected token state" : outcome.detail);
      },
      rateLimitBucket: (request) => (request.method === "GET" ? "read" : "write"),
      rateLimitHeaders: (_request, state) => ({
        "x-ratelimit-limit": String(state.limit),
        "x-ratelimit-remaining": String(state.remaining),
        "x-ratelimit-reset": String(state.resetSeconds),
      }),
      securityHandlers: {
        bearerAuth: async (request) => {
          const token = readBearer(request.headers);
          if (!token) return { ok: false, reason: "missing", detail: "Token missing" };
          try {
            const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"] });
            const issued = tokens.get(String(payload.identityAccessTokenId));
            if (!issued || issued.revoked) {
              return { ok: false, reason: "revoked", detail: "Failed to authenticate identity access token" };
            }
            if (issued.numUsesLimit > 0 && issued.uses >= issued.numUsesLimit) {
              return { ok: false, reason: "revoked", detail: "Access token has reached its usage limit" };
            }
            issued.uses += 1;
            return { ok: true, principal: { tokenId: issued.id, identityId: issued.identityId } };
          } catch (cause) {
            const code = (cause as { code?: string }).code;
            if (code === "ERR_JWT_EXPIRED") {
              return {
                ok: false,
                reason: "expired",
                detail: "Your token has expired. Please re-authenticate.",
              };
            }
            if (code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED") {
              return { ok: false, reason: "invalid", detail: "invalid signature" };
            }
            if (code === "ERR_JOSE_ALG_NOT_ALLOWED") {
              return {
                ok: false,
                reason: "invalid",
                detail:
                  "The access token is signed with an invalid algorithm. Please use a valid token or generate a new one and try again.",
              };
            }
            return {
              ok: false,
              reason: "malformed",
              detail:
                "The provided access token is malformed. Please use a valid token or generate a new one and try again.",
            };
          }
        },
      },
      handlers: {
        loginWithJwtAuth: async ({ request }) => {
          const body = request.body as { identityId: string; jwt: string; organizationSlug?: string };
          const identityId = body.identityId.trim();
          const config = configs.get(identityId);
          if (!config)
            return error(
              404,
              "NotFound",
              "JWT auth method not found for identity, did you configure JWT auth?",
            );
          const identity = identities.get(identityId);
          if (!identity) return error(401, "UnauthorizedError", "Identity not found");
          const verified = await verifyLoginJwt(config, body.jwt.trim());
          if (!verified.ok) return verified.reply;
          const bindingProblem = checkBindings(config, verified.claims);
          if (bindingProblem) return bindingProblem;
          const slug = body.organizationSlug?.trim();
          if (slug && !identity.subOrganizations.includes(slug)) {
            return error(404, "NotFound", `Sub organization with slug ${slug} not found`);
          }
          const accessToken = await issueToken(
            identityId,
            "jwt-auth",
            config.accessTokenTTL,
            config.accessTokenNumUsesLimit,
          );
          return {
            status: 200,
            body: {
              accessToken,
              expiresIn: config.accessTokenTTL,
              accessTokenMaxTTL: config.accessTokenMaxTTL,
              tokenType: "Bearer",
            },
          };
        },
        attachJwtAuth: ({ params, request }) => {
          const identityId = String(params.identityId).trim();
          if (!identities.has(identityId))
            return error(404, "NotFound", `Identity with ID ${identityId} not found`);
          if (configs.has(identityId)) {
            return error(400, "BadRequest", "Failed to add JWT Auth to already configured identity");
          }
          const body = request.body as Record<string, unknown>;
          const configurationType = body.configurationType as "jwks" | "static";
          const ttl = (body.accessTokenTTL as number | undefined) ?? 2592000;
          const maxTtl = (body.accessTokenMaxTTL as number | undefined) ?? 2592000;
          const jwksUrl =
            configurationType === "jwks" ? String(body.jwksUrl).trim() : String(body.jwksUrl ?? "").trim();
          const problem = checkTtl(ttl, maxTtl) ?? checkJwksUrl(configurationType, jwksUrl);
          if (problem) return problem;
          const created = new Date().toISOString();
          const config: InfisicalJwtAuthRecord = {
            id: randomUUID(),
            identityId,
            configurationType,
            jwksUrl,
            jwksCaCert: String(body.jwksCaCert ?? ""),
            publicKeys: [...((body.publicKeys as string[] | undefined) ?? [])],
            boundIssuer: String(body.boundIssuer ?? "").trim(),
            boundAudiences: normaliseList(String(body.boundAudiences ?? "")),
            boundClaims: normaliseClaims(body.boundClaims as Record<string, string>),
            boundSubject: String(body.boundSubject ?? "").trim(),
            accessTokenTTL: ttl,
            accessTokenMaxTTL: maxTtl,
            accessTokenNumUsesLimit: (body.accessTokenNumUsesLimit as number | undefined) ?? 0,
            accessTokenPeriod: 0,
            accessTokenTrustedIps: (
              (body.accessTokenTrustedIps as { ipAddress: string }[] | undefined) ?? DEFAULT_TRUSTED_IPS
            ).map((entry) => parseTrustedIp(entry.ipAddress)),
            createdAt: created,
            updatedAt: created,
          };
          configs.set(identityId, config);
          // Attach echoes the keys as sent (no [""] quirk here).
          return { status: 200, body: { identityJwtAuth: storedConfig(config) } };
        },
        getJwtAuth: ({ params }) => {
          const identityId = String(params.identityId);
          if (!identities.has(identityId))
            return error(404, "NotFound", `Identity with ID ${identityId} not found`);
          const config = configs.get(identityId);
          if (!config) return error(400, "BadRequest", "The identity does not have JWT Auth attached");
          return { status: 200, body: { identityJwtAuth: readBack(config) } };
        },
        updateJwtAuth: ({ params, request }) => {
          const identityId = String(params.identityId).trim();
          if (!identities.has(identityId))
            return error(404, "NotFound", `Identity with ID ${identityId} not found`);
          const config = configs.get(identityId);
          if (!config) return error(400, "BadRequest", "The identity does not have JWT Auth attached");
          const body = request.body as Record<string, unknown>;
          const configurationType = body.configurationType as "jwks" | "static";
          const ttl = (body.accessTokenTTL as number | undefined) ?? config.accessTokenTTL;
          const maxTtl = (body.accessTokenMaxTTL as number | undefined) ?? config.accessTokenMaxTTL;
          const jwksUrl = String(body.jwksUrl ?? "").trim();
          const problem = checkTtl(ttl, maxTtl) ?? checkJwksUrl(configurationType, jwksUrl);
          if (problem) return problem;
          // Branch fields left out are reset to their defaults; the other fields keep their values.
          config.configurationType = configurationType;
          config.jwksUrl = jwksUrl;
          config.jwksCaCert = String(body.jwksCaCert ?? "");
          config.publicKeys = [...((body.publicKeys as string[] | undefined) ?? [])];
          if (body.boundIssuer !== undefined) config.boundIssuer = String(body.boundIssuer).trim();
          if (body.boundAudiences !== undefined)
            config.boundAudiences = normaliseList(String(body.boundAudiences));
          if (body.boundClaims !== undefined)
            config.boundClaims = normaliseClaims(body.boundClaims as Record<string, string>);
          if (body.boundSubject !== undefined) config.boundSubject = String(body.boundSubject).trim();
          if (body.accessTokenTrustedIps !== undefined) {
            config.accessTokenTrustedIps = (body.accessTokenTrustedIps as { ipAddress: string }[]).map(
              (entry) => parseTrustedIp(entry.ipAddress),
            );
          }
          config.accessTokenTTL = ttl;
          config.accessTokenMaxTTL = maxTtl;
          if (body.accessTokenNumUsesLimit !== undefined) {
            config.accessTokenNumUsesLimit = body.accessTokenNumUsesLimit as number;
          }
          config.updatedAt = new Date().toISOString();
          return { status: 200, body: { identityJwtAuth: readBack(config) } };
        },
        deleteJwtAuth: ({ params }) => {
          const identityId = String(params.identityId);
          if (!identities.has(identityId))
            return error(404, "NotFound", `Identity with ID ${identityId} not found`);
          const config = configs.get(identityId);
          if (!config) return error(400, "BadRequest", "The identity does not have JWT Auth attached");
          configs.delete(identityId);
          // Removing JWT Auth revokes every access token the identity got through it.
          for (const token of tokens.values()) {
            if (token.identityId === identityId && token.source === "jwt-auth") token.revoked = true;
          }
          return { status: 200, body: { identityJwtAuth: withoutKeyMaterial(config) } };
        },
      },
    };
  };

  const fake = await startFake<Principal>({
    name: "infisical",
    spec: infisicalSpec,
    rateLimit: options.rateLimit,
    echoCredentials: options.echoCredentials,
    cors: options.cors,
    dialect,
  });
  const adminIdentity = randomUUID();
  const adminLifetime = options.adminTokenLifetimeSeconds ?? 3600;
  const adminToken = await issueToken(adminIdentity, "admin", adminLifetime, 0);

  return {
    url: fake.url,
    close: fake.close,
    faults: fake.faults,
    requests: fake.requests,
    rateLimit: fake.rateLimit,
    adminToken,
    issueAdminToken: (issueOptions = {}) =>
      issueToken(adminIdentity, "admin", issueOptions.expiresInSeconds ?? adminLifetime, 0),
    createIdentity: (identityOptions = {}) => {
      const identity: InfisicalIdentity = {
        id: randomUUID(),
        name: identityOptions.name ?? `machine-${randomId(6).toLowerCase()}`,
        subOrganizations: [...(identityOptions.subOrganizations ?? [])],
      };
      identities.set(identity.id, identity);
      return { ...identity, subOrganizations: [...identity.subOrganizations] };
    },
    identities: () => [...identities.values()].map((identity) => ({ ...identity })),
    jwtAuth: (identityId) => {
      const config = configs.get(identityId);
      return config ? structuredClone(config) : undefined;
    },
    issuedTokens: () => [...tokens.values()].map((token) => ({ ...token })),
    revokeToken: (id) => {
      const token = tokens.get(id);
      if (token) token.revoked = true;
    },
  };
}
