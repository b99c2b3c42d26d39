import { inspect } from "node:util";
import { expect } from "vitest";
import { secretForms } from "../echo.js";

// Shared by the provider packages' leak tests, which import it (and the fakes) from source: they cannot
// depend on @idclients/testing, which depends on them (their turbo.json lists packages/testing/src among
// their test inputs). Not part of the published package.

/**
 * Every way an error is commonly shown, by name: String(), .message, JSON.stringify, util.inspect, the
 * decoded body and the kept headers, then the same for its `cause` chain (a TokenError's ApiError).
 * `logged` adds whatever a logger was given.
 */
export function renderings(error: unknown, logged: unknown[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  let current = error;
  let name = "error";
  for (let depth = 0; current !== undefined && current !== null && depth < 5; depth++) {
    const fields = current as { message?: unknown; body?: unknown; headers?: unknown; cause?: unknown };
    out[`String(${name})`] = String(current);
    out[`${name}.message`] = String(fields.message);
    out[`JSON.stringify(${name})`] = JSON.stringify(current) ?? "";
    out[`inspect(${name})`] = inspect(current, { depth: 10 });
    out[`${name}.body`] = JSON.stringify(fields.body) ?? "";
    out[`${name}.headers`] = fields.headers instanceof Headers ? JSON.stringify([...fields.headers]) : "";
    current = fields.cause;
    name = `${name}.cause`;
  }
  if (logged.length > 0) out.logger = inspect(logged, { depth: 10 });
  return out;
}

/** A console-shaped logger that keeps every call, for `renderings(error, logged)`. */
export function capturingLogger() {
  const logged: unknown[] = [];
  const keep =
    (level: string) =>
    (...args: unknown[]) => {
      logged.push([level, ...args]);
    };
  return {
    logged,
    logger: { debug: keep("debug"), info: keep("info"), warn: keep("warn"), error: keep("error") },
    onRetry: keep("onRetry"),
  };
}

const ENCODINGS: [string, (secret: string) => string][] = [
  ["raw", (secret) => secret],
  ["base64", (secret) => Buffer.from(secret, "utf8").toString("base64").replace(/=+$/, "")],
  ["base64url", (secret) => Buffer.from(secret, "utf8").toString("base64url")],
  ["urlencoded", (secret) => encodeURIComponent(secret)],
];

/**
 * Fails listing every (form, secret, rendering) where a raw, base64, base64url or URL-encoded form of a
 * secret shows. `secrets` maps a label to the secret value. Checks first that the fake's echo reached
 * the error (its `[echo]` marker is no secret), so that a test cannot pass because nothing was echoed.
 */
export function expectNoSecret(rendered: Record<string, string>, secrets: Record<string, string>): void {
  expect(
    Object.values(rendered).some((text) => text.includes("[echo]")),
    "the fake's echo reached the error",
  ).toBe(true);
  const leaks: string[] = [];
  for (const [label, secret] of Object.entries(secrets)) {
    for (const form of secretForms(secret)) {
      const kinds = ENCODINGS.filter(([, encode]) => encode(secret) === form).map(([kind]) => kind);
      for (const [where, text] of Object.entries(rendered)) {
        if (text.includes(form)) leaks.push(`${kinds.join("/")} ${label} in ${where}`);
      }
    }
  }
  expect(leaks).toEqual([]);
}
