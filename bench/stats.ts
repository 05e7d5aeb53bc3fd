/** Small helpers shared by the measurements: percentiles, a seeded random source, time limits. */

export interface TimingSummary {
  medianMs: number;
  p99Ms: number;
  samples: number;
}

/** Median and p99 (nearest rank) of a list of durations in milliseconds. */
export function summarize(samples: readonly number[]): TimingSummary {
  const sorted = Float64Array.from(samples).sort();
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  return { medianMs: at(0.5), p99Ms: at(0.99), samples: sorted.length };
}

export const median = (values: readonly number[]): number => summarize(values).medianMs;

/** mulberry32: a tiny deterministic PRNG, so that every run measures the same generated data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A point in time after which a loop stops, whatever its count says. */
export class Deadline {
  private readonly end: number;
  constructor(readonly budgetMs: number) {
    this.end = performance.now() + budgetMs;
  }
  get passed(): boolean {
    return performance.now() >= this.end;
  }
  get remainingMs(): number {
    return Math.max(0, this.end - performance.now());
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A ratio as text: "1,23×" (German decimal comma). */
export const times = (value: number, digits = 2) => `${Number.isFinite(value) ? value.toFixed(digits).replace('.', ',') : '–'}×`;
export const msText = (value: number, digits = 3) => `${value.toFixed(digits).replace('.', ',')} ms`;
export const mbText = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
export const reached = (ok: boolean) => (ok ? 'erreicht' : 'verfehlt');

/** Prints a table with a heading; the first column is left-aligned, the others right-aligned. */
export function printTable(
  title: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  notes: readonly string[] = [],
): void {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  console.log(`\n${title}`);
  console.log(`  ${line(header)}`);
  console.log(`  ${widths.map((width) => '─'.repeat(width)).join('  ')}`);
  for (const row of rows) console.log(`  ${line(row)}`);
  for (const note of notes) console.log(`  ${note}`);
}
