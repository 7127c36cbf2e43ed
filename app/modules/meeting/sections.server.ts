// An agenda point of the minutes as it reads: its register summary and its indicator table,
// live while the minutes are drafts, frozen at publication (decisions 034 and 045).
import type { MeetingSectionsRecord, MeetingsRecord } from "../../../db/records";
import type { Knex } from "knex";
import { registerPeriod, type AttendeeStatus } from "./rules";
import type { MinutesIndicatorTable } from "../../../templates/minutes-model";
import { type Scope } from "~/modules/scope.server";
import { parseFrozenSummary, type RegisterKind, type RegisterSummary } from "../register/rules";
import { registerSummary } from "../register/queries.server";
import { loadIndicatorData } from "../indicator/queries.server";
import { CATEGORY_LABELS, parsePeriodKey, periodChoice, periodLabel, type Category } from "../indicator/rules";
import { yearOnYear } from "../indicator/views";
import { yearOnYearTable } from "../report/rules";

export interface Attendee {
  id: number;
  personId: number | null;
  name: string;
  role: string;
  status: AttendeeStatus;
  isGuest: boolean;
}

export interface Section {
  id: number;
  position: number;
  title: string;
  body: string;
  decisions: Array<{ id: number; text: string }>;
  /** the register summarised under the point, and the days chosen (null: the default period) */
  register: { kind: RegisterKind; from: string | null; to: string | null } | null;
  /** the summary: live while the minutes are drafts, as frozen at publication afterwards */
  registerSummary: RegisterSummary | null;
  /** the indicators' period shown under the point (decision 045): the selector's choice, its year, a category or all */
  indicators: { choice: string; year: number; category: Category | null } | null;
  /** their table against the year before: live while drafts, frozen at publication */
  indicatorTable: IndicatorSnapshot | null;
}

/** An agenda point's indicator table: its title, and the figures (null: no figure for the period). */
export type IndicatorSnapshot = MinutesIndicatorTable;

export function parseFrozenIndicators(text: unknown): IndicatorSnapshot | null {
  if (typeof text !== "string" || text === "") return null;
  try {
    const value = JSON.parse(text) as Partial<IndicatorSnapshot>;
    if (!value || typeof value.title !== "string" || (value.table !== null && (typeof value.table !== "object" || !Array.isArray(value.table?.rows)))) return null;
    return value as IndicatorSnapshot;
  } catch {
    return null;
  }
}

/** A point's choice as the form and the history tell it. */
export function sectionIndicators(s: MeetingSectionsRecord): Section["indicators"] {
  const period = typeof s.indicator_period === "string" ? parsePeriodKey(s.indicator_period) : null;
  if (!period) return null;
  const category = typeof s.indicator_category === "string" && s.indicator_category in CATEGORY_LABELS ? (s.indicator_category as Category) : null;
  return { choice: periodChoice(period), year: period.year, category };
}

/** The office's indicators, read once however many points of the minutes show them. */
export function indicatorDataOnce(scope: Scope): () => ReturnType<typeof loadIndicatorData> {
  let data: ReturnType<typeof loadIndicatorData> | null = null;
  return () => (data ??= loadIndicatorData(scope));
}

/** The office's indicators for a point's period against the same period a year earlier, as they stand now. */
export async function liveIndicators(scope: Scope, s: MeetingSectionsRecord, read = indicatorDataOnce(scope)): Promise<IndicatorSnapshot | null> {
  const period = typeof s.indicator_period === "string" ? parsePeriodKey(s.indicator_period) : null;
  if (!period) return null;
  const chosen = sectionIndicators(s);
  const data = await read();
  const defs = chosen?.category ? data.indicators.filter((i) => i.category === chosen.category) : data.indicators;
  const set = yearOnYear(data.context, defs, period);
  const what = chosen?.category ? `Indicateurs « ${CATEGORY_LABELS[chosen.category]} »` : "Indicateurs";
  const previous = periodLabel({ ...period, year: period.year - 1 }, data.seasons);
  return { title: `${what} — ${periodLabel(period, data.seasons)} par rapport à ${previous}`, table: set ? yearOnYearTable(set) : null };
}

/** A point's indicator table: frozen once the minutes are published, computed while they are drafts. */
export async function indicatorsOf(scope: Scope, meeting: MeetingsRecord, s: MeetingSectionsRecord, read: () => ReturnType<typeof loadIndicatorData>): Promise<IndicatorSnapshot | null> {
  if (!s.indicator_period) return null;
  if (meeting.status === "published") {
    const frozen = parseFrozenIndicators(s.indicator_table);
    if (frozen) return frozen;
  }
  return liveIndicators(scope, s, read);
}

export function sectionRegister(s: MeetingSectionsRecord): Section["register"] {
  if (!s.register_kind) return null;
  return { kind: s.register_kind as RegisterKind, from: s.register_from || null, to: s.register_to || null };
}

/** The day of the series' meeting before this one, if any: a summary's default period starts after it. */
export async function previousHeldOn(db: Knex | Knex.Transaction, meeting: MeetingsRecord): Promise<string | null> {
  const row = await db("meetings").where({ office_id: meeting.office_id, series_id: meeting.series_id }).where("held_on", "<", meeting.held_on).max({ day: "held_on" }).first();
  return row?.day || null;
}

/** A point's register summary: frozen once the minutes are published, computed while they are drafts. */
export async function summaryOf(scope: Scope, meeting: MeetingsRecord, s: MeetingSectionsRecord): Promise<RegisterSummary | null> {
  const chosen = sectionRegister(s);
  if (!chosen) return null;
  if (meeting.status === "published") {
    const frozen = parseFrozenSummary(s.register_summary);
    if (frozen) return frozen;
  }
  return liveSummary(scope, meeting, chosen);
}

export async function liveSummary(scope: Scope, meeting: MeetingsRecord, chosen: NonNullable<Section["register"]>): Promise<RegisterSummary> {
  const period = registerPeriod({ heldOn: meeting.held_on, previousHeldOn: await previousHeldOn(scope.db, meeting), from: chosen.from, to: chosen.to });
  return registerSummary(scope, chosen.kind, period);
}

export async function freezeSummaries(scope: Scope, meeting: MeetingsRecord): Promise<void> {
  const sections = await scope.db("meeting_sections").where({ meeting_id: meeting.id }).whereNotNull("register_kind");
  for (const s of sections) {
    const chosen = sectionRegister(s);
    if (!chosen) continue;
    const summary = await liveSummary(scope, meeting, chosen);
    await scope.db("meeting_sections").where({ id: s.id }).update({ register_summary: JSON.stringify(summary) });
  }
  // The indicator tables likewise: figures typed after the publication do not change the minutes.
  const readIndicators = indicatorDataOnce(scope);
  for (const s of await scope.db("meeting_sections").where({ meeting_id: meeting.id }).whereNotNull("indicator_period")) {
    const table = await liveIndicators(scope, s, readIndicators);
    if (table) await scope.db("meeting_sections").where({ id: s.id }).update({ indicator_table: JSON.stringify(table) });
  }
}
