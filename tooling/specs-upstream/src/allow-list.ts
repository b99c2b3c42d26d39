import { parse } from "yaml";
import type { Drift } from "./compare.ts";
import { isObject } from "./document.ts";

/**
 * A drift we accept on purpose. Every field but `reason` is a pattern in which `*` stands for any run
 * of characters; a field left out matches anything. `upstream` and `ours` pin the values, so the entry
 * stops matching (and the drift is reported again) once the provider changes that fact once more.
 */
export interface AllowEntry {
  readonly operation?: string;
  readonly at: string;
  readonly change?: "added" | "removed" | "changed";
  readonly aspect?: string;
  readonly upstream?: string;
  readonly ours?: string;
  readonly reason: string;
}

/** Allow-list entries by provider name. */
export type AllowList = Readonly<Record<string, readonly AllowEntry[]>>;

export class AllowListError extends Error {
  override readonly name = "AllowListError";
}

const PATTERN_FIELDS = ["operation", "at", "aspect", "upstream", "ours"] as const;
const KNOWN_FIELDS = new Set<string>([...PATTERN_FIELDS, "change", "reason"]);

/** Parses and checks an allow-list (YAML or JSON): every entry names what it allows and why. */
export function parseAllowList(text: string, source: string): AllowList {
  let root: unknown;
  try {
    root = parse(text);
  } catch (error) {
    throw new AllowListError(`${source}: ${(error as Error).message}`);
  }
  if (root === null || root === undefined) return {};
  if (!isObject(root)) throw new AllowListError(`${source}: expected providers as top-level keys`);
  const list: Record<string, AllowEntry[]> = {};
  for (const [provider, entries] of Object.entries(root)) {
    if (!Array.isArray(entries)) throw new AllowListError(`${source}: ${provider} must be a list of entries`);
    list[provider] = entries.map((entry, index) => {
      const where = `${source}: ${provider}[${index}]`;
      if (!isObject(entry)) throw new AllowListError(`${where} is not an object`);
      for (const key of Object.keys(entry)) {
        if (!KNOWN_FIELDS.has(key)) throw new AllowListError(`${where} has an unknown field "${key}"`);
      }
      if (typeof entry.at !== "string" || entry.at === "") throw new AllowListError(`${where} needs "at"`);
      if (typeof entry.reason !== "string" || entry.reason.trim() === "") {
        throw new AllowListError(`${where} needs a "reason"`);
      }
      for (const field of PATTERN_FIELDS) {
        if (entry[field] !== undefined && typeof entry[field] !== "string") {
          throw new AllowListError(`${where}: "${field}" must be a string`);
        }
      }
      if (entry.change !== undefined && !["added", "removed", "changed"].includes(String(entry.change))) {
        throw new AllowListError(`${where}: "change" must be added, removed or changed`);
      }
      return entry as unknown as AllowEntry;
    });
  }
  return list;
}

function matches(pattern: string | undefined, value: string): boolean {
  if (pattern === undefined) return true;
  const source = pattern
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "s").test(value);
}

export function allows(entry: AllowEntry, drift: Drift): boolean {
  return (
    matches(entry.operation, drift.operation) &&
    matches(entry.at, drift.subject) &&
    (entry.change === undefined || entry.change === drift.change) &&
    matches(entry.aspect, drift.aspect) &&
    matches(entry.upstream, drift.upstream) &&
    matches(entry.ours, drift.ours)
  );
}

/** A drift, with the reason it is accepted when an allow-list entry covers it. */
export interface JudgedDrift extends Drift {
  readonly allowed: boolean;
  readonly reason?: string;
  /** The allow-list entry that accepts this drift. */
  readonly entry?: AllowEntry;
}

/** Marks the drifts the entries allow (first matching entry wins) and lists the entries nothing matched. */
export function judge(
  drifts: readonly Drift[],
  entries: readonly AllowEntry[],
): { drifts: JudgedDrift[]; unused: AllowEntry[] } {
  const used = new Set<AllowEntry>();
  const judged = drifts.map((drift): JudgedDrift => {
    const entry = entries.find((candidate) => allows(candidate, drift));
    if (!entry) return { ...drift, allowed: false };
    used.add(entry);
    return { ...drift, allowed: true, reason: entry.reason.trim(), entry };
  });
  return { drifts: judged, unused: entries.filter((entry) => !used.has(entry)) };
}
