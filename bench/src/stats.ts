/** Summary of repeated measurements: the median and the interquartile range around it. */
export interface Summary {
  /** How many samples the summary is made of. */
  runs: number;
  median: number;
  /** 25th and 75th percentiles. */
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] ?? Number.NaN;
  const high = sorted[above] ?? Number.NaN;
  return low + (high - low) * (position - below);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    runs: sorted.length,
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Spread as a share of the median: (p75 - p25) / median. */
export function relativeSpread(summary: Summary): number {
  return summary.median === 0 ? 0 : (summary.p75 - summary.p25) / Math.abs(summary.median);
}

/** Rotates `items` by `by` places, so that each round of an alternated benchmark starts with a different peer. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  const n = items.length;
  if (n === 0) return [];
  const k = ((by % n) + n) % n;
  return [...items.slice(k), ...items.slice(0, k)];
}
