/**
 * Seeded randomness for interleavings: a failing round prints its seed, and
 * `PROOF_SEED=<n>` replays the same interleavings (up to the OS scheduler's own).
 */
export interface Rng {
  seed: number;
  next(): number;
  int(maxExclusive: number): number;
  pick<T>(items: readonly T[]): T;
  shuffle<T>(items: readonly T[]): T[];
}

/** mulberry32: small, fast, good enough to scramble request orders. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    seed,
    next,
    int,
    pick: (items) => items[int(items.length)],
    shuffle: (items) => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = int(i + 1);
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

export function baseSeed(): number {
  const fromEnv = Number(process.env.PROOF_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}

/**
 * Fires `jobs` in a random interleaving: shuffled, each after a random delay of 0..spreadMs,
 * so requests from different "instances" overlap in a different order every round.
 */
export async function interleave<T>(r: Rng, jobs: Array<() => Promise<T>>, spreadMs = 4): Promise<T[]> {
  const order = r.shuffle(jobs.map((job, i) => ({ job, i })));
  const results = new Array<T>(jobs.length);
  await Promise.all(
    order.map(({ job, i }) => {
      const delay = r.int(spreadMs + 1);
      const run = async () => {
        results[i] = await job();
      };
      return delay === 0 ? run() : new Promise<void>((resolve, reject) => setTimeout(() => run().then(resolve, reject), delay));
    }),
  );
  return results;
}
