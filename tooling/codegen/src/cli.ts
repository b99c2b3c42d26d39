import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findDrift, generateProvider } from "./generate.ts";
import { providerTargets } from "./providers.ts";

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
for (const target of targets) {
  const started = performance.now();
  let files: Awaited<ReturnType<typeof generateProvider>>;
  try {
    files = await generateProvider(root, target);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    failed = true;
    continue;
  }
  if (check) {
    drifted.push(...(await findDrift(root, files, target.outDir)));
    continue;
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

if (drifted.length > 0) {
  console.error("Generated code is out of date with specs/. These files differ from what the specs produce:");
  for (const path of drifted) console.error(`  ${path}`);
  console.error("Run `pnpm generate` to regenerate them, then commit the result.");
  failed = true;
} else if (check && !failed) {
  console.log(`generated code matches specs/ (${targets.map((t) => t.name).join(", ")})`);
}
process.exit(failed ? 1 : 0);
