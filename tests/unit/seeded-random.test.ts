// The seeded generator behind the benchmarks' data: reproducible, and spread evenly (the one it
// replaced put nearly every generated complaint in the same year).
import { describe, expect, it } from "vitest";
import { seededRandom } from "~/utils/seeded-random";

describe("seededRandom", () => {
  it("gives the same numbers for the same seed, others for another", () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const first = Array.from({ length: 20 }, () => a(1000));
    expect(Array.from({ length: 20 }, () => b(1000))).toEqual(first);
    expect(Array.from({ length: 20 }, () => c(1000))).not.toEqual(first);
  });

  it("stays in [0, n) and fills every value evenly, drawn one after another as the generators do", () => {
    const next = seededRandom(7);
    const years = new Array<number>(8).fill(0);
    const months = new Array<number>(12).fill(0);
    for (let i = 0; i < 48_000; i += 1) {
      const y = next(8);
      const m = next(12);
      expect(y >= 0 && y < 8 && m >= 0 && m < 12).toBe(true);
      years[y]! += 1;
      months[m]! += 1;
    }
    for (const n of years) expect(Math.abs(n - 6000)).toBeLessThan(400);
    for (const n of months) expect(Math.abs(n - 4000)).toBeLessThan(350);
  });
});
