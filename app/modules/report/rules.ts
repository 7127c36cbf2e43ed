// Pure rules of the Word reports: counting and grouping actions, rates against thresholds, and
// what is not ready before an audit. No I/O; "today" is injected.
import type { BarChartModel, PlanActionLine, PlanCount, PlanGrouping, RateRow, YearOnYearTable } from "../../../templates/report-models";
import type { FigureCell, SeasonFigures } from "../indicator/views";

export const GROUPINGS = { origine: "origin", bureau: "site", statut: "status" } as const satisfies Record<string, PlanGrouping>;
export const GROUPING_LABELS: Record<PlanGrouping, string> = { origin: "origine", site: "bureau", status: "statut" };

/** The whole office, for actions tied to no site. */
export const WHOLE_OFFICE = "Tout l’office";

export interface CountedAction {
  status: string;
  overdue: boolean;
  keys: string[];
}

/** Done / open / late / abandoned per key (a site, an origin), in the order keys first appear in `order`. */
export function countBy(actions: readonly CountedAction[], order: readonly string[]): PlanCount[] {
  const counts = new Map<string, PlanCount>(order.map((label) => [label, { label, done: 0, open: 0, overdue: 0, abandoned: 0 }]));
  for (const action of actions) {
    for (const key of action.keys) {
      const count = counts.get(key) ?? { label: key, done: 0, open: 0, overdue: 0, abandoned: 0 };
      if (action.status === "faite") count.done += 1;
      else if (action.status === "abandonnee") count.abandoned += 1;
      else count.open += 1;
      if (action.overdue) count.overdue += 1;
      counts.set(key, count);
    }
  }
  return [...counts.values()].filter((c) => c.done + c.open + c.abandoned > 0);
}

export function totalsOf(actions: readonly CountedAction[]): PlanCount & { total: number; percent: number | null } {
  const all = countBy(actions.map((a) => ({ ...a, keys: ["all"] })), ["all"])[0] ?? { label: "all", done: 0, open: 0, overdue: 0, abandoned: 0 };
  const counted = all.done + all.open;
  return { ...all, label: "Toutes les actions", total: actions.length, percent: counted === 0 ? null : Math.round((all.done / counted) * 100) };
}

/** Progress per site as a chart: done, open and late side by side. */
export function progressChart(bySite: readonly PlanCount[]): BarChartModel {
  return {
    title: "Avancement du plan d’actions par bureau",
    unit: "",
    series: ["Faites", "Ouvertes", "Dont en retard"],
    categories: bySite.map((c) => ({ label: c.label, values: [c.done, c.open, c.overdue] })),
  };
}

/** Actions in groups; an action of several sites appears under each of them. */
export function groupActions(
  actions: ReadonlyArray<PlanActionLine & { siteList: string[]; statusCode: string }>,
  grouping: PlanGrouping,
  order: { origins: readonly string[]; sites: readonly string[]; statuses: readonly string[] },
): Array<{ title: string; actions: PlanActionLine[] }> {
  const keysOf = (a: (typeof actions)[number]) => (grouping === "origin" ? [a.origin] : grouping === "status" ? [a.status] : a.siteList.length ? a.siteList : [WHOLE_OFFICE]);
  const titles = grouping === "origin" ? order.origins : grouping === "status" ? order.statuses : [...order.sites, WHOLE_OFFICE];
  const groups = new Map<string, PlanActionLine[]>(titles.map((t) => [t, []]));
  for (const action of actions) {
    const { siteList: _s, statusCode: _c, ...line } = action;
    for (const key of keysOf(action)) groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  return [...groups].filter(([, list]) => list.length > 0).map(([title, list]) => ({ title, actions: list }));
}

/** A reported rate judged against its threshold (on the rate as given). */
export function reportedRateRow(label: string, rate: number | null, threshold: number): RateRow {
  return { label, rate, threshold, meets: rate === null ? null : rate >= threshold };
}

/**
 * Rates as a bar chart. `reference` draws a threshold across when the rows have none of their
 * own (chapters, shown against the main pillar's threshold); `short` names the bars when the
 * rows' labels are too long to sit under them (chapter numbers).
 */
export function rateChart(
  title: string,
  rows: readonly RateRow[],
  series: string,
  options: { reference?: { value: number; label: string } | null; short?: (row: RateRow, index: number) => string } = {},
): BarChartModel | null {
  if (rows.every((r) => r.rate === null)) return null;
  const thresholds = new Set(rows.map((r) => r.threshold).filter((t): t is number => t !== null));
  const only = thresholds.size === 1 ? [...thresholds][0]! : null;
  return {
    title,
    unit: "%",
    series: [series],
    max: Math.max(100, ...rows.map((r) => r.rate ?? 0)),
    categories: rows.map((r, i) => ({ label: options.short ? options.short(r, i) : r.label, values: [r.rate] })),
    threshold: only !== null ? { value: only, label: `Seuil ${only} %` } : (options.reference ?? null),
  };
}

/**
 * A period's key figures against the year before as the readiness file prints them: the unit
 * after the name, a figure with a note marked "*", and why a figure is missing under the table.
 */
export function yearOnYearTable(set: SeasonFigures): YearOnYearTable {
  const first = set.figures[0]!.comparison;
  const notes = new Set<string>();
  const missing: string[] = [];
  const text = (cell: FigureCell, name: string, label: string) => {
    if (cell.state === "missing") missing.push(`${name}, ${label} : ${cell.reason ?? "raison non donnée"}`);
    if (cell.note) notes.add(cell.note);
    return cell.note ? `${cell.text} *` : cell.text;
  };
  return {
    title: set.title,
    previousLabel: first.previousLabel,
    currentLabel: first.currentLabel,
    rows: set.figures.map((f) => ({
      name: f.unit ? `${f.name} (${f.unit})` : f.name,
      previous: text(f.comparison.previous, f.name, f.comparison.previousLabel),
      current: text(f.comparison.current, f.name, f.comparison.currentLabel),
      variation: f.comparison.variation,
    })),
    missing,
    notes: [...notes],
  };
}
