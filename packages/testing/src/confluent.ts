import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from "jose";
import { CelSyntaxError, compileFilter } from "./cel.js";
import {
  type AuthOutcome,
  type Dialect,
  type FailureInfo,
  type FakeRequest,
  type FakeServer,
  type OperationContext,
  type RateLimitOptions,
  type Reply,
  randomId,
  randomUUID,
  readBasic,
  readBearer,
  type SchemaError,
  startFake,
} from "./engine.js";
import { confluentSpec } from "./generated/confluent-spec.js";
import { fetchJwks, SigningKey, verificationMessage } from "./keys.js";
import { isLoopbackUrl } from "./net.js";

/** A Cloud API key as the `cloud-api-key` scheme takes it (key ID as username, secret as password). */
export interface ConfluentApiKey {
  /** The key ID. */
  username: string;
  /** The key secret. */
  password: string;
}

/** An identity provider as the fake stores it. */
export interface ConfluentIdentityProviderRecord {
  /** `op-…`. */
  id: string;
  /** Human-readable name. */
  display_name: string;
  /** Free text. */
  description: string;
  /** Default claim (`claims.<name>`) that names the identity, if set. */
  identity_claim?: string;
  /** The `iss` that subject tokens must carry. */
  issuer: string;
  /** Where the issuer's JWKS is fetched from. */
  jwks_uri: string;
  /** Creation time, RFC 3339. */
  created_at: string;
  /** Time of the last change, RFC 3339. */
  updated_at: string;
  /** The keys cached by the last successful JWKS fetch (full public JWKs). */
  keys: JWK[];
  /** Outcome of the last JWKS fetch: `OK`, `INVALID_JWKS_URI`, `ERROR_FETCHING_JWKS`, or `NEVER_FETCHED`. */
  jwks_status: string;
  /** Time of the last successful JWKS fetch, RFC 3339. */
  jwks_last_refresh_at?: string;
}

/** An identity pool as the fake stores it. */
export interface ConfluentIdentityPoolRecord {
  /** `pool-…`. */
  id: string;
  /** The identity provider the pool belongs to. */
  provider_id: string;
  /** Human-readable name. */
  display_name: string;
  /** Free text. */
  description: string;
  /** The claim (`claims.<name>`) that names the identity of an exchanged token. */
  identity_claim: string;
  /** The CEL expression a subject token's `claims` must satisfy. */
  filter: string;
  /** The pool's principal (its `id`). */
  principal: string;
  /** The `assigned_resource_owner` query parameter of the create request, if any. */
  assigned_resource_owner?: string;
  /** Creation time, RFC 3339. */
  created_at: string;
  /** Time of the last change, RFC 3339. */
  updated_at: string;
}

/** An access token the STS issued (the token text itself is not kept). */
export interface ConfluentIssuedToken {
  /** The token's `jti` claim. */
  jti: string;
  /** The pool it was issued for. */
  pool_id: string;
  /** Value of the pool's identity claim in the subject token. */
  identity: string;
  /** When it expires. */
  expires_at: Date;
  /** Whether it was revoked (`revokeAccessToken`, or its pool or provider was deleted). */
  revoked: boolean;
}

/** Options of `startConfluent`. */
export interface ConfluentFakeOptions {
  /** API keys accepted besides the one created at start (`fake.apiKey`). */
  apiKeys?: ConfluentApiKey[];
  /** Rate limiter settings (default 1000 requests per 60 s). */
  rateLimit?: RateLimitOptions;
  /** Organization id used in CRNs (default: a random UUID). */
  organizationId?: string;
  /**
   * Fetch JWKS documents from non-loopback hosts too (default false: only 127.0.0.1 / localhost / ::1
   * are fetched, anything else is reported as `ERROR_FETCHING_JWKS` without touching the network).
   */
  allowRemoteJwks?: boolean;
  /**
   * Echo what each failing request carried (credentials, `subject_token`) in `errors[0].detail` and in
   * `x-echo-*` / `WWW-Authenticate` headers, so that tests can prove a client scrubs them (default false).
   * A 429 then gets a Failure body too.
   */
  echoCredentials?: boolean;
  /** Serve CORS, so that a page of another origin (a browser test) can call the fake (default false). */
  cors?: boolean;
}

export interface ConfluentFake extends FakeServer {
  /** An API key created at start: `auth: { "cloud-api-key": fake.apiKey }`. */
  readonly apiKey: ConfluentApiKey;
  /** Creates another accepted API key. */
  createApiKey(): ConfluentApiKey;
  /** Stops accepting an API key (by key ID). */
  revokeApiKey(username: string): void;
  /** Snapshot of the stored identity providers. */
  identityProviders(): ConfluentIdentityProviderRecord[];
  /** Snapshot of the stored pools, optionally of one provider. */
  identityPools(providerId?: string): ConfluentIdentityPoolRecord[];
  /** Tokens the STS issued, oldest first. */
  issuedTokens(): ConfluentIssuedToken[];
  /** Mints an access token for a pool without an exchange (for tests of code that already holds one). */
  issueAccessToken(
    poolId: string,
    options?: { expiresInSeconds?: number; identity?: string },
  ): Promise<string>;
  /** Makes an issued access token unusable (by `jti`). */
  revokeAccessToken(jti: string): void;
}

interface Principal {
  kind: "api-key" | "sts-token";
  id: string;
}

const TOKEN_EXCHANGE_TYPES = {
  issued: "urn:ietf:params:oauth:token-type:access_token",
} as const;

/**
 * The only values the STS takes today. The spec lists them as open enums (as Confluent's does), so
 * schema validation lets other values through and the exchange refuses them itself.
 */
const SUPPORTED_EXCHANGE_VALUES = {
  grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
  subject_token_type: "urn:ietf:params:oauth:token-type:jwt",
  requested_token_type: "urn:ietf:params:oauth:token-type:access_token",
} as const;

/** Starts a fake of Confluent Cloud's iam/v2 identity providers, pools, JWKS refresh and sts/v1. */
export async function startConfluent(options: ConfluentFakeOptions = {}): Promise<ConfluentFake> {
  const organizationId = options.organizationId ?? randomUUID();
  const apiKeys = new Map<string, string>();
  for (const key of options.apiKeys ?? []) apiKeys.set(key.username, key.password);
  const createApiKey = (): ConfluentApiKey => {
    const key = { username: randomId(16).toUpperCase(), password: randomId(64) };
    apiKeys.set(key.username, key.password);
    return key;
  };
  const apiKey = createApiKey();
  const providers = new Map<string, ConfluentIdentityProviderRecord>();
  const pools = new Map<string, ConfluentIdentityPoolRecord>();
  const tokens = new Map<string, ConfluentIssuedToken>();
  const signingKey = await SigningKey.generate("confluent-sts");
  let baseUrl = "";

  const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const providerUrl = (id: string) => `${baseUrl}/iam/v2/identity-providers/${encodeURIComponent(id)}`;
  const poolUrl = (pool: ConfluentIdentityPoolRecord) =>
    `${providerUrl(pool.provider_id)}/identity-pools/${encodeURIComponent(pool.id)}`;

  function providerBody(provider: ConfluentIdentityProviderRecord) {
    return {
      api_version: "iam/v2",
      kind: "IdentityProvider",
      id: provider.id,
      metadata: {
        self: providerUrl(provider.id),
        resource_name: `crn://confluent.cloud/organization=${organizationId}/identity-provider=${provider.id}`,
        created_at: provider.created_at,
        updated_at: provider.updated_at,
      },
      display_name: provider.display_name,
      description: provider.description,
      ...(provider.identity_claim !== undefined ? { identity_claim: provider.identity_claim } : {}),
      state: "ENABLED",
      issuer: provider.issuer,
      jwks_uri: provider.jwks_uri,
      // Confluent only shows the identifying fields of each key.
      keys: provider.keys.map((key) => ({ kty: key.kty, kid: key.kid ?? "", alg: key.alg ?? "RS256" })),
    };
  }

  function poolBody(pool: ConfluentIdentityPoolRecord) {
    return {
      api_version: "iam/v2",
      kind: "IdentityPool",
      id: pool.id,
      metadata: {
        self: poolUrl(pool),
        resource_name: `crn://confluent.cloud/organization=${organizationId}/identity-provider=${pool.provider_id}/identity-pool=${pool.id}`,
        created_at: pool.created_at,
        updated_at: pool.updated_at,
      },
      display_name: pool.display_name,
      description: pool.description,
      identity_claim: pool.identity_claim,
      filter: pool.filter,
      principal: pool.principal,
      state: "ENABLED",
    };
  }

  function errorEntry(status: number, info: FailureInfo) {
    return {
      id: randomUUID(),
      status: String(status),
      ...(info.code !== undefined ? { code: info.code } : {}),
      ...(info.title !== undefined ? { title: info.title } : {}),
      detail: info.detail,
      ...(info.pointer !== undefined || info.parameter !== undefined
        ? {
            source: {
              ...(info.pointer !== undefined ? { pointer: info.pointer } : {}),
              ...(info.parameter !== undefined ? { parameter: info.parameter } : {}),
            },
          }
        : {}),
    };
  }

  function failure(status: number, info: FailureInfo): Reply {
    // A 429 is documented with headers only; every other failure is a Failure document.
    if (status === 429) return { status, headers: info.headers };
    return { status, headers: info.headers, body: { errors: [errorEntry(status, info)] } };
  }

  function notFound(what: string, id: string): Reply {
    return failure(404, { code: "not_found", title: "Not found", detail: `${what} ${id} was not found` });
  }

  /** Refreshes a provider's key cache; failures keep the cached keys, as Confluent does. */
  async function refreshKeys(provider: ConfluentIdentityProviderRecord): Promise<void> {
    let url: URL | undefined;
    try {
      url = new URL(provider.jwks_uri);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
      provider.jwks_status = "INVALID_JWKS_URI";
      return;
    }
    if (!options.allowRemoteJwks && !isLoopbackUrl(url)) {
      provider.jwks_status = "ERROR_FETCHING_JWKS";
      return;
    }
    const fetched = await fetchJwks(provider.jwks_uri);
    if (!fetched.ok) {
      provider.jwks_status = fetched.reason === "invalid-url" ? "INVALID_JWKS_URI" : "ERROR_FETCHING_JWKS";
      return;
    }
    provider.keys = fetched.jwks.keys;
    provider.jwks_status = "OK";
    provider.jwks_last_refresh_at = now();
  }

  function checkFilter(filter: string): Reply | undefined {
    try {
      compileFilter(filter);
      return undefined;
    } catch (error) {
      if (!(error instanceof CelSyntaxError)) throw error;
      return failure(422, {
        code: "invalid_configuration",
        title: "Validation failed",
        detail: `filter is not a valid CEL expression: ${error.message}`,
        pointer: "/filter",
      });
    }
  }

  function checkIdentityClaim(claim: string | undefined, pointer: string): Reply | undefined {
    if (claim === undefined || /^claims(\.[A-Za-z_][\w-]*)+$/.test(claim)) return undefined;
    return failure(422, {
      code: "invalid_configuration",
      title: "Validation failed",
      detail: `${pointer.slice(1)} must look like claims.<name>`,
      pointer,
    });
  }

  function claimValue(claims: JWTPayload, path: string): unknown {
    let value: unknown = claims;
    for (const key of path.split(".").slice(1)) {
      if (value === null || typeof value !== "object") return undefined;
      value = (value as Record<string, unknown>)[key];
    }
    return value;
  }

  function page<T>(
    request: FakeRequest,
    items: T[],
    listUrl: string,
  ): { data: T[]; metadata: Record<string, unknown> } | Reply {
    let offset = 0;
    let size = Number(request.query.page_size ?? 10);
    const token = request.query.page_token;
    if (token !== undefined) {
      try {
        const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
          o?: unknown;
          s?: unknown;
        };
        if (typeof decoded.o !== "number" || typeof decoded.s !== "number" || decoded.s < 1)
          throw new Error("bad");
        offset = decoded.o;
        // page_size is only honoured on the first request; later pages keep the size chosen then.
        size = decoded.s;
      } catch {
        return failure(400, {
          code: "invalid_page_token",
          title: "Invalid page token",
          detail: "The page_token is not one this listing handed out.",
          parameter: "page_token",
        });
      }
    }
    const link = (at: number) =>
      `${listUrl}?page_token=${Buffer.from(JSON.stringify({ o: at, s: size })).toString("base64url")}`;
    const lastOffset = items.length === 0 ? 0 : Math.floor((items.length - 1) / size) * size;
    return {
      data: items.slice(offset, offset + size),
      metadata: {
        first: `${listUrl}?page_size=${size}`,
        last: link(lastOffset),
        prev: offset > 0 ? link(Math.max(0, offset - size)) : null,
        next: offset + size < items.length ? link(offset + size) : null,
        total_size: items.length,
      },
    };
  }

  const isReply = (value: unknown): value is Reply =>
    value !== null && typeof value === "object" && "status" in value && typeof value.status === "number";

  const dialect = (url: string): Dialect<Principal> => {
    baseUrl = url;
    return {
      failure: (status, info) => failure(status, info),
      withEcho: (reply, echo) => {
        if (reply.body === undefined) {
          return { errors: [errorEntry(reply.status, { code: "echo", title: "Echo", detail: echo })] };
        }
        const body = reply.body as { errors?: unknown };
        if (!Array.isArray(body.errors) || body.errors.length === 0) return reply.body;
        const [first, ...others] = body.errors as { detail?: unknown }[];
        const detail = typeof first?.detail === "string" ? `${first.detail} ${echo}` : echo;
        return { ...body, errors: [{ ...first, detail }, ...others] };
      },
      commonHeaders: () => ({ "x-request-id": randomUUID() }),
      rateLimitHeaders: (_request, state) => ({
        "x-ratelimit-limit": String(state.limit),
        "x-ratelimit-remaining": String(state.remaining),
        // Confluent's reset header counts seconds from now, not an epoch time.
        "x-ratelimit-reset": String(state.resetSeconds),
      }),
      unknownRoute: (request) =>
        failure(404, {
          code: "not_found",
          title: "Not found",
          detail: `No route for ${request.method} ${request.path}`,
        }),
      unparseableBody: () =>
        failure(400, {
          code: "invalid_json",
          title: "Bad request",
          detail: "The request body is not valid JSON.",
        }),
      invalid: (errors, _request, operation) => {
        const bodyProblem = errors.some((error) => error.instancePath.startsWith("/requestBody"));
        const missingBody = errors.some(
          (error) => error.keyword === "required" && error.params.missingProperty === "requestBody",
        );
        const has422 = Boolean((operation.responses as Record<string, unknown> | undefined)?.["422"]);
        const status = bodyProblem && !missingBody && has422 ? 422 : 400;
        const entries = errors.map((error) => {
          const described = describeSchemaError(error);
          return errorEntry(status, {
            code: status === 422 ? "invalid_configuration" : "invalid_request",
            title: status === 422 ? "Validation failed" : "Bad request",
            ...described,
          });
        });
        return { status, body: { errors: entries } };
      },
      unauthorized: (auth) => {
        const outcomes = Object.values(auth).filter(
          (outcome): outcome is AuthOutcome<Principal> => outcome !== undefined,
        );
        const refused = outcomes.find((outcome) => !outcome.ok && outcome.reason !== "missing");
        const basicRefused =
          auth["cloud-api-key"] !== undefined &&
          !auth["cloud-api-key"].ok &&
          refused === auth["cloud-api-key"];
        const detail =
          refused && !refused.ok
            ? refused.detail
            : "The request did not carry credentials (API key or access token).";
        return failure(401, {
          code: "user_unauthenticated",
          title: "Authentication required",
          detail,
          headers: {
            "www-authenticate": basicRefused
              ? 'Basic error="invalid_key", error_description="The API Key is invalid"'
              : refused
                ? `Bearer error="invalid_token", error_description="${detail}"`
                : 'Basic realm="Confluent Cloud", Bearer realm="Confluent Cloud"',
          },
        });
      },
      securityHandlers: {
        "cloud-api-key": (request) => {
          const basic = readBasic(request.headers);
          if (!basic) return { ok: false, reason: "missing", detail: "No API key was sent." };
          if (apiKeys.get(basic.username) !== basic.password) {
            return { ok: false, reason: "invalid", detail: "The API Key is invalid" };
          }
          return { ok: true, principal: { kind: "api-key", id: basic.username } };
        },
        "confluent-sts-access-token": async (request) => {
          const token = readBearer(request.headers);
          if (!token) return { ok: false, reason: "missing", detail: "No access token was sent." };
          try {
            const payload = await signingKey.verify(token, { issuer: baseUrl });
            const issued = tokens.get(String(payload.jti));
            if (!issued || issued.revoked || !pools.has(issued.pool_id)) {
              return { ok: false, reason: "revoked", detail: "The access token has been revoked." };
            }
            return { ok: true, principal: { kind: "sts-token", id: issued.jti } };
          } catch (error) {
            const message = verificationMessage(error);
            return {
              ok: false,
              reason: message === "jwt expired" ? "expired" : "invalid",
              detail:
                message === "jwt expired" ? "The access token has expired." : "The access token is invalid.",
            };
          }
        },
      },
      handlers: {
        listIamV2IdentityProviders: ({ request }) => {
          const listUrl = `${baseUrl}/iam/v2/identity-providers`;
          const result = page(request, [...providers.values()].map(providerBody), listUrl);
          if (isReply(result)) return result;
          return { status: 200, body: { api_version: "iam/v2", kind: "IdentityProviderList", ...result } };
        },
        createIamV2IdentityProvider: async ({ request }) => {
          const body = request.body as Record<string, string>;
          const claimProblem = checkIdentityClaim(body.identity_claim, "/identity_claim");
          if (claimProblem) return claimProblem;
          const existing = [...providers.values()].find((provider) => provider.issuer === body.issuer);
          if (existing) {
            return failure(409, {
              code: "resource_already_exists",
              title: "Resource already exists",
              detail: `An identity provider with issuer ${body.issuer} already exists.`,
              pointer: "/issuer",
              headers: { location: providerUrl(existing.id) },
            });
          }
          const created = now();
          const provider: ConfluentIdentityProviderRecord = {
            id: `op-${randomId(6).toLowerCase()}`,
            display_name: String(body.display_name),
            description: String(body.description),
            ...(body.identity_claim !== undefined ? { identity_claim: body.identity_claim } : {}),
            issuer: String(body.issuer),
            jwks_uri: String(body.jwks_uri),
            created_at: created,
            updated_at: created,
            keys: [],
            jwks_status: "NEVER_FETCHED",
          };
          // Confluent reads the key set when a provider is registered; a failure leaves the cache empty.
          await refreshKeys(provider);
          providers.set(provider.id, provider);
          return {
            status: 201,
            headers: { location: providerUrl(provider.id) },
            body: providerBody(provider),
          };
        },
        getIamV2IdentityProvider: ({ params }) => {
          const provider = providers.get(String(params.id));
          return provider
            ? { status: 200, body: providerBody(provider) }
            : notFound("Identity provider", String(params.id));
        },
        updateIamV2IdentityProvider: async ({ params, request }) => {
          const provider = providers.get(String(params.id));
          if (!provider) return notFound("Identity provider", String(params.id));
          const body = request.body as Record<string, string | undefined>;
          const claimProblem = checkIdentityClaim(body.identity_claim, "/identity_claim");
          if (claimProblem) return claimProblem;
          if (body.issuer !== undefined) {
            const clash = [...providers.values()].find(
              (other) => other.id !== provider.id && other.issuer === body.issuer,
            );
            if (clash) {
              return failure(409, {
                code: "resource_already_exists",
                title: "Resource already exists",
                detail: `An identity provider with issuer ${body.issuer} already exists.`,
                pointer: "/issuer",
                headers: { location: providerUrl(clash.id) },
              });
            }
          }
          const jwksChanged = body.jwks_uri !== undefined && body.jwks_uri !== provider.jwks_uri;
          for (const field of [
            "display_name",
            "description",
            "identity_claim",
            "issuer",
            "jwks_uri",
          ] as const) {
            const value = body[field];
            if (value !== undefined) provider[field] = value;
          }
          provider.updated_at = now();
          if (jwksChanged) await refreshKeys(provider);
          return { status: 200, body: providerBody(provider) };
        },
        deleteIamV2IdentityProvider: ({ params }) => {
          const id = String(params.id);
          if (!providers.delete(id)) return notFound("Identity provider", id);
          // The provider's pools go with it, and so do tokens issued for them.
          for (const pool of [...pools.values()]) if (pool.provider_id === id) pools.delete(pool.id);
          return { status: 204 };
        },
        refreshIamV2JsonWebKeySet: async ({ params }) => {
          const provider = providers.get(String(params.provider_id));
          if (!provider) return notFound("Identity provider", String(params.provider_id));
          await refreshKeys(provider);
          return {
            status: 200,
            body: {
              api_version: "iam/v2",
              kind: "Jwks",
              spec: { jwks_status: "REFRESHED" },
              status: {
                jwks_status: provider.jwks_status,
                ...(provider.jwks_last_refresh_at
                  ? { jwks_last_refresh_at: provider.jwks_last_refresh_at }
                  : {}),
              },
            },
          };
        },
        listIamV2IdentityPools: ({ params, request }) => {
          const providerId = String(params.provider_id);
          if (!providers.has(providerId)) return notFound("Identity provider", providerId);
          const items = [...pools.values()].filter((pool) => pool.provider_id === providerId).map(poolBody);
          const result = page(request, items, `${providerUrl(providerId)}/identity-pools`);
          if (isReply(result)) return result;
          return { status: 200, body: { api_version: "iam/v2", kind: "IdentityPoolList", ...result } };
        },
        createIamV2IdentityPool: ({ params, request }) => {
          const providerId = String(params.provider_id);
          if (!providers.has(providerId)) return notFound("Identity provider", providerId);
          const body = request.body as Record<string, string>;
          const problem =
            checkIdentityClaim(body.identity_claim, "/identity_claim") ?? checkFilter(String(body.filter));
          if (problem) return problem;
          const created = now();
          const id = `pool-${randomId(4)}`;
          const pool: ConfluentIdentityPoolRecord = {
            id,
            provider_id: providerId,
            display_name: String(body.display_name),
            description: String(body.description),
            identity_claim: String(body.identity_claim),
            filter: String(body.filter),
            principal: id,
            ...(request.query.assigned_resource_owner
              ? { assigned_resource_owner: request.query.assigned_resource_owner }
              : {}),
            created_at: created,
            updated_at: created,
          };
          pools.set(id, pool);
          return { status: 201, headers: { location: poolUrl(pool) }, body: poolBody(pool) };
        },
        getIamV2IdentityPool: ({ params }) => {
          const pool = pools.get(String(params.id));
          if (!pool || pool.provider_id !== params.provider_id)
            return notFound("Identity pool", String(params.id));
          return { status: 200, body: poolBody(pool) };
        },
        updateIamV2IdentityPool: ({ params, request }) => {
          const pool = pools.get(String(params.id));
          if (!pool || pool.provider_id !== params.provider_id)
            return notFound("Identity pool", String(params.id));
          const body = request.body as Record<string, string | undefined>;
          const problem =
            checkIdentityClaim(body.identity_claim, "/identity_claim") ??
            (body.filter !== undefined ? checkFilter(body.filter) : undefined);
          if (problem) return problem;
          for (const field of ["display_name", "description", "identity_claim", "filter"] as const) {
            const value = body[field];
            if (value !== undefined) pool[field] = value;
          }
          pool.updated_at = now();
          return { status: 200, body: poolBody(pool) };
        },
        deleteIamV2IdentityPool: ({ params }) => {
          const pool = pools.get(String(params.id));
          if (!pool || pool.provider_id !== params.provider_id)
            return notFound("Identity pool", String(params.id));
          pools.delete(pool.id);
          return { status: 204 };
        },
        exchangeStsV1OauthToken: (context) => exchange(context),
      },
    };
  };

  function stsFailure(detail: string, code = "invalid_grant"): Reply {
    return failure(400, { code, title: "Token exchange failed", detail });
  }

  async function issue(
    pool: ConfluentIdentityPoolRecord,
    identity: string,
    expiresIn: number,
  ): Promise<string> {
    const jti = randomUUID();
    const token = await signingKey.sign(
      { iss: baseUrl, sub: pool.principal, aud: "confluent", jti, pool_id: pool.id, identity },
      { expiresInSeconds: expiresIn },
    );
    tokens.set(jti, {
      jti,
      pool_id: pool.id,
      identity,
      expires_at: new Date(Date.now() + expiresIn * 1000),
      revoked: false,
    });
    return token;
  }

  async function exchange({ request }: OperationContext<Principal>): Promise<Reply> {
    const body = request.body as Record<string, unknown>;
    const unsupported = Object.entries(SUPPORTED_EXCHANGE_VALUES).filter(
      ([field, value]) => body[field] !== value,
    );
    if (unsupported.length > 0) {
      const errors = unsupported.map(([field, value]) =>
        errorEntry(400, {
          code: field === "grant_type" ? "unsupported_grant_type" : "invalid_request",
          title: "Token exchange failed",
          detail: `${field} must be ${value}`,
          pointer: `/${field}`,
        }),
      );
      return { status: 400, body: { errors } };
    }
    const pool = pools.get(String(body.identity_pool_id));
    if (!pool)
      return stsFailure(`Identity pool ${String(body.identity_pool_id)} does not exist.`, "invalid_request");
    const provider = providers.get(pool.provider_id);
    if (!provider) return stsFailure(`Identity pool ${pool.id} has no identity provider.`, "invalid_request");
    const subjectToken = String(body.subject_token);
    try {
      decodeProtectedHeader(subjectToken);
      decodeJwt(subjectToken);
    } catch {
      return stsFailure("The subject_token is not a JWT.");
    }
    let claims: JWTPayload;
    try {
      const keySet = createLocalJWKSet({ keys: provider.keys });
      ({ payload: claims } = await jwtVerify(subjectToken, keySet, { issuer: provider.issuer }));
    } catch (error) {
      return stsFailure(`The subject_token could not be verified: ${verificationMessage(error)}.`);
    }
    if (!compileFilter(pool.filter).matches(claims as Record<string, unknown>)) {
      return stsFailure(`The subject_token does not satisfy the filter of identity pool ${pool.id}.`);
    }
    const identity = claimValue(claims, pool.identity_claim);
    if (typeof identity !== "string" && typeof identity !== "number") {
      return stsFailure(`The subject_token has no ${pool.identity_claim} claim.`);
    }
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : 900;
    if (expiresIn < 1)
      return failure(400, {
        code: "invalid_request",
        title: "Bad request",
        detail: "expires_in must be positive",
        pointer: "/expires_in",
      });
    return {
      status: 200,
      body: {
        access_token: await issue(pool, String(identity), expiresIn),
        issued_token_type: TOKEN_EXCHANGE_TYPES.issued,
        token_type: "Bearer",
        expires_in: expiresIn,
      },
    };
  }

  const fake = await startFake<Principal>({
    name: "confluent",
    spec: confluentSpec,
    rateLimit: options.rateLimit,
    echoCredentials: options.echoCredentials,
    cors: options.cors,
    dialect,
  });
  return {
    url: fake.url,
    close: fake.close,
    faults: fake.faults,
    requests: fake.requests,
    rateLimit: fake.rateLimit,
    apiKey,
    createApiKey,
    revokeApiKey: (username) => {
      apiKeys.delete(username);
    },
    identityProviders: () => [...providers.values()].map((provider) => structuredClone(provider)),
    identityPools: (providerId) =>
      [...pools.values()]
        .filter((pool) => providerId === undefined || pool.provider_id === providerId)
        .map((pool) => structuredClone(pool)),
    issuedTokens: () => [...tokens.values()].map((token) => ({ ...token })),
    issueAccessToken: async (poolId, issueOptions = {}) => {
      const pool = pools.get(poolId);
      if (!pool) throw new Error(`No identity pool ${poolId}`);
      return issue(pool, issueOptions.identity ?? "test-identity", issueOptions.expiresInSeconds ?? 900);
    },
    revokeAccessToken: (jti) => {
      const token = tokens.get(jti);
      if (token) token.revoked = true;
    },
  };
}

/** Turns one Ajv error into a Confluent error's pointer/parameter and detail. */
export function describeSchemaError(error: SchemaError): {
  detail: string;
  pointer?: string;
  parameter?: string;
} {
  const missing = error.keyword === "required" ? String(error.params.missingProperty) : undefined;
  if (
    error.instancePath.startsWith("/requestBody") ||
    (missing === "requestBody" && error.instancePath === "")
  ) {
    if (missing === "requestBody") return { detail: "The request body is missing.", pointer: "" };
    const base = error.instancePath.slice("/requestBody".length);
    const pointer = missing !== undefined ? `${base}/${missing}` : base;
    const field = pointer.replace(/^\//, "") || "body";
    return {
      detail: missing !== undefined ? `${field} is required` : `${field} ${error.message ?? "is invalid"}`,
      pointer,
    };
  }
  const [, location, name] = error.instancePath.split("/");
  if (location === "query" || location === "path") {
    const parameter = name ?? (missing as string);
    return { detail: `${parameter} ${error.message ?? "is invalid"}`, parameter };
  }
  if (error.keyword === "additionalProperties" && error.instancePath === "/query") {
    const parameter = String(error.params.additionalProperty);
    return { detail: `${parameter} is not a known query parameter`, parameter };
  }
  return { detail: error.message ?? "The request is invalid." };
}
