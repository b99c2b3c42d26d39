import { accessSync, constants } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { delimiter, join } from "node:path";
import { chromium } from "playwright-core";
import type { ScenarioReport, ScenarioTargets } from "../scenario/scenario.ts";
import { BUNDLES } from "./bundle.js";
import type { RuntimeOutcome } from "./runners.js";

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The chromium to drive: `CHROMIUM_PATH`, else `chromium` or `chromium-browser` on the PATH, else one
 * that `playwright-core install chromium` downloaded (what the CI job does); undefined when none exists.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CHROMIUM_PATH) return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
  for (const directory of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    for (const name of ["chromium", "chromium-browser"]) {
      if (isExecutable(join(directory, name))) return join(directory, name);
    }
  }
  const downloaded = chromium.executablePath();
  return isExecutable(downloaded) ? downloaded : undefined;
}

const PAGE = `<!doctype html>
<meta charset="utf-8">
<title>idclients runtimes</title>
<script type="module" src="/${BUNDLES.browser.output}"></script>
`;

/** Serves the page and the browser bundle on 127.0.0.1: the fakes, on other ports, are other origins. */
async function servePage(projectDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const bundle = await readFile(join(projectDir, BUNDLES.browser.output), "utf8");
  const server = createServer((request, response) => {
    if (request.url === "/") response.writeHead(200, { "content-type": "text/html" }).end(PAGE);
    else if (request.url === `/${BUNDLES.browser.output}`)
      response.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A page's run: the report, the browser's version and every URL the page requested. */
export interface BrowserOutcome extends RuntimeOutcome {
  browserVersion: string;
  requested: string[];
}

/**
 * Loads a page that imports the browser bundle in headless chromium and runs the scenario there.
 * The fakes are cross-origin to the page, so every call goes through CORS (preflights included).
 * Chromium resolves no host name but 127.0.0.1, so nothing can leave the machine.
 */
export async function runInChromium(
  executablePath: string,
  projectDir: string,
  targets: ScenarioTargets,
): Promise<BrowserOutcome> {
  const page = await servePage(projectDir);
  const started = performance.now();
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1", "--no-first-run"],
  });
  try {
    const tab = await browser.newPage();
    const requested: string[] = [];
    const problems: string[] = [];
    tab.on("request", (request) => requested.push(request.url()));
    tab.on("pageerror", (error) => problems.push(error.message));
    tab.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    await tab.goto(page.url);
    const json = await tab
      .evaluate(async (given) => {
        const run = (globalThis as { runScenario?: (targets: unknown) => Promise<string> }).runScenario;
        if (run === undefined) throw new Error("the bundle did not define runScenario");
        return run(given);
      }, targets)
      .catch((error: unknown) => {
        throw new Error(`the scenario failed in the page: ${String(error)}\n${problems.join("\n")}`);
      });
    return {
      ...(JSON.parse(json) as ScenarioReport),
      wallMs: performance.now() - started,
      browserVersion: browser.version(),
      requested,
    };
  } finally {
    await browser.close();
    await page.close();
  }
}
