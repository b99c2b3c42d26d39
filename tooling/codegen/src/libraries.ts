/**
 * The pipeline's heavy libraries, loaded on first use so that a CLI run that fails early (an unknown
 * provider, a usage error) loads none of them.
 */
import { createRequire } from "node:module";

type Redocly = typeof import("@redocly/openapi-core");
type OpenapiTypescript = typeof import("openapi-typescript");
type TypeScript = typeof import("typescript");

const require = createRequire(import.meta.url);

let redocly: Promise<Redocly> | undefined;

/** @redocly/openapi-core (ES modules only): lint and bundle. */
export function loadRedocly(): Promise<Redocly> {
  redocly ??= import("@redocly/openapi-core");
  return redocly;
}

/**
 * openapi-typescript, and the TypeScript compiler it builds its AST with, through their CommonJS
 * builds. Importing CommonJS from an ES module makes Node scan the file for module syntax and for its
 * named exports first; for typescript.js (9 MB) that costs more than loading it, about half a second
 * per process. Both builds of openapi-typescript are compiled from the same sources.
 */
export function loadOpenapiTypescript(): { openapiTypescript: OpenapiTypescript; ts: TypeScript } {
  return { openapiTypescript: require("openapi-typescript"), ts: require("typescript") };
}
