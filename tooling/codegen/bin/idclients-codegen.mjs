#!/usr/bin/env node
// Runs the pipeline as JavaScript compiled from src/ into dist/ (not committed), so that Node loads it
// directly: running the TypeScript sources through tsx puts tsx's loader hooks in front of every module
// Redocly, openapi-typescript and TypeScript load, which costs more than generating a spec. dist/ is
// compiled again, file by file (TypeScript's transpileModule), whenever src/ or the compiler changes;
// a source hash in dist/ says which sources it was compiled from. Where dist/ cannot be written, the
// sources run through tsx as before.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import module, { createRequire } from "node:module";

// Node 22 and later keep compiled code of the modules loaded below between runs (a no-op on Node 20).
module.enableCompileCache?.();

const require = createRequire(import.meta.url);
const src = new URL("../src/", import.meta.url);
const dist = new URL("../dist/", import.meta.url);
const stamp = new URL("source-hash", dist);

const sources = readdirSync(src)
  .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
  .sort();
const hash = createHash("sha256");
hash.update(
  `typescript ${JSON.parse(readFileSync(require.resolve("typescript/package.json"), "utf8")).version}\n`,
);
for (const name of sources)
  hash
    .update(`${name}\n`)
    .update(readFileSync(new URL(name, src)))
    .update("\n");
const sourceHash = hash.digest("hex");

function readStamp() {
  try {
    return readFileSync(stamp, "utf8");
  } catch {
    return undefined;
  }
}

/** Writes a file whole or not at all, so that a concurrent run never loads half of one. */
function writeAtomically(url, content) {
  const temporary = new URL(`${url.pathname.split("/").pop()}.${process.pid}.tmp`, dist);
  writeFileSync(temporary, content);
  renameSync(temporary, url);
}

function compile() {
  const ts = require("typescript");
  mkdirSync(dist, { recursive: true });
  for (const name of sources) {
    const { outputText } = ts.transpileModule(readFileSync(new URL(name, src), "utf8"), {
      fileName: name,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
        rewriteRelativeImportExtensions: true,
      },
    });
    writeAtomically(new URL(name.replace(/\.ts$/, ".js"), dist), outputText);
  }
  writeAtomically(stamp, sourceHash);
}

let compiled = readStamp() === sourceHash;
if (!compiled) {
  try {
    compile();
    compiled = true;
  } catch (error) {
    console.error(
      `idclients-codegen: running the sources through tsx (cannot compile to dist/: ${error.message})`,
    );
  }
}
if (compiled) {
  await import(new URL("cli.js", dist).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
