// Meetings of an office: the list, planning and changing one, one meeting whole, its attendance,
// the actions decided in it, deleting a draft, and what the meeting forms offer.
import type { MeetingAttendeesRecord, MeetingsRecord, PeopleRecord } from "../../../db/records";
import { RecordReferenceError, StateError } from "../errors";
import type { Knex } from "knex";
import { type ActionStatus } from "~/modules/action/rules";
import type { AttendanceValues, MeetingActionValues, MeetingValues, NewMeetingValues } from "./schema";
import { minutesText } from "./minutes-text";
import { describeAttendee, listItems, type AttendeeStatus, type MeetingKind, type MeetingStatus } from "./rules";
import { createAction } from "../action/queries.server";
import { listMeetingAttachments, type Attachment } from "../attachment/queries.server";
import { recordHistory } from "../history/queries.server";
import { enqueueInvitations, invitationChanged } from "./invitations.server";
import { bool, insertedId, lockForUpdate, nowIso, sortByFrench } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";
import { indicatorsOf, indicatorDataOnce, sectionIndicators, sectionRegister, summaryOf, type Attendee, type Section } from "./sections.server";

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

/** An attendee's row and, for a person of the office, their name. */
type AttendeeRow = MeetingAttendeesRecord & { full_name: string | null };

function attendeeName(a: AttendeeRow): string {
  return a.person_id === null ? a.guest_name : (a.full_name ?? "");
}

/** A meeting as the lists read it: its row, its series' name, and when the user read it. */
type ListedMeeting = MeetingsRecord & { series_name: string; read_at: string | null };

function toMeetingRow(r: ListedMeeting): MeetingRow {
  return {
    id: r.id,
    seriesId: r.series_id,
    seriesName: r.series_name,
    title: r.title,
    heldOn: r.held_on,
    startTime: r.start_time,
    endTime: r.end_time || null,
    place: r.place,
    status: r.status as MeetingStatus,
    publishedAt: r.published_at || null,
    readAt: r.read_at || null,
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
    .select<ListedMeeting[]>("m.*", "s.name as series_name", "r.read_at")
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
function defaultRole(person: Pick<PeopleRecord, "job_title" | "organisation">): string {
  return [person.job_title, person.organisation].map((v) => v.trim()).filter(Boolean).join(", ");
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
    const ordered = sortByFrench(invitees, (p) => p.full_name);
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
    const after = { ...columns, doc_updated_on: today, updated_at: nowIso(), ...(moved ? { ics_sequence: before.ics_sequence + 1 } : {}) };
    await trx("meetings").where({ id: query.meetingId }).update(after);
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before, after: { ...before, ...after } });
    if (moved) await enqueueInvitations(trx, scope, query.meetingId, "REQUEST", { update: true });
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// One meeting, whole

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

function personRef(id: number | null, name: string | null): { id: number; name: string } | null {
  return id === null ? null : { id, name: name ?? "" };
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
    .select<Array<ListedMeeting & { series_kind: string; cadence_months: number; chair_name: string | null; writer_name: string | null; referent_name: string | null; follow_up_name: string | null }>>(
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
    db("meeting_attendees as a").leftJoin("people as p", "p.id", "a.person_id").where("a.meeting_id", row.id).select<AttendeeRow[]>("a.*", "p.full_name").orderBy("a.position"),
    db("meeting_sections").where({ meeting_id: row.id }).orderBy("position"),
    db("meeting_decisions").where({ meeting_id: row.id }).orderBy(["section_id", "position"]),
    meetingActions(db, { officeId, meetingId: row.id }),
    listMeetingAttachments(scope, { meetingId: row.id }),
  ]);
  const readIndicators = indicatorDataOnce(scope);
  return {
    ...toMeetingRow(row),
    seriesKind: row.series_kind as MeetingKind,
    cadenceMonths: row.cadence_months,
    summary: row.summary,
    chair: personRef(row.chair_person_id, row.chair_name),
    writer: personRef(row.writer_person_id, row.writer_name),
    referent: personRef(row.doc_referent_person_id, row.referent_name),
    followUp: personRef(row.doc_follow_up_person_id, row.follow_up_name),
    concerned: row.doc_concerned,
    docUpdatedOn: row.doc_updated_on,
    publishedByName: row.published_by_name || null,
    minutesUpdatedAt: row.minutes_updated_at,
    minutesVersion: row.minutes_version,
    attendees: attendees.map((a) => ({
      id: a.id,
      personId: a.person_id,
      name: attendeeName(a),
      role: a.role,
      status: a.status as AttendeeStatus,
      isGuest: a.person_id === null,
    })),
    sections: await Promise.all(
      sections.map(async (s) => ({
        id: s.id,
        position: s.position,
        title: s.title,
        body: s.body,
        decisions: decisions.filter((d) => d.section_id === s.id).map((d) => ({ id: d.id, text: d.text })),
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

async function meetingActions(db: Knex | Knex.Transaction, query: { officeId: number; meetingId: number }): Promise<MeetingAction[]> {
  const rows = await db("actions as a")
    .join("people as p", "p.id", "a.owner_person_id")
    .where({ "a.office_id": query.officeId, "a.meeting_id": query.meetingId })
    .select<Array<{ id: number; title: string; due_on: string | null; status: string; meeting_section_id: number | null; owner_name: string }>>("a.id", "a.title", "a.due_on", "a.status", "a.meeting_section_id", "p.full_name as owner_name")
    .orderBy("a.id");
  const sites = rows.length
    ? await db("action_sites as s").join("sites as si", "si.id", "s.site_id").whereIn("s.action_id", rows.map((r) => r.id)).select<Array<{ action_id: number; name: string }>>("s.action_id", "si.name")
    : [];
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    ownerName: r.owner_name,
    siteNames: sortByFrench(sites.filter((s) => s.action_id === r.id).map((s) => s.name), (n) => n),
    dueOn: r.due_on || null,
    status: r.status as ActionStatus,
    sectionId: r.meeting_section_id,
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
    const existing = await trx("meeting_attendees as a").leftJoin("people as p", "p.id", "a.person_id").where("a.meeting_id", query.meetingId).select<AttendeeRow[]>("a.*", "p.full_name");
    const byId = new Map(existing.map((a) => [a.id, a]));
    for (const row of v.attendees) {
      if (!byId.has(row.id)) throw new RecordReferenceError("attendees", "Participants : la liste a changé entre-temps, rechargez la page.");
    }
    const describe = (rows: AttendeeRow[]) =>
      rows
        .map((a) => describeAttendee(attendeeName(a), a.status, a.role))
        .join(" ; ");
    const before = describe(existing);

    for (const row of v.attendees) {
      if (row.remove) await trx("meeting_attendees").where({ id: row.id }).delete();
      else await trx("meeting_attendees").where({ id: row.id }).update({ status: row.status, role: row.role });
    }
    let position = existing.reduce((max, a) => Math.max(max, a.position), 0);
    const alreadyThere = new Set(existing.map((a) => a.person_id).filter((id) => id !== null));
    const toAdd = [...new Set(v.addPersonIds)].filter((id) => !alreadyThere.has(id));
    if (toAdd.length) {
      const people = await trx("people").where({ office_id: officeId }).whereIn("id", toAdd);
      if (people.length !== toAdd.length) throw new RecordReferenceError("addPersonIds", "Personnes à ajouter : choix invalide.");
      for (const p of sortByFrench(people, (p) => p.full_name)) {
        await trx("meeting_attendees").insert({ meeting_id: query.meetingId, person_id: p.id, guest_name: "", role: defaultRole(p), status: "invited", position: ++position });
      }
    }
    if (v.guestName) {
      await trx("meeting_attendees").insert({ meeting_id: query.meetingId, person_id: null, guest_name: v.guestName, role: v.guestRole, status: v.guestStatus, position: ++position });
    }
    const after = describe(await trx("meeting_attendees as a").leftJoin("people as p", "p.id", "a.person_id").where("a.meeting_id", query.meetingId).select<AttendeeRow[]>("a.*", "p.full_name").orderBy("a.position"));
    const now = nowIso();
    await trx("meetings").where({ id: query.meetingId }).update({ minutes_updated_at: now, updated_at: now, doc_updated_on: today });
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before: { participants: before }, after: { participants: after } });
    // People added to a meeting still to come get its invitation.
    if (toAdd.length) await enqueueInvitations(trx, scope, query.meetingId, "REQUEST", { personIds: toAdd });
    return true;
  });
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
      originDetail: meeting.title.slice(0, 300),
      ownerId: v.ownerId,
      contributorIds: [],
      siteIds: v.siteIds,
      dueOn: v.dueOn,
      priority: v.priority,
    },
    { meetingId: query.meetingId, meetingSectionId: v.sectionId },
  );
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
    await trx("meetings").where({ id: query.meetingId }).update({ ics_sequence: meeting.ics_sequence + 1 });
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
    return files.map((f) => f.storage_key);
  });
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
      series.map((s) => ({ id: s.id, name: s.name, kind: s.kind as MeetingKind })),
      (s) => s.name,
    ),
    people: sortByFrench(
      people.map((p) => ({ id: p.id, name: p.full_name, member: bool(p.quality_group_member), detail: defaultRole(p) })),
      (p) => p.name,
    ),
  };
}
