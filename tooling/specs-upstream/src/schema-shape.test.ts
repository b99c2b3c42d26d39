import { describe, expect, test } from "vitest";
import { type Json, parseDocument, RefResolver } from "./document.ts";
import { collectFacts } from "./facts.ts";
import { enumText, shapeOf, typeText } from "./schema-shape.ts";

function resolverOf(schemas: Record<string, Json>): RefResolver {
  return new RefResolver({ source: "inline", root: { openapi: "3.1.0", components: { schemas } } });
}

describe("shapeOf", () => {
  test("cuts a schema that refers to itself instead of recursing forever", () => {
    const resolver = resolverOf({
      Node: {
        type: "object",
        properties: {
          name: { type: "string" },
          children: { type: "array", items: { $ref: "#/components/schemas/Node" } },
        },
      },
    });
    const shape = shapeOf({ $ref: "#/components/schemas/Node" }, resolver);
    expect(typeText(shape)).toBe("object");
    const child = shape.properties.get("children")?.items;
    expect(child && typeText(child)).toBe("any (recursive #/components/schemas/Node)");
  });

  test("cuts mutual recursion and a $ref chain that loops on itself", () => {
    const resolver = resolverOf({
      A: { type: "object", properties: { b: { $ref: "#/components/schemas/B" } } },
      B: { type: "object", properties: { a: { $ref: "#/components/schemas/A" } } },
      Loop: { $ref: "#/components/schemas/Loop" },
    });
    const a = shapeOf({ $ref: "#/components/schemas/A" }, resolver);
    const back = a.properties.get("b")?.properties.get("a");
    expect(back && typeText(back)).toBe("any (recursive #/components/schemas/A)");
    expect(typeText(shapeOf({ $ref: "#/components/schemas/Loop" }, resolver))).toBe(
      "any (recursive #/components/schemas/Loop)",
    );
  });

  test("names a reference it cannot follow (another file, or a missing component)", () => {
    const resolver = resolverOf({});
    expect(typeText(shapeOf({ $ref: "other.yaml#/components/schemas/X" }, resolver))).toBe(
      "any (unresolved other.yaml#/components/schemas/X)",
    );
    expect(typeText(shapeOf({ $ref: "#/components/schemas/Missing" }, resolver))).toBe(
      "any (unresolved #/components/schemas/Missing)",
    );
  });

  test("reads escaped and percent-encoded JSON pointers", () => {
    const resolver = resolverOf({ "a/b c": { type: "integer" } });
    expect(typeText(shapeOf({ $ref: "#/components/schemas/a~1b%20c" }, resolver))).toBe("integer");
  });

  test("OpenAPI 3.0 nullable and 3.1 type lists say the same", () => {
    const resolver = resolverOf({});
    expect(typeText(shapeOf({ type: "string", nullable: true }, resolver))).toBe(
      typeText(shapeOf({ type: ["string", "null"] }, resolver)),
    );
  });

  test("enum and const are closed, x-extensible-enum is open", () => {
    const resolver = resolverOf({});
    expect(enumText(shapeOf({ type: "string", enum: ["b", "a"] }, resolver))).toBe("closed: a, b");
    expect(enumText(shapeOf({ type: "integer", const: 422 }, resolver))).toBe("closed: 422");
    expect(enumText(shapeOf({ type: "string", "x-extensible-enum": ["OK"] }, resolver))).toBe("open: OK");
    expect(enumText(shapeOf({ type: "string" }, resolver))).toBe("none");
  });

  test("allOf merges properties and required lists", () => {
    const resolver = resolverOf({
      Base: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
    });
    const shape = shapeOf({ allOf: [{ $ref: "#/components/schemas/Base" }, { required: ["id"] }] }, resolver);
    expect([...shape.properties.keys()]).toEqual(["id", "name"]);
    expect([...shape.required]).toEqual(["id"]);
    expect(typeText(shape)).toBe("object");
  });

  test("oneOf and anyOf of the same variants give the same shape; required means required in every variant", () => {
    const variants: Json[] = [
      {
        type: "object",
        required: ["kind", "url"],
        properties: { kind: { type: "string", enum: ["a"] }, url: { type: "string" } },
      },
      {
        type: "object",
        required: ["kind"],
        properties: {
          kind: { type: "string", enum: ["b"] },
          keys: { type: "array", items: { type: "string" } },
        },
      },
    ];
    const resolver = resolverOf({});
    const oneOf = shapeOf({ oneOf: variants }, resolver);
    const anyOf = shapeOf({ anyOf: variants }, resolver);
    expect(oneOf).toEqual(anyOf);
    expect([...oneOf.required]).toEqual(["kind"]);
    const kind = oneOf.properties.get("kind");
    expect(kind && enumText(kind)).toBe("closed: a, b");
    expect(typeText(shapeOf({ oneOf: [{ type: "array" }, { type: "string" }] }, resolver))).toBe(
      "array|string",
    );
  });

  test("a schema without a type is inferred from what it holds", () => {
    const resolver = resolverOf({});
    expect(typeText(shapeOf({ properties: { a: {} } }, resolver))).toBe("object");
    expect(typeText(shapeOf({ additionalProperties: { type: "string" } }, resolver))).toBe("object");
    expect(typeText(shapeOf({ items: {} }, resolver))).toBe("array");
    expect(typeText(shapeOf({}, resolver))).toBe("any");
  });
});

describe("collectFacts", () => {
  const document = parseDocument(
    JSON.stringify({
      openapi: "3.1.0",
      paths: {
        "/things": {
          post: {
            requestBody: {
              required: true,
              content: {
                "application/json; charset=utf-8": {
                  schema: {
                    type: "object",
                    properties: {
                      id: { type: "string", readOnly: true },
                      password: { type: "string", writeOnly: true },
                      tags: {
                        type: "object",
                        additionalProperties: { type: "array", items: { type: "string" } },
                      },
                    },
                  },
                },
              },
            },
            responses: {
              "2xx": {
                description: "ok",
                headers: {
                  "Content-Type": { schema: { type: "string" } },
                  "X-Id": { required: true, schema: { type: "string" } },
                },
                content: {
                  "application/json": {
                    schema: {
                      type: "object",
                      properties: {
                        id: { type: "string", readOnly: true },
                        password: { type: "string", writeOnly: true },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
    }),
    "inline.json",
  );

  test("skips read-only fields in requests and write-only fields in responses; names items and map values", () => {
    const subjects = [...collectFacts(document).facts.values()].map((fact) => fact.subject);
    expect(subjects).toEqual([
      "operation",
      "security",
      "request body",
      "request application/json",
      "request application/json field password",
      "request application/json field tags",
      "request application/json field tags.*",
      "request application/json field tags.*[]",
      "response 2XX",
      "response 2XX header x-id",
      "response 2XX application/json",
      "response 2XX application/json field id",
    ]);
  });

  test("an operation without security requirements, here or at the top, sends none", () => {
    const security = [...collectFacts(document).facts.values()].find((fact) => fact.subject === "security");
    expect(security?.attributes).toEqual({ alternatives: "(none)" });
  });
});
