import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeImportsOfPackage } from "./builtins.js";
import { bundleForBrowser, nodeTracesOf, runInWebSandbox } from "./sandbox.js";
import { fakesUsable, type RunningServers, startServers } from "./servers.js";
import { startStandIn } from "./stand-in.js";
import { createUserProject, installedManifest, typeCheck, type UserProject } from "./user-project.js";
import { NODE_ONLY_FILES, NODE_ONLY_PACKAGES, run, userEnv, workspaceRoot } from "./workspace.js";

/** Node majors to run the installed consumer on; SMOKE_NODES="20" keeps to the current one. */
const NODE_MAJORS = (process.env.SMOKE_NODES ?? "20,22,24")
  .split(",")
  .map((major) => major.trim())
  .filter((major) => major !== "");
const currentMajor = process.versions.node.split(".")[0] ?? "";

/** The checks consumer/app.ts reports when every step passed, in order (one line per check). */
const EXPECTED_STEPS = 13;

let project: UserProject;
/** Whether the consumer runs against the installed fakes (else the stand-in, and the smoke says so). */
let useFakes = false;
/** The stand-in shared by the Node runs when the fakes are not usable. */
let standIn: RunningServers | undefined;
const matrix: Record<string, string> = {};
let node16Build: ReturnType<typeof typeCheck> | undefined;
/** The node16 check also emits out/*.js (even with type errors), which the Node runs execute. */
const compileNode16 = () => {
  node16Build ??= typeCheck(project, "tsconfig.node16.json");
  return node16Build;
};

beforeAll(async () => {
  project = await createUserProject();
  useFakes = await fakesUsable(project.dir);
  if (!useFakes) standIn = await startStandIn();
}, 300_000);

afterAll(async () => {
  await standIn?.close();
  await project?.remove();
  const timings = Object.entries(project?.timings ?? {}).map(
    ([step, ms]) => `${step} ${(ms / 1000).toFixed(1)}s`,
  );
  const servers = useFakes ? "@idclients/testing fakes" : "the stand-in (fakes NOT usable)";
  console.info(`smoke: servers = ${servers}; ${timings.join(", ")}; Node matrix: ${JSON.stringify(matrix)}`);
});

describe("packed like a release", () => {
  it("packs every publishable package, with no workspace: ranges left", () => {
    expect(project.packed.map((pkg) => pkg.name)).toEqual([
      "@idclients/auth",
      "@idclients/confluent",
      "@idclients/ica",
      "@idclients/infisical",
      "@idclients/testing",
    ]);
    for (const pkg of project.packed) {
      const ranges = { ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies };
      for (const [name, range] of Object.entries(ranges)) {
        expect(range, `${pkg.name} -> ${name}`).not.toMatch(/^workspace:/);
      }
    }
  });

  it("ships the repository's MIT LICENSE in every tarball", async () => {
    const license = await readFile(join(workspaceRoot, "LICENSE"), "utf8");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the idclients authors\n/);
    for (const pkg of project.packed) {
      const listing = await run("tar", ["-tzf", pkg.tarball], { cwd: project.dir });
      expect(listing.stdout.split("\n"), pkg.name).toContain("package/LICENSE");
      const shipped = await run("tar", ["-xOzf", pkg.tarball, "package/LICENSE"], { cwd: project.dir });
      // Each package keeps a committed copy (packages/<name>/LICENSE); it must not drift from the root one.
      expect(shipped.stdout, `${pkg.name} LICENSE`).toBe(license);
    }
  });

  it("npm installs the tarballs' own versions, each package once", async () => {
    for (const pkg of project.packed) {
      expect((await installedManifest(project, pkg.name)).version).toBe(pkg.version);
    }
    // A second copy of @idclients/auth would make `instanceof ApiError` fail across packages.
    const listing = await run("npm", ["ls", "@idclients/auth", "--all", "--parseable"], { cwd: project.dir });
    const copies = new Set(listing.stdout.split("\n").filter((line) => line.trim() !== ""));
    expect(copies.size).toBe(1);
  });

  it("ships runtime packages that import no Node built-ins", async () => {
    for (const pkg of project.packed.filter((p) => !NODE_ONLY_PACKAGES.has(p.name))) {
      const { files, uses } = await nodeImportsOfPackage(join(project.dir, "node_modules", pkg.name));
      expect(files, pkg.name).toBeGreaterThan(1);
      expect(
        uses.filter((use) => !NODE_ONLY_FILES.test(use.file)),
        pkg.name,
      ).toEqual([]);
    }
  });
});

describe("type-checks in the user project (strict, typescript 5.9)", () => {
  it.each([
    ["moduleResolution node16", "tsconfig.node16.json"],
    ["moduleResolution bundler", "tsconfig.bundler.json"],
    ["bundler without Node types (browser code)", "tsconfig.browser.json"],
  ])("%s", async (_label, config) => {
    const result = await (config === "tsconfig.node16.json" ? compileNode16() : typeCheck(project, config));
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code).toBe(0);
  });
});

describe("CommonJS", () => {
  it("type-checks a CommonJS TypeScript file (module nodenext) that imports every package", async () => {
    const result = await typeCheck(project, "tsconfig.commonjs.json");
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.code).toBe(0);
  });

  it.each(NODE_MAJORS)("require()s every package on Node %s", async (major) => {
    const script = join(project.dir, "require.cjs");
    const command =
      major === currentMajor
        ? [process.execPath, script]
        : ["npx", "-y", "-p", `node@${major}`, "--", "node", script];
    const [program = "", ...args] = command;
    const result = await run(program, args, { cwd: project.dir, env: userEnv() });
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout.trim()) as {
      loaded: Record<string, number>;
      client: boolean;
      sameErrors: boolean;
    };
    expect(Object.keys(report.loaded)).toEqual([
      "@idclients/auth",
      "@idclients/confluent",
      "@idclients/ica",
      "@idclients/infisical",
      "@idclients/testing",
    ]);
    for (const count of Object.values(report.loaded)) expect(count).toBeGreaterThan(3);
    expect(report.client).toBe(true);
    expect(report.sameErrors).toBe(true);
  });
});

describe("runs the consumer against the fakes", () => {
  it.each(NODE_MAJORS)("on Node %s", async (major) => {
    // node16 emit is what runs; the bundler check above is type-only.
    await compileNode16();
    const emitted = join(project.dir, "out/main.js");
    const command =
      major === currentMajor
        ? [process.execPath, emitted]
        : ["npx", "-y", "-p", `node@${major}`, "--", "node", emitted];
    const [program = "", ...args] = command;
    const result = await run(program, args, {
      cwd: project.dir,
      // With the fakes usable, the consumer starts them itself, as a user's test would.
      env: userEnv(standIn ? { SMOKE_TARGETS: JSON.stringify(standIn.targets) } : {}),
      timeoutMs: 120_000,
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.code, result.stderr).toBe(0);
    const lastLine = result.stdout.trim().split("\n").at(-1) ?? "";
    const outcome = JSON.parse(lastLine) as { node: string; servers: string; report: string[] };
    expect(outcome.node.startsWith(`v${major}.`)).toBe(true);
    expect(outcome.servers).toBe(useFakes ? "@idclients/testing" : "given");
    expect(outcome.report).toHaveLength(EXPECTED_STEPS);
    matrix[outcome.node] = `pass (${(result.ms / 1000).toFixed(1)}s)`;
  });
});

describe("in a browser", () => {
  it("bundles for platform browser with no trace of Node and runs with web globals only", async () => {
    const bundle = await bundleForBrowser(project.dir);
    expect(nodeTracesOf(bundle)).toEqual([]);
    await compileNode16();
    const servers = standIn ?? (await startServers(project.dir, useFakes));
    // The sandbox really lacks Node: probing for it from inside the page finds nothing.
    const probe = runInWebSandbox(
      "globalThis.found = ['process', 'require', 'Buffer', 'module', 'global'].filter((n) => n in globalThis)",
      {},
    );
    expect(probe.found).toEqual([]);
    try {
      const page = runInWebSandbox(bundle, { smokeTargets: servers.targets });
      const report = (await page.smokeResult) as string[];
      expect(report).toHaveLength(EXPECTED_STEPS);
    } finally {
      if (servers !== standIn) await servers.close();
    }
  });
});
