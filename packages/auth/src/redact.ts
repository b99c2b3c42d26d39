/** What a scrubbed secret is replaced with. */
export const REDACTED = "[redacted]";

/** Secrets shorter than this are not scrubbed: replacing every "ab" would mangle ordinary text. */
const MIN_SECRET_LENGTH = 4;
/** A base64 fragment shorter than this could match by chance; longer ones only come from the secret. */
const MIN_FRAGMENT_LENGTH = 8;
/** Decoded JSON deeper than this is cut off, so that scrubbing and rendering never overflow the stack. */
export const MAX_JSON_DEPTH = 64;

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Base64 of the UTF-8 bytes of `text` (btoa alone only takes Latin-1). */
export function base64Utf8(text: string): string {
  return base64(new TextEncoder().encode(text));
}

/**
 * The base64 characters that encode `bytes` wherever they sit in a longer base64 text: for each of the
 * three alignments, the characters that depend on the secret's bytes alone. A server that base64s a
 * string containing the secret (`user:password` in a Basic header) shows one of these three.
 */
function base64Fragments(bytes: Uint8Array): string[] {
  const fragments: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const encoded = base64(padded).replace(/=+$/, "");
    // Characters touching the zero prefix or the partial last group also depend on other bytes.
    const start = offset === 0 ? 0 : offset === 1 ? 2 : 3;
    const usable = Math.floor(((offset + bytes.length) * 8) / 6);
    const fragment = encoded.slice(start, usable);
    if (fragment.length >= MIN_FRAGMENT_LENGTH) fragments.push(fragment);
  }
  return fragments;
}

const toBase64Url = (text: string) => text.replaceAll("+", "-").replaceAll("/", "_");

/** Percent-encoding as in a form body (`+` for spaces, `*-._` kept), which differs from encodeURIComponent. */
function formEncoded(text: string): string {
  return new URLSearchParams([["", text]]).toString().slice(1);
}

const formsCache = new Map<string, readonly string[]>();
const FORMS_CACHE_SIZE = 256;

/**
 * Every form in which a server might echo `secret`: raw, URL- and form-encoded (either hex case),
 * JSON-escaped, and base64 / base64url at any alignment (so also inside base64 of a longer text).
 * Longest first, so that a longer form is replaced before a shorter one inside it.
 */
export function secretForms(secret: string): readonly string[] {
  const cached = formsCache.get(secret);
  if (cached) return cached;
  const forms = new Set<string>();
  if (secret.length >= MIN_SECRET_LENGTH) {
    forms.add(secret);
    for (const encoded of [encodeURIComponent(secret), formEncoded(secret)]) {
      forms.add(encoded);
      forms.add(encoded.replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase()));
    }
    forms.add(JSON.stringify(secret).slice(1, -1));
    for (const fragment of base64Fragments(new TextEncoder().encode(secret))) {
      forms.add(fragment);
      forms.add(toBase64Url(fragment));
    }
  }
  const list = [...forms].sort((a, b) => b.length - a.length);
  if (formsCache.size >= FORMS_CACHE_SIZE) formsCache.clear();
  formsCache.set(secret, list);
  return list;
}

/** Replaces every form of every secret in `text` (see `secretForms`). */
export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      if (out.includes(form)) out = out.replaceAll(form, REDACTED);
    }
  }
  return out;
}

/**
 * A safe copy of a decoded JSON value: secrets scrubbed from every string and key (a server can echo a
 * credential with JSON escapes that only decoding turns back into it), nesting cut at `MAX_JSON_DEPTH`,
 * and objects rebuilt with data properties only, so a `__proto__` key never changes a prototype.
 */
export function scrubDeep(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === "string") return scrubText(value, secrets);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_JSON_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((item) => scrubDeep(item, secrets, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      scrubText(key, secrets),
      scrubDeep(item, secrets, depth + 1),
    ]),
  );
}

/**
 * A copy of `headers` with secrets scrubbed from every value; a header whose name carries a secret is
 * dropped (a server may echo a credential anywhere it can).
 */
export function scrubHeaders(headers: Headers, secrets: readonly string[]): Headers {
  if (secrets.length === 0) return headers;
  const out = new Headers();
  headers.forEach((value, name) => {
    if (scrubText(name, secrets) !== name) return;
    out.append(name, scrubText(value, secrets));
  });
  return out;
}
