// The one consumer scenario every runtime runs, copied next to the npm-installed tarballs. It imports
// nothing but the published packages and web-platform globals (fetch, crypto.subtle, TextEncoder,
// btoa), so the same file runs on Bun and Deno, in a Cloudflare Worker and in a browser page. Its
// result holds no ids, times or secrets: it must be the same JSON wherever it runs.
import {
  ApiError,
  createConfluentClient,
  IdClientsError,
  NotFoundError,
  type RetryEvent,
  unwrap,
} from "@idclients/confluent";
import { icaJwt } from "@idclients/ica";
import {
  createInfisicalClient,
  NotFoundError as InfisicalNotFoundError,
  infisicalJwtLogin,
} from "@idclients/infisical";

/** Where the fakes started by the test listen, and the test account's credentials there. */
export interface ScenarioTargets {
  /** `issuer`: the identity provider to register, one per run (Confluent refuses a duplicate issuer). */
  confluent: { baseUrl: string; apiKey: { username: string; password: string }; issuer: string };
  ica: { baseUrl: string; apiKey: string };
  infisical: { baseUrl: string; adminToken: string; identityId: string };
}

/** What the scenario observed; the test compares it field by field across runtimes. */
export interface ScenarioResults {
  /** Confluent: a list that first meets a 503 (injected by the test) is retried, then succeeds. */
  retry: {
    events: { operationId: string; attempt: number; status: number | undefined; delayInRange: boolean }[];
    listedTheCreatedProvider: boolean;
  };
  /** Confluent: an unknown id is a typed NotFoundError. */
  notFound: {
    name: string;
    instanceOfNotFoundError: boolean;
    instanceOfApiError: boolean;
    instanceOfIdClientsError: boolean;
    instanceOfError: boolean;
    /** One class, whichever provider package it is imported from (one copy of @idclients/auth). */
    sameClassInEveryPackage: boolean;
    status: number;
    provider: string | undefined;
    operationId: string | undefined;
    code: string | undefined;
    message: string;
    hasRequestId: boolean;
    attempts: number;
  };
  /** Infisical: a machine client whose bearer token comes from infisicalJwtLogin (a WebCrypto-signed JWT). */
  tokenProvider: {
    provider: "infisicalJwtLogin";
    reads: number;
    /** How often the JWT was signed, i.e. how often the provider logged in: once, then cached. */
    logins: number;
    boundIssuer: string;
    tokenExpiresInFuture: boolean;
  };
  /** ICA: a JWT minted with the icaJwt token provider from an API key. */
  icaJwt: { segments: number; expiresInFuture: boolean };
}

/** The one JSON line (or Response body) each runtime's entry answers with. */
export interface ScenarioReport {
  runtime: { name: string; version: string };
  /** Milliseconds the scenario took, measured inside the runtime (workerd's clock only moves on I/O). */
  scenarioMs: number;
  results: ScenarioResults;
}

/** Runs the scenario and wraps its results with the runtime that ran it and how long it took. */
export async function reportScenario(
  runtime: ScenarioReport["runtime"],
  targets: ScenarioTargets,
): Promise<ScenarioReport> {
  const started = performance.now();
  const results = await runScenario(targets);
  return { runtime, scenarioMs: Math.round(performance.now() - started), results };
}

const ISSUER = "https://ci.runtimes.example";
const SUBJECT = "repo:runtimes/scenario";
/** Backoff of the retried call: short, so the scenario stays fast everywhere. */
const RETRY = { maxRetries: 2, baseDelayMs: 20, maxDelayMs: 100 };

/** Runs the scenario against `targets`; throws only when a step that must succeed fails. */
export async function runScenario(targets: ScenarioTargets): Promise<ScenarioResults> {
  const { retry, notFound } = await confluentSteps(targets.confluent);
  const tokenProvider = await infisicalSteps(targets.infisical);
  const ica = icaJwt({ baseUrl: targets.ica.baseUrl, apiKey: targets.ica.apiKey, retry: false });
  const jwt = await ica.getToken();
  return {
    retry,
    notFound,
    tokenProvider,
    // The cache read the expiry from the JWT's `exp` claim (ICA's answer has no lifetime).
    icaJwt: { segments: jwt.split(".").length, expiresInFuture: (ica.peek()?.expiresAt ?? 0) > Date.now() },
  };
}

async function confluentSteps(
  target: ScenarioTargets["confluent"],
): Promise<Pick<ScenarioResults, "retry" | "notFound">> {
  const events: RetryEvent[] = [];
  const confluent = createConfluentClient({
    baseUrl: target.baseUrl,
    auth: { "cloud-api-key": target.apiKey },
    retry: RETRY,
    onRetry: (event) => events.push(event),
  });
  const created = await unwrap(
    confluent.POST("/iam/v2/identity-providers", {
      body: {
        display_name: "runtimes scenario",
        description: "created by tooling/runtimes",
        issuer: target.issuer,
        jwks_uri: `${target.issuer}/.well-known/jwks.json`,
      },
    }),
  );
  const listed = await unwrap(confluent.GET("/iam/v2/identity-providers", {}));

  const missing = await failureOf(
    unwrap(confluent.GET("/iam/v2/identity-providers/{id}", { params: { path: { id: "op-missing" } } })),
  );
  if (!(missing instanceof ApiError)) throw missing;
  return {
    retry: {
      events: events.map((event) => ({
        operationId: event.operationId,
        attempt: event.attempt,
        status: event.status,
        // The first backoff: baseDelayMs less up to 25 % jitter.
        delayInRange: event.delayMs >= RETRY.baseDelayMs * 0.75 && event.delayMs <= RETRY.baseDelayMs,
      })),
      listedTheCreatedProvider: (listed.data ?? []).some((provider) => provider.id === created.id),
    },
    notFound: {
      name: missing.name,
      instanceOfNotFoundError: missing instanceof NotFoundError,
      instanceOfApiError: missing instanceof ApiError,
      instanceOfIdClientsError: missing instanceof IdClientsError,
      instanceOfError: missing instanceof Error,
      sameClassInEveryPackage:
        missing instanceof InfisicalNotFoundError && NotFoundError === InfisicalNotFoundError,
      status: missing.status,
      provider: missing.provider,
      operationId: missing.operationId,
      code: missing.code,
      message: missing.message,
      hasRequestId: typeof missing.requestId === "string" && missing.requestId !== "",
      attempts: missing.attempts,
    },
  };
}

async function infisicalSteps(
  target: ScenarioTargets["infisical"],
): Promise<ScenarioResults["tokenProvider"]> {
  const identityPath = { params: { path: { identityId: target.identityId } } } as const;
  const admin = createInfisicalClient({
    baseUrl: target.baseUrl,
    auth: { bearerAuth: target.adminToken },
    retry: false,
  });
  const issuer = await createIssuer();
  await unwrap(
    admin.POST("/api/v1/auth/jwt-auth/identities/{identityId}", {
      ...identityPath,
      body: {
        configurationType: "static",
        publicKeys: [issuer.publicKeyPem],
        boundIssuer: ISSUER,
        boundAudiences: "infisical",
        boundSubject: SUBJECT,
        boundClaims: {},
        accessTokenTTL: 600,
      },
    }),
  );

  let logins = 0;
  const login = infisicalJwtLogin({
    baseUrl: target.baseUrl,
    identityId: target.identityId,
    retry: false,
    jwt: () => {
      logins += 1;
      const now = Math.floor(Date.now() / 1000);
      return issuer.sign({ iss: ISSUER, sub: SUBJECT, aud: "infisical", iat: now, exp: now + 300 });
    },
  });
  const machine = createInfisicalClient({
    baseUrl: target.baseUrl,
    auth: { bearerAuth: login },
    retry: false,
  });
  const first = await unwrap(machine.GET("/api/v1/auth/jwt-auth/identities/{identityId}", identityPath));
  await unwrap(machine.GET("/api/v1/auth/jwt-auth/identities/{identityId}", identityPath));
  return {
    provider: "infisicalJwtLogin",
    reads: 2,
    logins,
    boundIssuer: first.identityJwtAuth.boundIssuer,
    tokenExpiresInFuture: (login.peek()?.expiresAt ?? 0) > Date.now(),
  };
}

/** Awaits a call that must fail and returns what it threw. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail, it succeeded");
}

interface Issuer {
  publicKeyPem: string;
  sign(claims: Record<string, unknown>): Promise<string>;
}

/** The workload's own issuer: an ES256 key pair made with WebCrypto. */
async function createIssuer(): Promise<Issuer> {
  const keys = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, [
    "sign",
    "verify",
  ]);
  const spki = new Uint8Array(await crypto.subtle.exportKey("spki", keys.publicKey));
  const lines = base64(spki).match(/.{1,64}/g) ?? [];
  const encoder = new TextEncoder();
  return {
    publicKeyPem: `-----BEGIN PUBLIC KEY-----\n${lines.join("\n")}\n-----END PUBLIC KEY-----\n`,
    async sign(claims) {
      const header = base64url(encoder.encode(JSON.stringify({ alg: "ES256", typ: "JWT" })));
      const input = `${header}.${base64url(encoder.encode(JSON.stringify(claims)))}`;
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
