import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorOf, unwrap } from "./client.js";
import {
  decodeFailure,
  decodeWith,
  failureFromResponse,
  MAX_FAILURE_BODY_BYTES,
  readBoundedText,
} from "./decode-failure.js";
import {
  ApiError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  UnprocessableEntityError,
} from "./errors.js";
import { testClient } from "./test-support/meta.js";
import type { ProviderName } from "./types.js";

function failure(
  provider: ProviderName | undefined,
  status: number,
  body: string,
  headers: HeadersInit = {},
) {
  return failureFromResponse({ provider, status, headers: new Headers(headers), text: body });
}

describe("Confluent Failure", () => {
  it("reads errors[] with source.pointer and source.parameter", () => {
    const body = {
      errors: [
        {
          id: "e1",
          status: "409",
          code: "resource_already_exists",
          title: "Conflict",
          detail: "Identity provider 'op-1' already exists",
          source: { pointer: "/display_name" },
        },
        { code: "invalid_parameter", detail: "page_size too big", source: { parameter: "page_size" } },
      ],
    };
    const error = failure("confluent", 409, JSON.stringify(body), { "x-request-id": "req-9" });
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe("409 resource_already_exists: Identity provider 'op-1' already exists");
    expect(error.code).toBe("resource_already_exists");
    expect(error.requestId).toBe("req-9");
    expect(error.issues).toEqual([
      {
        code: "resource_already_exists",
        title: "Conflict",
        detail: "Identity provider 'op-1' already exists",
        pointer: "/display_name",
      },
      { code: "invalid_parameter", detail: "page_size too big", parameter: "page_size" },
    ]);
    expect(error.body).toEqual(body);
    expect(error.provider).toBe("confluent");
  });

  it("reads the numeric error_code and message variant, and the OAuth error of the STS", () => {
    const legacy = failure(
      "confluent",
      400,
      JSON.stringify({ errors: [{ error_code: 4001, message: "bad" }] }),
    );
    expect(legacy).toBeInstanceOf(BadRequestError);
    expect(legacy.message).toBe("400 4001: bad");
    const oauth = failure(
      "confluent",
      400,
      JSON.stringify({ error: "invalid_grant", error_description: "subject token expired" }),
    );
    expect(oauth.message).toBe("400 invalid_grant: subject token expired");
  });
});

describe("ICA problem+json", () => {
  it("reads type, title, detail, parameters, id and keeps extra keys in the body", () => {
    const body = {
      type: "https://ica.illumina.com/errors/validation",
      title: "ICA_API_012",
      status: 400,
      detail: "The tenant does not exist",
      instance: "/ica/rest/api/tokens",
      parameters: { tenant: "unknown tenant", nested: { a: 1 } },
      timestamp: "2026-01-01T00:00:00Z",
      id: "ica-req-1",
      traceId: "extra-key",
    };
    const error = failure("ica", 400, JSON.stringify(body), { "content-type": "application/problem+json" });
    expect(error.message).toBe("400 ICA_API_012: The tenant does not exist");
    expect(error.code).toBe("ICA_API_012");
    expect(error.title).toBe("ICA_API_012");
    expect(error.requestId).toBe("ica-req-1");
    expect(error.issues).toEqual([
      { parameter: "tenant", detail: "unknown tenant" },
      { parameter: "nested", detail: '{"a":1}' },
    ]);
    expect(error.body).toEqual(body);
  });

  it("uses the type as code when the title is prose", () => {
    const error = failure("ica", 404, JSON.stringify({ type: "urn:not-found", title: "Not Found" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe("urn:not-found");
    expect(error.message).toBe("404 urn:not-found: Not Found");
  });
});

describe("Infisical envelope", () => {
  it("reads a string message, error and reqId", () => {
    const error = failure(
      "infisical",
      404,
      JSON.stringify({ reqId: "req-abc", statusCode: 404, message: "Identity not found", error: "NotFound" }),
    );
    expect(error.message).toBe("404 NotFound: Identity not found");
    expect(error.requestId).toBe("req-abc");
  });

  it("turns a 422 issue array into issues with JSON pointers", () => {
    const body = {
      reqId: "req-422",
      statusCode: 422,
      error: "ValidationFailure",
      message: [
        {
          code: "invalid_type",
          expected: "string",
          received: "undefined",
          path: ["jwt"],
          message: "Required",
        },
        { code: "too_small", path: ["publicKeys", 0, "a/b~c"], message: "Too short" },
        { code: "custom", path: [], message: "Whole body wrong" },
      ],
    };
    const error = failure("infisical", 422, JSON.stringify(body));
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.issues).toEqual([
      { code: "invalid_type", detail: "Required", pointer: "/jwt" },
      { code: "too_small", detail: "Too short", pointer: "/publicKeys/0/a~1b~0c" },
      { code: "custom", detail: "Whole body wrong" },
    ]);
    expect(error.message).toBe(
      "422 ValidationFailure: /jwt: Required; /publicKeys/0/a~1b~0c: Too short; Whole body wrong",
    );
    expect(error.requestId).toBe("req-422");
  });
});

describe("bodies that are not the provider's format", () => {
  it.each([
    ["empty", 502, "", "502 status code (no body)"],
    [
      "HTML page",
      502,
      "<html><head><style>p{}</style></head><body><h1>Bad Gateway</h1></body></html>",
      "502 Bad Gateway",
    ],
    ["wrong-shape JSON", 500, '{"oops":true}', "500 status code (no body)"],
    ["JSON array", 400, "[1,2,3]", "400 status code (no body)"],
    ["generic message", 503, '{"message":"maintenance"}', "503 maintenance"],
    ["plain text", 429, "slow down", "429 slow down"],
    ["truncated JSON", 500, '{"errors":[{"code":', '500 {"errors":[{"code":'],
  ])("%s still gives the right ApiError", (_name, status, text, message) => {
    for (const provider of ["confluent", "ica", "infisical", undefined] as const) {
      const error = failure(provider, status, text, { "content-type": "text/html" });
      expect(error).toBeInstanceOf(ApiError);
      expect(error.status).toBe(status);
      expect(error.message).toBe(message);
    }
  });

  it("keeps only a bounded prefix of a 5 MB body", async () => {
    const huge = `{"errors":[{"code":"big","detail":"${"x".repeat(5 * 1024 * 1024)}"}]}`;
    const response = new Response(huge, { status: 500 });
    const text = await readBoundedText(response);
    expect(text.length).toBe(MAX_FAILURE_BODY_BYTES);
    expect(huge.startsWith(text)).toBe(true);
    const error = failure("confluent", 500, text);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message.length).toBeLessThan(300);
  });

  it("gives the right error through a client whatever the Content-Type says", async () => {
    const answers: [number, string, string][] = [
      [409, "text/plain", '{"errors":[{"code":"resource_already_exists","detail":"exists"}]}'],
      [502, "text/html", "<h1>Bad Gateway</h1>"],
      [500, "application/json", "not json"],
      [429, "application/json", ""],
      [404, "application/octet-stream", "\u0000\u00ff"],
    ];
    for (const [status, type, text] of answers) {
      const fetch = async () => new Response(text, { status, headers: { "content-type": type } });
      const client = testClient("https://x.test", { fetch, retry: false, auth: { bearer: "t" } });
      const result = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
      const error = errorOf(result);
      expect(error.status).toBe(status);
      await expect(unwrap(Promise.resolve(result))).rejects.toBe(error);
    }
    const conflict = errorOf({ response: new Response(null, { status: 409 }) });
    expect(conflict).toBeInstanceOf(ConflictError);
    expect(conflict.message).toBe("409 status code (no body)");
  });

  it("reads a 5 MB error body through the client without keeping it", async () => {
    const big = "y".repeat(5 * 1024 * 1024);
    const fetch = async () => new Response(big, { status: 500, headers: { "content-type": "text/plain" } });
    const client = testClient("https://x.test", { fetch, retry: false, auth: { bearer: "t" } });
    const error = errorOf(await client.GET("/items/{id}", { params: { path: { id: "1" } } }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(typeof error.body === "string" && error.body.length).toBe(MAX_FAILURE_BODY_BYTES);
  });

  it("reads rate limits and Retry-After from a failure", () => {
    const error = failure("confluent", 429, "", {
      "x-ratelimit-limit": "100",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": "7",
    });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.rateLimit).toEqual({ limit: 100, remaining: 0, resetSeconds: 7 });
    expect(error.retryAfterMs).toBe(7000);
  });
});

describe("properties", () => {
  const status = fc.integer({ min: 400, max: 599 });
  const contentType = fc.constantFrom(
    "application/json",
    "application/problem+json",
    "text/html; charset=utf-8",
    "text/plain",
    "application/octet-stream",
    "",
  );
  const providers = fc.constantFrom<ProviderName | undefined>("confluent", "ica", "infisical", undefined);
  // Bytes of any kind, JSON of any shape, and JSON that looks like each provider's format with odd values.
  const body = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.json().map((text) => new TextEncoder().encode(text)),
    fc
      .record(
        {
          errors: fc.anything(),
          error: fc.anything(),
          message: fc.anything(),
          title: fc.anything(),
          type: fc.anything(),
          parameters: fc.anything(),
          detail: fc.anything(),
        },
        { requiredKeys: [] },
      )
      .map((value) => new TextEncoder().encode(JSON.stringify(value) ?? "")),
  );

  it("failureFromResponse: any status x content type x body gives an ApiError with that status", () => {
    fc.assert(
      fc.property(status, contentType, body, providers, (code, type, bytes, provider) => {
        const text = new TextDecoder().decode(bytes);
        const error = failure(provider, code, text, type ? { "content-type": type } : {});
        expect(error).toBeInstanceOf(ApiError);
        expect(error.status).toBe(code);
        expect(error.message.startsWith(`${code} `)).toBe(true);
        expect(() => JSON.stringify(error)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it("errorOf and the client: any status x content type x body bytes gives an ApiError with that status", async () => {
    await fc.assert(
      fc.asyncProperty(status, contentType, body, providers, async (code, type, bytes, provider) => {
        const response = () =>
          new Response(bytes.slice(), { status: code, headers: type ? { "content-type": type } : {} });
        const direct = errorOf({ response: response(), error: new TextDecoder().decode(bytes) });
        expect(direct).toBeInstanceOf(ApiError);
        expect(direct.status).toBe(code);

        const client = testClient(
          "https://x.test",
          { fetch: async () => response(), retry: false, auth: { bearer: "t" } },
          provider ?? "confluent",
        );
        const result = await client.GET("/items/{id}", { params: { path: { id: "1" } } });
        const error = errorOf(result);
        expect(error).toBeInstanceOf(ApiError);
        expect(error.status).toBe(code);
      }),
      { numRuns: 200 },
    );
  });
});

describe("decoding details", () => {
  it("summarises text: scripts and styles dropped, tags and blanks collapsed, 200 characters at most", () => {
    const html = "<style>x{}</style><script>alert(1)</script><h1>  Bad \n Gateway </h1>";
    expect(decodeFailure(undefined, html).detail).toBe("Bad Gateway");
    expect(decodeFailure(undefined, "a".repeat(200)).detail).toBe("a".repeat(200));
    expect(decodeFailure(undefined, "a".repeat(201)).detail).toBe(`${"a".repeat(200)}…`);
    expect(decodeFailure(undefined, "<p> </p>").detail).toBeUndefined();
    expect(decodeFailure(undefined, "").body).toBeUndefined();
  });

  it("reads Confluent's newer {error: {...}} guideline with its requestId", () => {
    const decoded = decodeFailure(
      "confluent",
      JSON.stringify({ error: { code: "quota", message: "too many", details: "ignored" }, requestId: "r-1" }),
    );
    expect(decoded).toMatchObject({ code: "quota", detail: "too many", requestId: "r-1", issues: [] });
    expect(decodeFailure("confluent", JSON.stringify({ error: { details: "only details" } })).detail).toBe(
      "only details",
    );
  });

  it("skips Confluent issues that are not objects and treats empty strings as absent", () => {
    const decoded = decodeFailure(
      "confluent",
      JSON.stringify({ errors: ["text", null, { code: "", title: "Only a title", error_code: "E1" }] }),
    );
    expect(decoded.issues).toEqual([{ code: "E1", title: "Only a title" }]);
    expect(decoded.code).toBe("E1");
    expect(decoded.detail).toBe("Only a title");
  });

  it("does not take ICA's about:blank type or a prose title as the code", () => {
    expect(
      decodeFailure("ica", JSON.stringify({ type: "about:blank", title: "Bad Request" })).code,
    ).toBeUndefined();
    expect(decodeFailure("ica", JSON.stringify({ title: "Bad Request" })).code).toBeUndefined();
    expect(decodeFailure("ica", JSON.stringify({ title: "ICA.ERR-1", id: "i-1" }))).toMatchObject({
      code: "ICA.ERR-1",
      requestId: "i-1",
      detail: "ICA.ERR-1",
    });
    expect(decodeFailure("ica", JSON.stringify({ detail: "only" }))).toMatchObject({
      detail: "only",
      issues: [],
    });
  });

  it("uses an Infisical issue's code when it has no message", () => {
    const decoded = decodeFailure(
      "infisical",
      JSON.stringify({
        error: "ValidationFailure",
        message: [{ code: "too_big", path: ["a"] }, { code: "other" }],
      }),
    );
    expect(decoded.detail).toBe("/a: too_big; other");
    expect(decoded.issues).toEqual([{ code: "too_big", pointer: "/a" }, { code: "other" }]);
    expect(decodeFailure("infisical", JSON.stringify({ message: [] })).detail).toBeUndefined();
  });

  it("tries Confluent, then Infisical, then ICA when the provider is unknown", () => {
    expect(decodeFailure(undefined, JSON.stringify({ errors: [{ code: "c" }], message: "m" })).code).toBe(
      "c",
    );
    expect(decodeFailure(undefined, JSON.stringify({ error: "E", error_description: "d" }))).toMatchObject({
      code: "E",
      detail: "d",
    });
    const infisical = decodeFailure(undefined, JSON.stringify({ message: "m", title: "T" }));
    expect(infisical.detail).toBe("m");
    expect(infisical.code).toBeUndefined();
    expect(decodeFailure(undefined, JSON.stringify({ title: "ICA_1", detail: "d" }))).toMatchObject({
      code: "ICA_1",
      detail: "d",
    });
  });

  it("falls back to message, detail, error, then title of an unknown object", () => {
    const generic = (body: unknown) => decodeWith(undefined, JSON.stringify(body)).detail;
    expect(generic({ message: "m", detail: "d", error: "e", title: "t" })).toBe("m");
    expect(generic({ detail: "d", error: "e", title: "t" })).toBe("d");
    expect(generic({ error: "e", title: "t" })).toBe("e");
    expect(generic({ title: "t" })).toBe("t");
    expect(generic({ other: 1 })).toBeUndefined();
    expect(decodeWith(undefined, "[1]")).toEqual({ issues: [], body: [1] });
    expect(decodeWith(undefined, "42")).toEqual({ issues: [], body: 42 });
  });

  it("scrubs secrets from the raw text, from decoded strings and keys, and keeps __proto__ inert", () => {
    const secret = "s3cr3t-value";
    const escaped = `\\u0073${secret.slice(1)}`;
    const text = `{"errors":[{"detail":"saw ${escaped}"}],"${escaped}":1,"__proto__":{"polluted":1}}`;
    const decoded = decodeFailure("confluent", text, [secret]);
    expect(decoded.detail).toBe("saw [redacted]");
    expect(Object.keys(decoded.body as object)).toEqual(["errors", "[redacted]", "__proto__"]);
    expect(Object.getPrototypeOf(decoded.body)).toBe(Object.prototype);
    expect((decoded.body as { polluted?: unknown }).polluted).toBeUndefined();
    expect(decodeFailure(undefined, `plain ${secret}`, [secret]).body).toBe("plain [redacted]");
  });

  it("cuts decoded JSON nested deeper than 64 levels", () => {
    const deep = `${"[".repeat(100)}1${"]".repeat(100)}`;
    let body = decodeFailure(undefined, deep).body;
    for (let i = 0; i < 64; i++) body = (body as unknown[])[0];
    expect(body).toBe("[nested too deep]");
  });

  it("prefers the X-Request-Id header and reads retry and rate-limit headers after scrubbing", () => {
    const error = failureFromResponse({
      provider: "confluent",
      status: 429,
      headers: new Headers({
        "x-request-id": "from-header",
        "retry-after": "3",
        "x-ratelimit-remaining": "0",
        "x-echo": "key abcd-secret",
        "x-abcd-secret": "name echo",
      }),
      text: JSON.stringify({ error: { code: "rate" }, requestId: "from-body" }),
      secrets: ["abcd-secret"],
      attempts: 2,
      operationId: "op",
    });
    expect(error.requestId).toBe("from-header");
    expect(error.retryAfterMs).toBe(3000);
    expect(error.rateLimit).toEqual({ limit: undefined, remaining: 0, resetSeconds: undefined });
    expect(error.headers?.get("x-echo")).toBe("key [redacted]");
    expect(error.headers?.has("x-abcd-secret")).toBe(false);
    expect(error.attempts).toBe(2);
    expect(error.operationId).toBe("op");
    expect(error.provider).toBe("confluent");
    const fromBody = failureFromResponse({
      status: 400,
      headers: new Headers(),
      text: JSON.stringify({ error: { code: "c" }, requestId: "from-body" }),
    });
    expect(fromBody.requestId).toBe("from-body");
  });
});
