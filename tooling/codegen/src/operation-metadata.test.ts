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
  test("lists the request and response fields marked x-secret, through $ref and allOf", () => {
    const secretDoc = {
      openapi: "3.1.0",
      components: {
        schemas: {
          Login: {
            type: "object",
            properties: { id: { type: "string" }, jwt: { type: "string", "x-secret": true } },
          },
          Session: {
            allOf: [
              { type: "object", properties: { accessToken: { type: "string", "x-secret": true } } },
              { type: "object", properties: { expiresIn: { type: "integer" } } },
            ],
          },
        },
      },
      paths: {
        "/login": {
          post: {
            operationId: "login",
            security: [],
            requestBody: {
              content: { "application/json": { schema: { $ref: "#/components/schemas/Login" } } },
            },
            responses: {
              "200": {
                content: { "application/json": { schema: { $ref: "#/components/schemas/Session" } } },
              },
              "400": {
                content: { "application/json": { schema: { properties: { hint: { "x-secret": true } } } } },
              },
            },
          },
        },
      },
    };
    const [login] = collectOperations(secretDoc);
    expect(login?.secretRequestFields).toEqual(["jwt"]);
    // Failure bodies do not count: only what a successful call returns is a secret to guard.
    expect(login?.secretResponseFields).toEqual(["accessToken"]);
    expect(renderOperationsModule("// banner", secretDoc)).toContain('secretRequestFields: ["jwt"],');
  });

  test("a body is promised only when every 2xx answer that can have one declares JSON", () => {
    const bodyDoc = {
      openapi: "3.1.0",
      paths: {
        "/a": {
          get: { operationId: "a", responses: { "200": { content: { "text/html": {} } } } },
          delete: { operationId: "b", responses: { "204": { description: "gone" } } },
          put: {
            operationId: "c",
            responses: {
              "200": { content: { "application/problem+json": {} } },
              "204": { description: "x" },
            },
          },
        },
      },
    };
    expect(collectOperations(bodyDoc).map((o) => [o.operationId, o.successBody])).toEqual([
      ["a", false],
      ["c", true],
      ["b", false],
    ]);
  });

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
        secretRequestFields: [],
        secretResponseFields: [],
        successBody: true,
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
        secretRequestFields: [],
        secretResponseFields: [],
        successBody: false,
      },
      {
        operationId: "exchange",
        method: "POST",
        path: "/tokens",
        security: [],
        safeToRetry: false,
        accept: "application/json",
        contentType: "application/x-www-form-urlencoded",
        secretRequestFields: [],
        secretResponseFields: [],
        successBody: true,
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
