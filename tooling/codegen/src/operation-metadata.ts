/**
 * Builds the runtime facts about each operation that openapi-typescript's types cannot carry:
 * which credentials it takes, whether repeating it is safe, and which media types go on the wire.
 */

type Json = Record<string, unknown>;

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
/** Methods whose repetition has no additional effect on the server (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE"]);

export interface OperationFacts {
  operationId: string;
  method: string;
  path: string;
  security: string[][];
  safeToRetry: boolean;
  accept: string;
  contentType: string | null;
  secretRequestFields: string[];
  secretResponseFields: string[];
  successBody: boolean;
}

export type SchemeFacts =
  | { kind: "basic" }
  | { kind: "bearer" }
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string };

function asObject(value: unknown): Json {
  return value !== null && typeof value === "object" ? (value as Json) : {};
}

/** Follows a local `#/components/...` reference in the bundled document. */
function deref(doc: Json, value: unknown): Json {
  const obj = asObject(value);
  const ref = obj.$ref;
  if (typeof ref !== "string") return obj;
  if (!ref.startsWith("#/")) throw new Error(`Only local $refs are expected after bundling, got ${ref}`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split("/")) {
    node = asObject(node)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return deref(doc, node);
}

function mediaTypesOf(doc: Json, responses: Json, match: (status: string) => boolean): string[] {
  const types: string[] = [];
  for (const [status, response] of Object.entries(responses)) {
    if (!match(status)) continue;
    for (const type of Object.keys(asObject(deref(doc, response).content))) {
      if (!types.includes(type)) types.push(type);
    }
  }
  return types;
}

const isSuccess = (status: string) => /^2(\d\d|XX)$/i.test(status);

/** Top-level properties marked `x-secret: true` in the schemas of some media types (allOf followed). */
function secretFields(doc: Json, contents: Json[]): string[] {
  const fields: string[] = [];
  const visit = (schemaRef: unknown, depth: number) => {
    if (depth > 8) return;
    const schema = deref(doc, schemaRef);
    for (const [name, property] of Object.entries(asObject(schema.properties))) {
      if (deref(doc, property)["x-secret"] === true && !fields.includes(name)) fields.push(name);
    }
    for (const part of [schema.allOf, schema.oneOf, schema.anyOf]) {
      if (Array.isArray(part)) for (const item of part) visit(item, depth + 1);
    }
  };
  for (const content of contents) {
    for (const media of Object.values(content)) visit(asObject(media).schema, 0);
  }
  return fields.sort();
}

/** The `content` maps of the responses whose status matches. */
function responseContents(doc: Json, responses: Json, match: (status: string) => boolean): Json[] {
  return Object.entries(responses)
    .filter(([status]) => match(status))
    .map(([, response]) => asObject(deref(doc, response).content));
}

export function collectOperations(doc: Json): OperationFacts[] {
  const operations: OperationFacts[] = [];
  const globalSecurity = doc.security;
  for (const [path, rawItem] of Object.entries(asObject(doc.paths))) {
    const item = deref(doc, rawItem);
    for (const lower of HTTP_METHODS) {
      const op = asObject(item[lower]);
      if (!(lower in item)) continue;
      const method = lower.toUpperCase();
      const operationId = op.operationId;
      if (typeof operationId !== "string") throw new Error(`${method} ${path} has no operationId`);
      const requirements = (op.security ?? globalSecurity ?? []) as Json[];
      const security = requirements.map((requirement) => Object.keys(requirement));
      const responses = asObject(op.responses);
      // Accept names what a successful call returns. Error media types are not listed: ICA answers 400
      // "Invalid Accept Header" unless its vendor type is asked for, and errors arrive whatever Accept says.
      const success = mediaTypesOf(doc, responses, isSuccess);
      const accept = success.length > 0 ? success : mediaTypesOf(doc, responses, (s) => !isSuccess(s));
      const requestBody = deref(doc, op.requestBody);
      const contentType = Object.keys(asObject(requestBody.content))[0] ?? null;
      // 204 and 205 never carry a body, whatever else the operation may answer.
      const successContents = responseContents(
        doc,
        responses,
        (s) => isSuccess(s) && s !== "204" && s !== "205",
      );
      operations.push({
        operationId,
        method,
        path,
        security,
        safeToRetry: IDEMPOTENT_METHODS.has(method) || op["x-idempotent"] === true,
        accept: accept.join(", ") || "application/json",
        contentType,
        secretRequestFields: secretFields(doc, [asObject(requestBody.content)]),
        secretResponseFields: secretFields(doc, successContents),
        // A JSON body is promised when every 2xx answer that can have a body declares a JSON media type.
        successBody:
          successContents.length > 0 &&
          successContents.every((content) => Object.keys(content).some((type) => /[/+]json$/i.test(type))),
      });
    }
  }
  return operations;
}

export function collectSecuritySchemes(doc: Json): Record<string, SchemeFacts> {
  const schemes: Record<string, SchemeFacts> = {};
  for (const [name, raw] of Object.entries(asObject(asObject(doc.components).securitySchemes))) {
    const scheme = deref(doc, raw);
    const type = scheme.type;
    const httpScheme = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
    if (type === "http" && httpScheme === "basic") schemes[name] = { kind: "basic" };
    else if (type === "http" && httpScheme === "bearer") schemes[name] = { kind: "bearer" };
    else if (type === "oauth2" || type === "openIdConnect") schemes[name] = { kind: "bearer" };
    else if (type === "apiKey" && typeof scheme.name === "string") {
      const where = scheme.in === "query" || scheme.in === "cookie" ? scheme.in : "header";
      schemes[name] = { kind: "apiKey", in: where, name: scheme.name };
    } else throw new Error(`Security scheme ${name} (${String(type)} ${httpScheme}) is not supported`);
  }
  return schemes;
}

const credentialType: Record<SchemeFacts["kind"], string> = {
  basic: "BasicCredentials",
  bearer: "TokenCredential",
  apiKey: "TokenCredential",
};

export function renderOperationsModule(banner: string, doc: Json): string {
  const operations = collectOperations(doc);
  const schemes = collectSecuritySchemes(doc);
  const lines: string[] = [banner, ""];
  lines.push(
    'import type { BasicCredentials, OperationMeta, SecuritySchemeMeta, TokenCredential } from "@idclients/auth";',
  );
  lines.push("");
  lines.push("/** How each security scheme of the spec puts a credential on a request. */");
  lines.push("export const securitySchemes = {");
  for (const [name, facts] of Object.entries(schemes)) {
    lines.push(`  ${JSON.stringify(name)}: ${JSON.stringify(facts)},`);
  }
  lines.push("} as const satisfies Record<string, SecuritySchemeMeta>;");
  lines.push("");
  lines.push("/** Credentials for this provider, keyed by the spec's security scheme names. */");
  lines.push("export interface Credentials {");
  for (const [name, facts] of Object.entries(schemes)) {
    lines.push(`  ${JSON.stringify(name)}?: ${credentialType[facts.kind]};`);
  }
  lines.push("}");
  lines.push("");
  lines.push('/** Runtime facts per operation, keyed by `"METHOD /path/{param}"`. */');
  lines.push("export const operations = {");
  for (const op of operations) {
    lines.push(`  ${JSON.stringify(`${op.method} ${op.path}`)}: {`);
    lines.push(`    operationId: ${JSON.stringify(op.operationId)},`);
    lines.push(`    method: ${JSON.stringify(op.method)},`);
    lines.push(`    path: ${JSON.stringify(op.path)},`);
    lines.push(`    security: ${JSON.stringify(op.security)},`);
    lines.push(`    safeToRetry: ${op.safeToRetry},`);
    lines.push(`    accept: ${JSON.stringify(op.accept)},`);
    lines.push(`    contentType: ${JSON.stringify(op.contentType)},`);
    lines.push(`    secretRequestFields: ${JSON.stringify(op.secretRequestFields)},`);
    lines.push(`    secretResponseFields: ${JSON.stringify(op.secretResponseFields)},`);
    lines.push(`    successBody: ${op.successBody},`);
    lines.push("  },");
  }
  lines.push("} as const satisfies Record<string, OperationMeta>;");
  lines.push("");
  lines.push("export type OperationKey = keyof typeof operations;");
  lines.push("");
  return lines.join("\n");
}
