import { InvalidWorkloadJwtError, type WorkloadTokenOrigin } from "./errors.js";

const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** A JSON object decoded from one base64url segment of a JWT, or undefined when it is not one. */
function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    const base64 = segment.replaceAll("-", "+").replaceAll("_", "/");
    const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
    const bytes = Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks what a platform handed over before anyone relies on it: three non-empty base64url segments
 * whose header and payload are JSON objects, a numeric `exp`, and `exp` in the future. The signature is
 * not verified (the server that receives the token does that); this only catches a token that cannot
 * work, with an error that says why and never quotes it. Returns the token with surrounding whitespace
 * removed (files and variables often end in a newline).
 */
export function checkWorkloadJwt(
  raw: string,
  init: { origin: WorkloadTokenOrigin; what: string; nowMs: number },
): {
  /** The token with surrounding whitespace removed. */
  token: string;
  /** When the token expires (its `exp` claim), in milliseconds since the Unix epoch. */
  expiresAt: number;
} {
  const token = raw.trim();
  const segments = token.split(".");
  const refuse = (reason: "malformed" | "no-expiry" | "expired", why: string) =>
    new InvalidWorkloadJwtError(`The ${init.what} ${why}`, { origin: init.origin, reason });
  if (segments.length !== 3 || !segments.every((segment) => SEGMENT.test(segment))) {
    throw refuse("malformed", "is not a JWT (three base64url segments separated by dots)");
  }
  const [header, payload] = segments as [string, string, string];
  if (decodeSegment(header) === undefined) {
    throw refuse("malformed", "is not a JWT: its header is not a base64url-encoded JSON object");
  }
  const claims = decodeSegment(payload);
  if (claims === undefined) {
    throw refuse("malformed", "is not a JWT: its payload is not a base64url-encoded JSON object");
  }
  const exp = claims.exp;
  if (typeof exp !== "number" || !Number.isFinite(exp)) {
    throw refuse("no-expiry", "has no numeric exp claim, so it cannot be refreshed in time");
  }
  const expiresAt = exp * 1000;
  if (expiresAt <= init.nowMs) {
    const ago = Math.ceil((init.nowMs - expiresAt) / 1000);
    throw refuse("expired", `expired ${ago} s ago`);
  }
  return { token, expiresAt };
}
