import { NULL, type SchemaObject, STRING, tsIntersection, tsLiteral, tsUnion } from "openapi-typescript";
import ts from "typescript";

/**
 * Renders `x-extensible-enum: [A, B]` as the open union `"A" | "B" | (string & {})`: editors still
 * suggest the known values, while values a provider adds later type-check instead of breaking callers.
 */
export function renderExtensibleEnum(schema: SchemaObject): ts.TypeNode | undefined {
  const values = (schema as { "x-extensible-enum"?: unknown })["x-extensible-enum"];
  if (!Array.isArray(values)) return undefined;
  const known = values.filter((v): v is string => typeof v === "string").map((v) => tsLiteral(v));
  const anyOtherString = tsIntersection([STRING, ts.factory.createTypeLiteralNode([])]);
  const union = tsUnion([...known, anyOtherString]);
  const nullable = Array.isArray(schema.type) && schema.type.includes("null");
  return nullable ? tsUnion([union, NULL]) : union;
}
