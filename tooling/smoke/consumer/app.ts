// The code a user writes against the installed packages. It is type-checked under moduleResolution
// node16 and bundler, run on Node 20/22/24 and bundled for the browser, so it imports nothing but the
// published packages and web-platform globals (fetch, crypto.subtle, TextEncoder, btoa).
import { readJwtExpiry } from "@idclients/auth";
import {
  type ApiError,
  createConfluentClient,
  MissingCredentialError,
  NotFoundError,
  unwrap,
} from "@idclients/confluent";
import { AuthenticationError, createIcaClient } from "@idclients/ica";
import { createInfisicalClient, IdClientsError, type InfisicalClient } from "@idclients/infisical";

import type { SmokeTargets } from "./smoke-targets.js";

export type { SmokeTargets } from "./smoke-targets.js";

/** One check that passed, in the order they ran. */
export type SmokeReport = string[];

class SmokeFailure extends Error {}

function check(condition: unknown, what: string): asserts condition {
  if (!condition) throw new SmokeFailure(`smoke check failed: ${what}`);
}

/** Awaits a call that must fail and returns its typed error. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new SmokeFailure("expected the call to fail, it succeeded");
}

/** Runs one scenario per provider and returns what it checked; throws on the first surprise. */
export async function exercise(targets: SmokeTargets): Promise<SmokeReport> {
  const report: SmokeReport = [];
  await exerciseConfluent(targets.confluent, report);
  await exerciseIca(targets.ica, report);
  await exerciseInfisical(targets.infisical, report);
  return report;
}

async function exerciseConfluent(target: SmokeTargets["confluent"], report: SmokeReport): Promise<void> {
  const confluent = createConfluentClient({
    baseUrl: target.baseUrl,
    auth: { "cloud-api-key": target.apiKey },
    retry: false,
  });
  const created = await unwrap(
    confluent.POST("/iam/v2/identity-providers", {
      body: {
        display_name: "smoke issuer",
        description: "created by the install smoke test",
        issuer: "https://issuer.smoke.example",
        jwks_uri: "https://issuer.smoke.example/.well-known/jwks.json",
      },
    }),
  );
  // `created` is the typed 201 body (an IdentityProvider): its fields keep their schema types.
  const providerId: string | undefined = created.id;
  // `state` is an open enum ("ENABLED" or any newer value): it must read as a plain string.
  const state: string | undefined = created.state;
  check(typeof providerId === "string" && providerId !== "", "confluent: the created provider has an id");
  check(created.display_name === "smoke issuer", "confluent: the created provider echoes display_name");
  check(state === undefined || typeof state === "string", "confluent: state is a string when present");
  report.push("confluent POST /iam/v2/identity-providers -> typed IdentityProvider");

  const fetched = await unwrap(
    confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: providerId } } }),
  );
  check(fetched.issuer === "https://issuer.smoke.example", "confluent: GET returns the stored issuer");
  report.push("confluent GET /iam/v2/identity-providers/{id}");

  let found = false;
  for await (const item of confluent.paginate("/iam/v2/identity-providers", {
    params: { query: { page_size: 1 } },
  })) {
    if (item.id === providerId) found = true;
  }
  check(found, "confluent: paginate walks to the created provider");
  report.push("confluent paginate /iam/v2/identity-providers");

  const missing = await failureOf(
    unwrap(
      confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-does-not-exist" } } }),
    ),
  );
  check(missing instanceof NotFoundError, "confluent: an unknown id throws NotFoundError");
  check(
    missing.status === 404 && missing.provider === "confluent",
    "confluent: NotFoundError carries status 404",
  );
  report.push("confluent unknown id -> NotFoundError(404)");

  const anonymous = createConfluentClient({ baseUrl: target.baseUrl, retry: false });
  const refused = await failureOf(unwrap(anonymous.GET("/iam/v2/identity-providers")));
  check(refused instanceof MissingCredentialError, "confluent: no credentials fails before any request");
  report.push("confluent without credentials -> MissingCredentialError");

  const deleted = await confluent.DELETE("/iam/v2/identity-providers/{id}", {
    params: { path: { id: providerId } },
  });
  check(deleted.response.ok, "confluent: DELETE succeeds");
  report.push("confluent DELETE /iam/v2/identity-providers/{id}");
}

async function exerciseIca(target: SmokeTargets["ica"], report: SmokeReport): Promise<void> {
  const ica = createIcaClient({ baseUrl: target.baseUrl, auth: { ApiKeyAuth: target.apiKey }, retry: false });
  const minted = await unwrap(ica.POST("/api/tokens", {}));
  const token: string | undefined = minted.token;
  check(typeof token === "string" && token.split(".").length === 3, "ica: POST /api/tokens returns a JWT");
  const expiry = readJwtExpiry(token);
  check(expiry !== undefined && expiry * 1000 > Date.now(), "ica: the minted JWT expires in the future");
  report.push("ica POST /api/tokens -> JWT with exp");

  const wrongKey = "smoke-wrong-api-key-0123456789";
  const withWrongKey = createIcaClient({
    baseUrl: target.baseUrl,
    auth: { ApiKeyAuth: wrongKey },
    retry: false,
  });
  const rejected = await failureOf(unwrap(withWrongKey.POST("/api/tokens", {})));
  check(rejected instanceof AuthenticationError, "ica: a wrong API key throws AuthenticationError");
  check(
    rejected.status === 401 && rejected.provider === "ica",
    "ica: AuthenticationError carries status 401",
  );
  check(
    !renderings(rejected).some((text) => text.includes(wrongKey)),
    "ica: the error never shows the API key",
  );
  report.push("ica wrong API key -> AuthenticationError(401), key not in the error");
}

async function exerciseInfisical(target: SmokeTargets["infisical"], report: SmokeReport): Promise<void> {
  const admin = createInfisicalClient({
    baseUrl: target.baseUrl,
    auth: { bearerAuth: target.accessToken },
    retry: false,
  });
  // The user's own identity provider: an ES256 key made with WebCrypto, registered as a static key.
  const issuer = await createIssuer();
  const identityPath = { params: { path: { identityId: target.identityId } } } as const;
  const attached = await unwrap(
    admin.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identityPath,
      body: {
        configurationType: "static",
        publicKeys: [issuer.publicKeyPem],
        boundIssuer: "https://ci.smoke.example",
        boundAudiences: "infisical",
        boundSubject: "repo:smoke/*",
        boundClaims: {},
      },
    }),
  );
  check(
    attached.identityJwtAuth.configurationType === "static",
    "infisical: attach stores a static configuration",
  );
  report.push("infisical POST /api/v1/auth/jwt-auth/identities/{identityId} (attach)");

  const read = await unwrap(admin.GET("/api/v1/auth/jwt-auth/identities/{identityId}", identityPath));
  check(
    read.identityJwtAuth.boundIssuer === "https://ci.smoke.example",
    "infisical: GET returns the bound issuer",
  );
  report.push("infisical GET /api/v1/auth/jwt-auth/identities/{identityId}");

  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: "https://ci.smoke.example",
    sub: "repo:smoke/app",
    aud: "infisical",
    iat: now,
    exp: now + 300,
  };
  const login = await loginWith(admin, target.identityId, await issuer.sign(claims));
  const session = await unwrap(login);
  const expiresIn: number = session.expiresIn;
  check(
    session.accessToken !== "" && expiresIn > 0,
    "infisical: login returns an access token and its lifetime",
  );
  report.push("infisical POST /api/v1/auth/jwt-auth/login -> accessToken");

  const foreign = await createIssuer();
  const refused = await failureOf(unwrap(loginWith(admin, target.identityId, await foreign.sign(claims))));
  check(
    refused instanceof IdClientsError,
    "infisical: a JWT signed by an unknown key is refused with a typed error",
  );
  const status = (refused as ApiError).status;
  check(status >= 400 && status < 500, `infisical: the refusal is a 4xx (got ${String(status)})`);
  report.push(`infisical login with a foreign key -> ${(refused as Error).name}(${String(status)})`);

  const revoked = await admin.DELETE("/api/v1/auth/jwt-auth/identities/{identityId}", identityPath);
  check(revoked.response.ok, "infisical: revoke succeeds");
  report.push("infisical DELETE /api/v1/auth/jwt-auth/identities/{identityId} (revoke)");
}

function loginWith(client: InfisicalClient, identityId: string, jwt: string) {
  // Login is `security: []`: the client sends it without the bearer token it was created with.
  return client.POST("/api/v1/auth/jwt-auth/login", { body: { identityId, jwt } });
}

/** Every way an error could end up in a log. */
function renderings(error: unknown): string[] {
  return [String(error), JSON.stringify(error), error instanceof Error ? (error.stack ?? "") : ""];
}

interface Issuer {
  publicKeyPem: string;
  sign(claims: Record<string, unknown>): Promise<string>;
}

async function createIssuer(): Promise<Issuer> {
  const algorithm = { name: "ECDSA", namedCurve: "P-256" } as const;
  const keys = await crypto.subtle.generateKey(algorithm, true, ["sign", "verify"]);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const lines = base64(spki).match(/.{1,64}/g) ?? [];
  const publicKeyPem = `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`;
  const encoder = new TextEncoder();
  return {
    publicKeyPem,
    async sign(claims) {
      const header = base64url(encoder.encode(JSON.stringify({ alg: "ES256", typ: "JWT" })));
      const payload = base64url(encoder.encode(JSON.stringify(claims)));
      const input = `${header}.${payload}`;
      // WebCrypto's ECDSA signature is already the r||s form that JWS expects.
      const signature = await crypto.subtle.sign(
        { name: "ECDSA", hash: "SHA-256" },
        keys.privateKey,
        encoder.encode(input),
      );
      return `${input}.${base64url(new Uint8Array(signature))}`;
    },
  };
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64url(bytes: Uint8Array): string {
  return base64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/**
 * Never called: each line must fail to compile. If the packages' types resolved to `any` under some
 * moduleResolution, the directives would be unused and the type-check of this file would fail.
 */
export function typesAreNotAny(targets: SmokeTargets): void {
  const confluent = createConfluentClient({ baseUrl: targets.confluent.baseUrl });
  // @ts-expect-error: not a path of the Confluent spec
  void confluent.GET("/iam/v2/not-a-path");
  // @ts-expect-error: the path parameter is `id`, not `providerId`
  void confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { providerId: "x" } } });
  // @ts-expect-error: the ICA client has no such scheme
  void createIcaClient({ auth: { NotAScheme: "x" } });
  // @ts-expect-error: login needs `jwt`
  void createInfisicalClient().POST("/api/v1/auth/jwt-auth/login", { body: { identityId: "x" } });
}
