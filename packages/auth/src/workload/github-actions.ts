import { ConfigurationError } from "../errors.js";
import { readBounded } from "../read-body.js";
import { scrubText } from "../redact.js";
import { type Environment, processEnvironment, readVariable } from "./env.js";
import { WorkloadIdentityMissingError, WorkloadTokenError } from "./errors.js";
import {
  createWorkloadTokenSource,
  type WorkloadTokenOptions,
  type WorkloadTokenSource,
} from "./workload-token-source.js";

/** The variables a GitHub Actions runner sets in a job that has the `id-token: write` permission. */
export const GITHUB_ACTIONS_ID_TOKEN_VARIABLES = [
  "ACTIONS_ID_TOKEN_REQUEST_URL",
  "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
] as const;

export interface GithubActionsIdTokenOptions extends WorkloadTokenOptions {
  /** The `aud` claim to ask for: what the receiver is configured to accept (e.g. "confluent"). */
  audience: string;
  /** Where to read the runner's variables (default `globalThis.process?.env`). */
  env?: Environment;
  /** A custom fetch (default the global one). */
  fetch?: typeof fetch;
  /** Further attempts after a connection error, 429 or 5xx from the runner's endpoint (default 2). */
  maxRetries?: number;
  /** Wait before the first retry, doubled for each further one (default 500 ms). */
  retryDelayMs?: number;
}

const ORIGIN = "github-actions";
const DESCRIPTION = "GitHub Actions ID token";
/** The answer is `{ "value": "<jwt>" }`; anything larger is not that. */
const MAX_ANSWER_BYTES = 64 * 1024;
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/**
 * The GitHub Actions job's OIDC ID token for `audience`, requested from the runner's endpoint
 * (`ACTIONS_ID_TOKEN_REQUEST_URL`, authorised by `ACTIONS_ID_TOKEN_REQUEST_TOKEN`). A job without
 * `permissions: id-token: write` gets a `WorkloadIdentityMissingError` naming both variables. The
 * request token is sent only to the URL the runner gave (https, or http to a loopback address; no
 * redirect is followed) and never appears in an error.
 *
 * @example
 * const confluent = createConfluentClient({
 *   auth: { "confluent-sts-access-token": confluentSts({ identityPoolId: "pool-abc",
 *     subjectToken: githubActionsIdToken({ audience: "confluent" }) }) },
 * });
 */
export function githubActionsIdToken(options: GithubActionsIdTokenOptions): WorkloadTokenSource {
  const { audience, env, fetch: customFetch, maxRetries = 2, retryDelayMs = 500, ...rest } = options;
  if (typeof audience !== "string" || audience.trim() === "") {
    throw new ConfigurationError("audience must be a non-empty string (the aud claim to request)", {
      setting: "audience",
    });
  }
  if (!(Number.isInteger(maxRetries) && maxRetries >= 0 && maxRetries <= 10)) {
    throw new ConfigurationError("maxRetries must be a whole number from 0 to 10", { setting: "maxRetries" });
  }
  if (!(Number.isFinite(retryDelayMs) && retryDelayMs >= 0 && retryDelayMs <= 60_000)) {
    throw new ConfigurationError("retryDelayMs must be a number of milliseconds from 0 to 60000", {
      setting: "retryDelayMs",
    });
  }
  return createWorkloadTokenSource({
    origin: ORIGIN,
    description: DESCRIPTION,
    options: rest,
    read: async (signal) => {
      const { url, requestToken } = runnerEndpoint(env ?? processEnvironment(), audience);
      const doFetch = customFetch ?? globalThis.fetch;
      for (let attempt = 0; ; attempt++) {
        const outcome = await requestIdToken(doFetch, url, requestToken, signal);
        if (outcome.ok) return outcome.token;
        if (!outcome.retryable || attempt >= maxRetries || signal?.aborted) throw outcome.error;
        await sleep(retryDelayMs * 2 ** attempt, signal);
      }
    },
  });
}

/** Reads and checks the runner's variables; the URL gets the `audience` query parameter. */
function runnerEndpoint(env: Environment | undefined, audience: string): { url: URL; requestToken: string } {
  const [urlVariable, tokenVariable] = GITHUB_ACTIONS_ID_TOKEN_VARIABLES;
  const rawUrl = readVariable(env, urlVariable);
  const requestToken = readVariable(env, tokenVariable);
  if (rawUrl === undefined || requestToken === undefined) {
    const missing = GITHUB_ACTIONS_ID_TOKEN_VARIABLES.filter((name) => readVariable(env, name) === undefined);
    throw new WorkloadIdentityMissingError(
      `GitHub Actions did not provide an ID token: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} not set. ` +
        "The runner sets them only in a job with the permission `id-token: write` " +
        "(`permissions: { id-token: write }` on the workflow or the job).",
      { origin: ORIGIN, variables: missing },
    );
  }
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new WorkloadTokenError(`${urlVariable} is not an absolute URL`, { origin: ORIGIN });
  }
  const secure = url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK.test(url.hostname));
  if (!secure) {
    throw new WorkloadTokenError(
      `${urlVariable} must be an https:// URL (or http:// to a loopback address); refusing to send the request token over ${url.protocol}`,
      { origin: ORIGIN },
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw new WorkloadTokenError(`${urlVariable} must not carry user:password@`, { origin: ORIGIN });
  }
  // The runner's URL already has a query (api-version), hence GitHub's documented `$URL&audience=...`.
  url.searchParams.set("audience", audience);
  return { url, requestToken };
}

type Outcome = { ok: true; token: string } | { ok: false; retryable: boolean; error: WorkloadTokenError };

async function requestIdToken(
  doFetch: typeof fetch,
  url: URL,
  requestToken: string,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  const fail = (message: string, retryable: boolean, status?: number): Outcome => ({
    ok: false,
    retryable,
    error: new WorkloadTokenError(
      scrubText(`Could not obtain the ${DESCRIPTION}: ${message}`, [requestToken]),
      {
        origin: ORIGIN,
        ...(status === undefined ? {} : { status }),
      },
    ),
  });
  let response: Response;
  try {
    response = await doFetch(url, {
      method: "GET",
      headers: { authorization: `Bearer ${requestToken}`, accept: "application/json" },
      // A redirect would take the request token somewhere the runner did not name.
      redirect: "manual",
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) return fail("the request was aborted", false);
    return fail(`no answer from ${url.origin} (${describeNetworkError(error)})`, true);
  }
  const { status } = response;
  if (status >= 300 && status < 400) {
    await response.body?.cancel().catch(() => undefined);
    return fail(`${url.origin} answered with a redirect (${status}), which is not followed`, false, status);
  }
  let text: string;
  try {
    text = (await readBounded(response, MAX_ANSWER_BYTES)).text;
  } catch (error) {
    return fail(`the answer from ${url.origin} broke off (${describeNetworkError(error)})`, true, status);
  }
  if (status < 200 || status >= 300) {
    const snippet = text.replace(/\s+/g, " ").trim().slice(0, 200);
    return fail(
      `${url.origin} answered ${status}${snippet ? `: ${snippet}` : ""}`,
      status === 429 || status >= 500,
      status,
    );
  }
  let value: unknown;
  try {
    value = (JSON.parse(text) as { value?: unknown } | null)?.value;
  } catch {
    return fail(`the answer from ${url.origin} is not JSON`, false, status);
  }
  if (typeof value !== "string" || value.trim() === "") {
    return fail(`the answer from ${url.origin} has no "value" string`, false, status);
  }
  return { ok: true, token: value };
}

/** A network error's message and code, never its request details. */
function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return "unknown failure";
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? `${error.message}: ${code}` : error.message;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
