import { join } from "node:path";
import { createContext, Script } from "node:vm";
import { build } from "esbuild";

/** Bundles `browser.ts` of the user project the way a web app's bundler would, for `platform: "browser"`. */
export async function bundleForBrowser(projectDir: string): Promise<string> {
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: [join(projectDir, "browser.ts")],
    bundle: true,
    platform: "browser",
    format: "iife",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error("esbuild produced no output");
  return output.text;
}

/** Traces of Node in a bundle: a CommonJS `require(` or a `node:` module specifier. */
export function nodeTracesOf(bundle: string): string[] {
  return [...bundle.matchAll(/\brequire\s*\(|["'`]node:[a-z_/]+["'`]/g)].map((match) => match[0]);
}

/**
 * The globals a browser page offers that the clients may use. Nothing of Node is reachable from the
 * context: no `process`, `require`, `Buffer`, `module`, `global` or `import()` of built-ins.
 */
function webGlobals(): Record<string, unknown> {
  return {
    fetch,
    Request,
    Response,
    Headers,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    DOMException,
    ReadableStream,
    Blob,
    FormData,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    crypto,
    setTimeout,
    clearTimeout,
    queueMicrotask,
    structuredClone,
    console,
  };
}

/** Runs a browser bundle in a fresh `vm` context that holds only web globals plus `extra`. */
export function runInWebSandbox(bundle: string, extra: Record<string, unknown>): Record<string, unknown> {
  const page: Record<string, unknown> = { ...webGlobals(), ...extra };
  const context = createContext(page, {
    name: "idclients browser smoke",
    codeGeneration: { strings: false },
  });
  // A dynamic import() inside the script would need importModuleDynamically; without it, it throws.
  new Script(bundle, { filename: "browser-bundle.js" }).runInContext(context, { timeout: 10_000 });
  return page;
}
