// Every ```ts block of the READMEs is compiled against the packed packages (strict, module nodenext,
// skipLibCheck), and every ```ts run block also runs against the fakes. See readme-snippets.ts for the
// markers.
import { mkdir, realpath, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Diagnostic,
  emittedPath,
  parseDiagnostics,
  parseMarker,
  readmeFiles,
  readmeSnippets,
  SNIPPET_TSCONFIG,
  snippetsOf,
} from "./readme-snippets.js";
import { LOOPBACK_ONLY_FETCH, type SnippetWorld, startSnippetWorld } from "./readme-snippets-fakes.js";
import { createUserProject, type UserProject } from "./user-project.js";
import { run, workspaceRoot } from "./workspace.js";

/**
 * Packages the blocks import besides ours, and the workspace package that has each as a dependency.
 * They are linked into the user project from there (the lockfile's versions, no download); ours come
 * from their tarballs.
 */
const LINKED_DEPENDENCIES: Record<string, string> = {
  undici: "packages/auth",
  "openapi-react-query": "packages/confluent",
  "@tanstack/react-query": "packages/confluent",
  vitest: "tooling/smoke",
};

/**
 * A block whose prelude (`declare const ...;` lines) is removed, and one using a name nothing defines:
 * both must fail, or the check would let undefined names pass.
 */
const CONTROLS = "__controls__";

const snippets = await readmeSnippets();
const compiled = snippets.filter((snippet) => snippet.compile);
const runnable = snippets.filter((snippet) => snippet.run);
const label = (snippet: { readme: string; line: number }) => `${snippet.readme}:${snippet.line}`;

let project: UserProject;
let world: SnippetWorld | undefined;
let diagnostics: Diagnostic[] = [];
const timings: Record<string, number> = {};

beforeAll(async () => {
  const [made, started] = await Promise.allSettled([createUserProject(), startSnippetWorld()]);
  if (started.status === "fulfilled") world = started.value;
  if (made.status === "fulfilled") project = made.value;
  if (made.status === "rejected") throw made.reason;
  if (started.status === "rejected") throw started.reason;
  Object.assign(timings, project.timings);
  for (const [name, owner] of Object.entries(LINKED_DEPENDENCIES)) {
    const target = await realpath(join(workspaceRoot, owner, "node_modules", name));
    await mkdir(dirname(join(project.dir, "node_modules", name)), { recursive: true });
    await symlink(target, join(project.dir, "node_modules", name), "dir");
  }

  const files: Record<string, string> = {
    "tsconfig.snippets.json": `${JSON.stringify(SNIPPET_TSCONFIG, null, 2)}\n`,
    "loopback-only-fetch.mjs": LOOPBACK_ONLY_FETCH,
  };
  for (const snippet of compiled) files[`snippets/${snippet.module}`] = snippet.code;
  const withPrelude = compiled.find((snippet) => /^declare const /m.test(snippet.code));
  if (withPrelude) {
    files[`snippets/${CONTROLS}/without-prelude.ts`] = withPrelude.code.replace(/^declare const .*\n/gm, "");
  }
  files[`snippets/${CONTROLS}/undefined-name.ts`] =
    'import { createConfluentClient } from "@idclients/confluent";\n' +
    "createConfluentClient({ auth: { 'cloud-api-key': { username: key, password: secret } } });\n";
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(project.dir, path)), { recursive: true });
    await writeFile(join(project.dir, path), text);
  }

  const tscStarted = performance.now();
  const tsc = await run(
    process.execPath,
    [
      join(project.dir, "node_modules/typescript/bin/tsc"),
      "-p",
      "tsconfig.snippets.json",
      "--pretty",
      "false",
    ],
    { cwd: project.dir },
  );
  timings.tsc = performance.now() - tscStarted;
  diagnostics = parseDiagnostics(`${tsc.stdout}${tsc.stderr}`);
}, 400_000);

afterAll(async () => {
  await world?.close();
  await project?.remove();
  const shown = Object.entries(timings).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}s`);
  console.info(
    `readme snippets: ${snippets.length} found, ${compiled.length} compiled, ${runnable.length} run, ` +
      `${snippets.length - compiled.length} opted out; ${shown.join(", ")}`,
  );
});

const errorsOf = (file: string) => diagnostics.filter((d) => d.file === file).map((d) => d.text);

describe("finding the blocks", () => {
  it("reads the root README and every package's and example's", async () => {
    const readmes = await readmeFiles();
    expect(readmes).toContain("README.md");
    expect(readmes).toContain("packages/auth/README.md");
    expect(readmes).toContain("examples/key-rotation/README.md");
    // The headline of the root README and of each provider's runs.
    const running = new Set(runnable.map((snippet) => snippet.readme));
    for (const readme of [
      "README.md",
      "packages/confluent/README.md",
      "packages/ica/README.md",
      "packages/infisical/README.md",
    ]) {
      expect(running.has(readme), readme).toBe(true);
    }
  });

  it("takes ```ts and ```typescript blocks with their markers, and refuses an opt-out without a reason", () => {
    const text = [
      "```ts",
      "const a = 1;",
      "```",
      "- list:",
      "  ```typescript run",
      "  // src/b.ts — named",
      "  export const b = 2;",
      "  ```",
      "````md",
      "```ts",
      "not a block of its own",
      "```",
      "````",
      "```ts no-compile: shows a syntax error",
      "const = ;",
      "```",
      "```sh",
      "echo",
      "```",
    ].join("\n");
    expect(snippetsOf("packages/x/README.md", text)).toEqual([
      expect.objectContaining({ line: 1, compile: true, run: false, module: "packages-x/readme-L1.ts" }),
      expect.objectContaining({
        line: 5,
        run: true,
        module: "packages-x/src/b.ts",
        code: "// src/b.ts — named\nexport const b = 2;\n",
      }),
      expect.objectContaining({ line: 14, compile: false, reason: "shows a syntax error" }),
    ]);
    expect(() => parseMarker("no-compile", "x")).toThrow(/needs a reason/);
    expect(() => parseMarker("no-compile:  ", "x")).toThrow(/needs a reason/);
    expect(() => parseMarker("nocompile", "x")).toThrow(/unknown marker/);
    expect(() => snippetsOf("x.md", "```ts\n// ../escape.ts\n```\n")).toThrow(/outside/);
  });

  it("keeps opt-outs few, each with its reason", () => {
    const optedOut = snippets.filter((snippet) => !snippet.compile);
    for (const snippet of optedOut) expect(snippet.reason, label(snippet)).toMatch(/\S{3,}/);
    expect(optedOut.length).toBeLessThanOrEqual(2);
  });

  it("runs no block that relies on a declared (never defined) name", () => {
    for (const snippet of runnable) expect(snippet.code, label(snippet)).not.toMatch(/^declare /m);
  });
});

describe("type-checks in a user project (strict, module nodenext, typescript 5.9)", () => {
  it("has no error outside the blocks", () => {
    expect(diagnostics.filter((d) => !d.file.startsWith("snippets/")).map((d) => d.text)).toEqual([]);
  });

  it.each(compiled.map((snippet) => [label(snippet), snippet] as const))("%s", (_label, snippet) => {
    expect(errorsOf(`snippets/${snippet.module}`)).toEqual([]);
  });

  it("fails on a name nothing defines, imports or declares", () => {
    expect(errorsOf(`snippets/${CONTROLS}/undefined-name.ts`).join("\n")).toMatch(
      /TS2304: Cannot find name 'key'[\s\S]*TS2304: Cannot find name 'secret'/,
    );
    if (!compiled.some((snippet) => /^declare const /m.test(snippet.code))) return;
    const withoutPrelude = errorsOf(`snippets/${CONTROLS}/without-prelude.ts`);
    expect(withoutPrelude.length).toBeGreaterThan(0);
    // TS2304 "Cannot find name", or TS18004 "No value exists in scope" for a shorthand property.
    for (const error of withoutPrelude) expect(error).toMatch(/TS(2304|18004): /);
  });
});

describe("runs against the fakes on 127.0.0.1", () => {
  it.each(runnable.map((snippet) => [label(snippet), snippet] as const))("%s", async (_label, snippet) => {
    const result = await run(
      process.execPath,
      ["--import", "./loopback-only-fetch.mjs", emittedPath(snippet.module)],
      {
        cwd: project.dir,
        env: { PATH: process.env.PATH ?? "", ...world?.env },
        timeoutMs: 30_000,
      },
    );
    expect(result.stderr).toBe("");
    expect(result.code, result.stdout).toBe(0);
  });
});
