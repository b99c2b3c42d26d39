import { isObject, type Json, type JsonObject, type OpenApiDocument, RefResolver } from "./document.ts";
import { enumText, type Shape, shapeOf, typeText } from "./schema-shape.ts";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Header parameters OpenAPI says to ignore (they are described elsewhere). */
const IGNORED_HEADER_PARAMETERS = new Set(["accept", "content-type", "authorization"]);

/** One statement a document makes, such as "the query parameter page_size is an optional integer". */
export interface Fact {
  /** Matching key of the operation (`GET /iam/v2/identity-providers/{}`), or "" for document-wide facts. */
  readonly operationKey: string;
  /** What the fact is about, for example `response 200 application/json field data[].id`. */
  readonly subject: string;
  /** Subject of the enclosing fact (a field's object, a header's response), if any. */
  readonly parent?: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface OperationRef {
  /** `METHOD /path` as the document writes it. */
  readonly label: string;
  readonly key: string;
}

/** The facts of one document (or several merged), by operation. */
export interface FactSet {
  readonly sources: string[];
  /** Operations in document order. */
  readonly operations: OperationRef[];
  /** Facts keyed by `factKey(operationKey, subject)`, in the order they were found. */
  readonly facts: Map<string, Fact>;
}

export function factKey(operationKey: string, subject: string): string {
  return `${operationKey}\u0000${subject}`;
}

/** `/iam/v2/identity-providers/{provider_id}/jwks` → `/iam/v2/identity-providers/{}/jwks`. */
export function pathShape(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

interface FoundOperation {
  method: string;
  path: string;
  key: string;
  pathItem: JsonObject;
  operation: JsonObject;
}

function listOperations(document: OpenApiDocument, resolver: RefResolver): FoundOperation[] {
  const found: FoundOperation[] = [];
  const paths = isObject(document.root.paths) ? document.root.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const pathItem = resolver.deref(rawItem);
    if (!isObject(pathItem)) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!isObject(operation)) continue;
      const upper = method.toUpperCase();
      found.push({ method: upper, path, key: `${upper} ${pathShape(path)}`, pathItem, operation });
    }
  }
  return found;
}

/** Options of `collectFacts`. */
export interface CollectOptions {
  /**
   * Only operations on these paths (compared by `pathShape`) are read; by default all of them. Used on
   * a provider's document, which describes far more than we cover.
   */
  readonly paths?: ReadonlySet<string>;
}

/** Reads the comparable facts of the operations of a document and of the security schemes they use. */
export function collectFacts(document: OpenApiDocument, options: CollectOptions = {}): FactSet {
  const resolver = new RefResolver(document);
  const facts = new Map<string, Fact>();
  const operations: OperationRef[] = [];
  const usedSchemes = new Set<string>();
  const add = (fact: Fact) => facts.set(factKey(fact.operationKey, fact.subject), fact);

  const globalSecurity = document.root.security;
  for (const found of listOperations(document, resolver)) {
    if (options.paths && !options.paths.has(pathShape(found.path))) continue;
    operations.push({ label: `${found.method} ${found.path}`, key: found.key });
    const op = found.key;
    const { operation } = found;
    add({
      operationKey: op,
      subject: "operation",
      attributes: {
        operationId: typeof operation.operationId === "string" ? operation.operationId : "(none)",
        deprecated: operation.deprecated === true ? "yes" : "no",
      },
    });

    const security = operation.security !== undefined ? operation.security : globalSecurity;
    const alternatives = securityAlternatives(security);
    for (const alternative of Array.isArray(security) ? security : []) {
      if (isObject(alternative)) for (const name of Object.keys(alternative)) usedSchemes.add(name);
    }
    add({ operationKey: op, subject: "security", parent: "operation", attributes: { alternatives } });

    for (const parameter of mergedParameters(found, resolver)) {
      add({
        operationKey: op,
        subject: `parameter ${parameter.in} ${parameter.name}`,
        parent: "operation",
        attributes: {
          required: parameter.required ? "yes" : "no",
          type: typeText(parameter.shape),
          enum: enumText(parameter.shape),
        },
      });
    }

    const body = resolver.deref(operation.requestBody);
    if (isObject(body)) {
      add({
        operationKey: op,
        subject: "request body",
        parent: "operation",
        attributes: { required: body.required === true ? "yes" : "no" },
      });
      for (const [media, content] of mediaEntries(body.content)) {
        const shape = shapeOf(content.schema, resolver);
        addBodyFacts(add, op, `request ${media}`, "request body", shape, "request");
      }
    }

    const responses = isObject(operation.responses) ? operation.responses : {};
    for (const [rawStatus, rawResponse] of Object.entries(responses)) {
      const status = rawStatus.toUpperCase() === "DEFAULT" ? "default" : rawStatus.toUpperCase();
      const responseSubject = `response ${status}`;
      add({ operationKey: op, subject: responseSubject, parent: "operation", attributes: {} });
      const response = resolver.deref(rawResponse);
      if (!isObject(response)) continue;
      const headers = isObject(response.headers) ? response.headers : {};
      for (const [name, rawHeader] of Object.entries(headers)) {
        // A Content-Type response header is ignored by OpenAPI.
        if (name.toLowerCase() === "content-type") continue;
        const header = resolver.deref(rawHeader);
        const shape = shapeOf(isObject(header) ? headerSchema(header) : undefined, resolver);
        add({
          operationKey: op,
          subject: `${responseSubject} header ${name.toLowerCase()}`,
          parent: responseSubject,
          attributes: {
            required: isObject(header) && header.required === true ? "yes" : "no",
            type: typeText(shape),
          },
        });
      }
      for (const [media, content] of mediaEntries(response.content)) {
        const shape = shapeOf(content.schema, resolver);
        addBodyFacts(add, op, `${responseSubject} ${media}`, responseSubject, shape, "response");
      }
    }
  }

  const schemes = isObject(document.root.components) ? document.root.components.securitySchemes : undefined;
  for (const name of [...usedSchemes].sort()) {
    const scheme = resolver.deref(isObject(schemes) ? schemes[name] : undefined);
    add({ operationKey: "", subject: `security scheme ${name}`, attributes: schemeAttributes(scheme) });
  }
  return { sources: [document.source], operations, facts };
}

/** Security requirement alternatives as sorted text: `a | b + c`; `(none)` for no credentials. */
function securityAlternatives(security: Json | undefined): string {
  if (!Array.isArray(security) || security.length === 0) return "(none)";
  const alternatives = security.map((requirement) => {
    const names = isObject(requirement) ? Object.keys(requirement).sort() : [];
    return names.length === 0 ? "(anonymous)" : names.join(" + ");
  });
  return [...new Set(alternatives)].sort().join(" | ");
}

function schemeAttributes(scheme: Json | undefined): Record<string, string> {
  if (!isObject(scheme)) return { type: "(undeclared)" };
  const type = typeof scheme.type === "string" ? scheme.type : "(none)";
  const attributes: Record<string, string> = { type };
  if (type === "http")
    attributes.scheme = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "(none)";
  if (type === "apiKey") {
    attributes.in = String(scheme.in);
    attributes.name = String(scheme.name).toLowerCase();
  }
  if (type === "oauth2" && isObject(scheme.flows)) {
    attributes.flows = Object.entries(scheme.flows)
      .map(([flow, settings]) => {
        const url = isObject(settings) ? (settings.tokenUrl ?? settings.authorizationUrl) : undefined;
        return typeof url === "string" ? `${flow} ${url}` : flow;
      })
      .sort()
      .join("; ");
  }
  if (type === "openIdConnect") attributes.openIdConnectUrl = String(scheme.openIdConnectUrl);
  return attributes;
}

interface ParameterFacts {
  name: string;
  in: string;
  required: boolean;
  shape: Shape;
}

function mergedParameters(found: FoundOperation, resolver: RefResolver): ParameterFacts[] {
  const byKey = new Map<string, JsonObject>();
  for (const list of [found.pathItem.parameters, found.operation.parameters]) {
    for (const raw of Array.isArray(list) ? list : []) {
      const parameter = resolver.deref(raw);
      if (!isObject(parameter) || typeof parameter.name !== "string" || typeof parameter.in !== "string")
        continue;
      // Header names are case-insensitive; an operation's parameter replaces the path item's.
      const name = parameter.in === "header" ? parameter.name.toLowerCase() : parameter.name;
      if (parameter.in === "header" && IGNORED_HEADER_PARAMETERS.has(name)) continue;
      byKey.set(`${parameter.in} ${name}`, { ...parameter, name });
    }
  }
  return [...byKey.values()].map((parameter) => ({
    name: String(parameter.name),
    in: String(parameter.in),
    required: parameter.required === true,
    shape: shapeOf(headerSchema(parameter), resolver),
  }));
}

/** The schema of a parameter or header: `schema`, or the schema of its single `content` entry. */
function headerSchema(node: JsonObject): Json | undefined {
  if (node.schema !== undefined) return node.schema;
  const [first] = mediaEntries(node.content);
  return first?.[1].schema;
}

function mediaEntries(content: Json | undefined): [string, JsonObject][] {
  if (!isObject(content)) return [];
  return Object.entries(content).map(([media, value]): [string, JsonObject] => [
    media.split(";")[0]?.trim().toLowerCase() ?? media,
    isObject(value) ? value : {},
  ]);
}

type AddFact = (fact: Fact) => void;

/**
 * Adds the facts of a body: its own type, then every field it reaches (`a.b`, `list[].c`, `map.*`).
 * Read-only fields are skipped in requests and write-only fields in responses, as a client never
 * sends or receives them there.
 */
function addBodyFacts(
  add: AddFact,
  operationKey: string,
  subject: string,
  parent: string,
  shape: Shape,
  direction: "request" | "response",
): void {
  add({ operationKey, subject, parent, attributes: { type: typeText(shape), enum: enumText(shape) } });
  addFieldFacts(add, operationKey, subject, subject, "", shape, direction);
}

function addFieldFacts(
  add: AddFact,
  operationKey: string,
  bodySubject: string,
  parent: string,
  prefix: string,
  shape: Shape,
  direction: "request" | "response",
): void {
  const fieldSubject = (path: string) => `${bodySubject} field ${path}`;
  for (const [name, property] of shape.properties) {
    if (direction === "request" && property.readOnly) continue;
    if (direction === "response" && property.writeOnly) continue;
    const path = prefix === "" ? name : `${prefix}.${name}`;
    add({
      operationKey,
      subject: fieldSubject(path),
      parent,
      attributes: {
        required: shape.required.has(name) ? "yes" : "no",
        type: typeText(property),
        enum: enumText(property),
      },
    });
    addFieldFacts(add, operationKey, bodySubject, fieldSubject(path), path, property, direction);
  }
  if (shape.items) {
    const path = `${prefix}[]`;
    add({
      operationKey,
      subject: fieldSubject(path),
      parent,
      attributes: { type: typeText(shape.items), enum: enumText(shape.items) },
    });
    addFieldFacts(add, operationKey, bodySubject, fieldSubject(path), path, shape.items, direction);
  }
  if (shape.values) {
    const path = prefix === "" ? "*" : `${prefix}.*`;
    add({
      operationKey,
      subject: fieldSubject(path),
      parent,
      attributes: { type: typeText(shape.values), enum: enumText(shape.values) },
    });
    addFieldFacts(add, operationKey, bodySubject, fieldSubject(path), path, shape.values, direction);
  }
}

/**
 * Merges the facts of several documents of one provider (Confluent publishes one per API group). An
 * operation described by more than one document is taken from the first.
 */
export function mergeFactSets(sets: FactSet[]): FactSet {
  const merged: FactSet = { sources: [], operations: [], facts: new Map() };
  const taken = new Set<string>();
  for (const set of sets) {
    merged.sources.push(...set.sources);
    const fresh = new Set(set.operations.map((op) => op.key).filter((key) => !taken.has(key)));
    for (const op of set.operations) if (fresh.has(op.key)) merged.operations.push(op);
    for (const [key, fact] of set.facts) {
      const keep = fact.operationKey === "" ? !merged.facts.has(key) : fresh.has(fact.operationKey);
      if (keep) merged.facts.set(key, fact);
    }
    for (const key of fresh) taken.add(key);
  }
  return merged;
}
