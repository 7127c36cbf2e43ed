// The office's meeting series: their kind, their cadence, and when each one's next meeting is due.
import type { MeetingSeriesRecord } from "../../../db/records";
import { DuplicateError } from "../errors";
import type { Knex } from "knex";
import type { SeriesValues } from "./schema";
import { meetingSchedule, type MeetingKind, type Schedule } from "./rules";
import { recordHistory } from "../history/queries.server";
import { insertedId, lockForUpdate, nameKey, nowIso, num, sortByFrench } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";

export interface Series {
  id: number;
  name: string;
  kind: MeetingKind;
  cadenceMonths: number;
  firstDueOn: string | null;
  description: string;
  /** "30,7": days before the due date when the reminders go out ("": none) */
  reminderDays: string;
}

export interface SeriesWithSchedule extends Series {
  schedule: Schedule;
  meetingCount: number;
}

function toSeries(r: MeetingSeriesRecord): Series {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as MeetingKind,
    cadenceMonths: r.cadence_months,
    firstDueOn: r.first_due_on || null,
    description: r.description,
    reminderDays: r.reminder_days,
  };
}

export async function listSeries(scope: Scope): Promise<SeriesWithSchedule[]> {
  const { db, officeId, today } = scope;
  const [series, meetings] = await Promise.all([
    db("meeting_series").where({ office_id: officeId }),
    db("meetings as m")
      .where("m.office_id", officeId)
      .select(
        "m.series_id",
        "m.held_on",
        "m.status",
        db("meeting_attendees as a").whereRaw("a.meeting_id = m.id").andWhere("a.status", "present").count("*").as("present"),
      ),
  ]);
  const daysBySeries = new Map<number, string[]>();
  for (const m of meetings as Array<{ series_id: number; held_on: string; status: string; present: number | string }>) {
    // A past meeting counts once it has taken place: minutes published or someone marked
    // present. One planned and never confirmed does not move the cadence.
    const held = m.status === "published" || num(m.present) > 0;
    if (m.held_on <= today && !held) continue;
    const list = daysBySeries.get(m.series_id) ?? [];
    list.push(m.held_on);
    daysBySeries.set(m.series_id, list);
  }
  return sortByFrench(
    series.map((r) => {
      const s = toSeries(r);
      const days = daysBySeries.get(s.id) ?? [];
      return { ...s, schedule: meetingSchedule(s, days, today), meetingCount: days.length };
    }),
    (s) => s.name,
  );
}

export async function getSeries(scope: Scope, query: { seriesId: number }): Promise<Series | null> {
  const { db, officeId } = scope;
  const row = await db("meeting_series").where({ id: query.seriesId, office_id: officeId }).first();
  return row ? toSeries(row) : null;
}

function seriesColumns(v: SeriesValues) {
  return {
    name: v.name,
    name_key: nameKey(v.name),
    kind: v.kind,
    cadence_months: v.cadenceMonths,
    first_due_on: v.firstDueOn,
    description: v.description,
    ...(v.reminderDays !== undefined ? { reminder_days: v.reminderDays } : {}),
  };
}

async function assertUniqueSeriesName(trx: Knex.Transaction, officeId: number, name: string, exceptId: number | null) {
  const q = trx("meeting_series").where({ office_id: officeId, name_key: nameKey(name) });
  if (exceptId !== null) q.whereNot({ id: exceptId });
  if (await q.first()) throw new DuplicateError("name", "Nom : une série porte déjà ce nom.");
}

export async function createSeries(scope: Scope, v: SeriesValues): Promise<number> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    await assertUniqueSeriesName(trx, officeId, v.name, null);
    const now = nowIso();
    const row = { ...seriesColumns(v), office_id: officeId, created_at: now, updated_at: now };
    const id = insertedId(await trx("meeting_series").insert(row).returning("id"));
    await recordHistory(trx, { officeId, entityType: "meeting_series", entityId: id, action: "create", actor, before: null, after: row });
    return id;
  });
}

export async function updateSeries(scope: Scope, query: { seriesId: number }, v: SeriesValues): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await lockForUpdate(trx, trx("meeting_series").where({ id: query.seriesId, office_id: officeId })).first();
    if (!before) return false;
    await assertUniqueSeriesName(trx, officeId, v.name, query.seriesId);
    const after = { ...seriesColumns(v), updated_at: nowIso() };
    await trx("meeting_series").where({ id: query.seriesId }).update(after);
    await recordHistory(trx, { officeId, entityType: "meeting_series", entityId: query.seriesId, action: "update", actor, before, after: { ...before, ...after } });
    return true;
  });
}
