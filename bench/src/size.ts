import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants } from "node:zlib";
import { build, type Metafile } from "esbuild";

export interface BundleResult {
  name: string;
  /** Which client library the app uses. */
  library: string;
  app: string;
  minifiedBytes: number;
  brotliBytes: number;
  /** Node built-in modules the bundle imports (left external: they cannot be bundled for a neutral platform). */
  nodeBuiltins: string[];
  /** Minified bytes by package, largest first. */
  composition: { source: string; bytes: number }[];
}

export interface SizeResult {
  esbuild: string;
  bundles: BundleResult[];
}

const APPS: { name: string; library: string; app: string }[] = [
  { name: "confluent", library: "@idclients/confluent", app: "confluent.ts" },
  { name: "ica", library: "@idclients/ica", app: "ica.ts" },
  { name: "infisical", library: "@idclients/infisical", app: "infisical.ts" },
  { name: "all three", library: "@idclients/{confluent,ica,infisical}", app: "all.ts" },
  {
    name: "confluent via hey-api",
    library: "@hey-api/openapi-ts client-fetch SDK",
    app: "hey-api-confluent.ts",
  },
  { name: "infisical via @infisical/sdk", library: "@infisical/sdk", app: "infisical-sdk.ts" },
  { name: "openai (Stainless)", library: "openai", app: "openai.ts" },
];

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** Names the package (or workspace folder) an input file of the bundle belongs to. */
function sourceOf(path: string): string {
  const inModules = path.lastIndexOf("node_modules/");
  if (inModules >= 0) {
    const rest = path.slice(inModules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1]}` : (rest[0] ?? path);
  }
  const workspace = path.match(/(?:^|\/)packages\/([^/]+)\//);
  if (workspace) return `@idclients/${workspace[1]}`;
  if (path.includes("generated/")) return "generated SDK";
  return "app";
}

function composition(metafile: Metafile): BundleResult["composition"] {
  const bySource = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      const source = sourceOf(path);
      bySource.set(source, (bySource.get(source) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bySource.entries()]
    .map(([source, bytes]) => ({ source, bytes }))
    .filter((entry) => entry.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
}

/**
 * Bundles each app with esbuild (minified, `platform: "neutral"`, ESM) and measures the output
 * minified and brotli-compressed (quality 11, as CDNs serve it).
 */
export async function measureSize(): Promise<SizeResult> {
  const { version } = await import("esbuild");
  const bundles: BundleResult[] = [];
  for (const { name, library, app } of APPS) {
    const result = await build({
      entryPoints: [fileURLToPath(new URL(`../apps/${app}`, import.meta.url))],
      bundle: true,
      minify: true,
      platform: "neutral",
      format: "esm",
      target: "es2022",
      // Neutral platform has no default main fields; CommonJS-only dependencies need "main".
      mainFields: ["module", "main"],
      external: NODE_BUILTINS,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const output = result.outputFiles[0];
    if (!output) throw new Error(`esbuild produced no output for ${app}`);
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
    const nodeBuiltins = [...new Set(imports.filter((i) => i.external).map((i) => i.path))].sort();
    bundles.push({
      name,
      library,
      app: `bench/apps/${app}`,
      minifiedBytes: output.contents.byteLength,
      brotliBytes: brotliCompressSync(output.contents, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).byteLength,
      nodeBuiltins,
      composition: composition(result.metafile),
    });
  }
  return { esbuild: version, bundles };
}
