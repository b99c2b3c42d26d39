import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parse } from "yaml";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A parsed OpenAPI 3.x document and where it came from (a URL or a file path, for the report). */
export interface OpenApiDocument {
  readonly source: string;
  readonly root: JsonObject;
}

/** A document that could not be read or is not OpenAPI 3. */
export class DocumentError extends Error {
  override readonly name = "DocumentError";
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Parses JSON or YAML text as an OpenAPI 3.0 or 3.1 document. */
export function parseDocument(text: string, source: string): OpenApiDocument {
  let root: unknown;
  try {
    // Published documents are often large JSON (Infisical's is about 13 MB); JSON.parse is much faster.
    root = /^\s*\{/.test(text) ? JSON.parse(text) : parse(text, { maxAliasCount: -1 });
  } catch (error) {
    throw new DocumentError(`${source} is neither JSON nor YAML: ${(error as Error).message}`);
  }
  if (!isObject(root)) throw new DocumentError(`${source} does not hold an object`);
  const version = root.openapi;
  if (typeof version !== "string" || !version.startsWith("3.")) {
    throw new DocumentError(`${source} is not an OpenAPI 3 document (openapi: ${JSON.stringify(version)})`);
  }
  return { source, root };
}

export interface LoadOptions {
  /** Base directory of relative file paths. */
  readonly cwd: string;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
  /** How the document is named in messages and reports (default: the location as given). */
  readonly label?: string;
}

/** Reads a document from an http(s) URL or from a file. */
export async function loadDocument(location: string, options: LoadOptions): Promise<OpenApiDocument> {
  const label = options.label ?? location;
  if (/^https?:\/\//i.test(location)) {
    const fetchImpl = options.fetch ?? fetch;
    let response: Response;
    try {
      response = await fetchImpl(location, {
        headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" },
        signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
      });
    } catch (error) {
      throw new DocumentError(`could not fetch ${label}: ${(error as Error).message}`);
    }
    if (!response.ok) throw new DocumentError(`could not fetch ${label}: HTTP ${response.status}`);
    return parseDocument(await response.text(), label);
  }
  const path = resolve(options.cwd, location);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new DocumentError(`could not read ${label}: ${(error as Error).message}`);
  }
  return parseDocument(text, label);
}

/**
 * Follows local `$ref`s (`#/components/...`) within one document. References to other files or URLs
 * are not followed; callers see them as unresolved.
 */
export class RefResolver {
  constructor(private readonly document: OpenApiDocument) {}

  /** The node a local reference points at, or undefined when it is not local or leads nowhere. */
  lookup(ref: string): Json | undefined {
    if (!ref.startsWith("#")) return undefined;
    let pointer: string;
    try {
      pointer = decodeURIComponent(ref.slice(1));
    } catch {
      return undefined;
    }
    if (pointer === "") return this.document.root;
    if (!pointer.startsWith("/")) return undefined;
    let node: Json | undefined = this.document.root;
    for (const raw of pointer.slice(1).split("/")) {
      const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      if (Array.isArray(node)) node = node[Number(segment)];
      else if (isObject(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined;
      else return undefined;
    }
    return node;
  }

  /**
   * Resolves a node that may be a `$ref` (to a parameter, response, header, body or path item),
   * following chains. Returns undefined for a reference that cannot be resolved or loops.
   */
  deref(node: Json | undefined): Json | undefined {
    const seen = new Set<string>();
    let current = node;
    while (isObject(current) && typeof current.$ref === "string") {
      if (seen.has(current.$ref)) return undefined;
      seen.add(current.$ref);
      current = this.lookup(current.$ref);
    }
    return current;
  }
}
