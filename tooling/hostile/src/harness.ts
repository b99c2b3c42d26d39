/**
 * What every hostile test file shares: the two servers, fast client settings, a recording logger, a
 * deadline for calls that might hang on today's code, and error assertions by class name (so that a
 * class the packages do not export yet fails one assertion with a readable message instead of the file).
 */
import { inspect } from "node:util";
import * as confluent from "@idclients/confluent";
import * as ica from "@idclients/ica";
import * as infisical from "@idclients/infisical";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { type HostileServer, startHostileServer } from "./server.js";

/** The two origins of a test file: `server` answers, `other` catches what a redirect would leak. */
export function useServers(): { readonly server: HostileServer; readonly other: HostileServer } {
  let server: HostileServer | undefined;
  let other: HostileServer | undefined;
  beforeAll(async () => {
    [server, other] = await Promise.all([startHostileServer(), startHostileServer()]);
  });
  afterAll(async () => {
    await Promise.all([server?.close(), other?.close()]);
  });
  beforeEach(() => {
    server?.reset();
    other?.reset();
  });
  const must = (s: HostileServer | undefined): HostileServer => {
    if (!s) throw new Error("the hostile servers are not started yet");
    return s;
  };
  return {
    get server() {
      return must(server);
    },
    get other() {
      return must(other);
    },
  };
}

/** Small retries and short timeouts: the suite must stay fast. */
export const FAST = { retry: { maxRetries: 1, baseDelayMs: 1 }, timeoutMs: 5_000 } as const;

/** A console-shaped logger that keeps every call (level and arguments). */
export function recordingLogger() {
  const calls: unknown[][] = [];
  const record =
    (level: string) =>
    (...args: unknown[]) => {
      calls.push([level, ...args]);
    };
  return {
    calls,
    logger: { debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") },
  };
}

/** Records `onRetry` events. */
export function recordingOnRetry() {
  const events: { delayMs: number; attempt: number; status?: number; error?: Error }[] = [];
  return { events, onRetry: (event: (typeof events)[number]) => void events.push(event) };
}

export type Settled<T> =
  | { kind: "resolved"; value: T; ms: number }
  | { kind: "rejected"; error: unknown; ms: number }
  | { kind: "pending"; ms: number };

/**
 * Waits for `work` for at most `deadlineMs`: a call that hangs on today's code fails its test quickly
 * ("still pending") instead of hitting the test timeout.
 */
export async function settle<T>(
  work: Promise<T> | (() => Promise<T>),
  deadlineMs = 8_000,
): Promise<Settled<T>> {
  const started = performance.now();
  const promise = typeof work === "function" ? work() : work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"pending">((resolve) => {
    timer = setTimeout(() => resolve("pending"), deadlineMs);
  });
  try {
    const result = await Promise.race([
      promise.then(
        (value) => ({ kind: "resolved" as const, value }),
        (error: unknown) => ({ kind: "rejected" as const, error }),
      ),
      deadline,
    ]);
    const ms = performance.now() - started;
    return result === "pending" ? { kind: "pending", ms } : { ...result, ms };
  } finally {
    clearTimeout(timer);
  }
}

/** Every export of the three provider packages (they re-export @idclients/auth's public API). */
const exported: Record<string, unknown> = { ...infisical, ...ica, ...confluent };

/** The error classes the contract names; the ones marked new may not be exported yet. */
export type ErrorName =
  | "IdClientsError"
  | "ApiError"
  | "BadRequestError"
  | "AuthenticationError"
  | "NotFoundError"
  | "RateLimitError"
  | "InternalServerError"
  | "ConnectionError"
  | "TimeoutError"
  | "AbortError"
  | "InsecureTransportError"
  | "MissingCredentialError"
  | "TokenError"
  // new in the security contract:
  | "ConfigurationError"
  | "InvalidRequestError"
  | "RedirectError"
  | "ResponseDecodeError"
  | "ResponseTooLargeError"
  | "PaginationError";

/** The exported class of that name, or undefined when the packages do not export it (yet). */
export function errorClass(name: ErrorName): (abstract new (...args: never[]) => Error) | undefined {
  const value = exported[name];
  return typeof value === "function" ? (value as abstract new (...args: never[]) => Error) : undefined;
}

/** A short, readable description of what a call did (for assertion messages). */
export function describeOutcome(settled: Settled<unknown>): string {
  if (settled.kind === "pending") return `still pending after ${Math.round(settled.ms)} ms`;
  if (settled.kind === "resolved")
    return `resolved with ${inspect(settled.value, { depth: 2 }).slice(0, 300)}`;
  const error = settled.error as Error | undefined;
  return `rejected with ${error?.name ?? typeof error}: ${String(error?.message).slice(0, 300)}`;
}

/**
 * Asserts the call rejected with the named, exported class (and with `props`, via toMatchObject);
 * returns the error.
 */
export function expectError<E = Record<string, unknown> & Error>(
  settled: Settled<unknown>,
  name: ErrorName,
  props?: Record<string, unknown>,
): E {
  if (settled.kind !== "rejected") expect.fail(`expected ${name}, but the call ${describeOutcome(settled)}`);
  const error = settled.error as Error;
  const Class = errorClass(name);
  if (!Class) {
    expect.fail(
      `${name} is not exported by the provider packages yet (the call ${describeOutcome(settled)})`,
    );
  }
  if (!(error instanceof Class)) expect.fail(`expected ${name}, but the call ${describeOutcome(settled)}`);
  if (props) expect(error).toMatchObject(props);
  return error as E;
}

/** Runs `work` (which should throw synchronously) and returns the outcome like `settle`. */
export function attempt(work: () => unknown): Settled<unknown> {
  try {
    return { kind: "resolved", value: work(), ms: 0 };
  } catch (error) {
    return { kind: "rejected", error, ms: 0 };
  }
}

/** The error and its `.cause` chain. */
export function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current = error;
  while (current !== undefined && current !== null && !chain.includes(current) && chain.length < 20) {
    chain.push(current);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** Collects process warnings (MaxListenersExceededWarning, TimeoutOverflowWarning, ...) until `stop`. */
export function captureWarnings() {
  const warnings: Error[] = [];
  const listener = (warning: Error) => void warnings.push(warning);
  process.on("warning", listener);
  return {
    warnings,
    stop: () => void process.off("warning", listener),
    names: () => warnings.map((w) => w.name),
  };
}

/** A fetch that records that it was called and answers 200 with a usable token body; nothing is sent. */
export function recordingFetch() {
  const calls: string[] = [];
  const fetch = async (request: Request) => {
    calls.push(`${request.method} ${request.url}`);
    return new Response(
      JSON.stringify({
        access_token: "t",
        token_type: "Bearer",
        expires_in: 900,
        accessToken: "t",
        expiresIn: 900,
      }),
      { status: 200, headers: { "content-type": "application/json" } },
    );
  };
  return { calls, fetch };
}

/** Milliseconds to wait, promise-shaped. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A JWT-shaped token (unsigned) with the given claims. */
export function fakeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.${Buffer.from("not-a-signature").toString("base64url")}`;
}
