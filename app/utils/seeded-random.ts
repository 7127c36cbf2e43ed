// A small seeded generator (mulberry32) for the data the benchmarks and `db generate` write:
// the same seed gives the same rows on every machine. The linear congruential one it replaces
// multiplied past 2^53 and lost its bits, so that nearly every generated complaint fell in 2018.
// Not for anything secret (tokens use node:crypto).

/** A function giving whole numbers in [0, n), reproducible from the seed. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return Math.floor(unit * n);
  };
}
