// The action plan: actions scoped by office, their sites, contributors and notes, status changes
// under the domain's rules, and the filtered, paginated list.
import { searchTerms } from "~/domain/search";
import { whereActionTextMatches } from "../search/text-search.server";
import { RecordReferenceError, StateError } from "../errors";
import type { Knex } from "knex";
import {
  OPEN_STATUSES,
  PRIORITY_RANK,
  dueSortKey,
  checkStatusChange,
  isOverdue,
  percentDone,
  statusFields,
  type ActionStatus,
  type Effectiveness,
  type Origin,
  type Priority,
  type Progress,
} from "~/modules/action/rules";
import type { ActionValues, ParsedPlanFilters } from "~/modules/action/schema";
import { recordHistory } from "../history/queries.server";
import type { ActionsRecord } from "../../../db/records";
import { insertedId, nowIso, present } from "../../utils/rows.server";
import type { Scope } from "~/modules/scope.server";
import { keptPlanFigure } from "./plan-figures.server";

export interface ActionRow {
  id: number;
  title: string;
  origin: Origin;
  ownerId: number;
  ownerName: string;
  dueOn: string | null;
  priority: Priority;
  status: ActionStatus;
  completedOn: string | null;
  findingId: number | null;
  siteNames: string[];
  updatedAt: string;
}

export interface ActionDetail extends ActionRow {
  description: string;
  originDetail: string;
  statusReason: string;
  proof: string;
  effectiveness: Effectiveness | null;
  effectivenessBy: string | null;
  effectivenessOn: string | null;
  effectivenessComment: string;
  siteIds: number[];
  contributorIds: number[];
  contributorNames: string[];
  finding: { id: number; text: string; auditId: number; auditTitle: string } | null;
  meeting: { id: number; title: string; heldOn: string; published: boolean } | null;
  notes: Array<{ id: number; text: string; authorName: string; createdAt: string }>;
}

async function checkReferences(trx: Knex.Transaction, officeId: number, v: ActionValues) {
  if (!(await trx("people").where({ id: v.ownerId, office_id: officeId }).first())) throw new RecordReferenceError("ownerId", "Pilote : choix invalide.");
  if (v.siteIds.length) {
    const found = await trx("sites").where({ office_id: officeId }).whereIn("id", v.siteIds).count<{ n: number }[]>({ n: "*" });
    if (Number(found[0]?.n) !== new Set(v.siteIds).size) throw new RecordReferenceError("siteIds", "Bureaux : choix invalide.");
  }
  if (v.contributorIds.length) {
    const found = await trx("people").where({ office_id: officeId }).whereIn("id", v.contributorIds).count<{ n: number }[]>({ n: "*" });
    if (Number(found[0]?.n) !== new Set(v.contributorIds).size) throw new RecordReferenceError("contributorIds", "Contributeurs : choix invalide.");
  }
  if (v.findingId !== null && !(await trx("findings").where({ id: v.findingId, office_id: officeId, kind: "improvement" }).first())) {
    throw new RecordReferenceError("findingId", "Constat d'origine : choix invalide.");
  }
}

async function refreshSearch(trx: Knex.Transaction, actionId: number) {
  const action = present(await trx("actions").where({ id: actionId }).first(), "actions");
  const notes = await trx("action_notes").where({ action_id: actionId }).select("text");
  const text = [action.title, action.description, action.origin_detail, action.proof, ...notes.map((n) => n.text)].join(" ");
  await trx("actions").where({ id: actionId }).update({ search_text: searchTerms(text).join(" ") });
}

async function setLinks(trx: Knex.Transaction, actionId: number, v: ActionValues) {
  await trx("action_sites").where({ action_id: actionId }).delete();
  for (const siteId of new Set(v.siteIds)) await trx("action_sites").insert({ action_id: actionId, site_id: siteId });
  await trx("action_contributors").where({ action_id: actionId }).delete();
  for (const personId of new Set(v.contributorIds)) await trx("action_contributors").insert({ action_id: actionId, person_id: personId });
}

/** Site names as history shows them ("Amou, Hagetmau"; empty for the whole office). */
async function siteNames(trx: Knex.Transaction, ids: number[]): Promise<string> {
  if (ids.length === 0) return "Tout l'office";
  const rows = await trx("sites").whereIn("id", ids).select("name");
  return rows.map((r) => r.name).sort((a, b) => a.localeCompare(b, "fr")).join(", ");
}

function columns(v: ActionValues) {
  return {
    title: v.title,
    description: v.description,
    origin: v.origin,
    finding_id: v.findingId,
    origin_detail: v.originDetail,
    owner_person_id: v.ownerId,
    due_on: v.dueOn,
    due_sort: dueSortKey(v.dueOn),
    priority: v.priority,
    priority_rank: PRIORITY_RANK[v.priority],
  };
}

/** A meeting the action comes from: set only when it is created from the minutes. */
export interface MeetingLink {
  meetingId: number;
  meetingSectionId: number | null;
}

export async function createAction(scope: Scope, v: ActionValues, meeting: MeetingLink | null = null): Promise<number> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    await checkReferences(trx, officeId, v);
    const now = nowIso();
    const links = meeting ? { meeting_id: meeting.meetingId, meeting_section_id: meeting.meetingSectionId } : {};
    const row = { ...columns(v), ...links, office_id: officeId, status: "a_faire", created_at: now, updated_at: now };
    const id = insertedId(await trx("actions").insert(row).returning("id"));
    await setLinks(trx, id, v);
    await refreshSearch(trx, id);
    await recordHistory(trx, { officeId, entityType: "action", entityId: id, action: "create", actor, before: null, after: { ...row, sites: await siteNames(trx, v.siteIds) } });
    return id;
  });
}

export async function updateAction(scope: Scope, query: { actionId: number }, v: ActionValues): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("actions").where({ id: query.actionId, office_id: officeId }).first();
    if (!before) return false;
    await checkReferences(trx, officeId, v);
    const sitesBefore = await siteNames(trx, (await trx("action_sites").where({ action_id: query.actionId }).select("site_id")).map((r) => r.site_id));
    const patch = { ...columns(v), updated_at: nowIso() };
    await trx("actions").where({ id: query.actionId }).update(patch);
    await setLinks(trx, query.actionId, v);
    await refreshSearch(trx, query.actionId);
    const { search_text: _s, ...shown } = before;
    await recordHistory(trx, {
      officeId,
      entityType: "action",
      entityId: query.actionId,
      action: "update",
      actor,
      before: { ...shown, sites: sitesBefore },
      after: { ...shown, ...patch, sites: await siteNames(trx, [...new Set(v.siteIds)]) },
    });
    return true;
  });
}

/** Applies a status change under the domain's rules; returns the field errors, or null when done. */
export async function changeStatus(
  scope: Scope,
  query: { actionId: number },
  change: { status: ActionStatus; completedOn: string | null; statusReason: string; proof: string },
): Promise<Record<string, string> | null | "not_found"> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("actions").where({ id: query.actionId, office_id: officeId }).first();
    if (!before) return "not_found";
    const rule = { from: before.status as ActionStatus, to: change.status, completedOn: change.completedOn, reason: change.statusReason, today };
    const errors = checkStatusChange(rule);
    if (Object.keys(errors).length > 0) return errors;
    const fields = statusFields(rule);
    const reopened = before.status === "faite" && change.status !== "faite";
    const patch = {
      status: change.status,
      completed_on: fields.completedOn,
      status_reason: fields.statusReason,
      proof: change.proof,
      updated_at: nowIso(),
      // A reopened action is no longer known to be effective: the check is done again once done.
      ...(reopened ? { effectiveness: null, effectiveness_by: null, effectiveness_on: null, effectiveness_comment: "" } : {}),
    };
    await trx("actions").where({ id: query.actionId }).update(patch);
    await refreshSearch(trx, query.actionId);
    const { search_text: _s, ...shown } = before;
    await recordHistory(trx, { officeId, entityType: "action", entityId: query.actionId, action: "update", actor, before: shown, after: { ...shown, ...patch } });
    return null;
  });
}

export async function addNote(scope: Scope, query: { actionId: number }, text: string): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const action = await trx("actions").where({ id: query.actionId, office_id: officeId }).first();
    if (!action) return false;
    const now = nowIso();
    await trx("action_notes").insert({ action_id: query.actionId, text, author_user_id: actor.userId, author_name: actor.name, created_at: now });
    await trx("actions").where({ id: query.actionId }).update({ updated_at: now });
    await refreshSearch(trx, query.actionId);
    await recordHistory(trx, { officeId, entityType: "action", entityId: query.actionId, action: "update", actor, before: { note: null }, after: { note: text } });
    return true;
  });
}


export async function checkEffectiveness(
  scope: Scope,
  query: { actionId: number },
  input: { effectiveness: Effectiveness; effectivenessComment: string },
): Promise<boolean> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("actions").where({ id: query.actionId, office_id: officeId }).first();
    if (!before) return false;
    if (before.status !== "faite") throw new StateError("L'efficacité se vérifie sur une action faite.");
    const patch = { effectiveness: input.effectiveness, effectiveness_comment: input.effectivenessComment, effectiveness_by: actor.name, effectiveness_on: today, updated_at: nowIso() };
    await trx("actions").where({ id: query.actionId }).update(patch);
    const { search_text: _s, ...shown } = before;
    await recordHistory(trx, { officeId, entityType: "action", entityId: query.actionId, action: "update", actor, before: shown, after: { ...shown, ...patch } });
    return true;
  });
}

export async function getAction(scope: Scope, query: { actionId: number }): Promise<ActionDetail | null> {
  const { db, officeId } = scope;
  const row = await db("actions as a")
    .join("people as p", "p.id", "a.owner_person_id")
    .leftJoin("findings as f", "f.id", "a.finding_id")
    .leftJoin("audits as au", "au.id", "f.audit_id")
    .leftJoin("meetings as m", "m.id", "a.meeting_id")
    .where({ "a.id": query.actionId, "a.office_id": officeId })
    .select<
      Array<
        ActionsRecord & {
          owner_name: string;
          finding_text: string | null;
          finding_audit_id: number | null;
          finding_audit_title: string | null;
          meeting_title: string | null;
          meeting_held_on: string | null;
          meeting_status: string | null;
        }
      >
    >(
      "a.*",
      "p.full_name as owner_name",
      "f.text as finding_text",
      "f.audit_id as finding_audit_id",
      "au.title as finding_audit_title",
      "m.title as meeting_title",
      "m.held_on as meeting_held_on",
      "m.status as meeting_status",
    )
    .first();
  if (!row) return null;
  const [sites, contributors, notes] = await Promise.all([
    db("action_sites as s").join("sites as si", "si.id", "s.site_id").where("s.action_id", row.id).select<Array<{ id: number; name: string }>>("si.id", "si.name"),
    db("action_contributors as c").join("people as p", "p.id", "c.person_id").where("c.action_id", row.id).select<Array<{ id: number; full_name: string }>>("p.id", "p.full_name"),
    db("action_notes").where({ action_id: row.id }).orderBy([{ column: "created_at", order: "desc" }, { column: "id", order: "desc" }]),
  ]);
  return {
    ...toRow({ ...row, site_names: sites.map((s) => s.name).join("\u0001") }),
    description: row.description,
    originDetail: row.origin_detail,
    statusReason: row.status_reason,
    proof: row.proof,
    effectiveness: row.effectiveness as Effectiveness | null,
    effectivenessBy: row.effectiveness_by || null,
    effectivenessOn: row.effectiveness_on || null,
    effectivenessComment: row.effectiveness_comment,
    siteIds: sites.map((s) => s.id),
    contributorIds: contributors.map((c) => c.id),
    contributorNames: contributors.map((c) => c.full_name),
    finding: row.finding_id
      ? { id: row.finding_id, text: String(row.finding_text), auditId: Number(row.finding_audit_id), auditTitle: String(row.finding_audit_title) }
      : null,
    meeting: row.meeting_id
      ? { id: row.meeting_id, title: String(row.meeting_title), heldOn: String(row.meeting_held_on), published: row.meeting_status === "published" }
      : null,
    notes: notes.map((n) => ({ id: n.id, text: n.text, authorName: n.author_name, createdAt: n.created_at })),
  };
}

/** The columns of an action that its row in the plan shows, with its pilot's name. */
type ListedAction = Pick<ActionsRecord, "id" | "title" | "origin" | "owner_person_id" | "due_on" | "priority" | "status" | "completed_on" | "finding_id" | "updated_at"> & {
  owner_name: string;
};

function toRow(r: ListedAction & { site_names?: string }): ActionRow {
  return {
    id: r.id,
    title: r.title,
    origin: r.origin as Origin,
    ownerId: r.owner_person_id,
    ownerName: r.owner_name,
    dueOn: r.due_on || null,
    priority: r.priority as Priority,
    status: r.status as ActionStatus,
    completedOn: r.completed_on || null,
    findingId: r.finding_id,
    siteNames: r.site_names ? r.site_names.split("\u0001").filter(Boolean) : [],
    updatedAt: r.updated_at,
  };
}

/** The filters a query takes: those of the address bar, without the page. */
export type PlanFilters = Omit<ParsedPlanFilters, "page">;

/** The filtered query, without order or pagination: shared by the list, the counts and the export. */
function filtered(db: Knex, officeId: number, f: PlanFilters, today: string) {
  const q = db("actions as a").where("a.office_id", officeId);
  if (f.statuses.length) q.whereIn("a.status", f.statuses);
  if (f.ownerId) q.where("a.owner_person_id", f.ownerId);
  if (f.siteId) q.whereExists(db("action_sites as s").whereRaw("s.action_id = a.id").where("s.site_id", f.siteId));
  if (f.origin) q.where("a.origin", f.origin);
  if (f.priority) q.where("a.priority", f.priority);
  // Open statuses are listed (not "not in" closed ones) so that the status + due date index serves.
  if (f.overdue) q.whereIn("a.status", OPEN_STATUSES).where("a.due_on", "<", today);
  if (f.dueWithinDays !== null) {
    const limit = new Date(Date.parse(`${today}T00:00:00Z`) + f.dueWithinDays * 86_400_000).toISOString().slice(0, 10);
    q.whereIn("a.status", OPEN_STATUSES).whereBetween("a.due_on", [today, limit]);
  }
  if (f.findingId) q.where("a.finding_id", f.findingId);
  if (f.auditId) q.whereIn("a.finding_id", db("findings").select("id").where({ audit_id: f.auditId, office_id: officeId }));
  if (f.labelId) {
    const auditsOfLabel = db("audits").select("id").where({ label_id: f.labelId, office_id: officeId });
    q.whereIn("a.finding_id", db("findings").select("id").where({ office_id: officeId }).whereIn("audit_id", auditsOfLabel));
  }
  whereActionTextMatches(db, q, "a", f.q);
  return q;
}

export const PAGE_SIZE = 50;

/** The list's order (the chosen column, then the newest first): the same for the page and the export. */
function ordered<Q extends Knex.QueryBuilder>(q: Q, f: PlanFilters): Q {
  const dir = f.dir === "asc" ? "asc" : "desc";
  if (f.sort === "status") {
    // In the order of the work, not of the codes: plain SQL CASE, the same on both engines.
    q.orderByRaw(`CASE a.status WHEN 'a_faire' THEN 1 WHEN 'en_cours' THEN 2 WHEN 'bloquee' THEN 3 WHEN 'faite' THEN 4 ELSE 5 END ${dir === "asc" ? "ASC" : "DESC"}`);
  } else {
    const column = { due_on: "a.due_sort", priority: "a.priority_rank", updated_at: "a.updated_at", title: "a.title" }[f.sort];
    q.orderBy(column, dir);
  }
  q.orderBy("a.id", "desc");
  return q;
}

export async function listActions(
  scope: Scope,
  query: { filters: PlanFilters; page: number;
 pageSize?: number },
): Promise<{ rows: ActionRow[]; total: number; progress: Progress }> {
  const { db, officeId, today } = scope;
  const pageSize = query.pageSize ?? PAGE_SIZE;
  const base = () => filtered(db, officeId, query.filters, today);
  const listQuery = base()
    .join("people as p", "p.id", "a.owner_person_id")
    .select<ListedAction[]>("a.id", "a.title", "a.origin", "a.owner_person_id", "a.due_on", "a.priority", "a.status", "a.completed_on", "a.finding_id", "a.updated_at", "p.full_name as owner_name");
  const rows = await ordered(listQuery, query.filters)
    .limit(pageSize)
    .offset((query.page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  // In chunks: a caller's large page may list more ids than a statement takes parameters.
  const siteRows: Array<{ action_id: number; name: string }> = [];
  for (let i = 0; i < ids.length; i += 1000) {
    siteRows.push(...(await db("action_sites as s").join("sites as si", "si.id", "s.site_id").whereIn("s.action_id", ids.slice(i, i + 1000)).select<Array<{ action_id: number; name: string }>>("s.action_id", "si.name")));
  }
  const sitesOf = new Map<number, string[]>();
  for (const s of siteRows) sitesOf.set(s.action_id, [...(sitesOf.get(s.action_id) ?? []), s.name]);
  const progress = await planProgress(scope, query.filters);
  return {
    rows: rows.map((r) => ({ ...toRow(r), siteNames: sitesOf.get(r.id) ?? [] })),
    total: progress.total,
    progress,
  };
}

/** The plan's progress for the filters: counts by status and the late ones, without reading a page (the dashboard). */
export async function planProgress(scope: Scope, filters: PlanFilters): Promise<Progress> {
  // Counted again only when the plan changed (decision 061), for filters on the actions and
  // their sites alone: an audit's or a label's findings may change without the plan.
  if (filters.auditId || filters.labelId) return { ...(await countPlanProgress(scope, filters)) };
  const { statuses, ownerId, siteId, origin, priority, overdue, dueWithinDays, findingId, q } = filters;
  const key = JSON.stringify({ statuses, ownerId, siteId, origin, priority, overdue, dueWithinDays, findingId, q });
  return { ...(await keptPlanFigure(scope, `progress:${key}`, () => countPlanProgress(scope, filters))) };
}

async function countPlanProgress(scope: Scope, filters: PlanFilters): Promise<Progress> {
  const { db, officeId, today } = scope;
  const base = () => filtered(db, officeId, filters, today);
  const [counts, overdueCount] = await Promise.all([
    base().select("a.status").count<{ status: string; n: number }[]>({ n: "*" }).groupBy("a.status"),
    base().whereIn("a.status", OPEN_STATUSES).where("a.due_on", "<", today).count<{ n: number }[]>({ n: "*" }),
  ]);
  const by = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
  const done = by.faite ?? 0;
  const abandoned = by.abandonnee ?? 0;
  const open = (by.a_faire ?? 0) + (by.en_cours ?? 0) + (by.bloquee ?? 0);
  const total = done + abandoned + open;
  return { total, done, open, abandoned, overdue: Number(overdueCount[0]?.n ?? 0), percent: percentDone(done, open) };
}

/** An action as the export lists it: every field a référente keeps in her spreadsheet. */
export interface ExportRow extends ActionRow {
  description: string;
  originDetail: string;
  findingText: string | null;
  auditTitle: string | null;
  contributorNames: string[];
  statusReason: string;
  proof: string;
  fileNames: string[];
  lastNote: { text: string; createdAt: string } | null;
  effectiveness: Effectiveness | null;
  effectivenessBy: string | null;
  effectivenessOn: string | null;
  effectivenessComment: string;
}

/** Every action matching the filters, for the Word plan (in the list's order), with its details. */
export async function exportActions(scope: Scope, query: { filters: PlanFilters }): Promise<ExportRow[]> {
  const all: ExportRow[] = [];
  for await (const batch of exportActionBatches(scope, query)) all.push(...batch);
  return all;
}

export const EXPORT_BATCH = 500;

/**
 * The same rows, a batch at a time, for the streamed CSV export (issue 17): the list's order is
 * read once as ids (a number per action), then each batch's rows and details; memory holds one
 * batch. An action deleted meanwhile is left out; one changed meanwhile shows its new state.
 */
export async function* exportActionBatches(scope: Scope, query: { filters: PlanFilters; batchSize?: number }): AsyncGenerator<ExportRow[]> {
  const { db, officeId, today } = scope;
  const size = query.batchSize ?? EXPORT_BATCH;
  const order = await ordered(filtered(db, officeId, query.filters, today), query.filters).select<Array<{ id: number }>>("a.id");
  const ids = order.map((r) => r.id);
  for (let i = 0; i < ids.length; i += size) {
    const rows = await exportRows(scope, ids.slice(i, i + size));
    if (rows.length) yield rows;
  }
}

// The ids come from the office's own list; the office is checked again, written so that SQLite
// reads each batch by primary key rather than walking the office's index of 50,000 actions.
const SAME_OFFICE = "(a.office_id + 0) = ?";

/** The export's rows for these ids (at most a statement's parameters), in the ids' order. */
async function exportRows(scope: Scope, chunk: number[]): Promise<ExportRow[]> {
  const { db, officeId } = scope;
  const [listed, people, attached, notes, sites] = await Promise.all([
    db("actions as a")
      .join("people as p", "p.id", "a.owner_person_id")
      .leftJoin("findings as f", "f.id", "a.finding_id")
      .leftJoin("audits as au", "au.id", "f.audit_id")
      .whereIn("a.id", chunk)
      .whereRaw(SAME_OFFICE, [officeId])
      .select<
        Array<
          ListedAction &
            Pick<ActionsRecord, "description" | "origin_detail" | "status_reason" | "proof" | "effectiveness" | "effectiveness_by" | "effectiveness_on" | "effectiveness_comment"> & {
              finding_text: string | null;
              audit_title: string | null;
            }
        >
      >("a.id", "a.title", "a.origin", "a.owner_person_id", "a.due_on", "a.priority", "a.status", "a.completed_on", "a.finding_id", "a.updated_at", "p.full_name as owner_name")
      .select("a.description", "a.origin_detail", "a.status_reason", "a.proof", "a.effectiveness", "a.effectiveness_by", "a.effectiveness_on", "a.effectiveness_comment", "f.text as finding_text", "au.title as audit_title"),
    db("action_contributors as c").join("people as p", "p.id", "c.person_id").whereIn("c.action_id", chunk).select<Array<{ action_id: number; full_name: string }>>("c.action_id", "p.full_name").orderBy("p.full_name"),
    db("attachments").where({ office_id: officeId }).whereIn("action_id", chunk).select("action_id", "original_name").orderBy("id"),
    db("action_notes").whereIn("action_id", chunk).select("action_id", "text", "created_at").orderBy([{ column: "created_at" }, { column: "id" }]),
    db("action_sites as s").join("sites as si", "si.id", "s.site_id").whereIn("s.action_id", chunk).select<Array<{ action_id: number; name: string }>>("s.action_id", "si.name"),
  ]);
  const byId = new Map(listed.map((r) => [r.id, r]));
  const group = <R extends { action_id: number | null }>(rows: R[], value: (r: R) => string) => {
    const map = new Map<number, string[]>();
    for (const r of rows) {
      // Every row read here is an action's (whereIn action_id): none is null.
      if (r.action_id === null) continue;
      map.set(r.action_id, [...(map.get(r.action_id) ?? []), value(r)]);
    }
    return map;
  };
  const contributors = group(people, (r) => r.full_name);
  const files = group(attached, (r) => r.original_name);
  const siteNames = group(sites, (r) => r.name);
  const lastNotes = new Map<number, { text: string; createdAt: string }>();
  for (const r of notes) lastNotes.set(r.action_id, { text: r.text, createdAt: r.created_at });
  const rows: ExportRow[] = [];
  for (const id of chunk) {
    const r = byId.get(id);
    if (!r) continue;
    rows.push({
      ...toRow(r),
      siteNames: siteNames.get(id) ?? [],
      description: r.description,
      originDetail: r.origin_detail,
      findingText: r.finding_text || null,
      auditTitle: r.audit_title || null,
      contributorNames: contributors.get(id) ?? [],
      statusReason: r.status_reason,
      proof: r.proof,
      fileNames: files.get(id) ?? [],
      lastNote: lastNotes.get(id) ?? null,
      effectiveness: r.effectiveness as Effectiveness | null,
      effectivenessBy: r.effectiveness_by || null,
      effectivenessOn: r.effectiveness_on || null,
      effectivenessComment: r.effectiveness_comment,
    });
  }
  return rows;
}

/** Actions created from each finding, with their progress: shown beside the finding. */
export async function actionsByFinding(scope: Scope, query: { findingIds: number[] }) {
  const { db, officeId, today } = scope;
  if (query.findingIds.length === 0) return new Map<number, Array<{ id: number; title: string; status: ActionStatus; dueOn: string | null; overdue: boolean }>>();
  const rows = await db("actions").where({ office_id: officeId }).whereIn("finding_id", query.findingIds).select("id", "title", "status", "due_on", "finding_id").orderBy("id");
  const map = new Map<number, Array<{ id: number; title: string; status: ActionStatus; dueOn: string | null; overdue: boolean }>>();
  for (const r of rows) {
    const item = { id: r.id, title: r.title, status: r.status as ActionStatus, dueOn: r.due_on || null, overdue: false };
    item.overdue = isOverdue(item, today);
    // Every row read here has a finding (whereIn finding_id).
    if (r.finding_id === null) continue;
    map.set(r.finding_id, [...(map.get(r.finding_id) ?? []), item]);
  }
  return map;
}

/** Done / open / overdue per site (actions for the whole office counted apart), for the plan's overview. */
export async function progressBySite(scope: Scope): Promise<Map<number | null, Progress>> {
  // Counted again only when the plan changed or the day did (decision 061); each caller gets its copy.
  const kept = await keptPlanFigure(scope, "by-site", () => countProgressBySite(scope));
  return new Map([...kept].map(([site, progress]) => [site, { ...progress }]));
}

async function countProgressBySite(scope: Scope): Promise<Map<number | null, Progress>> {
  const { db, officeId, today } = scope;
  const rows = await db("actions as a")
    .leftJoin("action_sites as s", "s.action_id", "a.id")
    .where("a.office_id", officeId)
    .select("s.site_id", "a.status")
    .select(db.raw(`sum(case when a.due_on < ? and a.status in (${OPEN_STATUSES.map(() => "?").join(", ")}) then 1 else 0 end) as overdue`, [today, ...OPEN_STATUSES]))
    .count<Array<{ site_id: number | null; status: string; n: number | string; overdue: number | string }>>({ n: "*" })
    .groupBy("s.site_id", "a.status");
  const bySite = new Map<number | null, Progress>();
  for (const r of rows) {
    const key = r.site_id;
    const p = bySite.get(key) ?? { total: 0, done: 0, open: 0, overdue: 0, abandoned: 0, percent: null };
    const n = Number(r.n);
    p.total += n;
    if (r.status === "faite") p.done += n;
    else if (r.status === "abandonnee") p.abandoned += n;
    else p.open += n;
    p.overdue += Number(r.overdue);
    p.percent = percentDone(p.done, p.open);
    bySite.set(key, p);
  }
  return bySite;
}
