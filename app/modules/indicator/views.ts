// The figures of the indicator pages as plain data (no I/O, no React): one indicator over the
// years, a period against the same period a year earlier, a breakdown with its shares, and the
// office's key figures. The pages draw them, and so do the Word reports (the same chart model).
import type { BarChartModel } from "../../../templates/report-models";
import {
  figureOf,
  formatFigure,
  formatNumber,
  formatVariation,
  periodChoice,
  periodLabel,
  seasonCrossesYear,
  variation,
  withYear,
  type Figure,
  type FigureContext,
  type IndicatorDef,
  type Period,
  type Season,
} from "./rules";

export interface FigureCell {
  state: Figure["state"];
  value: number | null;
  /** "2 678", "manquant", "—" */
  text: string;
  /** why the figure is missing */
  reason: string | null;
  /** the figure comes from months, items or a formula, not from one typed value */
  derived: boolean;
  /** "Chiffre de démonstration" */
  note: string | null;
}

export function figureCell(f: Figure, decimals: number): FigureCell {
  return {
    state: f.state,
    value: f.state === "value" ? f.value : null,
    text: formatFigure(f, decimals),
    reason: f.state === "missing" ? f.reason : null,
    derived: f.state === "value" && f.derived,
    note: f.state === "value" ? (f.note ?? null) : null,
  };
}

export interface YearRow {
  year: number;
  label: string;
  figure: FigureCell;
  /** against the year before, "+1,5 %" */
  variation: string;
  variationValue: number | null;
}

/** An indicator for the same period of every year from `from` to `to`. */
export function overYears(ctx: FigureContext, def: IndicatorDef, period: Period, from: number, to: number, item = ""): YearRow[] {
  const rows: YearRow[] = [];
  for (let year = from; year <= to; year += 1) {
    const p = withYear(period, year);
    const current = figureOf(ctx, def.code, p, item);
    const previous = figureOf(ctx, def.code, withYear(period, year - 1), item);
    const v = variation(current, previous);
    rows.push({ year, label: periodLabel(p, ctx.seasons), figure: figureCell(current, def.decimals), variation: formatVariation(v), variationValue: v });
  }
  return rows;
}

/**
 * The chart of an indicator over the years (`overYears`): one bar a year, the year asked for in
 * bold, a missing figure written in place of its bar. Drawn alike on the page and in Word.
 */
export function yearsChart(def: Pick<IndicatorDef, "name" | "unit">, rows: readonly YearRow[], title: string, selectedYear?: number): BarChartModel {
  const percent = def.unit === "%";
  return {
    title,
    unit: percent ? "%" : "",
    series: [def.name],
    categories: rows.map((r) => ({
      label: String(r.year),
      values: [r.figure.value],
      texts: [r.figure.state === "value" && percent ? `${r.figure.text} %` : r.figure.text],
      ...(r.year === selectedYear ? { emphasis: true } : {}),
    })),
    ...(percent ? { max: 100 } : {}),
  };
}

/** The first and last years with a figure (entered, derived or missing) for this period. */
export function yearsWithFigures(ctx: FigureContext, def: IndicatorDef, period: Period, from: number, to: number): { first: number; last: number } | null {
  let first: number | null = null;
  let last: number | null = null;
  for (let year = from; year <= to; year += 1) {
    if (figureOf(ctx, def.code, withYear(period, year)).state !== "none") {
      first ??= year;
      last = year;
    }
  }
  return first === null || last === null ? null : { first, last };
}

export interface Comparison {
  currentLabel: string;
  previousLabel: string;
  current: FigureCell;
  previous: FigureCell;
  variation: string;
  variationValue: number | null;
}

/** A period against the same period a year earlier. */
export function compareWithPreviousYear(ctx: FigureContext, def: IndicatorDef, period: Period, item = ""): Comparison {
  const previousPeriod = withYear(period, period.year - 1);
  const current = figureOf(ctx, def.code, period, item);
  const previous = figureOf(ctx, def.code, previousPeriod, item);
  const v = variation(current, previous);
  return {
    currentLabel: periodLabel(period, ctx.seasons),
    previousLabel: periodLabel(previousPeriod, ctx.seasons),
    current: figureCell(current, def.decimals),
    previous: figureCell(previous, def.decimals),
    variation: formatVariation(v),
    variationValue: v,
  };
}

export interface BreakdownRow {
  item: string;
  label: string;
  current: FigureCell;
  previous: FigureCell;
  /** share of the total of the items, in % */
  share: number | null;
  shareText: string;
  variation: string;
}

/** Each item of the breakdown for a period, its share of the items' total and its variation. */
export function breakdownRows(ctx: FigureContext, def: IndicatorDef & { itemLabels: Record<string, string> }, period: Period): BreakdownRow[] {
  const previousPeriod = withYear(period, period.year - 1);
  const figures = def.items.map((item) => ({ item, current: figureOf(ctx, def.code, period, item), previous: figureOf(ctx, def.code, previousPeriod, item) }));
  // Shares only mean something for figures that add up (not a rate or a mean).
  const total = def.aggregation !== "mean" && !def.formula ? figures.reduce((s, f) => s + (f.current.state === "value" ? f.current.value : 0), 0) : 0;
  return figures.map((f) => {
    const share = total > 0 && f.current.state === "value" ? (f.current.value / total) * 100 : null;
    return {
      item: f.item,
      label: def.itemLabels[f.item] ?? f.item,
      current: figureCell(f.current, def.decimals),
      previous: figureCell(f.previous, def.decimals),
      share,
      shareText: share === null ? "—" : `${formatNumber(share, 1)} %`,
      variation: formatVariation(variation(f.current, f.previous)),
    };
  });
}

export interface KeyFigure {
  id: number;
  code: string;
  name: string;
  unit: string;
  comparison: Comparison;
}

function keyFigure(ctx: FigureContext, d: IndicatorDef, period: Period): KeyFigure {
  return { id: d.id, code: d.code, name: d.name, unit: d.unit, comparison: compareWithPreviousYear(ctx, d, period) };
}

/** Every indicator of the office for a period against the year before (the key figures). */
export function keyFigures(ctx: FigureContext, defs: ReadonlyArray<IndicatorDef>, period: Period): KeyFigure[] {
  return defs.map((d) => keyFigure(ctx, d, period));
}

export interface SeasonFigures {
  /** "Saison d'été 2026 par rapport à 2025" */
  title: string;
  /** the indicators page for that period */
  href: string;
  figures: KeyFigure[];
}

/** The latest period of the office's first season that is over on `today`; null without a season. */
export function latestFinishedSeason(seasons: readonly Season[], today: string): Period | null {
  const [year, month] = today.split("-").map(Number) as [number, number];
  const season = seasons[0];
  if (!season) return null;
  // A season is known by the year it starts in; one that runs into the next year ends then.
  const over = month > season.endMonth;
  const start = seasonCrossesYear(season) ? (over ? year - 1 : year - 2) : over ? year : year - 1;
  return { kind: "season", seasonId: season.id, year: start };
}

/** The latest whole year that is over on `today`. */
export function latestFinishedYear(today: string): Period {
  return { kind: "year", year: Number(today.slice(0, 4)) - 1 };
}

/** The indicators with a figure for a period, against the same period a year earlier (at most `limit`). */
export function yearOnYear(ctx: FigureContext, defs: ReadonlyArray<IndicatorDef>, period: Period, limit = Infinity): SeasonFigures | null {
  // Compared one by one until `limit` have a figure: the dashboard asks for four of them.
  const figures: KeyFigure[] = [];
  for (const d of defs) {
    if (figures.length >= limit) break;
    const figure = keyFigure(ctx, d, period);
    if (figure.comparison.current.state !== "none") figures.push(figure);
  }
  if (figures.length === 0) return null;
  const choice = period.kind === "season" ? `saison-${period.seasonId}` : periodChoice(period);
  return {
    title: `${periodLabel(period, ctx.seasons)} par rapport à ${periodLabel(withYear(period, period.year - 1), ctx.seasons)}`,
    href: `/indicateurs?periode=${choice}&annee=${period.year}`,
    figures,
  };
}

/**
 * The latest finished season of the office (its first season; else the last year over) against
 * the year before: the few key figures a dashboard shows, those with a figure that period.
 */
export function latestSeasonFigures(ctx: FigureContext, defs: ReadonlyArray<IndicatorDef>, today: string, limit = 4): SeasonFigures | null {
  return yearOnYear(ctx, defs, latestFinishedSeason(ctx.seasons, today) ?? latestFinishedYear(today), limit);
}
