import { ApiError, errorOf, getRateLimit } from "@idclients/auth";
import { expect } from "vitest";
import type { RunningPrism } from "./prism.js";
import { Recorder } from "./recorder.js";
import { firstExample, type SpecOperation, type SpecResponse } from "./spec.js";

/** What every client call resolves to (openapi-fetch's result object). */
export interface CallResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** Drives one operation through our client; `body` replaces the valid default body the driver sends. */
export type Driver = (body?: unknown) => Promise<CallResult>;

export function successOf(operation: SpecOperation): SpecResponse {
  const success = operation.responses.find(isSuccess);
  if (!success) throw new Error(`${operation.key} documents no 2xx response`);
  return success;
}

export function isSuccess(response: SpecResponse): boolean {
  return /^2\d\d$/.test(response.status);
}

/** The status Prism is asked for to get a documented failure (`default` stands for any other status). */
export function statusOf(response: SpecResponse): number {
  return response.status === "default" ? 500 : Number(response.status);
}

/** One documented answer to ask Prism's mock for: a status, and a named example when there is one. */
export interface DocumentedAnswer {
  response: SpecResponse;
  /** Example name; undefined for a response without a body. */
  example: string | undefined;
  /** The `Prefer` header that makes Prism answer with exactly this. */
  prefer: string;
}

/** Every example of every response of an operation (one entry for a response without a body). */
export function documentedAnswers(operation: SpecOperation): DocumentedAnswer[] {
  return operation.responses.flatMap((response): DocumentedAnswer[] => {
    const code = `code=${statusOf(response)}`;
    const names = Object.values(response.content).flatMap((examples) => Object.keys(examples));
    return names.length === 0
      ? [{ response, example: undefined, prefer: code }]
      : names.map((name) => ({ response, example: name, prefer: `${code}, example=${name}` }));
  });
}

/** The value of a named example of a response (the first one when no name is given). */
export function exampleValue(response: SpecResponse, name?: string): unknown {
  if (name === undefined) return firstExample(response);
  for (const examples of Object.values(response.content)) if (name in examples) return examples[name];
  return undefined;
}

/**
 * The call got the documented success status, and the client handed back exactly the body of the
 * spec's example (the first one unless named), which is what Prism's static mock answers with.
 */
export function expectDocumentedSuccess(
  operation: SpecOperation,
  result: CallResult,
  exampleName?: string,
  success: SpecResponse = successOf(operation),
): void {
  expect(result.response.status, operation.key).toBe(Number(success.status));
  expect(result.error, operation.key).toBeUndefined();
  const example = exampleValue(success, exampleName);
  if (example === undefined) expect(result.data ?? undefined, operation.key).toBeUndefined();
  else expect(result.data, operation.key).toEqual(example);
  const limit = success.headerExamples["x-ratelimit-limit"];
  if (limit !== undefined) {
    expect(getRateLimit(result.response), operation.key).toMatchObject({
      limit,
      remaining: success.headerExamples["x-ratelimit-remaining"],
      resetSeconds: success.headerExamples["x-ratelimit-reset"],
    });
  }
}

/** The call failed with the documented status and the client decoded it into a typed `ApiError`. */
export function expectDocumentedFailure(
  operation: SpecOperation,
  failure: SpecResponse,
  result: CallResult,
  exampleName?: string,
): { error: ApiError; example: Record<string, unknown> | undefined } {
  const where = `${operation.key} -> ${failure.status} ${exampleName ?? ""}`;
  expect(result.response.status, where).toBe(statusOf(failure));
  const error = errorOf(result);
  expect(error, where).toBeInstanceOf(ApiError);
  expect(error.status, where).toBe(statusOf(failure));
  const example = exampleValue(failure, exampleName) as Record<string, unknown> | undefined;
  expect(error.body, where).toEqual(example);
  return { error, example };
}

/** Prism raised no objection to any exchange the recorder saw. */
export function expectNothingFlagged(recorder: Recorder): void {
  expect(recorder.flagged()).toEqual([]);
}

/**
 * Asks Prism for every documented answer of every operation (through `Prefer`), checks each success
 * against its example and hands each decoded failure to `checkFailure`, then checks that Prism answered
 * with exactly the statuses asked for and flagged nothing. Returns how many answers were requested.
 */
export async function replayDocumentedAnswers(
  operations: readonly SpecOperation[],
  recorder: Recorder,
  drive: Record<string, Driver>,
  checkFailure: (
    failure: { error: ApiError; example: Record<string, unknown> | undefined },
    answer: DocumentedAnswer,
  ) => void,
): Promise<number> {
  const expectedStatuses: number[] = [];
  for (const operation of operations) {
    for (const answer of documentedAnswers(operation)) {
      const call = drive[operation.key];
      if (!call) throw new Error(`no driver for ${operation.key}`);
      recorder.prefer = answer.prefer;
      expectedStatuses.push(statusOf(answer.response));
      const result = await call();
      if (isSuccess(answer.response)) {
        expectDocumentedSuccess(operation, result, answer.example, answer.response);
        continue;
      }
      checkFailure(expectDocumentedFailure(operation, answer.response, result, answer.example), answer);
    }
  }
  expect(recorder.exchanges.map((exchange) => exchange.status)).toEqual(expectedStatuses);
  expectNothingFlagged(recorder);
  return expectedStatuses.length;
}

/**
 * The closing check of a proxy suite: every operation got a 2xx through the proxy at least once, and
 * neither the responses, Prism's log nor the network guard reported anything.
 */
export function expectEveryOperationSucceeded(
  recorder: Recorder,
  prism: RunningPrism,
  operationKeys: readonly string[],
): void {
  const succeeded = new Recorder();
  succeeded.exchanges.push(...recorder.exchanges.filter((exchange) => exchange.status < 300));
  expect([...succeeded.operationsHit(operationKeys)].sort()).toEqual([...operationKeys].sort());
  expectNothingFlagged(recorder);
  expect(prism.loggedViolations()).toEqual([]);
  expect(prism.blockedNetworkAccess()).toEqual([]);
}
