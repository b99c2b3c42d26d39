import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parseAllowList } from "./allow-list.ts";
import { runDriftCommand } from "./command.ts";
import { loadConfig } from "./config.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const config = await loadConfig(join(root, "tooling/specs-upstream/upstream.json"));

describe("the repository's configuration", () => {
  test("names each provider's spec and a published https document", () => {
    expect(Object.keys(config).sort()).toEqual(["confluent", "ica", "infisical"]);
    for (const [provider, sources] of Object.entries(config)) {
      expect(sources.spec).toBe(`specs/${provider}/openapi.yaml`);
      for (const source of sources.upstream) expect(source).toMatch(/^https:\/\//);
    }
  });

  test("the allow-list is valid and only names configured providers", async () => {
    const path = join(root, "tooling/specs-upstream/allow-list.yaml");
    const allowList = parseAllowList(await readFile(path, "utf8"), path);
    for (const provider of Object.keys(allowList)) expect(Object.keys(config)).toContain(provider);
  });
});

describe.each(Object.keys(config))("specs/%s/openapi.yaml compared with itself", (provider) => {
  test("has no drift at all", async () => {
    let stdout = "";
    const status = await runDriftCommand(
      ["--provider", provider, "--file", `specs/${provider}/openapi.yaml`],
      {
        root,
        cwd: root,
        stdout: (text) => {
          stdout += text;
        },
        stderr: (text) => {
          stdout += text;
        },
      },
    );
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toMatch(
      new RegExp(`^${provider}: no unexplained drift \\(0 drift\\(s\\), 0 allow-listed;`),
    );
  });
});
