/** Small helpers the benchmarks share: percentiles of timing samples, memory in MB, waiting. */

/** The `p` quantile (0–1) of ascending `sorted` samples, nearest rank; NaN when there are none. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/** Bytes as MiB (undefined stays undefined: RSS is only read on Linux). */
export const mb = (bytes: number | undefined): number | undefined => (bytes === undefined ? undefined : bytes / (1024 * 1024));

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
