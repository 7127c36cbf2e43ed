// Meetings of an office: series and their cadence, meetings with attendees, agenda sections,
// minutes and decisions, actions created from them, publication and read receipts.
import { DuplicateError, FieldError, RecordReferenceError, StateError } from "../errors";
import type { Knex } from "knex";
import { ACTION_STATUS_LABELS, type ActionStatus } from "~/modules/action/rules";
import type { AttendanceValues, MeetingActionValues, MeetingValues, MinutesValues, NewMeetingValues, SeriesValues } from "~/modules/meeting/schema";
import {
  describeAttendee,
  meetingSchedule,
  registerPeriod,
  listItems,
  type AttendeeStatus,
  type MeetingKind,
  type MeetingStatus,
  type Schedule,
} from "~/modules/meeting/rules";
import type { MinutesDocumentModel, MinutesIndicatorTable } from "../../../templates/minutes-model";
import { createAction } from "../action/queries.server";
import { listMeetingAttachments, type Attachment } from "../attachment/queries.server";
import { recordHistory } from "../history/queries.server";
import { enqueueInvitations, invitationChanged } from "./invitations.server";
import { formatDate } from "~/domain/dates";
import { bool, insertedId, lockForUpdate, nameKey, nowIso, num, numOrNull, sortByFrench } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";
import { REGISTER_TITLES, parseFrozenSummary, type RegisterKind, type RegisterSummary } from "../register/rules";
import { registerSummary } from "../register/queries.server";
import { loadIndicatorData } from "../indicator/queries.server";
import { CATEGORY_LABELS, parsePeriodKey, periodChoice, periodFromChoice, periodKey, periodLabel, type Category } from "../indicator/rules";
import { yearOnYear } from "../indicator/views";
import { yearOnYearTable } from "../report/rules";

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

function toSeries(r: Record<string, unknown>): Series {
  return {
    id: num(r.id),
    name: String(r.name),
    kind: r.kind as MeetingKind,
    cadenceMonths: num(r.cadence_months),
    firstDueOn: r.first_due_on ? String(r.first_due_on) : null,
    description: String(r.description),
    reminderDays: String(r.reminder_days ?? "30,7"),
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
  for (const m of meetings) {
    // A past meeting counts once it has taken place: minutes published or someone marked
    // present. One planned and never confirmed does not move the cadence.
    const held = m.status === "published" || num(m.present) > 0;
    if (String(m.held_on) <= today && !held) continue;
    const list = daysBySeries.get(num(m.series_id)) ?? [];
    list.push(String(m.held_on));
    daysBySeries.set(num(m.series_id), list);
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

// ---------------------------------------------------------------------------------------------
// Meetings

export interface MeetingRow {
  id: number;
  seriesId: number;
  seriesName: string;
  title: string;
  heldOn: string;
  startTime: string;
  endTime: string | null;
  place: string;
  status: MeetingStatus;
  publishedAt: string | null;
  /** When the current user marked the minutes as read (null: not read). */
  readAt: string | null;
}

function toMeetingRow(r: Record<string, unknown>): MeetingRow {
  return {
    id: num(r.id),
    seriesId: num(r.series_id),
    seriesName: String(r.series_name),
    title: String(r.title),
    heldOn: String(r.held_on),
    startTime: String(r.start_time),
    endTime: r.end_time ? String(r.end_time) : null,
    place: String(r.place),
    status: r.status as MeetingStatus,
    publishedAt: r.published_at ? String(r.published_at) : null,
    readAt: r.read_at ? String(r.read_at) : null,
  };
}

/** Meetings newest first; drafts only for those who may see them. */
export async function listMeetings(
  scope: Scope,
  query: { userId: number; includeDrafts: boolean; seriesId?: number | null },
): Promise<MeetingRow[]> {
  const { db, officeId } = scope;
  const q = db("meetings as m")
    .join("meeting_series as s", "s.id", "m.series_id")
    .leftJoin("meeting_reads as r", function () {
      this.on("r.meeting_id", "=", "m.id").andOn("r.user_id", "=", db.raw("?", [query.userId]));
    })
    .where("m.office_id", officeId)
    .select("m.*", "s.name as series_name", "r.read_at")
    .orderBy([{ column: "m.held_on", order: "desc" }, { column: "m.start_time", order: "desc" }, { column: "m.id", order: "desc" }]);
  if (!query.includeDrafts) q.where("m.status", "published");
  if (query.seriesId) q.where("m.series_id", query.seriesId);
  return (await q).map(toMeetingRow);
}

async function checkPeople(trx: Knex.Transaction, officeId: number, fields: Record<string, number | null>, labels: Record<string, string>) {
  for (const [field, id] of Object.entries(fields)) {
    if (id === null) continue;
    if (!(await trx("people").where({ id, office_id: officeId }).first())) throw new RecordReferenceError(field, `${labels[field]} : choix invalide.`);
  }
}

const PERSON_FIELD_LABELS = {
  chairId: "Présidence",
  writerId: "Rédaction du compte rendu",
  referentId: "Référent qualité",
  followUpId: "Responsable du suivi",
};

async function checkMeetingReferences(trx: Knex.Transaction, officeId: number, v: MeetingValues) {
  if (!(await trx("meeting_series").where({ id: v.seriesId, office_id: officeId }).first())) {
    throw new RecordReferenceError("seriesId", "Série de réunions : choix invalide.");
  }
  await checkPeople(trx, officeId, { chairId: v.chairId, writerId: v.writerId, referentId: v.referentId, followUpId: v.followUpId }, PERSON_FIELD_LABELS);
}

function meetingColumns(v: MeetingValues) {
  return {
    series_id: v.seriesId,
    title: v.title,
    held_on: v.heldOn,
    start_time: v.startTime,
    end_time: v.endTime,
    place: v.place,
    chair_person_id: v.chairId,
    writer_person_id: v.writerId,
    doc_referent_person_id: v.referentId,
    doc_follow_up_person_id: v.followUpId,
    doc_concerned: v.concerned,
  };
}

/** The role shown beside a person in the attendance list when none is typed. */
function defaultRole(person: Record<string, unknown>): string {
  return [person.job_title, person.organisation].map((v) => String(v ?? "").trim()).filter(Boolean).join(", ");
}

export async function createMeeting(scope: Scope, v: NewMeetingValues): Promise<number> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    await checkMeetingReferences(trx, officeId, v);
    const invitees = v.inviteeIds.length ? await trx("people").where({ office_id: officeId }).whereIn("id", v.inviteeIds) : [];
    if (invitees.length !== new Set(v.inviteeIds).size) throw new RecordReferenceError("inviteeIds", "Participants invités : choix invalide.");
    const now = nowIso();
    const row = { ...meetingColumns(v), office_id: officeId, status: "draft", summary: "", doc_updated_on: today, minutes_updated_at: now, created_at: now, updated_at: now };
    const id = insertedId(await trx("meetings").insert(row).returning("id"));
    const ordered = sortByFrench(invitees, (p) => String(p.full_name));
    for (const [i, p] of ordered.entries()) {
      await trx("meeting_attendees").insert({ meeting_id: id, person_id: p.id, guest_name: "", role: defaultRole(p), status: "invited", position: i + 1 });
    }
    for (const [i, title] of listItems(v.agenda).entries()) {
      await trx("meeting_sections").insert({ meeting_id: id, position: i + 1, title, body: "" });
    }
    await recordHistory(trx, {
      officeId,
      entityType: "meeting",
      entityId: id,
      action: "create",
      actor,
      before: null,
      after: { ...row, ordre_du_jour: listItems(v.agenda).join(" ; "), invites: ordered.map((p) => p.full_name).join(", ") },
    });
    await enqueueInvitations(trx, scope, id, "REQUEST");
    return id;
  });
}

export async function updateMeeting(scope: Scope, query: { meetingId: number }, v: MeetingValues): Promise<boolean> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const before = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!before) return false;
    await checkMeetingReferences(trx, officeId, v);
    const columns = meetingColumns(v);
    // A new day, time or place: the invitations already sent are out of date.
    const moved = invitationChanged(before, columns);
    const after = { ...columns, doc_updated_on: today, updated_at: nowIso(), ...(moved ? { ics_sequence: num(before.ics_sequence) + 1 } : {}) };
    await trx("meetings").where({ id: query.meetingId }).update(after);
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before, after: { ...before, ...after } });
    if (moved) await enqueueInvitations(trx, scope, query.meetingId, "REQUEST", { update: true });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// One meeting, whole

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
function sectionIndicators(s: Record<string, unknown>): Section["indicators"] {
  const period = typeof s.indicator_period === "string" ? parsePeriodKey(s.indicator_period) : null;
  if (!period) return null;
  const category = typeof s.indicator_category === "string" && s.indicator_category in CATEGORY_LABELS ? (s.indicator_category as Category) : null;
  return { choice: periodChoice(period), year: period.year, category };
}

/** The office's indicators for a point's period against the same period a year earlier, as they stand now. */
/** The office's indicators, read once however many points of the minutes show them. */
function indicatorDataOnce(scope: Scope): () => ReturnType<typeof loadIndicatorData> {
  let data: ReturnType<typeof loadIndicatorData> | null = null;
  return () => (data ??= loadIndicatorData(scope));
}

async function liveIndicators(scope: Scope, s: Record<string, unknown>, read = indicatorDataOnce(scope)): Promise<IndicatorSnapshot | null> {
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
async function indicatorsOf(scope: Scope, meeting: Record<string, unknown>, s: Record<string, unknown>, read: () => ReturnType<typeof loadIndicatorData>): Promise<IndicatorSnapshot | null> {
  if (!s.indicator_period) return null;
  if (meeting.status === "published") {
    const frozen = parseFrozenIndicators(s.indicator_table);
    if (frozen) return frozen;
  }
  return liveIndicators(scope, s, read);
}

export interface MeetingAction {
  id: number;
  title: string;
  ownerName: string;
  siteNames: string[];
  dueOn: string | null;
  status: ActionStatus;
  sectionId: number | null;
}

export interface MeetingDetail extends MeetingRow {
  seriesKind: MeetingKind;
  cadenceMonths: number;
  summary: string;
  chair: { id: number; name: string } | null;
  writer: { id: number; name: string } | null;
  referent: { id: number; name: string } | null;
  followUp: { id: number; name: string } | null;
  concerned: string;
  docUpdatedOn: string;
  publishedByName: string | null;
  minutesUpdatedAt: string;
  minutesVersion: number;
  attendees: Attendee[];
  sections: Section[];
  actions: MeetingAction[];
  attachments: Attachment[];
}

function personRef(id: unknown, name: unknown): { id: number; name: string } | null {
  return id === null || id === undefined ? null : { id: num(id), name: String(name) };
}

export async function getMeeting(scope: Scope, query: { meetingId: number; userId: number }): Promise<MeetingDetail | null> {
  const { db, officeId } = scope;
  const row = await db("meetings as m")
    .join("meeting_series as s", "s.id", "m.series_id")
    .leftJoin("people as ch", "ch.id", "m.chair_person_id")
    .leftJoin("people as wr", "wr.id", "m.writer_person_id")
    .leftJoin("people as rf", "rf.id", "m.doc_referent_person_id")
    .leftJoin("people as fu", "fu.id", "m.doc_follow_up_person_id")
    .leftJoin("meeting_reads as r", function () {
      this.on("r.meeting_id", "=", "m.id").andOn("r.user_id", "=", db.raw("?", [query.userId]));
    })
    .where({ "m.id": query.meetingId, "m.office_id": officeId })
    .select(
      "m.*",
      "s.name as series_name",
      "s.kind as series_kind",
      "s.cadence_months",
      "r.read_at",
      "ch.full_name as chair_name",
      "wr.full_name as writer_name",
      "rf.full_name as referent_name",
      "fu.full_name as follow_up_name",
    )
    .first();
  if (!row) return null;
  const [attendees, sections, decisions, actions, attachments] = await Promise.all([
    db("meeting_attendees as a").leftJoin("people as p", "p.id", "a.person_id").where("a.meeting_id", row.id).select("a.*", "p.full_name").orderBy("a.position"),
    db("meeting_sections").where({ meeting_id: row.id }).orderBy("position"),
    db("meeting_decisions").where({ meeting_id: row.id }).orderBy(["section_id", "position"]),
    meetingActions(db, { officeId, meetingId: num(row.id) }),
    listMeetingAttachments(scope, { meetingId: num(row.id) }),
  ]);
  const readIndicators = indicatorDataOnce(scope);
  return {
    ...toMeetingRow(row),
    seriesKind: row.series_kind as MeetingKind,
    cadenceMonths: num(row.cadence_months),
    summary: String(row.summary),
    chair: personRef(row.chair_person_id, row.chair_name),
    writer: personRef(row.writer_person_id, row.writer_name),
    referent: personRef(row.doc_referent_person_id, row.referent_name),
    followUp: personRef(row.doc_follow_up_person_id, row.follow_up_name),
    concerned: String(row.doc_concerned),
    docUpdatedOn: String(row.doc_updated_on),
    publishedByName: row.published_by_name ? String(row.published_by_name) : null,
    minutesUpdatedAt: String(row.minutes_updated_at),
    minutesVersion: num(row.minutes_version),
    attendees: attendees.map((a) => ({
      id: num(a.id),
      personId: numOrNull(a.person_id),
      name: a.person_id === null ? String(a.guest_name) : String(a.full_name),
      role: String(a.role),
      status: a.status as AttendeeStatus,
      isGuest: a.person_id === null,
    })),
    sections: await Promise.all(
      sections.map(async (s) => ({
        id: num(s.id),
        position: num(s.position),
        title: String(s.title),
        body: String(s.body),
        decisions: decisions.filter((d) => num(d.section_id) === num(s.id)).map((d) => ({ id: num(d.id), text: String(d.text) })),
        register: sectionRegister(s),
        registerSummary: await summaryOf(scope, row, s),
        indicators: sectionIndicators(s),
        indicatorTable: await indicatorsOf(scope, row, s, readIndicators),
      })),
    ),
    actions,
    attachments,
  };
}

function sectionRegister(s: Record<string, unknown>): Section["register"] {
  if (!s.register_kind) return null;
  return { kind: s.register_kind as RegisterKind, from: s.register_from ? String(s.register_from) : null, to: s.register_to ? String(s.register_to) : null };
}

/** The day of the series' meeting before this one, if any: a summary's default period starts after it. */
async function previousHeldOn(db: Knex | Knex.Transaction, meeting: Record<string, unknown>): Promise<string | null> {
  const row = await db("meetings").where({ office_id: meeting.office_id, series_id: meeting.series_id }).where("held_on", "<", String(meeting.held_on)).max({ day: "held_on" }).first();
  return row?.day ? String(row.day) : null;
}

/** A point's register summary: frozen once the minutes are published, computed while they are drafts. */
async function summaryOf(scope: Scope, meeting: Record<string, unknown>, s: Record<string, unknown>): Promise<RegisterSummary | null> {
  const chosen = sectionRegister(s);
  if (!chosen) return null;
  if (meeting.status === "published") {
    const frozen = parseFrozenSummary(s.register_summary);
    if (frozen) return frozen;
  }
  return liveSummary(scope, meeting, chosen);
}

async function liveSummary(scope: Scope, meeting: Record<string, unknown>, chosen: NonNullable<Section["register"]>): Promise<RegisterSummary> {
  const period = registerPeriod({ heldOn: String(meeting.held_on), previousHeldOn: await previousHeldOn(scope.db, meeting), from: chosen.from, to: chosen.to });
  return registerSummary(scope, chosen.kind, period);
}

async function meetingActions(db: Knex | Knex.Transaction, query: { officeId: number; meetingId: number }): Promise<MeetingAction[]> {
  const rows = await db("actions as a")
    .join("people as p", "p.id", "a.owner_person_id")
    .where({ "a.office_id": query.officeId, "a.meeting_id": query.meetingId })
    .select("a.id", "a.title", "a.due_on", "a.status", "a.meeting_section_id", "p.full_name as owner_name")
    .orderBy("a.id");
  const sites = rows.length
    ? await db("action_sites as s").join("sites as si", "si.id", "s.site_id").whereIn("s.action_id", rows.map((r) => r.id)).select("s.action_id", "si.name")
    : [];
  return rows.map((r) => ({
    id: num(r.id),
    title: String(r.title),
    ownerName: String(r.owner_name),
    siteNames: sortByFrench(sites.filter((s) => num(s.action_id) === num(r.id)).map((s) => String(s.name)), (n) => n),
    dueOn: r.due_on ? String(r.due_on) : null,
    status: r.status as ActionStatus,
    sectionId: numOrNull(r.meeting_section_id),
  }));
}

// ---------------------------------------------------------------------------------------------
// Attendance

export async function saveAttendance(
  scope: Scope,
  query: { meetingId: number },
  v: AttendanceValues,
): Promise<boolean> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const meeting = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!meeting) return false;
    const existing = await trx("meeting_attendees as a").leftJoin("people as p", "p.id", "a.person_id").where("a.meeting_id", query.meetingId).select("a.*", "p.full_name");
    const byId = new Map(existing.map((a) => [num(a.id), a]));
    for (const row of v.attendees) {
      if (!byId.has(row.id)) throw new RecordReferenceError("attendees", "Participants : la liste a changé entre-temps, rechargez la page.");
    }
    const describe = (rows: Array<Record<string, unknown>>) =>
      rows
        .map((a) => describeAttendee(String(a.person_id === null ? a.guest_name : a.full_name), String(a.status), String(a.role ?? "")))
        .join(" ; ");
    const before = describe(existing);

    for (const row of v.attendees) {
      if (row.remove) await trx("meeting_attendees").where({ id: row.id }).delete();
      else await trx("meeting_attendees").where({ id: row.id }).update({ status: row.status, role: row.role });
    }
    let position = existing.reduce((max, a) => Math.max(max, num(a.position)), 0);
    const alreadyThere = new Set(existing.map((a) => numOrNull(a.person_id)).filter((id) => id !== null));
    const toAdd = [...new Set(v.addPersonIds)].filter((id) => !alreadyThere.has(id));
    if (toAdd.length) {
      const people = await trx("people").where({ office_id: officeId }).whereIn("id", toAdd);
      if (people.length !== toAdd.length) throw new RecordReferenceError("addPersonIds", "Personnes à ajouter : choix invalide.");
      for (const p of sortByFrench(people, (p) => String(p.full_name))) {
        await trx("meeting_attendees").insert({ meeting_id: query.meetingId, person_id: p.id, guest_name: "", role: defaultRole(p), status: "invited", position: ++position });
      }
    }
    if (v.guestName) {
      await trx("meeting_attendees").insert({ meeting_id: query.meetingId, person_id: null, guest_name: v.guestName, role: v.guestRole, status: v.guestStatus, position: ++position });
    }
    const after = describe(await trx("meeting_attendees as a").leftJoin("people as p", "p.id", "a.person_id").where("a.meeting_id", query.meetingId).select("a.*", "p.full_name").orderBy("a.position"));
    const now = nowIso();
    await trx("meetings").where({ id: query.meetingId }).update({ minutes_updated_at: now, updated_at: now, doc_updated_on: today });
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before: { participants: before }, after: { participants: after } });
    // People added to a meeting still to come get its invitation.
    if (toAdd.length) await enqueueInvitations(trx, scope, query.meetingId, "REQUEST", { personIds: toAdd });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Minutes

export type MinutesOperation =
  | { kind: "save" }
  | { kind: "add-section" }
  | { kind: "move-up"; index: number }
  | { kind: "move-down"; index: number }
  | { kind: "remove-section"; index: number };

export class MinutesConflictError extends Error {}

/**
 * Saves every section as typed, then applies the button's operation on the agenda. Every button
 * of the minutes form sends the whole text, so adding or moving a point never loses a word.
 * `expectedVersion` is the version the page showed: if the minutes were saved since (another
 * tab, another person), nothing is written and the caller keeps the typed text on the page.
 * Returns the version now saved (null: no such meeting).
 */
export async function saveMinutes(
  scope: Scope,
  query: { meetingId: number },
  v: MinutesValues,
  op: MinutesOperation,
  expectedVersion: number | null = null,
): Promise<number | null> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const meeting = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!meeting) return null;
    if (expectedVersion !== null && num(meeting.minutes_version) !== expectedVersion) throw new MinutesConflictError();
    const existing = await trx("meeting_sections").where({ meeting_id: query.meetingId }).orderBy("position");
    const existingIds = new Set(existing.map((s) => num(s.id)));
    const oldDecisions = await trx("meeting_decisions").where({ meeting_id: query.meetingId }).orderBy(["section_id", "position"]);
    // A point removed meanwhile, or an id that is not this meeting's, comes back as a new point:
    // its text is never dropped, and no other meeting's point is ever touched.
    const typed = v.sections.map((s) => (s.id !== null && existingIds.has(s.id) ? s : { ...s, id: null }));
    // Sections not sent are kept (another tab may have added them); their order follows.
    const sent = new Set(typed.map((s) => s.id).filter((id): id is number => id !== null));
    // A point sent without its register fields (an older page) keeps the ones it has.
    const existingById = new Map(existing.map((s) => [num(s.id), s]));
    const seasons = await trx("indicator_seasons").where({ office_id: officeId }).select("id", "name", "start_month", "end_month");
    const officeSeasons = seasons.map((x) => ({ id: num(x.id), name: String(x.name), startMonth: num(x.start_month), endMonth: num(x.end_month) }));
    const withRegister = typed.map((s, i) => {
      const old = s.id !== null ? sectionRegister(existingById.get(s.id) ?? {}) : null;
      const oldIndicators = s.id !== null ? sectionIndicators(existingById.get(s.id) ?? {}) : null;
      // The indicators' period: the one sent, checked against the office's seasons; or, not sent, the one kept.
      const choice = s.indicatorPeriod === undefined ? (oldIndicators?.choice ?? null) : s.indicatorPeriod;
      const year = s.indicatorYear === undefined ? (oldIndicators?.year ?? null) : s.indicatorYear;
      let indicatorPeriod: string | null = null;
      if (choice !== null && year !== null) {
        const period = periodFromChoice(choice, year, officeSeasons);
        if (!period) throw new FieldError(`sections.${i}.indicatorPeriod`, "Indicateurs : cette saison n'est pas une saison de l'office ; choisissez dans la liste.");
        indicatorPeriod = periodKey(period);
      }
      return {
        ...s,
        register: s.register === undefined ? (old?.kind ?? null) : s.register,
        registerFrom: s.registerFrom === undefined ? (old?.from ?? null) : s.registerFrom,
        registerTo: s.registerTo === undefined ? (old?.to ?? null) : s.registerTo,
        indicatorPeriod: choice,
        indicatorYear: year,
        indicatorCategory: indicatorPeriod === null ? null : s.indicatorCategory === undefined ? (oldIndicators?.category ?? null) : s.indicatorCategory,
        indicatorKey: indicatorPeriod,
      };
    });
    let ordered: SectionToSave[] = [...withRegister];
    for (const s of existing) {
      if (!sent.has(num(s.id))) {
        const old = sectionRegister(s);
        const oldIndicators = sectionIndicators(s);
        ordered.push({
          id: num(s.id),
          title: String(s.title),
          body: String(s.body),
          decisions: decisionsOf(oldDecisions, num(s.id)).join("\n"),
          register: old?.kind ?? null,
          registerFrom: old?.from ?? null,
          registerTo: old?.to ?? null,
          indicatorPeriod: oldIndicators?.choice ?? null,
          indicatorYear: oldIndicators?.year ?? null,
          indicatorCategory: oldIndicators?.category ?? null,
          indicatorKey: typeof s.indicator_period === "string" && oldIndicators ? s.indicator_period : null,
        });
      }
    }
    if (op.kind === "add-section")
      ordered.push({ id: null, title: "Nouveau point", body: "", decisions: "", register: null, registerFrom: null, registerTo: null, indicatorPeriod: null, indicatorYear: null, indicatorCategory: null, indicatorKey: null });
    if (op.kind === "move-up" && op.index > 0 && op.index < ordered.length) ordered = swap(ordered, op.index - 1, op.index);
    if (op.kind === "move-down" && op.index >= 0 && op.index < ordered.length - 1) ordered = swap(ordered, op.index, op.index + 1);
    if (op.kind === "remove-section" && op.index >= 0 && op.index < ordered.length) ordered = ordered.filter((_, i) => i !== op.index);

    const before = {
      summary: String(meeting.summary),
      end_time: meeting.end_time ?? null,
      compte_rendu: minutesText(
        existing.map((s) => ({ title: String(s.title), body: String(s.body), decisions: decisionsOf(oldDecisions, num(s.id)), register: sectionRegister(s), indicators: indicatorLine(s.indicator_period, s.indicator_category) })),
      ),
    };
    const after = {
      summary: v.summary,
      end_time: v.endTime,
      compte_rendu: minutesText(
        ordered.map((s) => ({ ...s, decisions: listItems(s.decisions), register: s.register ? { kind: s.register, from: s.registerFrom, to: s.registerTo } : null, indicators: indicatorLine(s.indicatorKey, s.indicatorCategory) })),
      ),
    };
    const orderBefore = existing.map((s) => num(s.id)).join(",");
    const orderAfter = ordered.map((s) => s.id ?? "new").join(",");
    // Saving without a change is not a new version: readers are not asked to read again.
    if (JSON.stringify(before) === JSON.stringify(after) && orderBefore === orderAfter) return num(meeting.minutes_version);

    const keptIds = new Set(ordered.map((s) => s.id).filter((id): id is number => id !== null));
    for (const s of existing) {
      if (!keptIds.has(num(s.id))) await trx("meeting_sections").where({ id: s.id }).delete();
    }
    for (const [i, s] of ordered.entries()) {
      let id = s.id;
      const columns = {
        position: i + 1,
        title: s.title,
        body: s.body,
        register_kind: s.register,
        register_from: s.register ? s.registerFrom : null,
        register_to: s.register ? s.registerTo : null,
        indicator_period: s.indicatorKey,
        indicator_category: s.indicatorKey ? s.indicatorCategory : null,
      };
      if (id === null) id = insertedId(await trx("meeting_sections").insert({ meeting_id: query.meetingId, ...columns }).returning("id"));
      else await trx("meeting_sections").where({ id }).update(columns);
      await trx("meeting_decisions").where({ section_id: id }).delete();
      for (const [j, text] of listItems(s.decisions).entries()) {
        await trx("meeting_decisions").insert({ meeting_id: query.meetingId, section_id: id, position: j + 1, text });
      }
    }
    const now = nowIso();
    await trx("meetings")
      .where({ id: query.meetingId })
      .update({ summary: v.summary, end_time: v.endTime, minutes_updated_at: now, minutes_version: num(meeting.minutes_version) + 1, updated_at: now, doc_updated_on: today });
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before, after });
    return num(meeting.minutes_version) + 1;
  });
}

function swap<T>(items: T[], i: number, j: number): T[] {
  const copy = [...items];
  [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  return copy;
}

function decisionsOf(decisions: Array<Record<string, unknown>>, sectionId: number): string[] {
  return decisions.filter((d) => num(d.section_id) === sectionId).map((d) => String(d.text));
}

/** A point as saved: the form's fields, and the indicators' period key checked against the office's seasons. */
type SectionToSave = Required<MinutesValues["sections"][number]> & { indicatorKey: string | null };

/** The whole minutes as one text, so that the history keeps every version of every word. */
function minutesText(sections: ReadonlyArray<{ title: string; body: string; decisions: readonly string[]; register: Section["register"]; indicators: string | null }>): string {
  return sections
    .map(
      (s) =>
        `## ${s.title}\n${s.body}${s.register ? `\n${registerLine(s.register)}` : ""}${s.indicators ? `\n${s.indicators}` : ""}${s.decisions.length ? `\nDécisions :\n${s.decisions.join("\n")}` : ""}`,
    )
    .join("\n\n");
}

/** How the history tells a point's indicator table: "Indicateurs : s3:2020 (frequentation)". */
function indicatorLine(key: unknown, category: unknown): string | null {
  if (typeof key !== "string" || key === "") return null;
  return `Indicateurs : ${key}${typeof category === "string" && category in CATEGORY_LABELS ? ` (${CATEGORY_LABELS[category as Category].toLowerCase()})` : ""}`;
}

/** How the history tells a point's register summary: "Synthèse : Réclamations, depuis la réunion précédente". */
function registerLine(r: NonNullable<Section["register"]>): string {
  const days = r.from || r.to ? `${r.from ? `du ${formatDate(r.from)}` : "depuis la réunion précédente"}${r.to ? ` au ${formatDate(r.to)}` : ""}` : "depuis la réunion précédente";
  return `Synthèse : ${REGISTER_TITLES[r.kind]}, ${days}`;
}

// ---------------------------------------------------------------------------------------------
// Actions from the minutes

export async function createMeetingAction(
  scope: Scope,
  query: { meetingId: number },
  v: MeetingActionValues,
): Promise<number | null> {
  const { db, officeId } = scope;
  const meeting = await db("meetings").where({ id: query.meetingId, office_id: officeId }).first();
  if (!meeting) return null;
  if (v.sectionId !== null && !(await db("meeting_sections").where({ id: v.sectionId, meeting_id: query.meetingId }).first())) {
    throw new RecordReferenceError("sectionId", "Point de l'ordre du jour : choix invalide.");
  }
  return createAction(
    scope,
    {
      title: v.title,
      description: v.description,
      origin: "meeting_decision",
      findingId: null,
      originDetail: String(meeting.title).slice(0, 300),
      ownerId: v.ownerId,
      contributorIds: [],
      siteIds: v.siteIds,
      dueOn: v.dueOn,
      priority: v.priority,
    },
    { meetingId: query.meetingId, meetingSectionId: v.sectionId },
  );
}

// ---------------------------------------------------------------------------------------------
// Publication and reading


/** Publishing needs a meeting that has taken place and whose attendance has been taken. */
export async function publishMeeting(scope: Scope, query: { meetingId: number }): Promise<boolean> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const meeting = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!meeting) return false;
    if (meeting.status === "published") return true;
    if (String(meeting.held_on) > today) throw new StateError("Publication : la réunion n'a pas encore eu lieu.");
    const stillInvited = await trx("meeting_attendees").where({ meeting_id: query.meetingId, status: "invited" }).first();
    if (stillInvited) throw new StateError("Publication : indiquez d'abord pour chaque participant s'il était présent, excusé ou absent.");
    const present = await trx("meeting_attendees").where({ meeting_id: query.meetingId, status: "present" }).first();
    if (!present) throw new StateError("Publication : aucun participant n'est noté présent.");
    const after = { status: "published", published_at: scope.now.toISOString(), published_by_name: actor.name, published_by_user_id: actor.userId, updated_at: nowIso() };
    await trx("meetings").where({ id: query.meetingId }).update(after);
    await freezeSummaries({ ...scope, db: trx }, meeting);
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before: { status: meeting.status }, after: { status: "published" } });
    return true;
  });
}

/** Back to draft, to correct minutes published too early; read receipts are kept. */
export async function unpublishMeeting(scope: Scope, query: { meetingId: number }): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const meeting = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!meeting) return false;
    if (meeting.status === "draft") return true;
    await trx("meetings").where({ id: query.meetingId }).update({ status: "draft", updated_at: nowIso() });
    // A draft again: its register summaries are live again, until the next publication.
    await trx("meeting_sections").where({ meeting_id: query.meetingId }).update({ register_summary: null, indicator_table: null });
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before: { status: "published" }, after: { status: "draft" } });
    return true;
  });
}

/** Keeps each point's register summary and indicator table as they stand at publication: published minutes never change. */
export async function freezeSummaries(scope: Scope, meeting: Record<string, unknown>): Promise<void> {
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


/**
 * Deletes a meeting planned or written by mistake: only a draft (published minutes are a record;
 * they go back to draft first). Its whole content goes into the history; the actions created
 * from it stay in the plan with the meeting's title as their origin. Returns the storage keys of
 * its files, for the caller to remove once the deletion is committed.
 */
export async function deleteMeeting(scope: Scope, query: { meetingId: number }): Promise<string[] | null> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const meeting = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!meeting) return null;
    if (meeting.status !== "draft") throw new StateError("Suppression : repassez d'abord le compte rendu en brouillon.");
    // Read after the lock: the history keeps the meeting exactly as it is deleted.
    const detail = await getMeeting({ ...scope, db: trx }, { ...query, userId: 0 });
    if (!detail) return null;
    // Those invited are told it is cancelled (their calendars take it away), before it goes.
    await trx("meetings").where({ id: query.meetingId }).update({ ics_sequence: num(meeting.ics_sequence) + 1 });
    await enqueueInvitations(trx, scope, query.meetingId, "CANCEL");
    const files = await trx("attachments").where({ meeting_id: query.meetingId }).select("storage_key");
    await trx("attachments").where({ meeting_id: query.meetingId }).delete();
    await trx("meetings").where({ id: query.meetingId }).delete();
    await recordHistory(trx, {
      officeId,
      entityType: "meeting",
      entityId: query.meetingId,
      action: "delete",
      actor,
      before: {
        ...meeting,
        participants: detail.attendees.map((a) => describeAttendee(a.name, a.status)).join(" ; "),
        compte_rendu: minutesText(detail.sections.map((s) => ({ ...s, decisions: s.decisions.map((d) => d.text), indicators: s.indicatorTable?.title ?? null }))),
        attachment: detail.attachments.map((f) => f.originalName).join(", "),
      },
      after: null,
    });
    return files.map((f) => String(f.storage_key));
  });
}

/** Marks published minutes as read by this user; reading again updates the date. */
export async function markRead(scope: Scope, query: { meetingId: number; userId: number }): Promise<boolean> {
  const { db, officeId } = scope;
  const meeting = await db("meetings").where({ id: query.meetingId, office_id: officeId, status: "published" }).first();
  if (!meeting) return false;
  await db("meeting_reads")
    .insert({ meeting_id: query.meetingId, user_id: query.userId, read_at: nowIso() })
    .onConflict(["meeting_id", "user_id"])
    .merge(["read_at"]);
  return true;
}

export interface ReadReceipt {
  userId: number;
  name: string;
  readAt: string | null;
  /** Read before the minutes last changed. */
  stale: boolean;
}

/**
 * Who has read the minutes, and who should but has not yet: the accounts of the group's members,
 * of people flagged as members, and of the meeting's attendees.
 */
export async function readReceipts(scope: Scope, query: { meetingId: number }): Promise<ReadReceipt[]> {
  const { db, officeId } = scope;
  const meeting = await db("meetings").where({ id: query.meetingId, office_id: officeId }).first();
  if (!meeting) return [];
  const attendeePeople = db("meeting_attendees").where({ meeting_id: query.meetingId }).whereNotNull("person_id").select("person_id");
  const memberPeople = db("people").where({ office_id: officeId, quality_group_member: true }).select("id");
  const [expected, reads] = await Promise.all([
    db("memberships as ms")
      .join("users as u", "u.id", "ms.user_id")
      .where("ms.office_id", officeId)
      .andWhere("u.disabled", false)
      .andWhere((w) => {
        w.where("ms.role", "quality_group_member").orWhereIn("ms.person_id", attendeePeople).orWhereIn("ms.person_id", memberPeople);
      })
      .select("u.id", "u.display_name"),
    db("meeting_reads as r").join("users as u", "u.id", "r.user_id").where("r.meeting_id", query.meetingId).select("u.id", "u.display_name", "r.read_at"),
  ]);
  // The writer and the publisher are not asked to read their own minutes.
  const own = await ownMinutesUsers(db, officeId, meeting);
  const receipts = new Map<number, ReadReceipt>();
  for (const u of expected) if (!own.has(num(u.id))) receipts.set(num(u.id), { userId: num(u.id), name: String(u.display_name), readAt: null, stale: false });
  for (const r of reads) {
    if (own.has(num(r.id))) continue;
    const readAt = String(r.read_at);
    receipts.set(num(r.id), { userId: num(r.id), name: String(r.display_name), readAt, stale: readAt < String(meeting.minutes_updated_at) });
  }
  return sortByFrench([...receipts.values()], (r) => r.name);
}

/** The accounts of the meeting's writer (through their person) and of whoever published it. */
async function ownMinutesUsers(db: Knex, officeId: number, meeting: Record<string, unknown>): Promise<Set<number>> {
  const ids = new Set<number>();
  if (meeting.published_by_user_id) ids.add(num(meeting.published_by_user_id));
  if (meeting.writer_person_id) {
    const writers = await db("memberships").where({ office_id: officeId, person_id: meeting.writer_person_id }).select("user_id");
    for (const w of writers) ids.add(num(w.user_id));
  }
  return ids;
}

/** Published minutes this user has not read yet (for "Réunions" and the dashboard); not those they wrote or published. */
export async function countUnread(scope: Scope, query: { userId: number }): Promise<number> {
  const { db, officeId } = scope;
  const row = await db("meetings as m")
    .leftJoin("meeting_reads as r", function () {
      this.on("r.meeting_id", "=", "m.id").andOn("r.user_id", "=", db.raw("?", [query.userId]));
    })
    .where({ "m.office_id": officeId, "m.status": "published" })
    .whereNull("r.read_at")
    .andWhere((w) => w.whereNull("m.published_by_user_id").orWhereNot("m.published_by_user_id", query.userId))
    .andWhere((w) =>
      w.whereNull("m.writer_person_id").orWhereNotIn("m.writer_person_id", db("memberships").where({ office_id: officeId, user_id: query.userId }).whereNotNull("person_id").select("person_id")),
    )
    .count<{ n: number }[]>({ n: "m.id" });
  return Number(row[0]?.n ?? 0);
}

// ---------------------------------------------------------------------------------------------
// The Word document's view model

export function minutesDocument(meeting: MeetingDetail, officeName: string): MinutesDocumentModel {
  const byStatus = (status: AttendeeStatus) => meeting.attendees.filter((a) => a.status === status).map((a) => ({ name: a.name, role: a.role }));
  return {
    officeName,
    seriesName: meeting.seriesName,
    title: meeting.title,
    date: meeting.heldOn,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place,
    header: {
      updatedOn: meeting.docUpdatedOn,
      referent: meeting.referent?.name ?? "",
      followUp: meeting.followUp?.name ?? "",
      concerned: meeting.concerned,
    },
    chair: meeting.chair?.name ?? null,
    writer: meeting.writer?.name ?? null,
    present: byStatus("present"),
    excused: byStatus("excused"),
    absent: byStatus("absent"),
    sections: meeting.sections.map((s) => ({ title: s.title, body: s.body, decisions: s.decisions.map((d) => d.text), register: s.registerSummary, indicators: s.indicatorTable })),
    actions: meeting.actions.map((a) => ({
      title: a.title,
      owner: a.ownerName,
      sites: a.siteNames.length ? a.siteNames.join(", ") : "Tout l'office",
      dueOn: a.dueOn,
      status: ACTION_STATUS_LABELS[a.status],
    })),
    summary: meeting.summary,
    attachments: meeting.attachments.map((a) => a.originalName),
    published: meeting.status === "published",
  };
}

/**
 * What the meeting forms offer: the office's series and its active people, plus the people
 * already chosen (someone who has left stays the chair of the meetings they chaired).
 */
export async function meetingFormChoices(scope: Scope, keepPersonIds: ReadonlyArray<number | null> = []) {
  const { db, officeId } = scope;
  const keep = keepPersonIds.filter((id): id is number => id !== null);
  const [series, people] = await Promise.all([
    db("meeting_series").where({ office_id: officeId }).select("id", "name", "kind"),
    db("people")
      .where({ office_id: officeId })
      .andWhere((w) => {
        w.where({ active: true });
        if (keep.length) w.orWhereIn("id", keep);
      })
      .select("id", "full_name", "job_title", "organisation", "quality_group_member"),
  ]);
  return {
    series: sortByFrench(
      series.map((s) => ({ id: num(s.id), name: String(s.name), kind: s.kind as MeetingKind })),
      (s) => s.name,
    ),
    people: sortByFrench(
      people.map((p) => ({ id: num(p.id), name: String(p.full_name), member: bool(p.quality_group_member), detail: defaultRole(p) })),
      (p) => p.name,
    ),
  };
}
