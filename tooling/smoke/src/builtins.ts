import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";

const builtins = new Set(builtinModules);

// Every way an ES module or CommonJS file names another module: static imports and re-exports,
// side-effect imports, dynamic import(), require() and TypeScript's `import x = require()`.
const SPECIFIER_PATTERNS = [
  /\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];

/** Whether a module specifier names a Node built-in (`node:fs`, `fs`, `fs/promises`, `node:test`). */
export function isNodeBuiltin(specifier: string): boolean {
  if (specifier.startsWith("node:")) return true;
  return builtins.has(specifier) || builtins.has(specifier.split("/")[0] ?? "");
}

/** The Node built-ins a source file imports, in order of appearance. */
export function nodeImportsOf(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  const found: { at: number; specifier: string }[] = [];
  for (const pattern of SPECIFIER_PATTERNS) {
    for (const match of withoutComments.matchAll(pattern)) {
      const specifier = match[1];
      if (specifier !== undefined && isNodeBuiltin(specifier)) found.push({ at: match.index, specifier });
    }
  }
  return found.sort((a, b) => a.at - b.at).map((hit) => hit.specifier);
}

// Folders of test helpers, which every package's tsconfig.build.json leaves out of dist.
const TEST_ONLY_DIRS = new Set(["test-support", "__tests__", "node_modules"]);

/** Files a runtime package ships or compiles from: src/**\/*.ts except tests, and dist/**\/*.js. */
async function runtimeFiles(packageDir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (dir: string, keep: (name: string) => boolean): Promise<void> => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!TEST_ONLY_DIRS.has(entry.name)) await walk(path, keep);
      } else if (keep(entry.name)) {
        files.push(path);
      }
    }
  };
  const isTest = (name: string) => /\.test(-d)?\.[cm]?[jt]s$/.test(name);
  await walk(join(packageDir, "src"), (name) => /\.[cm]?ts$/.test(name) && !isTest(name));
  await walk(join(packageDir, "dist"), (name) => /\.[cm]?js$/.test(name) && !isTest(name));
  return files.sort();
}

export interface BuiltinUse {
  file: string;
  specifier: string;
}

/** Every Node built-in a runtime package's sources or built output import. */
export async function nodeImportsOfPackage(
  packageDir: string,
): Promise<{ files: number; uses: BuiltinUse[] }> {
  const files = await runtimeFiles(packageDir);
  const uses: BuiltinUse[] = [];
  for (const file of files) {
    for (const specifier of nodeImportsOf(await readFile(file, "utf8"))) {
      uses.push({ file: relative(packageDir, file), specifier });
    }
  }
  return { files: files.length, uses };
}
