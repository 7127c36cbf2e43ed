// Indicators without I/O: periods (years, months, the office's seasons, across years too), how
// months add up, values derived from months or breakdown items, computed indicators,
// year-on-year variation, and how a typed cell or a CSV line is read. Decision 028.

export const CATEGORIES = ["frequentation", "numerique", "commercialisation", "billetterie", "sites", "taxe_sejour", "satisfaction", "autre"] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  frequentation: "Fréquentation",
  numerique: "Numérique",
  commercialisation: "Commercialisation",
  billetterie: "Billetterie",
  sites: "Sites gérés",
  taxe_sejour: "Taxe de séjour",
  satisfaction: "Satisfaction",
  autre: "Autres",
};

export const AGGREGATIONS = ["sum", "mean", "last"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  sum: "Somme des mois",
  mean: "Moyenne des mois",
  last: "Dernière valeur connue",
};

export const BREAKDOWNS = ["none", "site", "origin", "product", "accommodation"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  none: "Aucune",
  site: "Par bureau d'information",
  origin: "Par provenance (région ou pays)",
  product: "Par produit, visite ou site",
  accommodation: "Par catégorie d'hébergement",
};
/** "Par provenance" as a section title: what one item of the breakdown is. */
export const BREAKDOWN_ITEM_LABELS: Record<Breakdown, string> = {
  none: "",
  site: "Bureau",
  origin: "Provenance",
  product: "Produit",
  accommodation: "Catégorie",
};

export type Formula =
  | { op: "ratio"; numerator: string; denominator: string; factor?: number }
  /** nights ÷ (beds × days of the period) × 100: an occupancy rate in %. */
  | { op: "occupancy"; nights: string; beds: string };

export interface IndicatorDef {
  id: number;
  code: string;
  name: string;
  unit: string;
  aggregation: Aggregation;
  breakdown: Breakdown;
  /** Labels of the breakdown items (site ids as text for a breakdown by site). */
  items: string[];
  formula: Formula | null;
  decimals: number;
}

export interface Season {
  id: number;
  name: string;
  startMonth: number;
  endMonth: number;
}

export type Period = { kind: "year"; year: number } | { kind: "month"; year: number; month: number } | { kind: "season"; seasonId: number; year: number };

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

const MONTH_NAMES = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

export function periodKey(p: Period): string {
  if (p.kind === "year") return String(p.year);
  if (p.kind === "month") return `${p.year}-${String(p.month).padStart(2, "0")}`;
  return `s${p.seasonId}:${p.year}`;
}

export function parsePeriodKey(key: string): Period | null {
  let m = /^(\d{4})$/.exec(key);
  if (m) return validYear(Number(m[1])) ? { kind: "year", year: Number(m[1]) } : null;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const month = Number(m[2]);
    return validYear(Number(m[1])) && month >= 1 && month <= 12 ? { kind: "month", year: Number(m[1]), month } : null;
  }
  m = /^s(\d{1,10}):(\d{4})$/.exec(key);
  if (m) return validYear(Number(m[2])) ? { kind: "season", seasonId: Number(m[1]), year: Number(m[2]) } : null;
  return null;
}

function validYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** The same period one year earlier (the season 2019 for the season 2020). */
export function previousYear(p: Period): Period {
  return { ...p, year: p.year - 1 };
}

export function withYear(p: Period, year: number): Period {
  return { ...p, year };
}

/** Whether a season runs into the next year (December to February). */
export function seasonCrossesYear(s: Pick<Season, "startMonth" | "endMonth">): boolean {
  return s.endMonth < s.startMonth;
}

/** The months ("2020-07") a period is made of, in order; a season across years ends the next year. */
export function monthsOf(p: Period, seasons: readonly Season[]): Array<{ year: number; month: number }> {
  if (p.kind === "month") return [{ year: p.year, month: p.month }];
  if (p.kind === "year") return Array.from({ length: 12 }, (_, i) => ({ year: p.year, month: i + 1 }));
  const season = seasons.find((s) => s.id === p.seasonId);
  if (!season) return [];
  const months: Array<{ year: number; month: number }> = [];
  let year = p.year;
  let month = season.startMonth;
  for (let i = 0; i < 12; i += 1) {
    months.push({ year, month });
    if (month === season.endMonth) break;
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days in a period (366 for 2020): the nights a bed could be let. */
export function daysIn(p: Period, seasons: readonly Season[]): number {
  return monthsOf(p, seasons).reduce((sum, m) => sum + daysInMonth(m.year, m.month), 0);
}

/** "juillet – août", "décembre – février": a season's months in words. */
export function seasonMonths(s: Pick<Season, "startMonth" | "endMonth">): string {
  return s.startMonth === s.endMonth ? monthName(s.startMonth) : `${monthName(s.startMonth)} – ${monthName(s.endMonth)}`;
}

/** "2020", "juillet 2020", "Saison d'été 2020", "Hiver 2020-2021". */
export function periodLabel(p: Period, seasons: readonly Season[]): string {
  if (p.kind === "year") return String(p.year);
  if (p.kind === "month") return `${monthName(p.month)} ${p.year}`;
  const season = seasons.find((s) => s.id === p.seasonId);
  if (!season) return `Saison ${p.year}`;
  return `${season.name} ${seasonCrossesYear(season) ? `${p.year}-${p.year + 1}` : p.year}`;
}

/** A period without its year, for titles and selects: "Année", "juillet", "Saison d'été (juillet – août)". */
export function periodKindLabel(p: Period, seasons: readonly Season[]): string {
  if (p.kind === "year") return "Année";
  if (p.kind === "month") return monthName(p.month);
  const season = seasons.find((s) => s.id === p.seasonId);
  return season ? `${season.name} (${seasonMonths(season)})` : "Saison";
}

/** A period selector's value without the year: "annee", "mois-07", "saison-3". */
export function periodChoice(p: Period): string {
  if (p.kind === "year") return "annee";
  if (p.kind === "month") return `mois-${String(p.month).padStart(2, "0")}`;
  return `saison-${p.seasonId}`;
}

/** The period of a selector's value for a year; null for an unknown choice. */
export function periodFromChoice(choice: string, year: number, seasons: readonly Season[]): Period | null {
  if (!validYear(year)) return null;
  if (choice === "annee") return { kind: "year", year };
  let m = /^mois-(\d{2})$/.exec(choice);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? { kind: "month", year, month } : null;
  }
  m = /^saison-(\d{1,10})$/.exec(choice);
  if (m && seasons.some((s) => s.id === Number(m![1]))) return { kind: "season", seasonId: Number(m[1]), year };
  return null;
}

/** What one stored cell holds: a figure, or a figure known to be missing and why. */
export type StoredCell = ({ value: number; missingReason: null } | { value: null; missingReason: string }) & { note?: string | null };

/** A figure as read for a period: entered, derived (from months, items or a formula), missing with its reason, or none. */
export type Figure =
  /** `note`: where the figure comes from when it is not the office's own count (demo figures) */
  | { state: "value"; value: number; derived: boolean; note?: string }
  | { state: "missing"; reason: string }
  | { state: "none" };

const NONE: Figure = { state: "none" };

/** The stored cells of an office, by indicator code: `${periodKey}|${item}` → cell. */
export type CellStore = ReadonlyMap<string, ReadonlyMap<string, StoredCell>>;

export function cellKey(period: string, item: string): string {
  return `${period}|${item}`;
}

export interface FigureContext {
  indicators: ReadonlyMap<string, IndicatorDef>;
  cells: CellStore;
  seasons: readonly Season[];
}

/** The note of any figure a derived one is made of. */
function noteOf(figures: Figure[]): { note?: string } {
  for (const f of figures) if (f.state === "value" && f.note) return { note: f.note };
  return {};
}

function aggregate(aggregation: Aggregation, figures: Figure[], what: string): Figure {
  const missing = figures.find((f): f is Extract<Figure, { state: "missing" }> => f.state === "missing");
  const values = figures.filter((f): f is Extract<Figure, { state: "value" }> => f.state === "value").map((f) => f.value);
  if (values.length === 0) return missing ?? NONE;
  if (aggregation === "last") return { state: "value", value: lastKnown(figures), derived: true, ...noteOf(figures) };
  if (missing) return { state: "missing", reason: `${what} : ${missing.reason}` };
  if (aggregation === "mean") return { state: "value", value: values.reduce((a, b) => a + b, 0) / values.length, derived: true, ...noteOf(figures) };
  // A sum over some months only would pass for the whole period: it stays missing.
  if (values.length < figures.length) return { state: "missing", reason: `${what} incomplets (${values.length} sur ${figures.length} saisis)` };
  return { state: "value", value: values.reduce((a, b) => a + b, 0), derived: true, ...noteOf(figures) };
}

function lastKnown(figures: Figure[]): number {
  for (let i = figures.length - 1; i >= 0; i -= 1) {
    const f = figures[i]!;
    if (f.state === "value") return f.value;
  }
  return 0;
}

/**
 * The figure of an indicator for a period and an item ("" for the total): the value entered
 * for it; else, for a total, its items added up; else its months added up as the indicator says;
 * a computed indicator from its formula. A missing figure stays missing, with its reason.
 */
export function figureOf(ctx: FigureContext, code: string, period: Period, item = "", depth = 0): Figure {
  const def = ctx.indicators.get(code);
  if (!def || depth > 4) return NONE;
  if (def.formula) return computed(ctx, def.formula, period, item, depth);
  const cells = ctx.cells.get(code);
  const direct = cells?.get(cellKey(periodKey(period), item));
  if (direct) {
    if (direct.value === null) return { state: "missing", reason: direct.missingReason };
    return direct.note ? { state: "value", value: direct.value, derived: false, note: direct.note } : { state: "value", value: direct.value, derived: false };
  }
  // Counts and stocks add up across items (nights, beds by category); means and rates do not.
  if (item === "" && def.breakdown !== "none" && def.items.length > 0 && def.aggregation !== "mean") {
    const byItem = def.items.map((i) => figureOf(ctx, code, period, i, depth));
    if (byItem.some((f) => f.state !== "none")) {
      const missing = byItem.find((f): f is Extract<Figure, { state: "missing" }> => f.state === "missing");
      if (missing) return { state: "missing", reason: missing.reason };
      return { state: "value", value: byItem.reduce((s, f) => s + (f.state === "value" ? f.value : 0), 0), derived: true, ...noteOf(byItem) };
    }
  }
  if (period.kind === "month") return NONE;
  const months = monthsOf(period, ctx.seasons).map((m) => figureOf(ctx, code, { kind: "month", year: m.year, month: m.month }, item, depth));
  if (months.every((f) => f.state === "none")) return NONE;
  return aggregate(def.aggregation, months, "Mois");
}

function computed(ctx: FigureContext, formula: Formula, period: Period, item: string, depth: number): Figure {
  const operands =
    formula.op === "ratio"
      ? [figureOf(ctx, formula.numerator, period, item, depth + 1), figureOf(ctx, formula.denominator, period, item, depth + 1)]
      : [figureOf(ctx, formula.nights, period, item, depth + 1), figureOf(ctx, formula.beds, period, item, depth + 1)];
  const [a, b] = operands as [Figure, Figure];
  if (a.state === "missing") return a;
  if (b.state === "missing") return b;
  if (a.state === "none" || b.state === "none") return NONE;
  if (b.value === 0) return { state: "missing", reason: "division par zéro" };
  const value = formula.op === "ratio" ? (a.value / b.value) * (formula.factor ?? 1) : (a.value / (b.value * daysIn(period, ctx.seasons))) * 100;
  return { state: "value", value, derived: true, ...noteOf([a, b]) };
}

/** The variation in % from `previous` to `current`, or null when either is not a figure (or previous is 0). */
export function variation(current: Figure, previous: Figure): number | null {
  if (current.state !== "value" || previous.state !== "value" || previous.value === 0) return null;
  return ((current.value - previous.value) / previous.value) * 100;
}

const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(decimals: number): Intl.NumberFormat {
  let f = numberFormats.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
    numberFormats.set(decimals, f);
  }
  return f;
}

/** "2 678", "1,16": a figure as French readers write it (normal spaces, so it copies well). */
export function formatNumber(value: number, decimals = 0): string {
  return numberFormat(decimals).format(value).replace(/[\u202f\u00a0]/g, " ");
}

/** "+1,5 %", "−12,0 %", "0,0 %". */
export function formatVariation(v: number | null): string {
  if (v === null) return "—";
  const rounded = Math.round(v * 10) / 10;
  const text = Math.abs(rounded).toLocaleString("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : ""}${text} %`;
}

export function formatFigure(f: Figure, decimals = 0, unit = ""): string {
  if (f.state === "value") return `${formatNumber(f.value, decimals)}${unit ? ` ${unit}` : ""}`;
  if (f.state === "missing") return "manquant";
  return "—";
}

/** A French figure as typed or pasted: "2 678", "2678", "12,5", "1.087.638" is refused (ambiguous). */
export function parseFigure(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^-?\d+(,\d+)?$/.test(compact) && !/^-?\d+\.\d+$/.test(compact)) return null;
  const value = Number(compact.replace(",", "."));
  return Number.isFinite(value) && Math.abs(value) < 1e12 ? value : null;
}

export const MAX_REASON = 300;
const NOT_SUPPLIED = new Set(["nc", "n.c.", "n.c", "nd", "n.d."]);

export type CellInput = { kind: "empty" } | { kind: "value"; value: number } | { kind: "missing"; reason: string } | { kind: "error"; message: string };

/**
 * What a typed or pasted cell means: a figure; nothing (no figure recorded); or, for words in
 * place of a figure, the reason the figure is missing ("non fourni par la communauté de communes").
 */
export function readCell(text: string): CellInput {
  const t = text.trim();
  if (t === "") return { kind: "empty" };
  const value = parseFigure(t);
  if (value !== null) return { kind: "value", value };
  if (/^[-+\d\s\u00a0\u202f.,]+$/.test(t)) return { kind: "error", message: "nombre attendu (exemple : 2 678 ou 12,5)." };
  if (NOT_SUPPLIED.has(t.toLowerCase())) return { kind: "missing", reason: "non communiqué" };
  if (t.length < 3) return { kind: "error", message: "un nombre, ou la raison du chiffre manquant (3 caractères au moins)." };
  if (t.length > MAX_REASON) return { kind: "error", message: `raison du chiffre manquant : ${MAX_REASON} caractères au maximum.` };
  return { kind: "missing", reason: t };
}

/** Which breakdown item a label names: the item itself, case and accents aside. */
export function matchItem(items: readonly string[], label: string): string | null {
  const key = foldKey(label);
  return items.find((i) => foldKey(i) === key) ?? null;
}

export function foldKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[’']/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * A period as a person writes it in a file: "2020", "2020-07", "07/2020", "juillet 2020",
 * or a season's name and its (first) year: "Saison d'été 2020".
 */
export function readPeriod(text: string, seasons: readonly Season[]): Period | null {
  const t = text.trim();
  const key = parsePeriodKey(t);
  if (key && key.kind !== "season") return key;
  let m = /^(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) return parsePeriodKey(`${m[2]}-${m[1]!.padStart(2, "0")}`);
  m = /^(.+?)\s+(\d{4})(?:\s*[-/]\s*\d{4})?$/.exec(t);
  if (!m) return null;
  const year = Number(m[2]);
  if (!validYear(year)) return null;
  const name = foldKey(m[1]!);
  const month = MONTH_NAMES.findIndex((n) => foldKey(n) === name);
  if (month >= 0) return { kind: "month", year, month: month + 1 };
  const season = seasons.find((s) => foldKey(s.name) === name);
  return season ? { kind: "season", seasonId: season.id, year } : null;
}

export interface ImportTarget {
  id: number;
  code: string;
  name: string;
  computed: boolean;
  breakdown: Breakdown;
  /** item label as written in files → stored item ("Amou" → "12" for a site) */
  items: ReadonlyArray<{ label: string; item: string }>;
}

export interface ImportRow {
  indicatorId: number;
  period: string;
  item: string;
  value: number | null;
  missingReason: string | null;
}

export interface ImportProblem {
  line: number | null;
  message: string;
}

export const MAX_IMPORT_ROWS = 5000;
const COLUMN_NAMES: Record<string, "indicator" | "period" | "item" | "value" | "reason"> = {
  indicateur: "indicator",
  code: "indicator",
  periode: "period",
  detail: "item",
  ventilation: "item",
  valeur: "value",
  raison: "reason",
};

/**
 * Values from a CSV (indicateur;periode;detail;valeur;raison). Every problem is listed with its
 * line; any problem and nothing is imported.
 */
export function readValuesCsv(
  rows: string[][],
  lines: number[],
  targets: readonly ImportTarget[],
  seasons: readonly Season[],
): { ok: true; rows: ImportRow[] } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const [header, ...body] = rows;
  if (!header) return { ok: false, problems: [{ line: null, message: "Le fichier est vide." }] };
  const columns = header.map((h) => COLUMN_NAMES[foldKey(h)] ?? null);
  const at = (name: string) => columns.indexOf(name as never);
  for (const required of ["indicator", "period", "value"] as const) {
    if (at(required) < 0) {
      problems.push({ line: lines[0] ?? 1, message: "En-tête attendu : indicateur;periode;detail;valeur;raison (detail et raison peuvent manquer)." });
      return { ok: false, problems };
    }
  }
  if (body.length === 0) return { ok: false, problems: [{ line: null, message: "Aucune ligne de valeurs sous l'en-tête." }] };
  if (body.length > MAX_IMPORT_ROWS) return { ok: false, problems: [{ line: null, message: `${MAX_IMPORT_ROWS} lignes au maximum par fichier.` }] };
  const byCode = new Map(targets.map((t) => [foldKey(t.code), t]));
  const seen = new Map<string, number>();
  const out: ImportRow[] = [];
  body.forEach((row, index) => {
    const line = lines[index + 1] ?? index + 2;
    const cell = (name: string) => (at(name) >= 0 ? (row[at(name)] ?? "").trim() : "");
    const fail = (message: string) => problems.push({ line, message });
    const target = byCode.get(foldKey(cell("indicator")));
    if (!target) return fail(cell("indicator") ? `indicateur « ${cell("indicator")} » inconnu dans cet office (codes : colonne « Code » de la liste).` : "indicateur : le code est obligatoire.");
    if (target.computed) return fail(`« ${target.name} » est calculé : il ne se saisit pas.`);
    const period = readPeriod(cell("period"), seasons);
    if (!period) return fail(`période « ${cell("period")} » illisible (exemples : 2020, 2020-07, juillet 2020, ${seasons[0] ? `${seasons[0].name} 2020` : "une saison et son année"}).`);
    let item = "";
    if (cell("item") !== "") {
      if (target.breakdown === "none") return fail(`« ${target.name} » n'a pas de détail : laissez la colonne detail vide.`);
      const found = target.items.find((i) => foldKey(i.label) === foldKey(cell("item")));
      if (!found) return fail(`détail « ${cell("item")} » inconnu pour « ${target.name} » (${target.items.map((i) => i.label).join(", ")}).`);
      item = found.item;
    }
    const valueText = cell("value");
    const reason = cell("reason");
    let value: number | null = null;
    if (valueText !== "") {
      value = parseFigure(valueText);
      if (value === null) return fail(`valeur « ${valueText} » : nombre attendu (exemple : 2 678 ou 12,5).`);
      if (reason !== "") return fail("valeur et raison : une valeur, ou la raison de son absence, pas les deux.");
    } else if (reason === "") return fail("valeur absente : indiquez la raison du chiffre manquant dans la colonne raison.");
    else if (reason.length > MAX_REASON) return fail(`raison : ${MAX_REASON} caractères au maximum.`);
    const key = `${target.id}|${periodKey(period)}|${item}`;
    const first = seen.get(key);
    if (first !== undefined) return fail(`même indicateur, période et détail qu'à la ligne ${first}.`);
    seen.set(key, line);
    out.push({ indicatorId: target.id, period: periodKey(period), item, value, missingReason: value === null ? reason : null });
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows: out };
}

/** Every year from `from` to `to`, in order. */
export function yearsBetween(from: number, to: number): number[] {
  const years: number[] = [];
  for (let y = from; y <= to; y += 1) years.push(y);
  return years;
}

/** The period a page's address asks for (?periode=saison-3&annee=2020); unreadable parts fall back to the defaults. */
export function periodFromSearch(params: URLSearchParams, seasons: readonly Season[], defaults: { choice: string; year: number }): Period {
  const yearText = params.get("annee") ?? "";
  const year = /^\d{4}$/.test(yearText) && validYear(Number(yearText)) ? Number(yearText) : defaults.year;
  return (
    periodFromChoice(params.get("periode") ?? defaults.choice, year, seasons) ??
    periodFromChoice(defaults.choice, year, seasons) ?? { kind: "year", year }
  );
}

/** The choices of a period selector: the year, each season, each month. */
export function periodChoices(seasons: readonly Season[]): Array<{ value: string; label: string }> {
  return [
    { value: "annee", label: "Année entière" },
    ...seasons.map((s) => ({ value: `saison-${s.id}`, label: `${s.name} (${seasonMonths(s)})` })),
    ...MONTH_NAMES.map((name, i) => ({ value: `mois-${String(i + 1).padStart(2, "0")}`, label: name.charAt(0).toUpperCase() + name.slice(1) })),
  ];
}
