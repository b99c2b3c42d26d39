/** Replaces every occurrence of a secret (at least 4 characters, to avoid mangling ordinary text). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4 && out.includes(secret)) out = out.replaceAll(secret, "[redacted]");
  }
  return out;
}

/**
 * Scrubs secrets from every string inside a decoded JSON value. Scrubbing the raw text is not enough:
 * a server can echo a credential with JSON escapes (`\u0041`, `\/`) that only decoding turns back into it.
 */
export function scrubDeep(value: unknown, secrets: readonly string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return scrubText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[scrubText(key, secrets)] = scrubDeep(item, secrets);
    return out;
  }
  return value;
}

/** A copy of `headers` with secrets scrubbed from every value (a server may echo one in a header). */
export function scrubHeaders(headers: Headers, secrets: readonly string[]): Headers {
  if (secrets.length === 0) return headers;
  const out = new Headers();
  headers.forEach((value, name) => {
    out.append(name, scrubText(value, secrets));
  });
  return out;
}
