// Indicator rules: periods (seasons across years), how months and items add up, computed
// indicators, year-on-year variation with a missing year, and reading cells and CSV lines.
import { describe, expect, it } from "vitest";
import {
  daysIn,
  figureOf,
  formatVariation,
  monthsOf,
  parsePeriodKey,
  periodFromSearch,
  periodKey,
  periodLabel,
  readCell,
  readPeriod,
  readValuesCsv,
  variation,
  type CellStore,
  type FigureContext,
  type IndicatorDef,
  type Season,
  type StoredCell,
} from "~/modules/indicator/rules";
import { indicatorSchema, seasonSchema, standardFileSchema } from "~/modules/indicator/schema";
import { breakdownRows, compareWithPreviousYear, latestFinishedSeason, latestSeasonFigures, overYears, yearsChart } from "~/modules/indicator/views";
import standard from "../../indicators/standard.json";

const SUMMER: Season = { id: 1, name: "Saison d'été", startMonth: 7, endMonth: 8 };
const WINTER: Season = { id: 2, name: "Hiver", startMonth: 12, endMonth: 2 };
const SEASONS = [SUMMER, WINTER];

const def = (code: string, over: Partial<IndicatorDef> = {}): IndicatorDef => ({
  id: code.length,
  code,
  name: code,
  unit: "",
  aggregation: "sum",
  breakdown: "none",
  items: [],
  formula: null,
  decimals: 0,
  ...over,
});

function context(defs: IndicatorDef[], values: Record<string, Record<string, number | string>>): FigureContext {
  const cells = new Map<string, Map<string, StoredCell>>();
  for (const [code, byKey] of Object.entries(values)) {
    cells.set(
      code,
      new Map(Object.entries(byKey).map(([k, v]) => [k.includes("|") ? k : `${k}|`, typeof v === "number" ? { value: v, missingReason: null } : { value: null, missingReason: v }])),
    );
  }
  return { indicators: new Map(defs.map((d) => [d.code, d])), cells: cells as CellStore, seasons: SEASONS };
}

const season = (year: number) => ({ kind: "season", seasonId: 1, year }) as const;

describe("periods", () => {
  it("keys periods and reads them back, refusing nonsense", () => {
    expect(periodKey({ kind: "year", year: 2020 })).toBe("2020");
    expect(periodKey({ kind: "month", year: 2020, month: 7 })).toBe("2020-07");
    expect(periodKey(season(2020))).toBe("s1:2020");
    expect(parsePeriodKey("s1:2020")).toEqual(season(2020));
    expect(parsePeriodKey("2020-13")).toBeNull();
    expect(parsePeriodKey("1850")).toBeNull();
    expect(parsePeriodKey("abc")).toBeNull();
  });

  it("runs a season across the new year and labels it with both years", () => {
    expect(monthsOf({ kind: "season", seasonId: 2, year: 2020 }, SEASONS)).toEqual([
      { year: 2020, month: 12 },
      { year: 2021, month: 1 },
      { year: 2021, month: 2 },
    ]);
    expect(periodLabel({ kind: "season", seasonId: 2, year: 2020 }, SEASONS)).toBe("Hiver 2020-2021");
    expect(periodLabel(season(2020), SEASONS)).toBe("Saison d'été 2020");
    expect(periodLabel({ kind: "month", year: 2020, month: 8 }, SEASONS)).toBe("août 2020");
    // 31 + 31 + 28 (2021 is not a leap year); 2020 is.
    expect(daysIn({ kind: "season", seasonId: 2, year: 2020 }, SEASONS)).toBe(90);
    expect(daysIn({ kind: "year", year: 2020 }, SEASONS)).toBe(366);
  });

  it("reads the period of a page's address, falling back on bad input", () => {
    expect(periodFromSearch(new URLSearchParams("periode=saison-1&annee=2020"), SEASONS, { choice: "annee", year: 2025 })).toEqual(season(2020));
    expect(periodFromSearch(new URLSearchParams("periode=saison-99&annee=20x0"), SEASONS, { choice: "annee", year: 2025 })).toEqual({ kind: "year", year: 2025 });
    expect(periodFromSearch(new URLSearchParams("periode=mois-07&annee=2019"), SEASONS, { choice: "annee", year: 2025 })).toEqual({ kind: "month", year: 2019, month: 7 });
  });

  it("reads periods as people write them in files", () => {
    expect(readPeriod("2020", SEASONS)).toEqual({ kind: "year", year: 2020 });
    expect(readPeriod("07/2020", SEASONS)).toEqual({ kind: "month", year: 2020, month: 7 });
    expect(readPeriod("Juillet 2020", SEASONS)).toEqual({ kind: "month", year: 2020, month: 7 });
    expect(readPeriod("saison d'ete 2020", SEASONS)).toEqual(season(2020));
    expect(readPeriod("Hiver 2020-2021", SEASONS)).toEqual({ kind: "season", seasonId: 2, year: 2020 });
    expect(readPeriod("Printemps 2020", SEASONS)).toBeNull();
    expect(readPeriod("s1:2020", SEASONS)).toBeNull();
  });
});

describe("figures", () => {
  const contacts = def("contacts");
  const persons = def("personnes");
  const ratio = def("ppc", { formula: { op: "ratio", numerator: "personnes", denominator: "contacts" }, decimals: 2 });

  it("gives the seed's season: +1.5 % contacts and +15.8 % persons, 2.13 persons per contact", () => {
    const ctx = context([contacts, persons, ratio], {
      contacts: { "s1:2019": 2638, "s1:2020": 2678 },
      personnes: { "s1:2019": 4922, "s1:2020": 5698 },
    });
    expect(formatVariation(variation(figureOf(ctx, "contacts", season(2020)), figureOf(ctx, "contacts", season(2019))))).toBe("+1,5 %");
    expect(compareWithPreviousYear(ctx, persons, season(2020)).variation).toBe("+15,8 %");
    const ppc = figureOf(ctx, "ppc", season(2020));
    expect(ppc.state === "value" && ppc.value).toBeCloseTo(2.1277, 3);
  });

  it("adds up months into a season and a year; a sum over some months only stays missing", () => {
    const ctx = context([contacts], { contacts: { "2020-07": 1500, "2020-08": 1178 } });
    expect(figureOf(ctx, "contacts", season(2020))).toEqual({ state: "value", value: 2678, derived: true });
    const year = figureOf(ctx, "contacts", { kind: "year", year: 2020 });
    expect(year.state).toBe("missing");
    expect(year.state === "missing" && year.reason).toMatch(/2 sur 12/);
  });

  it("averages a mean and takes the last value of a stock", () => {
    const ctx = context([def("satisfaction", { aggregation: "mean" }), def("fans", { aggregation: "last" })], {
      satisfaction: { "2020-07": 90, "2020-08": 95 },
      fans: { "2020-07": 6800, "2020-08": 6950 },
    });
    expect(figureOf(ctx, "satisfaction", season(2020))).toMatchObject({ state: "value", value: 92.5 });
    expect(figureOf(ctx, "fans", { kind: "year", year: 2020 })).toMatchObject({ state: "value", value: 6950 });
  });

  it("prefers a typed total to its months, and adds up items for a total left blank", () => {
    const origin = def("provenance", { breakdown: "origin", items: ["Landes", "Île-de-France"] });
    const ctx = context([origin], { provenance: { "2020|Landes": 600, "2020|Île-de-France": 200, "2019": 700, "2019-07|Landes": 1 } });
    expect(figureOf(ctx, "provenance", { kind: "year", year: 2020 })).toEqual({ state: "value", value: 800, derived: true });
    expect(figureOf(ctx, "provenance", { kind: "year", year: 2019 })).toEqual({ state: "value", value: 700, derived: false });
    const rows = breakdownRows(ctx, { ...origin, itemLabels: { Landes: "Landes", "Île-de-France": "Île-de-France" } }, { kind: "year", year: 2020 });
    expect(rows.map((r) => r.shareText)).toEqual(["75 %", "25 %"]);
  });

  it("keeps a missing figure missing, with its reason, never a zero; the variation is then unknown", () => {
    const nights = def("nuitees");
    const ctx = context([nights], { nuitees: { "2019": 41000, "2020": "non fourni par la CC des Luys", "2021": 39000 } });
    const rows = overYears(ctx, nights, { kind: "year", year: 2019 }, 2019, 2022);
    expect(rows.map((r) => r.figure.text)).toEqual(["41 000", "manquant", "39 000", "—"]);
    expect(rows[1]!.figure.reason).toBe("non fourni par la CC des Luys");
    expect(rows.map((r) => r.variation)).toEqual(["—", "—", "—", "—"]);
    // The chart of the pages and reports writes the reason's word in place of the bar.
    const chart = yearsChart(nights, rows, "Nuitées", 2020);
    expect(chart.categories.map((c) => [c.label, c.values[0], c.texts?.[0], c.emphasis ?? false])).toEqual([
      ["2019", 41000, "41 000", false],
      ["2020", null, "manquant", true],
      ["2021", 39000, "39 000", false],
      ["2022", null, "—", false],
    ]);
  });

  it("computes an occupancy rate from nights and beds over the days of the period", () => {
    const ctx = context([def("nuitees"), def("lits", { aggregation: "last" }), def("taux", { formula: { op: "occupancy", nights: "nuitees", beds: "lits" } })], {
      nuitees: { "s1:2020": 6200 },
      lits: { "s1:2020": 1000 },
    });
    const rate = figureOf(ctx, "taux", season(2020));
    expect(rate.state === "value" && rate.value).toBeCloseTo(10, 5);
    expect(figureOf(ctx, "taux", season(2019))).toEqual({ state: "none" });
  });

  it("gives no variation against a zero or an absent year", () => {
    expect(variation({ state: "value", value: 5, derived: false }, { state: "value", value: 0, derived: false })).toBeNull();
    expect(variation({ state: "value", value: 5, derived: false }, { state: "none" })).toBeNull();
    expect(formatVariation(-12.04)).toBe("−12,0 %");
    expect(formatVariation(0.01)).toBe("0,0 %");
  });
});

describe("the dashboard's key figures", () => {
  const contacts = def("contacts");
  const ctx = context([contacts], { contacts: { "s1:2019": 2638, "s1:2020": 2678, "2020": 7000, "2021": 7100 } });

  it("takes the latest season that is over, with a link to its period", () => {
    const during = latestSeasonFigures(ctx, [contacts], "2021-08-15");
    expect(during?.title).toBe("Saison d'été 2020 par rapport à Saison d'été 2019");
    expect(during?.figures[0]!.comparison.variation).toBe("+1,5 %");
    expect(during?.href).toBe("/indicateurs?periode=saison-1&annee=2020");
    // Once August is over, the 2021 season is the latest: no figure yet, nothing to show.
    expect(latestSeasonFigures(ctx, [contacts], "2021-09-01")).toBeNull();
  });

  it("knows when a season across the new year is over", () => {
    // Winter 2020-2021 (December to February) is over in March 2021, not before.
    expect(latestFinishedSeason([WINTER], "2021-03-15")).toEqual({ kind: "season", seasonId: 2, year: 2020 });
    expect(latestFinishedSeason([WINTER], "2021-02-10")).toEqual({ kind: "season", seasonId: 2, year: 2019 });
    expect(latestFinishedSeason([SUMMER], "2021-09-01")).toEqual({ kind: "season", seasonId: 1, year: 2021 });
    expect(latestFinishedSeason([], "2021-09-01")).toBeNull();
  });

  it("shows at most four indicators, the first ones with a figure for that season, in the office's order", () => {
    const defs = ["a", "vide", "b", "c", "d", "e"].map((code) => def(code));
    const figures = Object.fromEntries(["a", "b", "c", "d", "e"].map((code, i) => [code, { "s1:2020": 100 + i, "s1:2019": 100 }]));
    const many = context(defs, figures);
    const shown = latestSeasonFigures(many, defs, "2021-08-15");
    expect(shown?.figures.map((f) => f.code)).toEqual(["a", "b", "c", "d"]);
    expect(shown?.figures.map((f) => f.comparison.variation)).toEqual(["0,0 %", "+1,0 %", "+2,0 %", "+3,0 %"]);
  });

  it("takes the last year over when the office has no season", () => {
    const noSeason = { ...ctx, seasons: [] };
    expect(latestSeasonFigures(noSeason, [contacts], "2022-02-01")?.title).toBe("2021 par rapport à 2020");
  });
});

describe("cells and files", () => {
  it("reads figures, blanks, and words as the reason a figure is missing", () => {
    expect(readCell("2 678")).toEqual({ kind: "value", value: 2678 });
    expect(readCell("1\u202f087\u202f638")).toEqual({ kind: "value", value: 1087638 });
    expect(readCell("12,5")).toEqual({ kind: "value", value: 12.5 });
    expect(readCell("  ")).toEqual({ kind: "empty" });
    expect(readCell("non fourni par la CC")).toEqual({ kind: "missing", reason: "non fourni par la CC" });
    expect(readCell("NC")).toEqual({ kind: "missing", reason: "non communiqué" });
    expect(readCell("12,5,3").kind).toBe("error");
    expect(readCell("1.087.638").kind).toBe("error");
    expect(readCell("ab").kind).toBe("error");
  });

  const targets = [
    { id: 1, code: "contacts", name: "Contacts", computed: false, breakdown: "site" as const, items: [{ label: "Amou", item: "12" }] },
    { id: 2, code: "ppc", name: "Personnes par contact", computed: true, breakdown: "none" as const, items: [] },
  ];
  const lines = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it("imports good lines", () => {
    const rows = [["indicateur", "periode", "detail", "valeur", "raison"], ["contacts", "Saison d'été 2020", "", "2 678", ""], ["contacts", "2020", "amou", "", "non fourni"]];
    expect(readValuesCsv(rows, lines(3), targets, SEASONS)).toEqual({
      ok: true,
      rows: [
        { indicatorId: 1, period: "s1:2020", item: "", value: 2678, missingReason: null },
        { indicatorId: 1, period: "2020", item: "12", value: null, missingReason: "non fourni" },
      ],
    });
  });

  it("lists every problem of a bad file with its line", () => {
    const rows = [
      ["indicateur", "periode", "detail", "valeur", "raison"],
      ["inconnu", "2020", "", "1", ""],
      ["ppc", "2020", "", "1", ""],
      ["contacts", "Printemps 2020", "", "1", ""],
      ["contacts", "2020", "Geaune", "1", ""],
      ["contacts", "2020", "", "beaucoup", ""],
      ["contacts", "2020", "", "", ""],
      ["contacts", "2021", "", "3", ""],
      ["contacts", "2021", "", "4", ""],
    ];
    const out = readValuesCsv(rows, [1, 2, 3, 4, 5, 6, 7, 8, 10], targets, SEASONS);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6, 7, 10]);
    expect(out.problems[0]!.message).toMatch(/inconnu/);
    expect(out.problems[1]!.message).toMatch(/calculé/);
    expect(out.problems[6]!.message).toMatch(/ligne 8/);
    expect(readValuesCsv([["nom", "valeur"]], [1], targets, SEASONS).ok).toBe(false);
  });
});

describe("forms and the standard set", () => {
  it("ships a valid standard set whose formulas name its own indicators", () => {
    const set = standardFileSchema.parse(standard);
    const codes = new Set(set.indicators.map((i) => i.code));
    for (const i of set.indicators) {
      if (i.formula?.op === "ratio") expect([codes.has(i.formula.numerator), codes.has(i.formula.denominator)]).toEqual([true, true]);
      if (i.formula?.op === "occupancy") expect([codes.has(i.formula.nights), codes.has(i.formula.beds)]).toEqual([true, true]);
    }
    expect(set.seasons[0]).toEqual({ name: "Saison d'été", startMonth: 7, endMonth: 8 });
  });

  it("checks an indicator and a season with French messages", () => {
    const good = { code: "musee", name: "Visiteurs du musée", unit: "visiteurs", category: "sites", aggregation: "sum", breakdown: "product", items: "Musée\nCrypte\nMusée", decimals: "0", description: "" };
    expect(indicatorSchema.parse(good).items).toEqual(["Musée", "Crypte"]);
    const bad = indicatorSchema.safeParse({ ...good, code: "Musée !", items: "", decimals: "9" });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => i.message) ?? [];
    expect(messages.some((m) => m.startsWith("Code :"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Éléments du détail :"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Décimales :"))).toBe(true);
    expect(seasonSchema.safeParse({ name: "", startMonth: "13", endMonth: "2" }).error?.issues.map((i) => i.message)).toEqual([
      "Nom de la saison : ce champ est obligatoire.",
      "Premier mois : choisissez un mois.",
    ]);
  });
});
