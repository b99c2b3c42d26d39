import { readFile } from "node:fs/promises";
import { isObject } from "./document.ts";

/** Where a provider's spec lives in this repository and where the provider publishes its own. */
export interface ProviderSources {
  /** Our spec, relative to the repository root. */
  readonly spec: string;
  /** The provider's published OpenAPI document(s): URLs, or files relative to the repository root. */
  readonly upstream: readonly string[];
}

export type UpstreamConfig = Readonly<Record<string, ProviderSources>>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads `upstream.json`: `{ "providers": { "<name>": { "spec": "...", "upstream": ["<url>"] } } }`. */
export async function loadConfig(path: string): Promise<UpstreamConfig> {
  let root: unknown;
  try {
    root = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ConfigError(`could not read ${path}: ${(error as Error).message}`);
  }
  const providers = isObject(root) ? root.providers : undefined;
  if (!isObject(providers)) throw new ConfigError(`${path}: expected an object "providers"`);
  const config: Record<string, ProviderSources> = {};
  for (const [name, entry] of Object.entries(providers)) {
    const upstream = isObject(entry) ? entry.upstream : undefined;
    if (
      !isObject(entry) ||
      typeof entry.spec !== "string" ||
      !Array.isArray(upstream) ||
      upstream.length === 0 ||
      !upstream.every((source) => typeof source === "string")
    ) {
      throw new ConfigError(`${path}: providers.${name} needs "spec" and a non-empty "upstream" list`);
    }
    config[name] = { spec: entry.spec, upstream: upstream as string[] };
  }
  return config;
}
