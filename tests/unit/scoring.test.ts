import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Referential } from "~/modules/referential/rules";
import { computeConformity, ResultError, type CriterionResult } from "~/modules/audit/scoring";
import { SMALL_GRID } from "../support/referentials";

const r = (code: string, level: string): CriterionResult => ({ code, status: "rated", level });
const BASE: CriterionResult[] = [r("A1", "oui"), r("A2", "s"), r("B1", "non"), r("B2", "ts"), r("E1", "oui"), r("E2", "i")];

describe("conformity rates worked out by hand", () => {
  it("weights points by coefficients, adds bonus on top, per pillar and per chapter", () => {
    const c = computeConformity(SMALL_GRID, BASE, "first");
    // Qualité: A1 3×1 + A2 9×2 + B1 9×0 = 21 of 3 + 27 + 9 = 39; bonus B2 3×3 = 9 → 30/39.
    expect(c.pillars[0]).toMatchObject({ pillar: "qualite", obtained: 21, maximum: 39, bonus: 9, rate: 76.92, threshold: 85, meetsThreshold: false });
    // Éco: E1 3×1 + E2 3×1 = 6 of 12.
    expect(c.pillars[1]).toMatchObject({ pillar: "eco", obtained: 6, maximum: 12, rate: 50, threshold: 60, meetsThreshold: false });
    // Sub-chapter A.1 counts in chapter A: (3 + 18) / (3 + 27).
    expect(c.chapters.map((ch) => [ch.chapter, ch.rate])).toEqual([
      ["A", 70],
      ["B", 100],
      ["E", 50],
    ]);
    expect(c.failing).toEqual(["B1", "E2"]);
    expect(c.blocking).toEqual([]);
    expect(c.verdict).toBe("non_conforme");
  });

  it("leaves excluded criteria out of the score", () => {
    const c = computeConformity(SMALL_GRID, [...BASE.filter((x) => x.code !== "B1"), { code: "B1", status: "not_measured" }], "first");
    // (21 + 9 bonus) / 30
    expect(c.pillars[0]).toMatchObject({ obtained: 21, maximum: 30, rate: 100, excluded: 1, meetsThreshold: true });
  });

  it("fails the audit on a mandatory criterion whatever the rate", () => {
    const allGood = [r("A1", "oui"), r("A2", "i"), r("B1", "oui"), r("B2", "ts"), r("E1", "oui"), r("E2", "ts")];
    const c = computeConformity(SMALL_GRID, allGood, "first");
    expect(c.pillars.map((p) => p.meetsThreshold)).toEqual([false, true]);
    expect(c.blocking).toEqual(["A2"]);
    expect(c.verdict).toBe("non_conforme");
  });

  it("judges the eco pillar against 60 % at first labelling and 80 % at renewal", () => {
    const results = [r("A1", "oui"), r("A2", "ts"), r("B1", "oui"), r("B2", "ti"), r("E1", "oui"), r("E2", "s")];
    // Qualité 39/39 = 100 %; éco (3 + 6) / 12 = 75 %.
    const first = computeConformity(SMALL_GRID, results, "first");
    expect(first.pillars.map((p) => p.rate)).toEqual([100, 75]);
    expect(first.verdict).toBe("conforme");
    const renewal = computeConformity(SMALL_GRID, results, "renewal");
    expect(renewal.pillars[1]).toMatchObject({ threshold: 80, meetsThreshold: false });
    expect(renewal.verdict).toBe("non_conforme");
  });

  it("meets a threshold exactly at the threshold", () => {
    const grid: Referential = { ...SMALL_GRID, pillars: [SMALL_GRID.pillars[0]!, { ...SMALL_GRID.pillars[1]!, thresholds: { first: 75, renewal: 75 } }] };
    const results = [r("A1", "oui"), r("A2", "ts"), r("B1", "oui"), r("B2", "ti"), r("E1", "oui"), r("E2", "s")];
    expect(computeConformity(grid, results, "first").pillars[1]).toMatchObject({ rate: 75, meetsThreshold: true });
  });

  it("stays incomplete while criteria remain to rate, and counts them", () => {
    const c = computeConformity(SMALL_GRID, [r("A1", "oui")], "first");
    expect(c.verdict).toBe("incomplet");
    expect(c.rated).toBe(1);
    expect(c.toRate).toBe(5);
    expect(c.mandatoryUnmeasured).toEqual(["A2"]);
    expect(c.chapters.find((ch) => ch.chapter === "A")).toMatchObject({ rated: 1, toRate: 1 });
    expect(computeConformity(SMALL_GRID, [], "first").pillars[0]!.rate).toBeNull();
  });

  it("judges the threshold on the exact rate, not the rounded one", () => {
    // Éco: (3×1 + 3×3 + … ) built so that the exact rate is 79.99…% while it shows as 80 %.
    const grid: Referential = {
      ...SMALL_GRID,
      pillars: [SMALL_GRID.pillars[0]!, { ...SMALL_GRID.pillars[1]!, thresholds: { first: 80, renewal: 80 } }],
      criteria: [
        ...SMALL_GRID.criteria.filter((c) => c.pillar === "qualite"),
        { ...SMALL_GRID.criteria[4]!, code: "E1", coefficient: 39999 },
        { ...SMALL_GRID.criteria[4]!, code: "E3", coefficient: 10001 },
      ],
    };
    const results = [r("A1", "oui"), r("A2", "ts"), r("B1", "oui"), r("B2", "ts"), r("E1", "oui"), r("E3", "non")];
    const eco = computeConformity(grid, results, "first").pillars[1]!;
    expect(eco.rate).toBe(80); // 39999 / 50000 = 79.998 %
    expect(eco.meetsThreshold).toBe(false);
  });

  it("does not hold the verdict for a pillar with nothing measurable, nor for unrated bonus criteria", () => {
    const results = [r("A1", "oui"), r("A2", "ts"), r("B1", "oui"), { code: "E1", status: "not_applicable" as const }, { code: "E2", status: "not_applicable" as const }];
    const c = computeConformity(SMALL_GRID, results, "first");
    expect(c.pillars[1]).toMatchObject({ rate: null, meetsThreshold: null });
    expect(c.toRate).toBe(1); // B2, a bonus
    expect(c.verdict).toBe("conforme");
  });

  it("does not list a bonus answered « non » as a failure to fix", () => {
    const c = computeConformity(SMALL_GRID, [r("B2", "ti")], "first");
    expect(c.failing).toEqual([]);
  });

  it("refuses « non concerné » on a mandatory criterion and unknown levels", () => {
    expect(() => computeConformity(SMALL_GRID, [{ code: "A2", status: "not_applicable" }], "first")).toThrow(ResultError);
    expect(() => computeConformity(SMALL_GRID, [r("A1", "peut-être")], "first")).toThrow(/niveau « peut-être » inconnu/);
    expect(() => computeConformity(SMALL_GRID, [r("Z9", "oui")], "first")).toThrow(/inconnu dans ce référentiel/);
  });
});

// Property tests over random grids and results.
const levelCodes: Record<string, string[]> = { oui_non: ["oui", "non"], quatre_niveaux: ["ts", "s", "i", "ti"] };

const gridArb = (withBonus: boolean) =>
  fc
    .array(
      fc.record({
        scale: fc.constantFrom("oui_non", "quatre_niveaux"),
        coefficient: fc.constantFrom(1, 3, 9),
        mandatory: fc.boolean(),
        bonus: withBonus ? fc.boolean() : fc.constant(false),
        pillar: fc.constantFrom("qualite", "eco"),
        chapter: fc.constantFrom("A", "A.1", "B", "E"),
      }),
      { minLength: 1, maxLength: 25 },
    )
    .map(
      (specs): Referential => ({
        ...SMALL_GRID,
        criteria: specs.map((s, i) => ({ ...s, code: `C${i}`, text: "", check: "", guidance: "" })),
      }),
    );

const resultsArb = (grid: Referential) =>
  fc.tuple(
    ...grid.criteria.map((c) =>
      fc.oneof(
        fc.constantFrom(...levelCodes[c.scale]!).map((level): CriterionResult => ({ code: c.code, status: "rated", level })),
        fc.constant<CriterionResult>({ code: c.code, status: "not_measured" }),
        c.mandatory ? fc.constant<CriterionResult | null>(null) : fc.constant<CriterionResult>({ code: c.code, status: "not_applicable" }),
        fc.constant<CriterionResult | null>(null),
      ),
    ),
  ).map((list) => list.filter((x): x is CriterionResult => x !== null));

describe("conformity properties", () => {
  it("a rate without bonus stays within 0–100 %", () => {
    fc.assert(
      fc.property(gridArb(false).chain((g) => fc.tuple(fc.constant(g), resultsArb(g))), ([grid, results]) => {
        const c = computeConformity(grid, results, "renewal");
        for (const line of [...c.pillars, ...c.chapters]) {
          if (line.rate !== null) {
            expect(line.rate).toBeGreaterThanOrEqual(0);
            expect(line.rate).toBeLessThanOrEqual(100);
          }
        }
      }),
    );
  });

  it("excluding a criterion never fails a passing mandatory check", () => {
    fc.assert(
      fc.property(
        gridArb(true).chain((g) => fc.tuple(fc.constant(g), resultsArb(g), fc.nat())),
        ([grid, results, pick]) => {
          if (results.length === 0) return;
          const before = computeConformity(grid, results, "first");
          fc.pre(before.blocking.length === 0);
          const target = results[pick % results.length]!;
          const excluded = results.map((x) => (x.code === target.code ? ({ code: x.code, status: "not_measured" } as const) : x));
          expect(computeConformity(grid, excluded, "first").blocking).toEqual([]);
        },
      ),
    );
  });

  it("the order of criteria and results never matters", () => {
    fc.assert(
      fc.property(
        gridArb(true).chain((g) => fc.tuple(fc.constant(g), resultsArb(g), fc.integer())),
        ([grid, results, seed]) => {
          const shuffle = <T,>(list: readonly T[]) => {
            const copy = [...list];
            let s = seed;
            for (let i = copy.length - 1; i > 0; i -= 1) {
              s = (s * 1103515245 + 12345) & 0x7fffffff;
              const j = s % (i + 1);
              [copy[i], copy[j]] = [copy[j]!, copy[i]!];
            }
            return copy;
          };
          const a = computeConformity(grid, results, "first");
          const b = computeConformity({ ...grid, criteria: shuffle(grid.criteria) }, shuffle(results), "first");
          expect(b.pillars).toEqual(a.pillars);
          expect([...b.chapters].sort((x, y) => x.chapter.localeCompare(y.chapter))).toEqual(
            [...a.chapters].sort((x, y) => x.chapter.localeCompare(y.chapter)),
          );
          expect([...b.blocking].sort()).toEqual([...a.blocking].sort());
          expect(b.verdict).toBe(a.verdict);
        },
      ),
    );
  });
});
