import { ApiError, type FailureIssue } from "./errors.js";
import { getRateLimit, readRetryAfterMs } from "./rate-limit.js";
import { readBounded } from "./read-body.js";
import { scrubDeep, scrubHeaders, scrubText } from "./redact.js";
import type { ProviderName } from "./types.js";

/** The most of a failure body that is kept: enough for any real error, bounded for a hostile one. */
export const MAX_FAILURE_BODY_BYTES = 1024 * 1024;

type Json = Record<string, unknown>;

/** What a provider's failure body says, in one shape for every provider. */
export interface DecodedFailure {
  /** Machine-readable error code (Confluent `code`, ICA `title`, Infisical `error`). */
  code?: string;
  /** Short summary. */
  title?: string;
  /** The human-readable message. */
  detail?: string;
  /** The provider's request id, for support tickets. */
  requestId?: string;
  /** One entry per problem the body lists (field errors of a validation failure). */
  issues: FailureIssue[];
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const strOrNumber = (v: unknown): string | undefined => (typeof v === "number" ? String(v) : str(v));

function compact(issue: FailureIssue): FailureIssue {
  const out: FailureIssue = {};
  for (const key of ["code", "title", "detail", "pointer", "parameter"] as const) {
    if (issue[key] !== undefined) out[key] = issue[key];
  }
  return out;
}

/** Confluent `Failure {errors: [...]}`, its newer `{error: {...}}` guideline, and OAuth `{error, error_description}`. */
export function confluentFailureFormat(body: Json): DecodedFailure | undefined {
  if (Array.isArray(body.errors)) {
    const issues = body.errors.filter(isObject).map((e) =>
      compact({
        code: str(e.code) ?? strOrNumber(e.error_code),
        title: str(e.title),
        detail: str(e.detail) ?? str(e.message),
        pointer: isObject(e.source) ? str(e.source.pointer) : undefined,
        parameter: isObject(e.source) ? str(e.source.parameter) : undefined,
      }),
    );
    const first = issues[0] ?? {};
    return { code: first.code, title: first.title, detail: first.detail ?? first.title, issues };
  }
  if (isObject(body.error)) {
    const e = body.error;
    return {
      code: str(e.code),
      detail: str(e.message) ?? str(e.details),
      requestId: str(body.requestId),
      issues: [],
    };
  }
  if (typeof body.error === "string") {
    return { code: body.error, detail: str(body.error_description), issues: [] };
  }
  return undefined;
}

/** ICA's RFC 7807 problem: the ICA error code travels in `title`, extra details in `parameters`. */
export function icaFailureFormat(body: Json): DecodedFailure | undefined {
  if (!("title" in body || "type" in body || "detail" in body)) return undefined;
  const title = str(body.title);
  const type = str(body.type);
  const issues = isObject(body.parameters)
    ? Object.entries(body.parameters).map(([parameter, detail]) =>
        compact({ parameter, detail: typeof detail === "string" ? detail : JSON.stringify(detail) }),
      )
    : [];
  const code =
    title !== undefined && /^[A-Z][A-Z0-9_.-]*$/.test(title)
      ? title
      : type !== "about:blank"
        ? type
        : undefined;
  return { code, title, detail: str(body.detail) ?? title, requestId: str(body.id), issues };
}

/** Infisical `{reqId, statusCode, message, error, details?}`; on a 422 `message` is an array of issues. */
export function infisicalFailureFormat(body: Json): DecodedFailure | undefined {
  if (!("message" in body || "error" in body)) return undefined;
  const issues: FailureIssue[] = [];
  let detail = str(body.message);
  if (Array.isArray(body.message)) {
    for (const issue of body.message.filter(isObject)) {
      const path = Array.isArray(issue.path) ? issue.path.map(String) : [];
      issues.push(
        compact({
          code: str(issue.code),
          detail: str(issue.message),
          pointer:
            path.length > 0
              ? `/${path.map((p) => p.replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`
              : undefined,
        }),
      );
    }
    detail = issues
      .map((i) => (i.pointer ? `${i.pointer}: ${i.detail ?? i.code}` : (i.detail ?? i.code)))
      .join("; ");
  }
  return {
    code: str(body.error),
    title: str(body.error),
    detail: detail || undefined,
    requestId: str(body.reqId),
    issues,
  };
}

/** Reads one provider's failure format; `undefined` when the body is not in that format. */
export type FailureFormat = (body: Record<string, unknown>) => DecodedFailure | undefined;

const formats: Record<ProviderName, FailureFormat> = {
  confluent: confluentFailureFormat,
  ica: icaFailureFormat,
  infisical: infisicalFailureFormat,
};

/** Any of the three formats, for a body whose provider is unknown. */
const anyFormat: FailureFormat = (body) =>
  confluentFailureFormat(body) ?? infisicalFailureFormat(body) ?? icaFailureFormat(body);

/** A readable line from a body that is not the provider's format (an HTML page from a proxy, plain text). */
function summariseText(text: string): string | undefined {
  const plain = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (plain === "") return undefined;
  return plain.length > 200 ? `${plain.slice(0, 200)}…` : plain;
}

/**
 * Decodes a failure body of any shape. Never throws: unknown shapes fall back to a text summary.
 * `secrets` (the credentials the request carried) are scrubbed from the text and from every decoded string.
 */
export function decodeFailure(
  provider: ProviderName | undefined,
  rawText: string,
  secrets: readonly string[] = [],
): DecodedFailure & {
  /** The body: parsed JSON (secrets scrubbed) or, when it is not JSON, its text; undefined when empty. */
  body: unknown;
} {
  return decodeWith(provider ? formats[provider] : anyFormat, rawText, secrets);
}

/** `decodeFailure` with the format given directly (so a bundle keeps only the formats it uses). */
export function decodeWith(
  format: FailureFormat | undefined,
  rawText: string,
  secrets: readonly string[] = [],
): DecodedFailure & {
  /** The body: parsed JSON (secrets scrubbed) or, when it is not JSON, its text; undefined when empty. */
  body: unknown;
} {
  const text = scrubText(rawText, secrets);
  let body: unknown = text === "" ? undefined : text;
  try {
    if (text !== "") body = scrubDeep(JSON.parse(text), secrets);
  } catch {
    // Not JSON: keep the text.
  }
  if (isObject(body)) {
    const decoded = format?.(body);
    if (decoded) return { ...decoded, body };
    const generic = str(body.message) ?? str(body.detail) ?? str(body.error) ?? str(body.title);
    return { detail: generic, issues: [], body };
  }
  if (typeof body === "string") return { detail: summariseText(body), issues: [], body };
  return { issues: [], body };
}

/** Reads at most `limit` bytes of a failure body as text, cancelling the rest, so a huge error page costs little. */
export async function readBoundedText(response: Response, limit = MAX_FAILURE_BODY_BYTES): Promise<string> {
  return (await readBounded(response, limit)).text;
}

/** The parts of a failed response that `failureFromResponse` builds its error from. */
export interface FailureInit {
  /** The provider, for its failure format; unknown providers get a generic reading. */
  provider?: ProviderName;
  /** The operation that failed. */
  operationId?: string;
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Headers;
  /** The body text, already bounded (see `readBoundedText`). */
  text: string;
  /** How many attempts were made. */
  attempts?: number;
  /** Credentials the request carried; scrubbed from the body and headers kept on the error. */
  secrets?: readonly string[];
}

/** Builds the typed error for a non-2xx response from its status, headers and (bounded) body text. */
export function failureFromResponse(init: FailureInit): ApiError {
  return buildFailure(init, init.provider ? formats[init.provider] : anyFormat);
}

/** `failureFromResponse` with the provider's format given directly (no other format is bundled). */
export function buildFailure(init: FailureInit, format: FailureFormat | undefined): ApiError {
  const secrets = init.secrets ?? [];
  const decoded = decodeWith(format, init.text, secrets);
  const headers = scrubHeaders(init.headers, secrets);
  return ApiError.from({
    provider: init.provider,
    operationId: init.operationId,
    status: init.status,
    code: decoded.code,
    title: decoded.title,
    detail: decoded.detail,
    requestId: headers.get("x-request-id") ?? decoded.requestId,
    issues: decoded.issues,
    rateLimit: getRateLimit({ headers }),
    retryAfterMs: readRetryAfterMs(init.status, headers),
    body: decoded.body,
    headers,
    attempts: init.attempts,
  });
}
