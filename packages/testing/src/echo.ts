import type { FakeRequest } from "./engine.js";

/** Request body fields that carry a secret: Confluent STS `subject_token`, Infisical login `jwt`. */
const SECRET_BODY_FIELDS = ["subject_token", "jwt"] as const;

/**
 * The forms in which a fake started with `echoCredentials: true` sends `secret` back: raw, base64,
 * base64url and URL-encoded (`encodeURIComponent`) of its UTF-8 bytes. Base64 is given without `=`
 * padding, so it also matches padded text. Use it to check that none of them reaches your errors or logs.
 *
 * @example
 * for (const form of secretForms(apiKey.password)) expect(String(error)).not.toContain(form);
 */
export function secretForms(secret: string): string[] {
  if (secret === "") return [];
  const bytes = Buffer.from(secret, "utf8");
  return [
    ...new Set([
      secret,
      bytes.toString("base64").replace(/=+$/, ""),
      bytes.toString("base64url"),
      encodeURIComponent(secret),
    ]),
  ];
}

/** What a credential-echoing fake adds to a failure answer. */
export interface CredentialEcho {
  /** Appended to the failure body's message field. */
  text: string;
  /** Response headers (visible ASCII only). */
  headers: Record<string, string>;
}

/**
 * Everything secret `request` carried, in every form a careless server might send it back (see
 * `secretForms`): the raw `Authorization` and `X-API-Key` values, the decoded Basic `user:password`,
 * the secret body fields, and the encodings of each token, key, password and field. Undefined when the
 * request carried nothing secret. `wwwAuthenticate` is the challenge a 401 already has, if any.
 */
export function credentialEcho(
  request: FakeRequest,
  status: number,
  wwwAuthenticate?: string,
): CredentialEcho | undefined {
  const authorization = request.headers.authorization;
  const apiKey = request.headers["x-api-key"];
  const [scheme = "", ...rest] = (authorization ?? "").trim().split(/\s+/);
  const credential = rest.join(" ");
  const labelled: [string, string][] = [];
  const encoded: string[] = [];
  if (authorization) labelled.push(["authorization", authorization]);
  if (authorization && /^basic$/i.test(scheme)) {
    const pair = Buffer.from(credential, "base64").toString("utf8");
    labelled.push(["basic", pair]);
    encoded.push(pair, pair.slice(pair.indexOf(":") + 1));
  } else if (authorization) encoded.push(credential || authorization);
  if (apiKey) {
    labelled.push(["x-api-key", apiKey]);
    encoded.push(apiKey);
  }
  const body = request.body;
  if (body !== null && typeof body === "object" && !Array.isArray(body)) {
    for (const field of SECRET_BODY_FIELDS) {
      const value = (body as Record<string, unknown>)[field];
      if (typeof value === "string" && value !== "") {
        labelled.push([field, value]);
        encoded.push(value);
      }
    }
  }
  if (labelled.length === 0) return undefined;

  const secrets = [...new Set(encoded.filter((value) => value !== ""))];
  const base64 = secrets.map((value) => Buffer.from(value, "utf8").toString("base64"));
  const base64url = secrets.map((value) => Buffer.from(value, "utf8").toString("base64url"));
  const urlencoded = secrets.map((value) => encodeURIComponent(value));
  const text = [
    ...labelled.map(([label, value]) => `${label}=${value}`),
    `base64=${base64.join(",")}`,
    `base64url=${base64url.join(",")}`,
    `urlencoded=${urlencoded.join(",")}`,
  ].join("; ");

  const headers: Record<string, string> = {
    "x-echo-base64": base64.join(","),
    "x-echo-base64url": base64url.join(","),
    "x-echo-urlencoded": urlencoded.join(","),
  };
  if (authorization) headers["x-echo-authorization"] = headerSafe(authorization);
  if (apiKey) headers["x-echo-api-key"] = headerSafe(apiKey);
  const basic = labelled.find(([label]) => label === "basic");
  if (basic) headers["x-echo-basic"] = headerSafe(basic[1]);
  const fields = labelled.filter(([label]) => (SECRET_BODY_FIELDS as readonly string[]).includes(label));
  if (fields.length > 0) {
    headers["x-echo-body"] = fields.map(([label, value]) => `${label}=${headerSafe(value)}`).join(", ");
  }
  if (status === 401) {
    const params = [
      ...(authorization ? [`token="${quoted(credential || authorization)}"`] : []),
      ...(apiKey ? [`api_key="${quoted(apiKey)}"`] : []),
    ];
    if (params.length > 0) {
      const kind = !authorization ? "ApiKey" : basic ? "Basic" : "Bearer";
      const challenge = wwwAuthenticate ?? `${kind} realm="fake"`;
      headers["www-authenticate"] = `${challenge}, ${params.join(", ")}`;
    }
  }
  return { text: `[echo] ${text}`, headers };
}

/** `value` with every byte outside visible ASCII and space percent-encoded, trimmed: a legal header value. */
function headerSafe(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    out +=
      byte >= 0x20 && byte <= 0x7e
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out.trim();
}

/** `value` made safe for a quoted-string parameter. */
function quoted(value: string): string {
  return headerSafe(value).replace(/["\\]/g, "\\$&");
}
