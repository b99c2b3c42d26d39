import { ApiError, errorOf, getRateLimit } from "@idclients/auth";
import { expect } from "vitest";
import type { Recorder } from "./recorder.js";
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
  const success = operation.responses.find((response) => /^2\d\d$/.test(response.status));
  if (!success) throw new Error(`${operation.key} documents no 2xx response`);
  return success;
}

export function failuresOf(operation: SpecOperation): SpecResponse[] {
  return operation.responses.filter((response) => !/^2\d\d$/.test(response.status));
}

/** The status Prism is asked for to get a documented failure (`default` stands for any other status). */
export function statusOf(response: SpecResponse): number {
  return response.status === "default" ? 500 : Number(response.status);
}

/**
 * The call got the documented success status, and the client handed back exactly the body of the
 * spec's first example, which is what Prism's static mock answers with.
 */
export function expectDocumentedSuccess(operation: SpecOperation, result: CallResult): void {
  const success = successOf(operation);
  expect(result.response.status, operation.key).toBe(Number(success.status));
  expect(result.error, operation.key).toBeUndefined();
  const example = firstExample(success);
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
): { error: ApiError; example: Record<string, unknown> | undefined } {
  const where = `${operation.key} -> ${failure.status}`;
  expect(result.response.status, where).toBe(statusOf(failure));
  const error = errorOf(result);
  expect(error, where).toBeInstanceOf(ApiError);
  expect(error.status, where).toBe(statusOf(failure));
  const example = firstExample(failure) as Record<string, unknown> | undefined;
  expect(error.body, where).toEqual(example);
  return { error, example };
}

/** Prism raised no objection to any exchange the recorder saw. */
export function expectNothingFlagged(recorder: Recorder): void {
  expect(recorder.flagged()).toEqual([]);
}
