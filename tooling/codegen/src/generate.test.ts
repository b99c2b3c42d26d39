import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findDrift, generateProvider, SpecLintError } from "./generate.ts";
import { providerTargets } from "./providers.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));
const ica = providerTargets.find((t) => t.name === "ica")!;
let root: string;

beforeAll(async () => {
  // A copy of what generation reads, so the tests can break specs without touching the repository.
  root = await mkdtemp(join(tmpdir(), "idclients-codegen-"));
  await cp(join(repoRoot, "specs"), join(root, "specs"), { recursive: true });
  await cp(join(repoRoot, "redocly.yaml"), join(root, "redocly.yaml"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("generateProvider", () => {
  test("produces the same bytes on every run", async () => {
    const first = await generateProvider(root, ica);
    const second = await generateProvider(root, ica);
    expect([...first.keys()].sort()).toEqual([
      "packages/ica/src/generated/operations.ts",
      "packages/ica/src/generated/schema.ts",
      "packages/testing/src/generated/ica-spec.ts",
    ]);
    for (const [path, content] of first) expect(second.get(path)).toBe(content);
  });

  test("matches what is committed in the repository", async () => {
    const files = await generateProvider(repoRoot, ica);
    expect(await findDrift(repoRoot, files, ica.outDir)).toEqual([]);
  });

  test("starts every file with a banner naming the command that regenerates it", async () => {
    for (const content of (await generateProvider(root, ica)).values()) {
      expect(content.split("\n")[0]).toContain("by `pnpm generate`");
    }
  });

  test("renders x-extensible-enum as an open union", async () => {
    const confluent = providerTargets.find((t) => t.name === "confluent")!;
    const schema = (await generateProvider(root, confluent)).get(
      "packages/confluent/src/generated/schema.ts",
    );
    expect(schema).toMatch(
      /jwks_status\?: (\(string & \{\}\) \| )?"REFRESHED" \| "OK" \| "INVALID_JWKS_URI" \| "ERROR_FETCHING_JWKS"/,
    );
  });

  test("reports drift for a changed spec field, naming every differing file", async () => {
    // Lay out the generated files as committed, then change one description in the spec.
    for (const [path, content] of await generateProvider(root, ica)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), content);
    }
    const specPath = join(root, ica.spec);
    const original = await readFile(specPath, "utf8");
    await writeFile(specPath, original.replace("The JWT to send", "The token to send"));
    try {
      const regenerated = await generateProvider(root, ica);
      expect(await findDrift(root, regenerated, ica.outDir)).toEqual([
        "packages/ica/src/generated/schema.ts",
        "packages/testing/src/generated/ica-spec.ts",
      ]);
    } finally {
      await writeFile(specPath, original);
    }
  });

  test("refuses a spec with lint warnings", async () => {
    const specPath = join(root, ica.spec);
    const original = await readFile(specPath, "utf8");
    // An operation without a summary breaks the recommended ruleset.
    await writeFile(specPath, original.replace(/\n {6}summary: [^\n]*/, ""));
    try {
      await expect(generateProvider(root, ica)).rejects.toBeInstanceOf(SpecLintError);
    } finally {
      await writeFile(specPath, original);
    }
  });
});
