import { describe, expect, it } from "vitest";
import {
  AbortError,
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  IdClientsError,
  InternalServerError,
  InvalidRequestError,
  MissingCredentialError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectError,
  ResponseDecodeError,
  ResponseTooLargeError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";

describe("ApiError.from", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [599, InternalServerError],
  ])("makes a %i a %o", (status, Class) => {
    const error = ApiError.from({ status });
    expect(error).toBeInstanceOf(Class);
    expect(error.name).toBe(Class.name);
  });

  it.each([402, 405, 418, 499, 304])("keeps %i a plain ApiError", (status) => {
    const error = ApiError.from({ status });
    expect(error.constructor).toBe(ApiError);
    expect(error.name).toBe("ApiError");
  });
});

describe("ApiError messages", () => {
  it.each([
    [{ status: 409, code: "exists", detail: "already there" }, "409 exists: already there"],
    [{ status: 409, code: "exists", title: "Conflict" }, "409 exists"],
    [{ status: 409, title: "Conflict" }, "409 Conflict"],
    [{ status: 409, detail: "d", title: "t" }, "409 d"],
    [{ status: 409 }, "409 status code (no body)"],
    [{ status: 503, attempts: 1 }, "503 status code (no body)"],
    [{ status: 503, attempts: 2 }, "503 status code (no body) (after 2 attempts)"],
    [{ status: 503, code: "down", attempts: 3 }, "503 down (after 3 attempts)"],
  ])("renders %j as %j", (init, message) => {
    expect(new ApiError(init).message).toBe(message);
  });

  it("keeps every field, with defaults for issues and attempts", () => {
    const headers = new Headers({ a: "1" });
    const error = new ApiError({
      provider: "ica",
      operationId: "op",
      status: 400,
      code: "c",
      title: "t",
      detail: "d",
      requestId: "r",
      issues: [{ code: "i" }],
      rateLimit: { limit: 1, remaining: 0, resetSeconds: 2 },
      retryAfterMs: 5,
      body: { x: 1 },
      headers,
      attempts: 2,
    });
    expect(error).toMatchObject({
      provider: "ica",
      operationId: "op",
      status: 400,
      code: "c",
      title: "t",
      detail: "d",
      requestId: "r",
      issues: [{ code: "i" }],
      rateLimit: { limit: 1, remaining: 0, resetSeconds: 2 },
      retryAfterMs: 5,
      body: { x: 1 },
      attempts: 2,
    });
    expect(error.headers).toBe(headers);
    const bare = new ApiError({ status: 400 });
    expect(bare.issues).toEqual([]);
    expect(bare.attempts).toBe(1);
  });

  it("serialises to JSON with its fields and without headers", () => {
    const error = new ApiError({ status: 404, code: "nf", body: { a: 1 }, headers: new Headers({ h: "v" }) });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "ApiError",
      message: "404 nf",
      status: 404,
      code: "nf",
      issues: [],
      attempts: 1,
      body: { a: 1 },
    });
  });
});

describe("the other errors", () => {
  it("name themselves, keep provider and operation, and a cause only when given", () => {
    const plain = new IdClientsError("m", { provider: "confluent", operationId: "op" });
    expect(plain.name).toBe("IdClientsError");
    expect(plain.provider).toBe("confluent");
    expect(plain.operationId).toBe("op");
    expect("cause" in plain).toBe(false);
    const cause = new Error("root");
    expect(new IdClientsError("m", { cause }).cause).toBe(cause);
    expect(new AbortError("m")).toBeInstanceOf(IdClientsError);
    expect(new AbortError("m").name).toBe("AbortError");
  });

  it("count attempts from 1", () => {
    expect(new ConnectionError("m").attempts).toBe(1);
    expect(new ConnectionError("m", { attempts: 3 }).attempts).toBe(3);
    expect(new TimeoutError("m")).toBeInstanceOf(ConnectionError);
    expect(new RedirectError("m", { status: 302, reason: "too-many" }).attempts).toBe(1);
    expect(new ResponseDecodeError("m", { status: 200, snippet: "" }).attempts).toBe(1);
    expect(new ResponseTooLargeError("m", { status: 200, limitBytes: 1 }).attempts).toBe(1);
  });

  it("keep what they are about", () => {
    expect(new ConfigurationError("m", { setting: "timeoutMs" }).setting).toBe("timeoutMs");
    expect(new InvalidRequestError("m", { parameter: "id" }).parameter).toBe("id");
    const redirect = new RedirectError("m", {
      status: 307,
      reason: "cross-origin",
      location: "https://x.test",
      attempts: 2,
    });
    expect(redirect).toMatchObject({
      status: 307,
      reason: "cross-origin",
      location: "https://x.test",
      attempts: 2,
    });
    expect(
      new ResponseDecodeError("m", { status: 200, snippet: "s", requestId: "r", attempts: 2 }),
    ).toMatchObject({
      status: 200,
      snippet: "s",
      requestId: "r",
      attempts: 2,
    });
    expect(
      new ResponseTooLargeError("m", { status: 201, limitBytes: 9, requestId: "r", attempts: 3 }),
    ).toMatchObject({
      status: 201,
      limitBytes: 9,
      requestId: "r",
      attempts: 3,
    });
  });

  it("MissingCredentialError names the accepted schemes", () => {
    const error = new MissingCredentialError({
      provider: "ica",
      operationId: "op",
      acceptedSchemes: [["a"], ["b", "c"]],
    });
    expect(error.message).toBe(
      'op needs credentials for "a" or "b" + "c", but the client has none of them (pass them in `auth`)',
    );
    expect(error.acceptedSchemes).toEqual([["a"], ["b", "c"]]);
    expect(error.provider).toBe("ica");
  });
});
