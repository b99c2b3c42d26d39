import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { generateProvider } from "./generate.ts";
import { providerTargets } from "./providers.ts";

// The CLI as `pnpm generate` runs it: bin/idclients-codegen.mjs, which compiles src/ to dist/ and renders
// the schemas in a worker thread.
const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const bin = fileURLToPath(new URL("../bin/idclients-codegen.mjs", import.meta.url));
let root: string;

function codegen(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args, "--root", root], { encoding: "utf8" });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "idclients-codegen-cli-"));
  await cp(join(repoRoot, "specs"), join(root, "specs"), { recursive: true });
  await cp(join(repoRoot, "redocly.yaml"), join(root, "redocly.yaml"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

// Each test runs the CLI in fresh processes (1 to 3 s each, far more on a busy machine).
describe("idclients-codegen", { timeout: 120_000 }, () => {
  test("writes, for every provider, the bytes generateProvider produces from the TypeScript sources", async () => {
    const { code, output } = codegen();
    expect(output).not.toMatch(/error/i);
    expect(code).toBe(0);
    for (const target of providerTargets) {
      for (const [path, content] of await generateProvider(root, target)) {
        expect(await readFile(join(root, path), "utf8"), path).toBe(content);
      }
    }
  });

  test("--check passes on what it wrote and names a file changed by hand", async () => {
    expect(codegen("--check")).toMatchObject({ code: 0 });
    const edited = join(root, "packages/ica/src/generated/operations.ts");
    const original = await readFile(edited, "utf8");
    await writeFile(edited, `${original}// edited\n`);
    try {
      const { code, output } = codegen("--check");
      expect(code).toBe(1);
      expect(output).toContain("packages/ica/src/generated/operations.ts");
      expect(output).not.toContain("packages/confluent/src/generated");
    } finally {
      await writeFile(edited, original);
    }
  });

  test("generates only the providers named, and refuses an unknown one", () => {
    expect(codegen("ica")).toMatchObject({ code: 0, output: expect.stringMatching(/^ica: 3 files/) });
    expect(codegen("nope")).toMatchObject({ code: 2, output: expect.stringContaining("unknown provider") });
  });
});
