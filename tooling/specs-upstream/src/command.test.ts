import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { runDriftCommand } from "./command.ts";

const fixtures = fileURLToPath(new URL("../fixtures/", import.meta.url));
const expected = (name: string) => readFile(join(fixtures, "expected", name), "utf8");

/** Runs the command against the fixtures (a fictional provider "widgets"), capturing its output. */
async function run(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const status = await runDriftCommand(
    ["--config", "upstream.json", "--allow-list", "allow-list.yaml", ...argv],
    {
      root: fixtures,
      cwd: fixtures,
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    },
  );
  return { status, stdout, stderr };
}

let server: Server;
let baseUrl: string;
let outDir: string;

beforeAll(async () => {
  // The provider's document served as JSON from loopback, the way providers publish theirs.
  const json = JSON.stringify(parse(await readFile(join(fixtures, "widgets-upstream.yaml"), "utf8")));
  server = createServer((request, response) => {
    if (request.url === "/openapi.json") {
      response.writeHead(200, { "content-type": "application/json" }).end(json);
    } else response.writeHead(404).end("not here");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  outDir = await mkdtemp(join(tmpdir(), "specs-upstream-"));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(outDir, { recursive: true, force: true });
});

describe("pnpm specs:upstream", () => {
  test("prints the drift per operation and exits 1 when some of it is not allow-listed", async () => {
    const { status, stdout, stderr } = await run("--provider", "widgets");
    expect(status).toBe(1);
    expect(stderr).toBe("");
    expect(stdout).toBe(await expected("widgets-drift-report.txt"));
  });

  test("--out writes the same report as JSON and Markdown", async () => {
    const { status, stdout } = await run("--provider", "widgets", "--out", outDir);
    expect(status).toBe(1);
    expect(
      stdout.endsWith(`Wrote ${join(outDir, "drift-report.json")} and ${join(outDir, "drift-report.md")}\n`),
    ).toBe(true);
    expect(await readFile(join(outDir, "drift-report.md"), "utf8")).toBe(
      await expected("widgets-drift-report.md.txt"),
    );

    const json = JSON.parse(await readFile(join(outDir, "drift-report.json"), "utf8"));
    const [widgets] = json.providers;
    expect(widgets).toMatchObject({
      provider: "widgets",
      ours: "widgets-ours.yaml",
      upstream: ["widgets-upstream.yaml"],
      operations: { ours: 5, foundUpstream: 4 },
      summary: { drifts: 36, allowed: 5, unexplained: 31 },
      unusedAllowListEntries: [{ at: "response * application/json field gone" }],
    });
    expect(widgets.drifts[0]).toEqual({
      operation: "GET /widgets",
      subject: "parameter query filter",
      change: "added",
      aspect: "",
      upstream: "required no, type string, enum none",
      ours: "",
      allowed: false,
    });
    expect(widgets.drifts.find((drift: { subject: string }) => drift.subject === "response 429")).toEqual({
      operation: "GET /widgets",
      subject: "response 429",
      change: "removed",
      aspect: "",
      upstream: "",
      ours: "",
      allowed: true,
      reason: "We document the rate limit the provider leaves out.",
    });
  });

  test("--verbose lists the allow-listed drift with the unexplained", async () => {
    const { stdout } = await run("--provider", "widgets", "--verbose");
    expect(stdout).toContain("    allowed     removed response 429 — only ours\n");
    expect(stdout).toContain(
      '    allowed     changed security scheme bearer — type: upstream "oauth2", ours "http"\n',
    );
    expect(stdout).not.toContain("--verbose lists them");
  });

  test("reads the provider's document from a URL (JSON) as well as from a file (YAML)", async () => {
    const fromUrl = await run("--provider", "widgets", "--url", `${baseUrl}/openapi.json`);
    const fromFile = await run("--provider", "widgets", "--file", "widgets-upstream.yaml");
    expect(fromUrl.status).toBe(1);
    expect(fromUrl.stdout.replace(`${baseUrl}/openapi.json`, "widgets-upstream.yaml")).toBe(fromFile.stdout);
  });

  test("exits 0 when every drift is explained, and when there is none", async () => {
    const same = await run("--provider", "same");
    expect(same.status).toBe(0);
    expect(same.stdout.split("\n")[0]).toBe(
      "same: no unexplained drift (0 drift(s), 0 allow-listed; 5 of 5 operations found upstream)",
    );
  });

  test("exits 2 and says why when the provider's document cannot be read", async () => {
    const missing = await run("--provider", "widgets", "--url", `${baseUrl}/gone.json`);
    expect(missing.status).toBe(2);
    expect(missing.stdout.split("\n")[0]).toBe(
      `widgets: not compared — could not fetch ${baseUrl}/gone.json: HTTP 404`,
    );
    const notOpenApi = await run("--provider", "widgets", "--file", "allow-list.yaml");
    expect(notOpenApi.status).toBe(2);
    expect(notOpenApi.stdout.split("\n")[0]).toBe(
      "widgets: not compared — allow-list.yaml is not an OpenAPI 3 document (openapi: undefined)",
    );
  });

  test.each([
    [[], "name a --provider or pass --all"],
    [["--provider", "nope"], 'unknown provider "nope" (known: widgets, same)'],
    [["--all", "--file", "x.yaml"], "--file, --url and --spec need exactly one --provider"],
    [["--provider", "widgets", "--colour"], "Unknown option '--colour'"],
  ])("exits 2 on bad usage: %j", async (argv, message) => {
    const { status, stderr } = await run(...argv);
    expect(status).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain("Usage: pnpm specs:upstream");
  });
});
