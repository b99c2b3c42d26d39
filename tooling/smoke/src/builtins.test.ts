import { describe, expect, it } from "vitest";
import { isNodeBuiltin, nodeImportsOf, nodeImportsOfPackage } from "./builtins.js";
import { NODE_ONLY_FILES, NODE_ONLY_PACKAGES, publishablePackages } from "./workspace.js";

describe("the scanner", () => {
  it("finds every form of importing a Node built-in", () => {
    const source = [
      'import { readFile } from "node:fs/promises";',
      "import type { Server } from 'http';",
      'export * from "node:stream";',
      'import "node:process";',
      'const os = await import("os");',
      'const { join } = require("path");',
      "import {\n  createHash,\n} from 'crypto';",
    ].join("\n");
    expect(nodeImportsOf(source)).toEqual([
      "node:fs/promises",
      "http",
      "node:stream",
      "node:process",
      "os",
      "path",
      "crypto",
    ]);
  });

  it("ignores packages, relative files, comments and look-alike strings", () => {
    const source = [
      'import createClient from "openapi-fetch";',
      'import { x } from "./fs.js";',
      'export { y } from "@idclients/auth";',
      '// import { readFile } from "node:fs";',
      '/* const p = require("path"); */',
      'const message = "use node:fs in tests only";',
      'const url = "https://example.com/crypto";',
    ].join("\n");
    expect(nodeImportsOf(source)).toEqual([]);
  });

  it("knows built-ins with and without the node: prefix", () => {
    expect(isNodeBuiltin("node:test")).toBe(true);
    expect(isNodeBuiltin("fs/promises")).toBe(true);
    expect(isNodeBuiltin("buffer")).toBe(true);
    expect(isNodeBuiltin("openapi-fetch")).toBe(false);
    expect(isNodeBuiltin("jose")).toBe(false);
  });
});

describe("runtime packages import no Node built-ins", async () => {
  const runtime = (await publishablePackages()).filter((pkg) => !NODE_ONLY_PACKAGES.has(pkg.name));

  it("covers the four runtime packages", () => {
    expect(runtime.map((pkg) => pkg.name)).toEqual([
      "@idclients/auth",
      "@idclients/confluent",
      "@idclients/ica",
      "@idclients/infisical",
    ]);
  });

  it.each(runtime.map((pkg) => [pkg.name, pkg] as const))("%s (src and dist)", async (_name, pkg) => {
    const { files, uses } = await nodeImportsOfPackage(pkg.dir);
    // A package with no scanned files would pass vacuously: dist must be built (turbo runs ^build first).
    expect(files).toBeGreaterThan(1);
    expect(uses.filter((use) => !NODE_ONLY_FILES.test(use.file))).toEqual([]);
  });
});
