// Side-by-side measurement on a shared, noisy machine: variants run in alternating order, round
// after round, and are compared by the median of their rounds, never by one absolute time.

export interface Summary {
  median: number;
  /** Spread of the rounds: 25th and 75th percentiles. */
  q1: number;
  q3: number;
  samples: number[];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = (sorted.length - 1) * p;
  const low = Math.floor(index);
  const high = Math.ceil(index);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (index - low);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: percentile(sorted, 0.5),
    q1: percentile(sorted, 0.25),
    q3: percentile(sorted, 0.75),
    samples: [...samples],
  };
}

/**
 * Runs every variant once per round, rotating which goes first, and returns each variant's
 * summary. `measure` returns one sample (e.g. nanoseconds per call over a batch).
 */
export async function alternate<K extends string>(
  variants: Record<K, () => Promise<number>>,
  rounds: number,
): Promise<Record<K, Summary>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length]!;
      samples[name].push(await variants[name]());
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarize(samples[n])])) as Record<K, Summary>;
}

/** Nanoseconds per call of `call`, over a batch of `batch` sequential calls. */
export function perCall(call: () => Promise<unknown>, batch: number): () => Promise<number> {
  return async () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) await call();
    return Number(process.hrtime.bigint() - start) / batch;
  };
}

export const ratio = (ours: Summary, base: Summary) => ours.median / base.median;
