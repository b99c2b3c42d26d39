import { relativeSpread, type Summary } from "./stats.ts";

/** A number with a fixed count of significant decimals and thousands separators. */
export function num(value: number, decimals = 0): string {
  if (!Number.isFinite(value)) return "n/a";
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function bytes(value: number): string {
  return `${num(value)} B`;
}

export function kb(value: number): string {
  return `${num(value / 1000, 2)} kB`;
}

export function ms(value: number, decimals = 0): string {
  return `${num(value, decimals)} ms`;
}

/** "median (p25–p75, ±x%)" — the spread is the interquartile range relative to the median. */
export function withSpread(summary: Summary, render: (value: number) => string): string {
  return `${render(summary.median)} (${render(summary.p25)}–${render(summary.p75)}, ±${num(
    (relativeSpread(summary) / 2) * 100,
    1,
  )}%)`;
}

export function ratio(value: number): string {
  return Number.isFinite(value) ? `${num(value, 2)}x` : "n/a";
}

/** A Markdown table, cells escaped for pipes and padded to the column width (as biome formats Markdown). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  const grid = [header, ...rows].map((row) => row.map(escapeCell));
  const widths = header.map((_, column) =>
    Math.max(3, ...grid.map((row) => [...(row[column] ?? "")].length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => pad(cells[column] ?? "", width)).join(" | ")} |`;
  const [head, ...body] = grid;
  return [line(head ?? []), line(widths.map((width) => "-".repeat(width))), ...body.map(line)].join("\n");
}

function pad(cell: string, width: number): string {
  return cell + " ".repeat(width - [...cell].length);
}
