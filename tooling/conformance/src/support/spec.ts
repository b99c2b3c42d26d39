import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export type Provider = "confluent" | "ica" | "infisical";

/** A response the spec documents for one status (or `default`) of one operation. */
export interface SpecResponse {
  status: string;
  /** Example values of the response headers, by lower-case header name. */
  headerExamples: Record<string, unknown>;
  /** Media type -> named example values. */
  content: Record<string, Record<string, unknown>>;
}

export interface SpecOperation {
  /** `"METHOD /path/{param}"`, the key our generated `operations` metadata uses too. */
  key: string;
  method: string;
  path: string;
  operationId: string;
  /** Security alternatives: each a list of scheme names that must all be sent (`[]` = none). */
  security: string[][];
  /** Request body media type -> named example values. */
  requestExamples: Record<string, Record<string, unknown>>;
  responses: SpecResponse[];
}

/** Absolute path of one of our specs; Prism reads the same file. */
export function specPath(provider: Provider): string {
  return fileURLToPath(new URL(`../../../../specs/${provider}/openapi.yaml`, import.meta.url));
}

type Json = Record<string, unknown>;

/**
 * Reads a spec straight from its YAML source, independently of our codegen, so the tests can list
 * every operation and documented response without trusting the code they are checking.
 */
export function loadSpec(provider: Provider): { document: Json; operations: SpecOperation[] } {
  const document = parse(readFileSync(specPath(provider), "utf8")) as Json;
  const deref = (value: unknown): Json => {
    let node = value as Json;
    for (let hops = 0; typeof node?.$ref === "string"; hops++) {
      if (hops > 10 || !node.$ref.startsWith("#/")) throw new Error(`unsupported $ref ${String(node.$ref)}`);
      node = node.$ref
        .slice(2)
        .split("/")
        .reduce<unknown>(
          (at, part) => (at as Json)[part.replaceAll("~1", "/").replaceAll("~0", "~")],
          document,
        ) as Json;
    }
    return node;
  };

  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths as Json)) {
    for (const [method, raw] of Object.entries(item as Json)) {
      if (!["get", "put", "post", "patch", "delete", "head", "options", "trace"].includes(method)) continue;
      const operation = raw as Json;
      const responses = Object.entries(operation.responses as Json).map(([status, rawResponse]) => {
        const response = deref(rawResponse);
        const headerExamples: Record<string, unknown> = {};
        for (const [name, header] of Object.entries((response.headers ?? {}) as Json)) {
          const resolved = deref(header);
          if ("example" in resolved) headerExamples[name.toLowerCase()] = resolved.example;
        }
        const content: SpecResponse["content"] = {};
        for (const [mediaType, media] of Object.entries((response.content ?? {}) as Json)) {
          content[mediaType] = examplesOf(media as Json, deref);
        }
        return { status, headerExamples, content };
      });
      const requestExamples: SpecOperation["requestExamples"] = {};
      const requestBody = operation.requestBody ? deref(operation.requestBody) : undefined;
      for (const [mediaType, media] of Object.entries((requestBody?.content ?? {}) as Json)) {
        requestExamples[mediaType] = examplesOf(media as Json, deref);
      }
      const security = (operation.security ?? document.security ?? []) as Json[];
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        operationId: String(operation.operationId),
        security: security.map((alternative) => Object.keys(alternative)),
        requestExamples,
        responses,
      });
    }
  }
  return { document, operations };
}

function examplesOf(media: Json, deref: (value: unknown) => Json): Record<string, unknown> {
  const examples: Record<string, unknown> = {};
  for (const [name, example] of Object.entries((media.examples ?? {}) as Json)) {
    examples[name] = deref(example).value;
  }
  if ("example" in media) examples.example = media.example;
  return examples;
}

/** The first example of the first media type of a response: what Prism's static mock answers with. */
export function firstExample(response: SpecResponse | undefined): unknown {
  const media = Object.values(response?.content ?? {})[0];
  return media ? Object.values(media)[0] : undefined;
}
