import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config, NormalizedProblem } from "@redocly/openapi-core";
import type { OpenAPI3 } from "openapi-typescript";
import { renderExtensibleEnum } from "./extensible-enum.ts";
import { loadOpenapiTypescript, loadRedocly } from "./libraries.ts";
import { renderOperationsModule } from "./operation-metadata.ts";
import type { ProviderTarget } from "./providers.ts";

/** Files of one provider, by path relative to the repository root. */
export type GeneratedFiles = Map<string, string>;

/** A spec bundled into one document (parsed JSON). */
export type SpecDocument = Record<string, unknown>;

export class SpecLintError extends Error {
  constructor(
    readonly provider: string,
    readonly problems: NormalizedProblem[],
  ) {
    const lines = problems.map((p) => {
      const where = p.location[0];
      const pointer = where ? `${where.source.absoluteRef}#${where.pointer}` : "";
      return `  ${p.severity} ${p.ruleId}: ${p.message} ${pointer}`;
    });
    super(`redocly lint found ${problems.length} problem(s) in the ${provider} spec:\n${lines.join("\n")}`);
    this.name = "SpecLintError";
  }
}

function banner(target: ProviderTarget): string {
  return [
    `// This file is generated from ${target.spec} by \`pnpm generate\` (tooling/codegen).`,
    "// Do not edit it by hand: change the spec and run `pnpm generate` again.",
  ].join("\n");
}

/** Reads `redocly.yaml` of `root`: once for several providers instead of once for each. */
export async function loadSpecConfig(root: string): Promise<Config> {
  const { loadConfig } = await loadRedocly();
  return loadConfig({ configPath: join(root, "redocly.yaml") });
}

/** Lints and bundles one spec and renders every file of its `src/generated/` folder in memory. */
export async function generateProvider(
  root: string,
  target: ProviderTarget,
  config?: Config,
): Promise<GeneratedFiles> {
  const doc = await bundleSpec(root, target, config);
  return renderProviderFiles(target, doc, await renderSchema(doc));
}

/**
 * Lints one spec (warnings fail too: the specs are held to zero of either) and bundles it into one
 * document. `config` is `loadSpecConfig(root)`, read here when not given.
 */
export async function bundleSpec(
  root: string,
  target: ProviderTarget,
  config?: Config,
): Promise<SpecDocument> {
  const { bundle, lint } = await loadRedocly();
  const apiConfig = (config ?? (await loadSpecConfig(root))).forAlias(target.name);
  const ref = join(root, target.spec);

  const problems = (await lint({ ref, config: apiConfig })).filter((p) => !p.ignored);
  if (problems.length > 0) throw new SpecLintError(target.name, problems);

  const bundled = await bundle({ ref, config: apiConfig, dereference: false });
  const bundleProblems = bundled.problems.filter((p) => p.severity === "error");
  if (bundleProblems.length > 0) throw new SpecLintError(target.name, bundleProblems);
  return bundled.bundle.parsed as SpecDocument;
}

/** openapi-typescript's `paths`, `components` and `operations` of a bundled spec, as TS source. */
export async function renderSchema(doc: SpecDocument): Promise<string> {
  const { openapiTypescript } = loadOpenapiTypescript();
  const ast = await openapiTypescript.default(structuredClone(doc) as unknown as OpenAPI3, {
    readWriteMarkers: true,
    // A default is what the server assumes when a field is left out, so the field stays optional.
    defaultNonNullable: false,
    silent: true,
    transform: (schema) => renderExtensibleEnum(schema),
  });
  return openapiTypescript.astToString(ast);
}

/** The files of one provider, from its bundled spec and `renderSchema` of it. */
export function renderProviderFiles(
  target: ProviderTarget,
  doc: SpecDocument,
  schema: string,
): GeneratedFiles {
  const head = banner(target);
  const files: GeneratedFiles = new Map();
  files.set(join(target.outDir, "schema.ts"), `${head}\n\n${schema}`);
  files.set(join(target.outDir, "operations.ts"), renderOperationsModule(head, doc));
  files.set(join(target.specModuleDir, `${target.name}-spec.ts`), renderBundledSpec(target, doc));
  return files;
}

/** The bundled specs as TS modules of the testing package, whose fakes validate requests against them. */
export function renderBundledSpec(target: ProviderTarget, doc: SpecDocument): string {
  return `${banner(target)}\n\n/** The bundled ${target.name} spec. */\nexport const ${target.name}Spec: Readonly<Record<string, unknown>> = ${JSON.stringify(doc, null, 2)};\n`;
}

/** Compares what generation would write with what is on disk, without writing anything. */
export async function findDrift(root: string, expected: GeneratedFiles, outDir: string): Promise<string[]> {
  const changed: string[] = [];
  for (const [path, content] of expected) {
    const onDisk = await readFile(join(root, path), "utf8").catch(() => undefined);
    if (onDisk !== content) changed.push(path);
  }
  const present = await readdir(join(root, outDir)).catch(() => [] as string[]);
  for (const name of present) {
    const path = join(outDir, name);
    if (!expected.has(path)) changed.push(path);
  }
  return changed.sort();
}
