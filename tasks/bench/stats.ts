/**
 * @module
 * Small statistics and formatting helpers for the benchmark tables.
 */

/** One table row: what was measured, and the figure. */
export type Row = [string, string];

/** The `p`-th percentile (nearest rank). */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[
    Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))
  ];
}

/** The median. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2 : NaN;
}

/** Milliseconds with one decimal. */
export const ms = (x: number): string => `${x.toFixed(1)} ms`;
