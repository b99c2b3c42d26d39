import { isObject, type Json, type RefResolver } from "./document.ts";

/**
 * What a JSON Schema says about a value, reduced to the facts the drift report compares: its types,
 * its enum (closed `enum`/`const`, or open `x-extensible-enum`), its properties and which of them are
 * required, and the shapes of array items and map values. `allOf` is merged; `oneOf`/`anyOf` become
 * one shape whose properties are those of any variant and whose required fields are those of every
 * variant, so a discriminated union and an `anyOf` of the same objects compare equal.
 */
export interface Shape {
  /** Declared types (`null` included for nullable); undefined when the schema does not constrain it. */
  types?: Set<string>;
  enumKind?: "open" | "closed";
  enumValues: Set<string>;
  properties: Map<string, Shape>;
  required: Set<string>;
  items?: Shape;
  /** The schema of `additionalProperties`, when it is one. */
  values?: Shape;
  readOnly: boolean;
  writeOnly: boolean;
  /** Why the shape stops here: a recursive or unresolvable reference. */
  note?: string;
}

const MAX_REF_DEPTH = 64;

function emptyShape(): Shape {
  return {
    enumValues: new Set(),
    properties: new Map(),
    required: new Set(),
    readOnly: false,
    writeOnly: false,
  };
}

function enumValueText(value: Json): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** Builds the shape of a schema, following local `$ref`s; a reference already being followed is cut. */
export function shapeOf(
  schema: Json | undefined,
  resolver: RefResolver,
  refStack: readonly string[] = [],
): Shape {
  if (!isObject(schema)) return emptyShape();
  if (typeof schema.$ref === "string") {
    const ref = schema.$ref;
    if (refStack.includes(ref)) return { ...emptyShape(), note: `recursive ${ref}` };
    if (refStack.length >= MAX_REF_DEPTH) return { ...emptyShape(), note: "reference depth limit" };
    const target = resolver.lookup(ref);
    if (target === undefined) return { ...emptyShape(), note: `unresolved ${ref}` };
    const resolved = shapeOf(target, resolver, [...refStack, ref]);
    // OpenAPI 3.1 lets keywords sit next to $ref; they apply together with the target.
    const { $ref: _ref, ...siblings } = schema;
    return Object.keys(siblings).length > 0
      ? mergeAll(resolved, shapeOf(siblings, resolver, refStack))
      : resolved;
  }

  let shape = ownShape(schema, resolver, refStack);
  if (Array.isArray(schema.allOf)) {
    for (const part of schema.allOf) shape = mergeAll(shape, shapeOf(part, resolver, refStack));
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const variants = schema[keyword];
    if (Array.isArray(variants) && variants.length > 0) {
      shape = mergeAll(shape, mergeAny(variants.map((variant) => shapeOf(variant, resolver, refStack))));
    }
  }
  return shape;
}

function ownShape(
  schema: { [key: string]: Json },
  resolver: RefResolver,
  refStack: readonly string[],
): Shape {
  const shape = emptyShape();
  if (typeof schema.type === "string") shape.types = new Set([schema.type]);
  else if (Array.isArray(schema.type))
    shape.types = new Set(schema.type.filter((t) => typeof t === "string"));
  // OpenAPI 3.0 nullability.
  if (schema.nullable === true && shape.types) shape.types.add("null");
  if (Array.isArray(schema.enum)) {
    shape.enumKind = "closed";
    for (const value of schema.enum) shape.enumValues.add(enumValueText(value));
  } else if (schema.const !== undefined) {
    shape.enumKind = "closed";
    shape.enumValues.add(enumValueText(schema.const));
  } else if (Array.isArray(schema["x-extensible-enum"])) {
    shape.enumKind = "open";
    for (const value of schema["x-extensible-enum"]) shape.enumValues.add(enumValueText(value));
  }
  if (isObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      shape.properties.set(name, shapeOf(property, resolver, refStack));
    }
  }
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) if (typeof name === "string") shape.required.add(name);
  }
  if (isObject(schema.items)) shape.items = shapeOf(schema.items, resolver, refStack);
  if (isObject(schema.additionalProperties))
    shape.values = shapeOf(schema.additionalProperties, resolver, refStack);
  shape.readOnly = schema.readOnly === true;
  shape.writeOnly = schema.writeOnly === true;
  return shape;
}

function mergeOptional(a: Shape | undefined, b: Shape | undefined, merge: (x: Shape, y: Shape) => Shape) {
  return a && b ? merge(a, b) : (a ?? b);
}

/** Both shapes hold (allOf). */
export function mergeAll(a: Shape, b: Shape): Shape {
  let types: Set<string> | undefined;
  if (a.types && b.types) {
    const both = new Set([...a.types].filter((t) => b.types?.has(t)));
    // "integer" satisfies "number"; any other conflict is kept visible as a union.
    if (both.size === 0 && a.types.has("number") && b.types.has("integer")) both.add("integer");
    if (both.size === 0 && b.types.has("number") && a.types.has("integer")) both.add("integer");
    types = both.size > 0 ? both : new Set([...a.types, ...b.types]);
  } else types = a.types ?? b.types;

  let enumKind = a.enumKind ?? b.enumKind;
  let enumValues = a.enumKind ? a.enumValues : b.enumValues;
  if (a.enumKind && b.enumKind) {
    if (a.enumKind === "closed" && b.enumKind === "closed") {
      enumValues = new Set([...a.enumValues].filter((v) => b.enumValues.has(v)));
    } else if (a.enumKind === "open" && b.enumKind === "open") {
      enumValues = new Set([...a.enumValues, ...b.enumValues]);
    } else {
      enumKind = "closed";
      enumValues = a.enumKind === "closed" ? a.enumValues : b.enumValues;
    }
  }

  const properties = new Map(a.properties);
  for (const [name, shape] of b.properties) {
    const existing = properties.get(name);
    properties.set(name, existing ? mergeAll(existing, shape) : shape);
  }
  const merged: Shape = {
    types,
    enumKind,
    enumValues: new Set(enumValues),
    properties,
    required: new Set([...a.required, ...b.required]),
    items: mergeOptional(a.items, b.items, mergeAll),
    values: mergeOptional(a.values, b.values, mergeAll),
    readOnly: a.readOnly || b.readOnly,
    writeOnly: a.writeOnly || b.writeOnly,
  };
  const note = a.note ?? b.note;
  if (note !== undefined) merged.note = note;
  if (merged.types === undefined) delete merged.types;
  if (merged.enumKind === undefined) delete merged.enumKind;
  if (merged.items === undefined) delete merged.items;
  if (merged.values === undefined) delete merged.values;
  return merged;
}

/** One of the shapes holds (oneOf / anyOf). */
export function mergeAny(shapes: Shape[]): Shape {
  const [first, ...rest] = shapes;
  if (!first) return emptyShape();
  if (rest.length === 0) return first;
  const merged = emptyShape();
  if (shapes.every((shape) => shape.types)) {
    merged.types = new Set(shapes.flatMap((shape) => [...(shape.types ?? [])]));
  }
  if (shapes.every((shape) => shape.enumKind)) {
    merged.enumKind = shapes.some((shape) => shape.enumKind === "open") ? "open" : "closed";
    for (const shape of shapes) for (const value of shape.enumValues) merged.enumValues.add(value);
  }
  const byName = new Map<string, Shape[]>();
  for (const shape of shapes) {
    for (const [name, property] of shape.properties)
      byName.set(name, [...(byName.get(name) ?? []), property]);
  }
  for (const [name, variants] of byName) merged.properties.set(name, mergeAny(variants));
  for (const name of first.required) {
    if (rest.every((shape) => shape.required.has(name))) merged.required.add(name);
  }
  const items = shapes.flatMap((shape) => (shape.items ? [shape.items] : []));
  if (items.length > 0) merged.items = mergeAny(items);
  const values = shapes.flatMap((shape) => (shape.values ? [shape.values] : []));
  if (values.length > 0) merged.values = mergeAny(values);
  merged.readOnly = shapes.every((shape) => shape.readOnly);
  merged.writeOnly = shapes.every((shape) => shape.writeOnly);
  const note = shapes.find((shape) => shape.note !== undefined)?.note;
  if (note !== undefined) merged.note = note;
  return merged;
}

/** The type of a shape as the report prints it, such as `string`, `null|string` or `object`. */
export function typeText(shape: Shape): string {
  let text: string;
  if (shape.types && shape.types.size > 0) text = [...shape.types].sort().join("|");
  else if (shape.properties.size > 0 || shape.values) text = "object";
  else if (shape.items) text = "array";
  else text = "any";
  return shape.note === undefined ? text : `${text} (${shape.note})`;
}

/** The enum of a shape as the report prints it: `none`, `closed: A, B` or `open: A, B`. */
export function enumText(shape: Shape): string {
  if (!shape.enumKind) return "none";
  return `${shape.enumKind}: ${[...shape.enumValues].sort().join(", ")}`;
}
