import { describe, expect, test } from "vitest";
import { collectOperations, collectSecuritySchemes, renderOperationsModule } from "./operation-metadata.ts";

const doc = {
  openapi: "3.1.0",
  components: {
    securitySchemes: {
      key: { type: "apiKey", in: "header", name: "X-API-Key" },
      basic: { type: "http", scheme: "Basic" },
      sts: { type: "oauth2", flows: {} },
    },
    responses: {
      Problem: { description: "x", content: { "application/problem+json": { schema: {} } } },
    },
    requestBodies: {
      Form: { content: { "application/x-www-form-urlencoded": { schema: {} } } },
    },
  },
  paths: {
    "/things/{id}": {
      get: {
        operationId: "getThing",
        security: [{ key: [] }, { basic: [], sts: [] }],
        responses: {
          "200": { content: { "application/vnd.example.v3+json": {} } },
          default: { $ref: "#/components/responses/Problem" },
        },
      },
      patch: {
        operationId: "refreshThing",
        "x-idempotent": true,
        requestBody: { content: { "application/json": {} } },
        responses: { "204": { description: "done" }, "400": { $ref: "#/components/responses/Problem" } },
      },
    },
    "/tokens": {
      post: {
        operationId: "exchange",
        security: [],
        requestBody: { $ref: "#/components/requestBodies/Form" },
        responses: { "200": { content: { "application/json": {} } } },
      },
    },
  },
};

describe("operation metadata", () => {
  test("reads security alternatives, retry safety and media types per operation", () => {
    expect(collectOperations(doc)).toEqual([
      {
        operationId: "getThing",
        method: "GET",
        path: "/things/{id}",
        security: [["key"], ["basic", "sts"]],
        safeToRetry: true,
        accept: "application/vnd.example.v3+json",
        contentType: null,
      },
      {
        operationId: "refreshThing",
        method: "PATCH",
        path: "/things/{id}",
        security: [],
        safeToRetry: true,
        // No success body: Accept falls back to the media types of the failures.
        accept: "application/problem+json",
        contentType: "application/json",
      },
      {
        operationId: "exchange",
        method: "POST",
        path: "/tokens",
        security: [],
        safeToRetry: false,
        accept: "application/json",
        contentType: "application/x-www-form-urlencoded",
      },
    ]);
  });

  test("a non-GET operation is only safe to retry when marked x-idempotent", () => {
    const unmarked = structuredClone(doc);
    delete (unmarked.paths["/things/{id}"].patch as Record<string, unknown>)["x-idempotent"];
    expect(collectOperations(unmarked).find((o) => o.operationId === "refreshThing")?.safeToRetry).toBe(
      false,
    );
  });

  test("maps security schemes to how credentials are sent", () => {
    expect(collectSecuritySchemes(doc)).toEqual({
      key: { kind: "apiKey", in: "header", name: "X-API-Key" },
      basic: { kind: "basic" },
      sts: { kind: "bearer" },
    });
  });

  test("an operation without operationId is an error, not a silent gap", () => {
    const broken = structuredClone(doc) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    delete broken.paths["/tokens"]?.post?.operationId;
    expect(() => collectOperations(broken)).toThrow("POST /tokens has no operationId");
  });

  test("renders the Credentials type from the schemes", () => {
    const source = renderOperationsModule("// banner", doc);
    expect(source).toContain('"key"?: TokenCredential;');
    expect(source).toContain('"basic"?: BasicCredentials;');
    expect(source).toContain('"GET /things/{id}": {');
  });
});
