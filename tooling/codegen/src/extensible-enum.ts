import type { SchemaObject } from "openapi-typescript";
import type ts from "typescript";
import { loadOpenapiTypescript } from "./libraries.ts";

/**
 * Renders `x-extensible-enum: [A, B]` as the open union `"A" | "B" | (string & {})`: editors still
 * suggest the known values, while values a provider adds later type-check instead of breaking callers.
 */
export function renderExtensibleEnum(schema: SchemaObject): ts.TypeNode | undefined {
  const values = (schema as { "x-extensible-enum"?: unknown })["x-extensible-enum"];
  if (!Array.isArray(values)) return undefined;
  const { openapiTypescript, ts } = loadOpenapiTypescript();
  const { NULL, STRING, tsIntersection, tsLiteral, tsUnion } = openapiTypescript;
  const known = values.filter((v): v is string => typeof v === "string").map((v) => tsLiteral(v));
  const anyOtherString = tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]);
  const union = tsUnion([...known, anyOtherString]);
  const nullable = Array.isArray(schema.type) && schema.type.includes("null");
  return nullable ? tsUnion([union, NULL]) : union;
}
