/**
 * Canary secrets and the check that none of them shows up in anything a caller can see: an error (its
 * message, cause chain, body, headers, every rendering), a logger line, an `onRetry` event.
 */
import { randomUUID } from "node:crypto";
import { inspect } from "node:util";
import { expect } from "vitest";
import { base64, base64url } from "./server.js";

/** Basic credentials, checked as the password and as `user:password`. */
export interface BasicSecret {
  username: string;
  password: string;
}

export type Secret = string | BasicSecret;

/**
 * A fresh canary, unique per call. It carries `/`, `+` and `=` so that its URL-encoded form differs from
 * the raw one (a scrubber that only knows the raw form misses it).
 */
export function canary(label = "canary"): string {
  return `${label}-${randomUUID().replaceAll("-", "")}/+=`;
}

/** A fresh pair of Basic credentials whose password is a canary. */
export function basicCanary(): BasicSecret {
  return { username: `user${randomUUID().slice(0, 8)}`, password: canary("pw") };
}

/** The forms a secret can leak in, labelled: raw, base64, base64url, URL-encoded, `Basic …`. */
export function labelledForms(secret: Secret): [label: string, form: string][] {
  if (typeof secret !== "string") {
    const pair = `${secret.username}:${secret.password}`;
    return [
      ...labelledForms(secret.password).map(([l, f]): [string, string] => [`password ${l}`, f]),
      ...labelledForms(pair).map(([l, f]): [string, string] => [`user:password ${l}`, f]),
    ];
  }
  const b64 = base64(secret);
  const forms: [string, string][] = [
    ["raw", secret],
    // Unpadded, so that a copy with or without `=` padding is caught.
    ["base64", b64.replace(/=+$/, "")],
    ["base64url", base64url(secret)],
    ["URL-encoded", encodeURIComponent(secret)],
    ["Basic header", `Basic ${b64}`],
  ];
  const seen = new Set<string>();
  return forms.filter(([, form]) => !seen.has(form) && seen.add(form));
}

/** Every form of `secret` to look for: raw, base64, base64url, encodeURIComponent, and `Basic <base64>`. */
export function secretForms(secret: Secret): string[] {
  return labelledForms(secret).map(([, form]) => form);
}

type Rendering = [where: string, text: string];

function render(where: string, how: string, make: () => unknown, out: Rendering[]): void {
  try {
    out.push([`${where} ${how}`, String(make())]);
  } catch (error) {
    out.push([`${where} ${how}`, `[${how} threw ${(error as Error | undefined)?.name ?? "something"}]`]);
  }
}

/**
 * Everything a caller could print of `value`: String(), JSON.stringify, util.inspect (depth 20), and for
 * errors `.message`, `.stack`, the `.cause` chain, `.body` and `[...headers]`; then the same for every
 * own enumerable property (so `body`, `headers`, `snippet`, `detail`, `issues` are rendered on their own).
 */
export function renderings(value: unknown, where = "value"): Rendering[] {
  const out: Rendering[] = [];
  const seen = new Set<unknown>();
  const visit = (item: unknown, at: string, depth: number): void => {
    if (item === null || item === undefined || depth > 8) return;
    if (typeof item !== "object" && typeof item !== "function") {
      out.push([at, String(item)]);
      return;
    }
    if (seen.has(item)) return;
    seen.add(item);
    render(at, "String()", () => String(item), out);
    render(at, "JSON.stringify", () => JSON.stringify(item), out);
    render(at, "util.inspect", () => inspect(item, { depth: 20 }), out);
    if (item instanceof Error) {
      render(at, ".message", () => item.message, out);
      render(at, ".stack", () => item.stack, out);
      visit(item.cause, `${at}.cause`, depth + 1);
      visit((item as { body?: unknown }).body, `${at}.body`, depth + 1);
    }
    const headers = (item as { headers?: unknown }).headers;
    if (headers instanceof Headers)
      render(`${at}.headers`, "[...headers]", () => JSON.stringify([...headers]), out);
    if (item instanceof Headers) {
      render(at, "[...headers]", () => JSON.stringify([...item]), out);
      return;
    }
    let keys: string[] = [];
    try {
      keys = Object.keys(item);
    } catch {
      return;
    }
    for (const key of keys) {
      let child: unknown;
      try {
        child = (item as Record<string, unknown>)[key];
      } catch {
        continue;
      }
      visit(child, `${at}.${key}`, depth + 1);
    }
  };
  visit(value, where, 0);
  return out;
}

/** Where (which value, which rendering) which form of which secret appears; [] when none does. */
export function findSecrets(values: unknown[], secrets: Secret[]): string[] {
  const leaks: string[] = [];
  const forms = secrets.flatMap((secret, index) =>
    labelledForms(secret).map(([label, form]) => ({ label: `secret #${index} ${label}`, form })),
  );
  values.forEach((value, index) => {
    for (const [where, text] of renderings(value, `values[${index}]`)) {
      for (const { label, form } of forms) {
        if (text.includes(form)) leaks.push(`${where} contains the ${label} form`);
      }
    }
  });
  return [...new Set(leaks)];
}

/** Fails the test when any form of any secret appears in any rendering of any value. */
export function expectNoSecret(values: unknown[], secrets: Secret[]): void {
  const leaks = findSecrets(values, secrets);
  // The message says where and which form, never the secret itself.
  if (leaks.length > 0) {
    expect.fail(
      `a secret leaked in ${leaks.length} places, for example:\n  ${leaks.slice(0, 12).join("\n  ")}`,
    );
  }
}
