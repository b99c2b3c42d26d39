import { readFile } from "node:fs/promises";
import os from "node:os";
import { fileURLToPath } from "node:url";

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  os: string;
  node: string;
  /** 1-minute load average when the run started and ended (others' work on the machine skews numbers). */
  loadAverage: { start: number; end?: number };
}

export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    loadAverage: { start: os.loadavg()[0] ?? 0 },
  };
}

/** Packages whose versions the numbers depend on, read from the installed package.json files. */
const PACKAGES: { name: string; from: string }[] = [
  { name: "@idclients/auth", from: "bench" },
  { name: "@idclients/confluent", from: "bench" },
  { name: "@idclients/ica", from: "bench" },
  { name: "@idclients/infisical", from: "bench" },
  { name: "openapi-fetch", from: "bench" },
  { name: "@hey-api/openapi-ts", from: "bench" },
  { name: "axios", from: "bench" },
  { name: "@infisical/sdk", from: "bench" },
  { name: "openai", from: "bench" },
  { name: "esbuild", from: "bench" },
  { name: "typescript", from: "bench" },
  { name: "size-limit", from: "bench" },
  { name: "openapi-typescript", from: "tooling/codegen" },
  { name: "@redocly/openapi-core", from: "tooling/codegen" },
  { name: "turbo", from: "." },
];

export async function packageVersions(): Promise<Record<string, string>> {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const versions: Record<string, string> = {};
  for (const { name, from } of PACKAGES) {
    try {
      const manifest = JSON.parse(await readFile(`${root}${from}/node_modules/${name}/package.json`, "utf8"));
      versions[name] = String(manifest.version);
    } catch {
      versions[name] = "not installed";
    }
  }
  return versions;
}
