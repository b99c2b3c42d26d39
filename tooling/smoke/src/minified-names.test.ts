// Error class names survive minification: they are spelled out, not taken from the (renamed) class.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { workspaceRoot } from "./workspace.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "idclients-minified-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every exported class of `entry` that extends Error, instantiated, with its name after minification. */
const entrySource = (packageDir: string) => `
import * as pkg from ${JSON.stringify(join(packageDir, "dist/index.js"))};
const init = {
  status: 404, setting: "timeoutMs", parameter: "id", reason: "cross-origin", acceptedSchemes: [["bearer"]],
  provider: "confluent", operationId: "getThing", limitBytes: 1, snippet: "", location: "https://x.test",
};
export function names() {
  const out = {};
  for (const [exported, value] of Object.entries(pkg)) {
    if (typeof value !== "function" || !(value.prototype instanceof Error)) continue;
    let instance;
    try { instance = new value("message", init); } catch { instance = new value(init); }
    out[exported] = instance.name;
  }
  return out;
}
`;

describe("error names in a minified bundle", () => {
  it.each(["confluent", "ica", "infisical"])("@idclients/%s", async (provider) => {
    const entry = join(dir, `${provider}-entry.mjs`);
    const outfile = join(dir, `${provider}.min.mjs`);
    await writeFile(entry, entrySource(join(workspaceRoot, "packages", provider)));
    await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      outfile,
      logLevel: "error",
    });
    const { names } = (await import(pathToFileURL(outfile).href)) as { names(): Record<string, string> };
    const found = names();
    // The bundle really was minified: the classes lost their own names.
    expect(await readFile(outfile, "utf8")).not.toContain("class NotFoundError");
    expect(Object.keys(found).length).toBeGreaterThan(20);
    for (const [exported, name] of Object.entries(found)) expect(name, exported).toBe(exported);
  });
});
