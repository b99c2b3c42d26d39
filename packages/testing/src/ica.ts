import type { JWTPayload } from "jose";
import {
  type Dialect,
  type FailureInfo,
  type FakeRequest,
  type FakeServer,
  type RateLimitOptions,
  type Reply,
  randomId,
  randomUUID,
  readBasic,
  readBearer,
  startFake,
} from "./engine.js";
import { icaSpec } from "./generated/ica-spec.js";
import { SigningKey, verificationMessage } from "./keys.js";

const VENDOR_JSON = "application/vnd.illumina.v3+json";
const PROBLEM_JSON = "application/problem+json";

/** A user that may mint JWTs with HTTP Basic. */
export interface IcaUser {
  /** The e-mail address used as Basic user name. */
  username: string;
  /** The Basic password. */
  password: string;
  /** Tenants the user belongs to (default: `["default-tenant"]`); the first is used when none is asked for. */
  tenants?: string[];
  /** Users of SSO tenants cannot use Basic authentication. */
  sso?: boolean;
}

/** A JWT the fake minted (the token text itself is not kept). */
export interface IcaIssuedToken {
  /** The JWT's `jti` claim. */
  jti: string;
  /** The JWT's `sub`: the user the credential belongs to. */
  subject: string;
  /** The tenant it was minted for. */
  tenant: string;
  /** Which credential minted the chain this token belongs to; API-key JWTs cannot be refreshed. */
  mintedWith: "apiKey" | "basic" | "psToken";
  /** `jti` of the token this one was refreshed from. */
  refreshedFrom?: string;
  /** When it expires. */
  expiresAt: Date;
  /** Whether it was revoked with `revokeToken`. */
  revoked: boolean;
}

/** Options of `startIca`. */
export interface IcaFakeOptions {
  /** Lifetime of minted and refreshed JWTs in seconds (default 3600). */
  tokenLifetimeSeconds?: number;
  /** Extra accepted API keys, each mapped to its user name. */
  apiKeys?: Record<string, string>;
  /** Extra Basic users. */
  users?: IcaUser[];
  /** Extra accepted psTokens. */
  psTokens?: string[];
  /**
   * ICA documents no rate limits; the fake only limits when this is set (then 429 is answered as a
   * problem document with `Retry-After`).
   */
  rateLimit?: RateLimitOptions;
  /**
   * Echo what each failing request carried (`Authorization`, `X-API-Key`, decoded Basic pair) in the
   * problem's `detail` and in `x-echo-*` / `WWW-Authenticate` headers, so that tests can prove a client
   * scrubs them (default false).
   */
  echoCredentials?: boolean;
  /** Serve CORS, so that a page of another origin (a browser test) can call the fake (default false). */
  cors?: boolean;
}

export interface IcaFake extends FakeServer {
  /** An API key created at start: `auth: { ApiKeyAuth: fake.apiKey }`. */
  readonly apiKey: string;
  /** A Basic user created at start: `auth: { BasicAuth: fake.basic }`. */
  readonly basic: {
    /** The user name (an e-mail address). */
    username: string;
    /** The password. */
    password: string;
  };
  /** A psToken created at start: `auth: { PsTokenAuth: fake.psToken }`. */
  readonly psToken: string;
  /** Creates another accepted API key for `user` (default `api-user@example.com`) and returns it. */
  createApiKey(user?: string): string;
  /** Stops accepting an API key. */
  revokeApiKey(apiKey: string): void;
  /** Adds a Basic user. */
  addUser(user: IcaUser): void;
  /** Creates another accepted psToken and returns it. */
  createPsToken(): string;
  /** Minted and refreshed JWTs, oldest first. */
  issuedTokens(): IcaIssuedToken[];
  /** Makes a JWT unusable (by `jti`). */
  revokeToken(jti: string): void;
}

interface Principal {
  kind: "apiKey" | "basic" | "psToken" | "jwt";
  subject: string;
  tenant?: string;
  jti?: string;
}

/** Starts a fake of ICA's token endpoints under `<url>` = `http://127.0.0.1:<port>/ica/rest`. */
export async function startIca(options: IcaFakeOptions = {}): Promise<IcaFake> {
  const lifetime = options.tokenLifetimeSeconds ?? 3600;
  const apiKeys = new Map<string, string>(Object.entries(options.apiKeys ?? {}));
  const users = new Map<string, IcaUser>();
  const psTokens = new Map<string, string>();
  const tokens = new Map<string, IcaIssuedToken>();
  const signingKey = await SigningKey.generate("ica-fake");
  let issuer = "";

  for (const user of options.users ?? []) users.set(user.username, user);
  for (const token of options.psTokens ?? []) psTokens.set(token, "ps-user@example.com");
  const createApiKey = (user = "api-user@example.com") => {
    const key = randomId(40);
    apiKeys.set(key, user);
    return key;
  };
  const createPsToken = () => {
    const token = `ps-${randomId(48)}`;
    psTokens.set(token, "ps-user@example.com");
    return token;
  };
  const apiKey = createApiKey();
  const basic = { username: "lab-user@example.com", password: randomId(24) };
  users.set(basic.username, { ...basic, tenants: ["default-tenant"] });
  const psToken = createPsToken();

  function problem(
    status: number,
    info: FailureInfo,
    request: FakeRequest,
    parameters: Record<string, string> = {},
  ): Reply {
    return {
      status,
      contentType: PROBLEM_JSON,
      headers: info.headers,
      body: {
        id: randomUUID(),
        type: "about:blank",
        title: info.code ?? `ICA_FAKE_${status}`,
        status,
        detail: info.detail,
        instance: request.url.href,
        parameters,
        timestamp: new Date().toISOString(),
        method: request.method,
      },
    };
  }

  async function mint(
    subject: string,
    tenant: string,
    mintedWith: IcaIssuedToken["mintedWith"],
    refreshedFrom?: string,
  ): Promise<string> {
    const jti = randomUUID();
    const claims: JWTPayload = { iss: issuer, sub: subject, tenant, jti, mintedWith };
    const token = await signingKey.sign(claims, { expiresInSeconds: lifetime });
    tokens.set(jti, {
      jti,
      subject,
      tenant,
      mintedWith,
      ...(refreshedFrom ? { refreshedFrom } : {}),
      expiresAt: new Date(Date.now() + lifetime * 1000),
      revoked: false,
    });
    return token;
  }

  /** ICA picks the endpoint version from Accept; a request that cannot take the v3 type is refused. */
  function acceptsVendorJson(accept: string | undefined): boolean {
    if (accept === undefined || accept.trim() === "") return true;
    return accept
      .split(",")
      .map((part) => part.split(";")[0]?.trim().toLowerCase())
      .some((type) => type === VENDOR_JSON || type === "*/*" || type === "application/*");
  }

  const dialect = (url: string): Dialect<Principal> => {
    issuer = url;
    return {
      failure: (status, info, request) => problem(status, info, request),
      withEcho: (reply, echo, request) => {
        if (reply.body === undefined) return problem(reply.status, { detail: echo }, request).body;
        const body = reply.body as { detail?: unknown };
        if (body === null || typeof body !== "object" || Array.isArray(body)) return reply.body;
        return { ...body, detail: typeof body.detail === "string" ? `${body.detail} ${echo}` : echo };
      },
      unknownRoute: (request) =>
        problem(
          404,
          { code: "ICA_FAKE_NOT_FOUND", detail: `No route for ${request.method} ${request.path}` },
          request,
        ),
      unparseableBody: (request) =>
        problem(
          400,
          { code: "ICA_FAKE_INVALID_REQUEST", detail: "The request body could not be parsed." },
          request,
        ),
      precheck: (request) =>
        acceptsVendorJson(request.headers.accept)
          ? undefined
          : problem(400, { code: "ICA_API_004", detail: "Invalid Accept Header" }, request),
      invalid: (errors, request) => {
        const parameters: Record<string, string> = {};
        for (const error of errors) {
          const name =
            error.keyword === "additionalProperties"
              ? String(error.params.additionalProperty)
              : error.instancePath.split("/").slice(2).join(".") || "request";
          parameters[name] =
            error.keyword === "additionalProperties" ? "unknown parameter" : (error.message ?? "is invalid");
        }
        return problem(
          400,
          { code: "ICA_FAKE_INVALID_REQUEST", detail: "The request failed validation." },
          request,
          parameters,
        );
      },
      unauthorized: (auth, request) => {
        const outcomes = Object.values(auth);
        const refused = outcomes.find((outcome) => outcome && !outcome.ok && outcome.reason !== "missing");
        if (refused && !refused.ok && refused.reason === "forbidden") {
          return problem(403, { code: "ICA_FAKE_FORBIDDEN", detail: refused.detail }, request);
        }
        return problem(
          401,
          {
            code: "ICA_FAKE_UNAUTHORIZED",
            detail: refused && !refused.ok ? refused.detail : "No credential was sent.",
          },
          request,
        );
      },
      rateLimitBucket: options.rateLimit ? () => "all" : () => undefined,
      securityHandlers: {
        ApiKeyAuth: (request) => {
          const key = request.headers["x-api-key"];
          if (!key) return { ok: false, reason: "missing", detail: "No API key was sent." };
          const user = apiKeys.get(key);
          return user
            ? { ok: true, principal: { kind: "apiKey", subject: user } }
            : { ok: false, reason: "invalid", detail: "The API key is not valid." };
        },
        BasicAuth: (request) => {
          const credentials = readBasic(request.headers);
          if (!credentials)
            return { ok: false, reason: "missing", detail: "No Basic credentials were sent." };
          const user = users.get(credentials.username);
          if (!user || user.password !== credentials.password) {
            return { ok: false, reason: "invalid", detail: "The user name or password is wrong." };
          }
          if (user.sso) {
            return {
              ok: false,
              reason: "forbidden",
              detail: "Basic authentication is not allowed for SSO tenants.",
            };
          }
          const tenants = user.tenants ?? ["default-tenant"];
          const asked = request.query.tenant;
          if (asked && !tenants.includes(asked)) {
            return { ok: false, reason: "forbidden", detail: `The user has no access to tenant ${asked}.` };
          }
          return {
            ok: true,
            principal: { kind: "basic", subject: user.username, tenant: asked || tenants[0] },
          };
        },
        PsTokenAuth: (request) => {
          const token = readBearer(request.headers);
          if (!token) return { ok: false, reason: "missing", detail: "No psToken was sent." };
          const subject = psTokens.get(token);
          return subject
            ? { ok: true, principal: { kind: "psToken", subject } }
            : { ok: false, reason: "invalid", detail: "The psToken is not valid." };
        },
        JwtAuth: async (request) => {
          const token = readBearer(request.headers);
          if (!token) return { ok: false, reason: "missing", detail: "No JWT was sent." };
          try {
            const payload = await signingKey.verify(token, { issuer });
            const issued = tokens.get(String(payload.jti));
            if (!issued || issued.revoked)
              return { ok: false, reason: "revoked", detail: "The JWT has been revoked." };
            return {
              ok: true,
              principal: { kind: "jwt", subject: issued.subject, tenant: issued.tenant, jti: issued.jti },
            };
          } catch (error) {
            const message = verificationMessage(error);
            return message === "jwt expired"
              ? { ok: false, reason: "expired", detail: "The JWT has expired." }
              : { ok: false, reason: "invalid", detail: "The JWT is not valid." };
          }
        },
      },
      handlers: {
        createJwtToken: async ({ principal, request }) => {
          if (!principal)
            return problem(
              401,
              { code: "ICA_FAKE_UNAUTHORIZED", detail: "No credential was sent." },
              request,
            );
          const kind = principal.kind === "jwt" ? "psToken" : principal.kind;
          const tenant = principal.tenant ?? request.query.tenant ?? "default-tenant";
          return {
            status: 200,
            contentType: VENDOR_JSON,
            body: { token: await mint(principal.subject, tenant, kind) },
          };
        },
        refreshJwtToken: async ({ principal, request }) => {
          const issued = principal?.jti ? tokens.get(principal.jti) : undefined;
          if (!principal || !issued) {
            return problem(401, { code: "ICA_FAKE_UNAUTHORIZED", detail: "No JWT was sent." }, request);
          }
          if (issued.mintedWith === "apiKey") {
            return problem(
              403,
              { code: "ICA_FAKE_FORBIDDEN", detail: "A JWT created with an API key cannot be refreshed." },
              request,
            );
          }
          const token = await mint(issued.subject, issued.tenant, issued.mintedWith, issued.jti);
          return { status: 200, contentType: VENDOR_JSON, body: { token } };
        },
      },
    };
  };

  const fake = await startFake<Principal>({
    name: "ica",
    spec: icaSpec,
    apiRoot: "/ica/rest",
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
    basic,
    psToken,
    createApiKey,
    revokeApiKey: (key) => {
      apiKeys.delete(key);
    },
    addUser: (user) => {
      users.set(user.username, user);
    },
    createPsToken,
    issuedTokens: () => [...tokens.values()].map((token) => ({ ...token })),
    revokeToken: (jti) => {
      const token = tokens.get(jti);
      if (token) token.revoked = true;
    },
  };
}
