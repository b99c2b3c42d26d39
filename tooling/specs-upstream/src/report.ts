import type { AllowEntry, JudgedDrift } from "./allow-list.ts";

/** The comparison of one provider's published document(s) with our spec. */
export interface ProviderReport {
  readonly provider: string;
  /** Our spec, relative to the repository root. */
  readonly ours: string;
  /** The provider's documents that were read (URLs or files). */
  readonly upstream: readonly string[];
  /** Our operations, and how many of them the provider's document describes. */
  readonly operations: { readonly ours: number; readonly foundUpstream: number };
  readonly drifts: readonly JudgedDrift[];
  readonly unusedAllowListEntries: readonly AllowEntry[];
  /** Set when the provider's document could not be read; nothing was compared then. */
  readonly error?: string;
}

export interface ProviderSummary {
  readonly drifts: number;
  readonly allowed: number;
  readonly unexplained: number;
}

export function summarize(report: ProviderReport): ProviderSummary {
  const allowed = report.drifts.filter((drift) => drift.allowed).length;
  return { drifts: report.drifts.length, allowed, unexplained: report.drifts.length - allowed };
}

function entryPattern(entry: AllowEntry): Omit<AllowEntry, "reason"> {
  const { reason: _reason, ...pattern } = entry;
  return pattern;
}

/** The report as written to `drift-report.json`: every drift, allowed ones with their reason. */
export function toJson(reports: readonly ProviderReport[]): unknown {
  return {
    providers: reports.map((report) => ({
      provider: report.provider,
      ours: report.ours,
      upstream: report.upstream,
      ...(report.error !== undefined ? { error: report.error } : {}),
      operations: report.operations,
      summary: summarize(report),
      drifts: report.drifts.map((drift) => ({
        operation: drift.operation,
        subject: drift.subject,
        change: drift.change,
        aspect: drift.aspect,
        upstream: drift.upstream,
        ours: drift.ours,
        allowed: drift.allowed,
        ...(drift.reason !== undefined ? { reason: drift.reason } : {}),
      })),
      unusedAllowListEntries: report.unusedAllowListEntries.map(entryPattern),
    })),
  };
}

/** `request application/json field a — type: upstream "string", ours "integer"`. */
export function describeDrift(drift: JudgedDrift): string {
  const details = (text: string) => (text === "" ? "" : ` (${text})`);
  if (drift.change === "added") return `${drift.subject} — only upstream${details(drift.upstream)}`;
  if (drift.change === "removed") return `${drift.subject} — only ours${details(drift.ours)}`;
  return `${drift.subject} — ${drift.aspect}: upstream "${drift.upstream}", ours "${drift.ours}"`;
}

function groupByOperation(drifts: readonly JudgedDrift[]): Map<string, JudgedDrift[]> {
  const groups = new Map<string, JudgedDrift[]>();
  for (const drift of drifts) groups.set(drift.operation, [...(groups.get(drift.operation) ?? []), drift]);
  return groups;
}

/** Allowed drifts by the entry that allows them, in allow-list order. */
function groupByEntry(drifts: readonly JudgedDrift[]): Map<AllowEntry, JudgedDrift[]> {
  const groups = new Map<AllowEntry, JudgedDrift[]>();
  for (const drift of drifts) {
    if (drift.entry) groups.set(drift.entry, [...(groups.get(drift.entry) ?? []), drift]);
  }
  return groups;
}

function entryLabel(entry: AllowEntry): string {
  const parts = [entry.operation !== undefined ? `${entry.operation || "(document)"} · ` : "", entry.at];
  if (entry.change) parts.push(` · ${entry.change}`);
  if (entry.aspect) parts.push(` · ${entry.aspect}`);
  return parts.join("");
}

function operationTitle(operation: string): string {
  return operation === "" ? "(document: security schemes)" : operation;
}

function headline(report: ProviderReport): string {
  if (report.error !== undefined) return `${report.provider}: not compared — ${report.error}`;
  const { drifts, allowed, unexplained } = summarize(report);
  const verdict = unexplained === 0 ? "no unexplained drift" : `${unexplained} UNEXPLAINED drift(s)`;
  return `${report.provider}: ${verdict} (${drifts} drift(s), ${allowed} allow-listed; ${report.operations.foundUpstream} of ${report.operations.ours} operations found upstream)`;
}

export interface TextOptions {
  /** List every allow-listed drift too, not only a count per allow-list entry. */
  readonly verbose?: boolean;
}

/** The report for a terminal: unexplained drift per operation, then what the allow-list accepted. */
export function renderText(reports: readonly ProviderReport[], options: TextOptions = {}): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(headline(report));
    lines.push(`  ours:     ${report.ours}`);
    for (const source of report.upstream) lines.push(`  upstream: ${source}`);
    const shown = options.verbose ? report.drifts : report.drifts.filter((drift) => !drift.allowed);
    for (const [operation, drifts] of groupByOperation(shown)) {
      lines.push(`  ${operationTitle(operation)}`);
      for (const drift of [...drifts.filter((d) => !d.allowed), ...drifts.filter((d) => d.allowed)]) {
        const mark = drift.allowed ? "allowed    " : "UNEXPLAINED";
        lines.push(`    ${mark} ${drift.change.padEnd(7)} ${describeDrift(drift)}`);
      }
    }
    const byEntry = groupByEntry(report.drifts);
    if (byEntry.size > 0 && !options.verbose) {
      lines.push("  allow-listed (--verbose lists them):");
      for (const [entry, drifts] of byEntry)
        lines.push(`    ${String(drifts.length).padStart(3)} × ${entryLabel(entry)}`);
    }
    for (const entry of report.unusedAllowListEntries) {
      lines.push(`  note: allow-list entry matched nothing: ${JSON.stringify(entryPattern(entry))}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}

function cell(text: string): string {
  return text === "" ? "—" : text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function code(text: string): string {
  return text === "" ? "—" : `\`${text.replace(/`/g, "'").replace(/\|/g, "\\|")}\``;
}

/** The report as Markdown, for the scheduled workflow's issue and for reviewers. */
export function renderMarkdown(reports: readonly ProviderReport[]): string {
  const lines = [
    "# Upstream spec drift",
    "",
    "Each provider's published OpenAPI document compared fact by fact with `specs/<provider>/openapi.yaml`",
    "for the operations we cover. *added*: the provider states something our spec does not; *removed*: our",
    "spec states something the provider's document does not; *changed*: both state it differently.",
    "Allow-listed drift is deliberate (`tooling/specs-upstream/allow-list.yaml`).",
    "",
    "| provider | upstream | operations found | drift | allow-listed | unexplained |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const report of reports) {
    const { drifts, allowed, unexplained } = summarize(report);
    const upstream = report.upstream.map((source) => code(source)).join("<br>");
    lines.push(
      report.error !== undefined
        ? `| ${report.provider} | ${upstream} | not compared: ${cell(report.error)} | — | — | — |`
        : `| ${report.provider} | ${upstream} | ${report.operations.foundUpstream} of ${report.operations.ours} | ${drifts} | ${allowed} | ${unexplained === 0 ? "0" : `**${unexplained}**`} |`,
    );
  }
  for (const report of reports) {
    lines.push("", `## ${report.provider}`, "");
    if (report.error !== undefined) {
      lines.push(`Not compared: ${report.error}`);
      continue;
    }
    const unexplained = report.drifts.filter((drift) => !drift.allowed);
    if (unexplained.length === 0) lines.push("No unexplained drift.", "");
    for (const [operation, drifts] of groupByOperation(unexplained)) {
      lines.push(`### ${code(operationTitle(operation))}`, "", "| change | where | what | upstream | ours |");
      lines.push("| --- | --- | --- | --- | --- |");
      for (const drift of drifts) {
        lines.push(
          `| ${drift.change} | ${code(drift.subject)} | ${cell(drift.aspect)} | ${code(drift.upstream)} | ${code(drift.ours)} |`,
        );
      }
      lines.push("");
    }
    const byEntry = groupByEntry(report.drifts);
    if (byEntry.size > 0) {
      lines.push(
        `<details><summary>Allow-listed drift (${summarize(report).allowed}), by allow-list entry</summary>`,
        "",
        "| entry | drifts | reason |",
        "| --- | --- | --- |",
      );
      for (const [entry, drifts] of byEntry) {
        lines.push(`| ${code(entryLabel(entry))} | ${drifts.length} | ${cell(entry.reason.trim())} |`);
      }
      lines.push("", "</details>", "");
    }
    if (report.unusedAllowListEntries.length > 0) {
      lines.push("Allow-list entries that matched nothing this time (the provider may have caught up):", "");
      for (const entry of report.unusedAllowListEntries)
        lines.push(`- ${code(JSON.stringify(entryPattern(entry)))}`);
      lines.push("");
    }
  }
  return `${lines.join("\n").replace(/\n+$/, "")}\n`;
}
