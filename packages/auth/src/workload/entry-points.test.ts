import { readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL("..", import.meta.url));
const packageDir = join(src, "..");
const builtins = new Set(builtinModules);

const SPECIFIERS = [
  /\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g,
  /\bimport\s*["']([^"']+)["']/g,
  /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
  /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
];

function specifiersOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:])\/\/.*$/gm, "$1");
  return SPECIFIERS.flatMap((pattern) => [...code.matchAll(pattern)].map((match) => match[1] ?? ""));
}

const isBuiltin = (specifier: string) =>
  specifier.startsWith("node:") || builtins.has(specifier) || builtins.has(specifier.split("/")[0] ?? "");

/** Every module reachable from `entry` through relative imports, with the built-ins each imports. */
async function importGraph(entry: string): Promise<Map<string, string[]>> {
  const graph = new Map<string, string[]>();
  const visit = async (file: string): Promise<void> => {
    if (graph.has(file)) return;
    const specifiers = specifiersOf(await readFile(file, "utf8"));
    graph.set(file, specifiers.filter(isBuiltin));
    for (const specifier of specifiers) {
      if (specifier.startsWith(".")) await visit(join(dirname(file), specifier.replace(/\.js$/, ".ts")));
    }
  };
  await visit(entry);
  return graph;
}

describe("entry points", () => {
  it('"@idclients/auth/workload" reaches no Node built-in, so it runs in browsers and edge runtimes', async () => {
    const graph = await importGraph(join(src, "workload", "index.ts"));
    const files = [...graph.keys()].map((file) => relative(src, file));
    expect(files).toEqual(
      expect.arrayContaining(["workload/github-actions.ts", "workload/gitlab.ts", "errors.ts"]),
    );
    expect(files).not.toContain("workload/file.ts");
    const uses = [...graph].flatMap(([file, found]) =>
      found.map((specifier) => `${relative(src, file)}: ${specifier}`),
    );
    expect(uses).toEqual([]);
  });

  it('"@idclients/auth/node" holds the file sources and re-exports the universal ones', async () => {
    const universal = await import("./index.js");
    const node = await import("./node.js");
    for (const name of Object.keys(universal)) expect(node, name).toHaveProperty(name);
    expect(typeof node.jwtFromFile).toBe("function");
    expect(typeof node.kubernetesServiceAccountToken).toBe("function");
    expect(universal).not.toHaveProperty("jwtFromFile");
    expect(universal).not.toHaveProperty("kubernetesServiceAccountToken");
  });

  it("package.json exports both entry points with types first, from the files built from src/workload", async () => {
    const manifest = JSON.parse(await readFile(join(packageDir, "package.json"), "utf8")) as {
      exports: Record<string, Record<string, string> | string>;
    };
    expect(manifest.exports["./workload"]).toEqual({
      types: "./dist/workload/index.d.ts",
      import: "./dist/workload/index.js",
      default: "./dist/workload/index.js",
    });
    expect(manifest.exports["./node"]).toEqual({
      types: "./dist/workload/node.d.ts",
      import: "./dist/workload/node.js",
      default: "./dist/workload/node.js",
    });
    expect(Object.keys(manifest.exports["./node"] as object)[0]).toBe("types");
  });
});
