import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundle, lint, loadConfig, type NormalizedProblem } from "@redocly/openapi-core";
import openapiTS, { astToString, type OpenAPI3 } from "openapi-typescript";
import { renderExtensibleEnum } from "./extensible-enum.ts";
import { renderOperationsModule } from "./operation-metadata.ts";
import type { ProviderTarget } from "./providers.ts";

/** Files of one provider, by path relative to the repository root. */
export type GeneratedFiles = Map<string, string>;

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

/** Lints and bundles one spec, then renders every file of its `src/generated/` folder in memory. */
export async function generateProvider(root: string, target: ProviderTarget): Promise<GeneratedFiles> {
  const config = await loadConfig({ configPath: join(root, "redocly.yaml") });
  const apiConfig = config.forAlias(target.name);
  const ref = join(root, target.spec);

  // Warnings fail the build too: the specs are held to zero of either.
  const problems = (await lint({ ref, config: apiConfig })).filter((p) => !p.ignored);
  if (problems.length > 0) throw new SpecLintError(target.name, problems);

  const bundled = await bundle({ ref, config: apiConfig, dereference: false });
  const bundleProblems = bundled.problems.filter((p) => p.severity === "error");
  if (bundleProblems.length > 0) throw new SpecLintError(target.name, bundleProblems);
  const doc = bundled.bundle.parsed as Record<string, unknown>;

  const ast = await openapiTS(structuredClone(doc) as unknown as OpenAPI3, {
    readWriteMarkers: true,
    // A default is what the server assumes when a field is left out, so the field stays optional.
    defaultNonNullable: false,
    silent: true,
    transform: (schema) => renderExtensibleEnum(schema),
  });

  const head = banner(target);
  const files: GeneratedFiles = new Map();
  files.set(join(target.outDir, "schema.ts"), `${head}\n\n${astToString(ast)}`);
  files.set(join(target.outDir, "operations.ts"), renderOperationsModule(head, doc));
  files.set(join(target.specModuleDir, `${target.name}-spec.ts`), renderBundledSpec(target, doc));
  return files;
}

/** The bundled specs as TS modules of the testing package, whose fakes validate requests against them. */
export function renderBundledSpec(target: ProviderTarget, doc: Record<string, unknown>): string {
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
