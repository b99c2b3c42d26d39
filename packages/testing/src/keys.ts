import {
  type CryptoKey,
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { randomId } from "./engine.js";

/** An RS256 signing key with a `kid`, able to sign JWTs and publish its public half. */
export class SigningKey {
  private constructor(
    /** The key ID, sent as `kid` in the header of every JWT it signs. */
    readonly kid: string,
    /** The private key (Web Crypto), for signing. */
    readonly privateKey: CryptoKey,
    /** The public key (Web Crypto), for verifying. */
    readonly publicKey: CryptoKey,
    /** The public key as a JWK (`kty`, `n`, `e`, `kid`, `alg`, `use`). */
    readonly publicJwk: JWK,
    /** The public key as an SPKI PEM (`-----BEGIN PUBLIC KEY-----`). */
    readonly publicPem: string,
  ) {}

  /** Generates a new RSA key pair for RS256, with `kid` (default: a random `key-…`). */
  static async generate(kid = `key-${randomId(10)}`): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
    const jwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
    return new SigningKey(kid, privateKey, publicKey, jwk, await exportSPKI(publicKey));
  }

  /**
   * Signs `claims` as a JWT. `iat` is set to now; `exp` comes from `expiresInSeconds` unless the claims
   * carry their own.
   */
  async sign(claims: JWTPayload, options: { expiresInSeconds?: number; typ?: string } = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const payload: JWTPayload = { iat: now, ...claims };
    if (payload.exp === undefined && options.expiresInSeconds !== undefined) {
      payload.exp = now + options.expiresInSeconds;
    }
    return new SignJWT(payload)
      .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: options.typ ?? "JWT" })
      .sign(this.privateKey);
  }

  /** Verifies a JWT signed by this key (and only this key); throws jose's errors otherwise. */
  async verify(token: string, options: { issuer?: string } = {}): Promise<JWTPayload> {
    const keys = createLocalJWKSet({ keys: [this.publicJwk] });
    const { payload } = await jwtVerify(token, keys, { issuer: options.issuer, algorithms: ["RS256"] });
    return payload;
  }
}

/** A JWKS document holding the given keys. */
export function jwksOf(keys: readonly SigningKey[]): JSONWebKeySet {
  return { keys: keys.map((key) => ({ ...key.publicJwk })) };
}

/** Wording of the jsonwebtoken library (which the real providers use) for jose's verification errors. */
export function verificationMessage(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "jwt expired";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "invalid signature";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED": {
      const claim = (error as { claim?: string }).claim;
      if (claim === "nbf") return "jwt not active";
      if (claim === "iss") return "jwt issuer invalid";
      return `jwt ${claim ?? "claim"} invalid`;
    }
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "no matching signing key found in the key set";
    case "ERR_JWS_INVALID":
    case "ERR_JWT_INVALID":
      return "jwt malformed";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "invalid algorithm";
    default:
      return error instanceof Error ? error.message : "jwt verification failed";
  }
}

/** Fetches a JWKS document; loopback addresses are allowed (the fakes run on 127.0.0.1). */
export async function fetchJwks(
  url: string,
  timeoutMs = 5000,
): Promise<
  { ok: true; jwks: JSONWebKeySet } | { ok: false; reason: "invalid-url" | "fetch-failed"; detail: string }
> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "invalid-url", detail: "not a URL" };
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: "invalid-url", detail: `unsupported scheme ${parsed.protocol}` };
  }
  try {
    const response = await fetch(parsed, { signal: AbortSignal.timeout(timeoutMs), redirect: "follow" });
    if (!response.ok) return { ok: false, reason: "fetch-failed", detail: `HTTP ${response.status}` };
    const body = (await response.json()) as { keys?: unknown };
    if (!Array.isArray(body.keys)) return { ok: false, reason: "fetch-failed", detail: "no keys array" };
    const keys = body.keys.filter(
      (key): key is JWK => key !== null && typeof key === "object" && typeof (key as JWK).kty === "string",
    );
    return { ok: true, jwks: { keys } };
  } catch (error) {
    return {
      ok: false,
      reason: "fetch-failed",
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
