// The minutes of a meeting: saving the agenda points and decisions as typed, publishing them and
// taking them back to draft.
import { FieldError, StateError } from "../errors";
import type { MinutesValues } from "./schema";
import { indicatorLine, minutesText } from "./minutes-text";
import { applyAgendaOperation, listItems, NEW_POINT, publishProblem, type AttendeeStatus, type MinutesOperation } from "./rules";
import { recordHistory } from "../history/queries.server";
import { insertedId, lockForUpdate, nowIso } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";
import { periodFromChoice, periodKey } from "../indicator/rules";
import { freezeSummaries, sectionIndicators, sectionRegister } from "./sections.server";

// ---------------------------------------------------------------------------------------------
// Minutes

export class MinutesConflictError extends Error {}

// For the minutes' action, which checks the agenda's cap and the closing time before saving: a
// route that imports the rule from here leaves the meeting rules out of its page's first load
// (decision 051).
export { minutesProblem } from "./rules";

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
    if (expectedVersion !== null && meeting.minutes_version !== expectedVersion) throw new MinutesConflictError();
    const existing = await trx("meeting_sections").where({ meeting_id: query.meetingId }).orderBy("position");
    const existingIds = new Set(existing.map((s) => s.id));
    const oldDecisions = await trx("meeting_decisions").where({ meeting_id: query.meetingId }).orderBy(["section_id", "position"]);
    // A point removed meanwhile, or an id that is not this meeting's, comes back as a new point:
    // its text is never dropped, and no other meeting's point is ever touched.
    const typed = v.sections.map((s) => (s.id !== null && existingIds.has(s.id) ? s : { ...s, id: null }));
    // Sections not sent are kept (another tab may have added them); their order follows.
    const sent = new Set(typed.map((s) => s.id).filter((id): id is number => id !== null));
    // A point sent without its register fields (an older page) keeps the ones it has.
    const existingById = new Map(existing.map((s) => [s.id, s]));
    const seasons = await trx("indicator_seasons").where({ office_id: officeId }).select("id", "name", "start_month", "end_month");
    const officeSeasons = seasons.map((x) => ({ id: x.id, name: x.name, startMonth: x.start_month, endMonth: x.end_month }));
    const withRegister = typed.map((s, i) => {
      const kept = s.id !== null ? existingById.get(s.id) : undefined;
      const old = kept ? sectionRegister(kept) : null;
      const oldIndicators = kept ? sectionIndicators(kept) : null;
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
      if (!sent.has(s.id)) {
        const old = sectionRegister(s);
        const oldIndicators = sectionIndicators(s);
        ordered.push({
          id: s.id,
          title: s.title,
          body: s.body,
          decisions: decisionsOf(oldDecisions, s.id).join("\n"),
          register: old?.kind ?? null,
          registerFrom: old?.from ?? null,
          registerTo: old?.to ?? null,
          indicatorPeriod: oldIndicators?.choice ?? null,
          indicatorYear: oldIndicators?.year ?? null,
          indicatorCategory: oldIndicators?.category ?? null,
          indicatorKey: oldIndicators ? s.indicator_period : null,
        });
      }
    }
    ordered = applyAgendaOperation(ordered, op, () => ({ ...NEW_POINT, id: null, register: null, registerFrom: null, registerTo: null, indicatorPeriod: null, indicatorYear: null, indicatorCategory: null, indicatorKey: null }));

    const before = {
      summary: meeting.summary,
      end_time: meeting.end_time ?? null,
      compte_rendu: minutesText(
        existing.map((s) => ({ title: s.title, body: s.body, decisions: decisionsOf(oldDecisions, s.id), register: sectionRegister(s), indicators: indicatorLine(s.indicator_period, s.indicator_category) })),
      ),
    };
    const after = {
      summary: v.summary,
      end_time: v.endTime,
      compte_rendu: minutesText(
        ordered.map((s) => ({ ...s, decisions: listItems(s.decisions), register: s.register ? { kind: s.register, from: s.registerFrom, to: s.registerTo } : null, indicators: indicatorLine(s.indicatorKey, s.indicatorCategory) })),
      ),
    };
    const orderBefore = existing.map((s) => s.id).join(",");
    const orderAfter = ordered.map((s) => s.id ?? "new").join(",");
    // Saving without a change is not a new version: readers are not asked to read again.
    if (JSON.stringify(before) === JSON.stringify(after) && orderBefore === orderAfter) return meeting.minutes_version;

    const keptIds = new Set(ordered.map((s) => s.id).filter((id): id is number => id !== null));
    for (const s of existing) {
      if (!keptIds.has(s.id)) await trx("meeting_sections").where({ id: s.id }).delete();
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
      .update({ summary: v.summary, end_time: v.endTime, minutes_updated_at: now, minutes_version: meeting.minutes_version + 1, updated_at: now, doc_updated_on: today });
    await recordHistory(trx, { officeId, entityType: "meeting", entityId: query.meetingId, action: "update", actor, before, after });
    return meeting.minutes_version + 1;
  });
}

function decisionsOf(decisions: ReadonlyArray<{ section_id: number; text: string }>, sectionId: number): string[] {
  return decisions.filter((d) => d.section_id === sectionId).map((d) => d.text);
}

/** A point as saved: the form's fields, and the indicators' period key checked against the office's seasons. */
type SectionToSave = Required<MinutesValues["sections"][number]> & { indicatorKey: string | null };

// ---------------------------------------------------------------------------------------------
// Publication and reading


/** Publishing needs a meeting that has taken place and whose attendance has been taken. */
export async function publishMeeting(scope: Scope, query: { meetingId: number }): Promise<boolean> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const meeting = await lockForUpdate(trx, trx("meetings").where({ id: query.meetingId, office_id: officeId })).first();
    if (!meeting) return false;
    if (meeting.status === "published") return true;
    const statuses = (await trx("meeting_attendees").where({ meeting_id: query.meetingId }).select("status")).map((a) => a.status as AttendeeStatus);
    const problem = publishProblem({ heldOn: meeting.held_on, today, attendeeStatuses: statuses });
    if (problem) throw new StateError(problem);
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
