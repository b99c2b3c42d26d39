import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bundleSpec,
  findDrift,
  type GeneratedFiles,
  loadSpecConfig,
  renderProviderFiles,
  renderSchema,
  type SpecDocument,
} from "./generate.ts";
import { type ProviderTarget, providerTargets } from "./providers.ts";
import { type SchemaRenderer, startSchemaWorker } from "./schema-worker.ts";

const usage = "usage: idclients-codegen [provider ...] [--check] [--root DIR]";
const args = process.argv.slice(2);
const check = args.includes("--check");
const rootIndex = args.indexOf("--root");
const root = resolve(
  rootIndex >= 0 ? (args[rootIndex + 1] ?? ".") : join(dirname(fileURLToPath(import.meta.url)), "../../.."),
);
const names = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--root");
const unknown = names.filter((n) => !providerTargets.some((t) => t.name === n));
if (unknown.length > 0) {
  console.error(`unknown provider(s): ${unknown.join(", ")}\n${usage}`);
  process.exit(2);
}
const targets = names.length > 0 ? providerTargets.filter((t) => names.includes(t.name)) : providerTargets;

let failed = false;
const drifted: string[] = [];
const report = (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  failed = true;
};

// One process for every provider: loading Redocly, openapi-typescript and TypeScript costs more than
// generating the three specs. Compiled to JavaScript (bin/idclients-codegen.mjs), the schemas are
// rendered by a worker thread that loads openapi-typescript while this thread loads Redocly and lints;
// run from the TypeScript sources (through tsx), they are rendered here.
const schemas: SchemaRenderer = import.meta.url.endsWith(".js")
  ? startSchemaWorker()
  : { render: renderSchema, close: async () => {} };
let config: Awaited<ReturnType<typeof loadSpecConfig>>;
try {
  config = await loadSpecConfig(root);
} catch (error) {
  report(error);
  process.exit(1);
}

async function finish(target: ProviderTarget, files: GeneratedFiles, started: number): Promise<void> {
  if (check) {
    drifted.push(...(await findDrift(root, files, target.outDir)));
    return;
  }
  const outDir = join(root, target.outDir);
  await mkdir(outDir, { recursive: true });
  for (const name of await readdir(outDir)) {
    if (!files.has(join(target.outDir, name))) await rm(join(outDir, name), { recursive: true });
  }
  for (const [path, content] of files) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  const ms = Math.round(performance.now() - started);
  console.log(`${target.name}: ${files.size} files in ${target.outDir} (${ms} ms)`);
}

// Specs are linted one after the other (each keeps this thread busy); each goes to the worker as
// soon as it is bundled, and the files are written in the order of the targets.
const done: Promise<void>[] = [];
for (const target of targets) {
  const started = performance.now();
  let doc: SpecDocument;
  try {
    doc = await bundleSpec(root, target, config);
  } catch (error) {
    report(error);
    continue;
  }
  const files = schemas.render(doc).then((schema) => renderProviderFiles(target, doc, schema));
  files.catch(() => {}); // reported below, once the targets before it are written
  const previous = done.at(-1);
  done.push(
    (async () => {
      await previous;
      await finish(target, await files, started);
    })().catch(report),
  );
}
await Promise.all(done);
await schemas.close();

if (drifted.length > 0) {
  console.error("Generated code is out of date with specs/. These files differ from what the specs produce:");
  for (const path of drifted) console.error(`  ${path}`);
  console.error("Run `pnpm generate` to regenerate them, then commit the result.");
  failed = true;
} else if (check && !failed) {
  console.log(`generated code matches specs/ (${targets.map((t) => t.name).join(", ")})`);
}
process.exit(failed ? 1 : 0);
