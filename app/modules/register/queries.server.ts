// The registers' entries, scoped by office: writes with their history (personal data never
// copied into it), the filtered and paginated lists, counts per month, per site and per year,
// the link to the plan's actions, the register settings, and the personal-data rules (RGPD).
import { FieldError, RecordReferenceError } from "../errors";
import type { Knex } from "knex";
import { can } from "~/domain/roles";
import { addWorkingDays, workingDaysBetween } from "~/domain/working-days";
import { ACTION_STATUS_LABELS, OPEN_STATUSES, type ActionStatus } from "../action/rules";
import { searchKey } from "~/domain/search";
import type { ActionValues } from "../action/schema";
import { createAction } from "../action/queries.server";
import { recordHistory } from "../history/queries.server";
import type { Scope } from "../scope.server";
import type { ActionsRecord, RegisterEntriesRecord } from "../../../db/records";
import { insertedId, nowIso } from "../../utils/rows.server";
import {
  DEFAULT_ANSWER_DAYS,
  DEFAULT_CATEGORIES,
  DEFAULT_RETENTION_YEARS,
  INITIAL_STATUS,
  PERSONAL_FIELDS,
  STATUS_LABELS,
  SUMMARY_ENTRIES,
  anonymiseClosedUpTo,
  answerDelay,
  checkClosing,
  futureDoneDate,
  isFinal,
  isLate,
  lateAfter,
  statusAfterAnswer,
  type AnswerDelay,
  type Channel,
  type EntryStatus,
  type RegisterKind,
  type RegisterSummary,
  type Source,
} from "./rules";
import type { EntryValues, RegisterFilters } from "./schema";

export const FRENCH_CALENDAR = { addWorkingDays, workingDaysBetween };

/** Whether this request may read complainants' names and contacts (not quality-group members). */
export function seesPersonalData(scope: Scope): boolean {
  return can(scope.role, "registers:personal_data");
}

export interface RegisterSettings {
  answerDays: number;
  retentionYears: number;
}

export async function getRegisterSettings(scope: Scope): Promise<RegisterSettings> {
  const row = await scope.db("register_settings").where({ office_id: scope.officeId }).first();
  return row ? { answerDays: row.answer_days, retentionYears: row.retention_years } : { answerDays: DEFAULT_ANSWER_DAYS, retentionYears: DEFAULT_RETENTION_YEARS };
}

/** Saves the settings; a new answer target moves the last day of every complaint of the office. */
export async function saveRegisterSettings(scope: Scope, values: RegisterSettings): Promise<void> {
  await scope.db.transaction(async (trx) => {
    const before = await trx("register_settings").where({ office_id: scope.officeId }).first();
    const row = { answer_days: values.answerDays, retention_years: values.retentionYears, updated_at: nowIso(scope.now) };
    if (before) await trx("register_settings").where({ office_id: scope.officeId }).update(row);
    else await trx("register_settings").insert({ office_id: scope.officeId, ...row });
    const oldDays = before ? before.answer_days : DEFAULT_ANSWER_DAYS;
    if (oldDays !== values.answerDays) {
      const complaints = await trx("register_entries").where({ office_id: scope.officeId, kind: "complaint" }).select("id", "occurred_on", "answered_on");
      for (const c of complaints) {
        const answerDueOn = addWorkingDays(c.occurred_on, values.answerDays);
        const answeredOn = c.answered_on || null;
        await trx("register_entries").where({ id: c.id }).update({ answer_due_on: answerDueOn, late_after: lateAfter({ kind: "complaint", answerDueOn, answeredOn }) });
      }
    }
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "office",
      entityId: scope.officeId,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: { register_answer_days: oldDays, register_retention_years: before ? before.retention_years : DEFAULT_RETENTION_YEARS },
      after: { register_answer_days: values.answerDays, register_retention_years: values.retentionYears },
    });
  });
}

async function checkReferences(trx: Knex.Transaction, scope: Scope, v: EntryValues, entryId: number | null) {
  if (v.siteId !== null && !(await trx("sites").where({ id: v.siteId, office_id: scope.officeId }).first())) throw new RecordReferenceError("siteId", "Bureau : choix invalide.");
  if (v.personId !== null && !(await trx("people").where({ id: v.personId, office_id: scope.officeId }).first())) throw new RecordReferenceError("personId", "Personne : choix invalide.");
  if (v.kind === "dysfunction" && v.recurrenceOfId !== null) {
    const earlier = await trx("register_entries").where({ id: v.recurrenceOfId, office_id: scope.officeId, kind: "dysfunction" }).first();
    if (!earlier || v.recurrenceOfId === entryId) throw new RecordReferenceError("recurrenceOfId", "Déjà constaté : choisissez un dysfonctionnement antérieur du registre.");
    // No loop: the earlier entry must not itself come (directly or not) from this one.
    let cursor: number | null = earlier.recurrence_of_id;
    for (let i = 0; cursor !== null && i < 1000; i += 1) {
      if (cursor === entryId) throw new RecordReferenceError("recurrenceOfId", "Déjà constaté : ce dysfonctionnement est une suite de celui-ci.");
      const next = await trx("register_entries").where({ id: cursor }).first("recurrence_of_id");
      cursor = next ? next.recurrence_of_id : null;
    }
  }
}

/** An answer or a decision (kept only with a final status) dated after today is refused before anything is written. */
function refuseFutureDoneDate(scope: Scope, v: EntryValues): void {
  const problem = futureDoneDate({ answeredOn: v.kind === "complaint" ? v.answeredOn : null, decidedOn: v.kind === "suggestion" && isFinal(v.status) ? v.decidedOn : null }, scope.today);
  if (problem) throw new FieldError(problem.field, problem.message);
}

function columns(v: EntryValues, answerDays: number, today: string) {
  const status = statusAfterAnswer(v.kind, v.status, v.kind === "complaint" ? v.answeredOn : null);
  const base = {
    occurred_on: v.occurredOn,
    site_id: v.siteId,
    category: v.category,
    subject: v.subject,
    description: v.description,
    status,
    person_id: v.personId,
    impact: "",
    immediate_fix: "",
    recurrence_of_id: null as number | null,
    channel: null as Channel | null,
    platform: "",
    review_url: "",
    contact_name: "",
    contact_details: "",
    answer: "",
    answered_on: null as string | null,
    answered_by: "",
    answer_due_on: null as string | null,
    late_after: null as string | null,
    source: null as Source | null,
    decision_reason: "",
    decided_on: null as string | null,
  };
  if (v.kind === "dysfunction") Object.assign(base, { impact: v.impact, immediate_fix: v.immediateFix, recurrence_of_id: v.recurrenceOfId });
  if (v.kind === "complaint") {
    Object.assign(base, {
      channel: v.channel,
      platform: v.channel === "avis_en_ligne" ? v.platform : "",
      review_url: v.channel === "avis_en_ligne" ? v.reviewUrl : "",
      contact_name: v.contactName,
      contact_details: v.contactDetails,
      answer: v.answer,
      answered_on: v.answeredOn,
      answered_by: v.answeredBy,
      answer_due_on: addWorkingDays(v.occurredOn, answerDays),
    });
    base.late_after = lateAfter({ kind: "complaint", answerDueOn: base.answer_due_on, answeredOn: base.answered_on });
  }
  if (v.kind === "suggestion") {
    Object.assign(base, {
      source: v.source,
      contact_name: v.contactName,
      person_id: v.source === "person" ? v.personId : null,
      decision_reason: isFinal(v.status) ? v.decisionReason : "",
      decided_on: isFinal(v.status) ? (v.decidedOn ?? today) : null,
    });
  }
  return base;
}

function searchTextOf(row: Pick<RegisterEntriesRecord, "subject" | "description" | "category" | "impact" | "immediate_fix" | "answer" | "platform" | "decision_reason" | "close_reason">): string {
  // Names and contacts are left out: a member's search must not reveal who complained.
  return searchKey([row.subject, row.description, row.category, row.impact, row.immediate_fix, row.answer, row.platform, row.decision_reason, row.close_reason].join(" "));
}

/** The row as history shows it: personal data never reaches the history table (decision 023). */
function shown(row: Record<string, unknown>) {
  const { search_text: _s, office_id: _o, kind: _k, created_by_user_id: _c, created_by_name: _n, answer_due_on: _d, late_after: _l, anonymised_at: _a, ...rest } = row;
  for (const f of PERSONAL_FIELDS) rest[f] = row[f] ? "renseigné" : null;
  return rest;
}

async function openActionCount(trx: Knex | Knex.Transaction, scope: Scope, entryId: number): Promise<number> {
  const rows = await trx("actions").where({ office_id: scope.officeId, register_entry_id: entryId }).whereIn("status", OPEN_STATUSES).count<{ n: number }[]>({ n: "*" });
  return Number(rows[0]?.n ?? 0);
}

export async function createEntry(scope: Scope, v: EntryValues): Promise<number> {
  refuseFutureDoneDate(scope, v);
  const settings = await getRegisterSettings(scope);
  return scope.db.transaction(async (trx) => {
    await checkReferences(trx, scope, v, null);
    const now = nowIso(scope.now);
    const cols = columns(v, settings.answerDays, scope.today);
    const row = {
      ...cols,
      office_id: scope.officeId,
      kind: v.kind,
      // Closed when decided or answered, if that is said; else today.
      closed_on: isFinal(cols.status) ? (cols.decided_on ?? cols.answered_on ?? scope.today) : null,
      close_reason: "",
      created_by_user_id: scope.actor.userId,
      created_by_name: scope.actor.name,
      created_at: now,
      updated_at: now,
    };
    const id = insertedId(await trx("register_entries").insert({ ...row, search_text: searchTextOf(row) }).returning("id"));
    await recordHistory(trx, { officeId: scope.officeId, entityType: "register_entry", entityId: id, action: "create", actor: scope.actor, now: scope.now, before: null, after: shown(row) });
    return id;
  });
}

/** Saves an entry; returns field errors (closing with open actions and no reason), "not_found", or null. */
export async function updateEntry(scope: Scope, entryId: number, v: EntryValues): Promise<Record<string, string> | "not_found" | null> {
  refuseFutureDoneDate(scope, v);
  const settings = await getRegisterSettings(scope);
  return scope.db.transaction(async (trx) => {
    const before = await trx("register_entries").where({ id: entryId, office_id: scope.officeId, kind: v.kind }).first();
    if (!before) return "not_found";
    await checkReferences(trx, scope, v, entryId);
    const cols = columns(v, settings.answerDays, scope.today);
    const reasonError = checkClosing({ status: cols.status, openActions: await openActionCount(trx, scope, entryId), closeReason: v.closeReason });
    if (reasonError) return { closeReason: reasonError };
    const wasFinal = isFinal(before.status as EntryStatus);
    const nowFinal = isFinal(cols.status);
    const patch = {
      ...cols,
      // Anonymised data stays gone: an edit cannot bring it back.
      ...(before.anonymised_at ? { contact_name: "", contact_details: "" } : {}),
      closed_on: nowFinal ? (wasFinal ? before.closed_on : (cols.decided_on ?? scope.today)) : null,
      close_reason: nowFinal ? v.closeReason : "",
      updated_at: nowIso(scope.now),
    };
    const after = { ...before, ...patch };
    await trx("register_entries").where({ id: entryId }).update({ ...patch, search_text: searchTextOf(after) });
    await recordHistory(trx, { officeId: scope.officeId, entityType: "register_entry", entityId: entryId, action: "update", actor: scope.actor, now: scope.now, before: shown(before), after: shown(after) });
    return null;
  });
}

export interface EntryRow {
  id: number;
  kind: RegisterKind;
  occurredOn: string;
  siteId: number | null;
  siteName: string | null;
  category: string;
  subject: string;
  status: EntryStatus;
  channel: Channel | null;
  source: Source | null;
  /** null when the reader may not see personal data */
  contactName: string | null;
  answeredOn: string | null;
  answerDueOn: string | null;
  late: boolean;
  /** working days of a complaint's answer (to today while it waits) */
  delayDays: number | null;
  closedOn: string | null;
  anonymised: boolean;
  actionCount: number;
  openActionCount: number;
  /** how many times this dysfunction has been seen (itself and the earlier ones it repeats) */
  occurrence: number;
  createdByUserId: number | null;
}

export interface EntryAction {
  id: number;
  title: string;
  status: ActionStatus;
  dueOn: string | null;
  ownerName: string;
}

export interface EntryDetail extends EntryRow {
  description: string;
  personId: number | null;
  personName: string | null;
  impact: string;
  immediateFix: string;
  recurrenceOfId: number | null;
  earlier: Array<{ id: number; occurredOn: string; subject: string }>;
  later: Array<{ id: number; occurredOn: string; subject: string }>;
  platform: string;
  reviewUrl: string;
  contactDetails: string | null;
  answer: string;
  answeredBy: string;
  delay: AnswerDelay | null;
  decisionReason: string;
  decidedOn: string | null;
  closeReason: string;
  createdByName: string;
  createdAt: string;
  actions: EntryAction[];
}

/** The columns of an entry that its row in a list shows, with its site's name (and, in the export, its action counts). */
type ListedEntry = Pick<
  RegisterEntriesRecord,
  "id" | "kind" | "occurred_on" | "site_id" | "category" | "subject" | "status" | "channel" | "source" | "contact_name" | "answered_on" | "answer_due_on" | "closed_on" | "anonymised_at" | "created_by_user_id"
> & { site_name: string | null; action_count?: number | string; open_action_count?: number | string };

/** An entry with the names of its site and person, as the detail page and the export read it. */
type FullEntry = RegisterEntriesRecord & { site_name: string | null; person_name: string | null };

function toRow(r: ListedEntry, personal: boolean, today: string): EntryRow {
  const kind = r.kind as RegisterKind;
  const answeredOn = r.answered_on || null;
  const answerDueOn = r.answer_due_on || null;
  const occurredOn = r.occurred_on;
  return {
    id: r.id,
    kind,
    occurredOn,
    siteId: r.site_id,
    siteName: r.site_name || null,
    category: r.category,
    subject: r.subject,
    status: r.status as EntryStatus,
    channel: r.channel as Channel | null,
    source: r.source as Source | null,
    contactName: personal ? r.contact_name : null,
    answeredOn,
    answerDueOn,
    late: isLate({ kind, answerDueOn, answeredOn }, today),
    delayDays: kind === "complaint" ? workingDaysBetween(occurredOn, answeredOn ?? today) : null,
    closedOn: r.closed_on || null,
    anonymised: Boolean(r.anonymised_at),
    actionCount: Number(r.action_count ?? 0),
    openActionCount: Number(r.open_action_count ?? 0),
    occurrence: 1,
    createdByUserId: r.created_by_user_id,
  };
}

/** The earlier occurrences of a dysfunction, nearest first (bounded: a chain is short). */
async function earlierOccurrences(db: Knex, scope: Scope, first: number | null) {
  const chain: Array<{ id: number; occurredOn: string; subject: string }> = [];
  const seen = new Set<number>();
  for (let cursor = first; cursor !== null && !seen.has(cursor) && chain.length < 200; ) {
    seen.add(cursor);
    const row = await db("register_entries").where({ id: cursor, office_id: scope.officeId }).first("id", "occurred_on", "subject", "recurrence_of_id");
    if (!row) break;
    chain.push({ id: row.id, occurredOn: row.occurred_on, subject: row.subject });
    cursor = row.recurrence_of_id;
  }
  return chain;
}

export async function getEntry(scope: Scope, entryId: number): Promise<EntryDetail | null> {
  const db = scope.db;
  const row = await db("register_entries as e")
    .leftJoin("sites as s", "s.id", "e.site_id")
    .leftJoin("people as p", "p.id", "e.person_id")
    .where({ "e.id": entryId, "e.office_id": scope.officeId })
    .select<FullEntry[]>("e.*", "s.name as site_name", "p.full_name as person_name")
    .first();
  if (!row) return null;
  const personal = seesPersonalData(scope);
  const [actions, earlier, later, settings] = await Promise.all([
    db("actions as a")
      .join("people as p", "p.id", "a.owner_person_id")
      .where({ "a.office_id": scope.officeId, "a.register_entry_id": entryId })
      .orderBy("a.id")
      .select<Array<Pick<ActionsRecord, "id" | "title" | "status" | "due_on"> & { owner_name: string }>>("a.id", "a.title", "a.status", "a.due_on", "p.full_name as owner_name"),
    earlierOccurrences(db, scope, row.recurrence_of_id),
    db("register_entries").where({ office_id: scope.officeId, recurrence_of_id: entryId }).orderBy("occurred_on").select("id", "occurred_on", "subject"),
    getRegisterSettings(scope),
  ]);
  const base = toRow(row, personal, scope.today);
  const answeredOn = base.answeredOn;
  return {
    ...base,
    occurrence: earlier.length + 1,
    actionCount: actions.length,
    openActionCount: actions.filter((a) => (OPEN_STATUSES as readonly string[]).includes(a.status)).length,
    description: row.description,
    personId: row.person_id,
    personName: row.person_name || null,
    impact: row.impact,
    immediateFix: row.immediate_fix,
    recurrenceOfId: row.recurrence_of_id,
    earlier,
    later: later.map((l) => ({ id: l.id, occurredOn: l.occurred_on, subject: l.subject })),
    platform: row.platform,
    reviewUrl: row.review_url,
    contactDetails: personal ? row.contact_details : null,
    answer: row.answer,
    answeredBy: row.answered_by,
    delay: base.kind === "complaint" ? answerDelay({ occurredOn: base.occurredOn, answeredOn }, settings.answerDays, scope.today, FRENCH_CALENDAR) : null,
    decisionReason: row.decision_reason,
    decidedOn: row.decided_on || null,
    closeReason: row.close_reason,
    createdByName: row.created_by_name,
    createdAt: row.created_at,
    actions: actions.map((a) => ({ id: a.id, title: a.title, status: a.status as ActionStatus, dueOn: a.due_on || null, ownerName: a.owner_name })),
  };
}

/**
 * The filtered entries of one register, without order or pagination: list, counts and export
 * share it. `inOrder`: for a page read in the list's order, late complaints are picked through an
 * expression that no index answers, so that the planner walks the order's index (which carries
 * the late mark) and stops after the page, rather than gathering every late complaint of the
 * register to sort them (decision 043). Counts keep the plain comparison and its index.
 */
function filtered(scope: Scope, kind: RegisterKind, f: Omit<RegisterFilters, "page">, inOrder = false) {
  const db = scope.db;
  const q = db("register_entries as e").where({ "e.office_id": scope.officeId, "e.kind": kind });
  if (f.from) q.where("e.occurred_on", ">=", f.from);
  if (f.to) q.where("e.occurred_on", "<=", f.to);
  if (f.siteId) q.where("e.site_id", f.siteId);
  else if (f.wholeOffice) q.whereNull("e.site_id");
  if (f.status) q.where("e.status", f.status);
  if (f.category) q.where("e.category", f.category);
  if (f.late) {
    // late_after is null for whatever cannot be late: one comparison (decision 043).
    if (inOrder) q.whereRaw("(e.late_after || '') < ?", [scope.today]);
    else q.where("e.late_after", "<", scope.today);
  }
  const words = searchKey(f.q).split(" ").filter(Boolean).slice(0, 8);
  for (const word of words) q.where("e.search_text", "like", `%${word.replace(/[%_\\]/g, "")}%`);
  return q;
}

export const REGISTER_PAGE_SIZE = 50;

export async function listEntries(
  scope: Scope,
  kind: RegisterKind,
  filters: RegisterFilters,
  options: { pageSize?: number } = {},
): Promise<{ rows: EntryRow[]; total: number; late: number }> {
  const pageSize = options.pageSize ?? REGISTER_PAGE_SIZE;
  const db = scope.db;
  const rows = await filtered(scope, kind, filters, true)
    .leftJoin("sites as s", "s.id", "e.site_id")
    .select<ListedEntry[]>(
      "e.id",
      "e.kind",
      "e.occurred_on",
      "e.site_id",
      "e.category",
      "e.subject",
      "e.status",
      "e.channel",
      "e.source",
      "e.contact_name",
      "e.answered_on",
      "e.answer_due_on",
      "e.closed_on",
      "e.anonymised_at",
      "e.created_by_user_id",
      "s.name as site_name",
    )
    .orderBy([
      { column: "e.occurred_on", order: "desc" },
      { column: "e.id", order: "desc" },
    ])
    .limit(pageSize)
    .offset((filters.page - 1) * pageSize);
  const ids = rows.map((r) => r.id);
  const counts = new Map<number, { all: number; open: number }>();
  for (let i = 0; i < ids.length; i += 1000) {
    const part = await db("actions")
      .where({ office_id: scope.officeId })
      .whereIn("register_entry_id", ids.slice(i, i + 1000))
      .select("register_entry_id")
      .count<Array<{ register_entry_id: number; n: number }>>({ n: "*" })
      .select(db.raw(`sum(case when status in (${OPEN_STATUSES.map(() => "?").join(", ")}) then 1 else 0 end) as open`, [...OPEN_STATUSES]))
      .groupBy("register_entry_id");
    for (const c of part as unknown as Array<{ register_entry_id: number; n: number; open: number }>) counts.set(c.register_entry_id, { all: Number(c.n), open: Number(c.open) });
  }
  const [totalRow] = await filtered(scope, kind, filters).count<{ n: number }[]>({ n: "*" });
  let late = 0;
  if (kind === "complaint") {
    const [lateRow] = await filtered(scope, kind, { ...filters, late: true }).count<{ n: number }[]>({ n: "*" });
    late = Number(lateRow?.n ?? 0);
  }
  const personal = seesPersonalData(scope);
  return {
    rows: rows.map((r) => ({ ...toRow(r, personal, scope.today), actionCount: counts.get(r.id)?.all ?? 0, openActionCount: counts.get(r.id)?.open ?? 0 })),
    total: Number(totalRow?.n ?? 0),
    late,
  };
}

/** Every entry of the selection, for the CSV export, a batch at a time in the list's order (newest first). */
export async function* exportEntryBatches(scope: Scope, kind: RegisterKind, filters: RegisterFilters, batchSize = 500): AsyncGenerator<ExportEntry[]> {
  const personal = seesPersonalData(scope);
  let after: { occurredOn: string; id: number } | null = null;
  for (;;) {
    const q = filtered(scope, kind, filters)
      .leftJoin("sites as s", "s.id", "e.site_id")
      .leftJoin("people as p", "p.id", "e.person_id")
      .select("e.*", "s.name as site_name", "p.full_name as person_name")
      .select(scope.db.raw("(select count(*) from actions a where a.register_entry_id = e.id and a.office_id = e.office_id) as action_count"))
      .select(scope.db.raw(`(select count(*) from actions a where a.register_entry_id = e.id and a.office_id = e.office_id and a.status in (${OPEN_STATUSES.map(() => "?").join(", ")})) as open_action_count`, [...OPEN_STATUSES]))
      .orderBy([
        { column: "e.occurred_on", order: "desc" },
        { column: "e.id", order: "desc" },
      ])
      .limit(batchSize);
    // Keyset, not offset: each batch starts where the last one ended, however far into the register.
    const from = after;
    if (from) q.where((w) => w.where("e.occurred_on", "<", from.occurredOn).orWhere((x) => x.where("e.occurred_on", from.occurredOn).where("e.id", "<", from.id)));
    const rows = (await q) as Array<FullEntry & { action_count: number | string; open_action_count: number | string }>;
    if (rows.length === 0) return;
    yield rows.map((r) => toExportEntry(r, personal, scope.today));
    if (rows.length < batchSize) return;
    const last = rows[rows.length - 1]!;
    after = { occurredOn: last.occurred_on, id: last.id };
  }
}

function toExportEntry(r: FullEntry & { action_count: number | string; open_action_count: number | string }, personal: boolean, today: string) {
  return {
    ...toRow(r, personal, today),
    description: r.description,
    personName: r.person_name || "",
    impact: r.impact,
    immediateFix: r.immediate_fix,
    platform: r.platform,
    contactDetails: personal ? r.contact_details : null,
    answer: r.answer,
    answeredBy: r.answered_by,
    decisionReason: r.decision_reason,
    decidedOn: r.decided_on || null,
    recurrenceOfId: r.recurrence_of_id,
  };
}

export type ExportEntry = ReturnType<typeof toExportEntry>;

export interface RegisterCounts {
  byMonth: Array<{ month: string; count: number; late: number }>;
  bySite: Array<{ siteId: number | null; siteName: string | null; count: number; late: number }>;
  byCategory: Array<{ category: string; count: number }>;
}

const lateSql = (today: string) =>
  [`sum(case when e.late_after < ? then 1 else 0 end) as late`, [today]] as const;

/** Counts of the filtered entries per month (of the day they occurred), per site and per category. */
export async function registerCounts(scope: Scope, kind: RegisterKind, filters: RegisterFilters): Promise<RegisterCounts> {
  const db = scope.db;
  const [sql, bindings] = lateSql(scope.today);
  const month = db.raw("substr(e.occurred_on, 1, 7)");
  const [months, sites, categories] = await Promise.all([
    filtered(scope, kind, filters)
      .select(db.raw("substr(e.occurred_on, 1, 7) as month"))
      .count<Array<{ month: string; n: number }>>({ n: "*" })
      .select(db.raw(sql, bindings))
      .groupBy(month)
      .orderBy("month", "desc")
      .limit(36),
    filtered(scope, kind, filters)
      .leftJoin("sites as s", "s.id", "e.site_id")
      .select("e.site_id", "s.name as site_name")
      .count<Array<{ site_id: number | null; site_name: string | null; n: number }>>({ n: "*" })
      .select(db.raw(sql, bindings))
      .groupBy("e.site_id", "s.name"),
    filtered(scope, kind, filters).select("e.category").count<Array<{ category: string; n: number }>>({ n: "*" }).groupBy("e.category"),
  ]);
  return {
    byMonth: (months as Array<{ month: string; n: number; late: number }>).map((m) => ({ month: m.month, count: Number(m.n), late: Number(m.late) })),
    bySite: (sites as Array<{ site_id: number | null; site_name: string | null; n: number; late: number }>)
      .map((s) => ({ siteId: s.site_id, siteName: s.site_name || null, count: Number(s.n), late: Number(s.late) }))
      .sort((a, b) => b.count - a.count),
    byCategory: categories.map((c) => ({ category: c.category, count: Number(c.n) })).sort((a, b) => b.count - a.count),
  };
}

/**
 * A register's summary for a period, for an agenda point of the minutes: every entry that
 * occurred in it, counted by category and site, the first ones listed with their actions. No
 * personal data, whoever reads (decision 034).
 */
export async function registerSummary(scope: Scope, kind: RegisterKind, period: { from: string; to: string }): Promise<RegisterSummary> {
  const filters: RegisterFilters = { from: period.from, to: period.to, siteId: null, wholeOffice: false, status: null, category: "", late: false, q: "", page: 1 };
  const [list, counts] = await Promise.all([listEntries(scope, kind, filters, { pageSize: SUMMARY_ENTRIES }), registerCounts(scope, kind, filters)]);
  const ids = list.rows.map((r) => r.id);
  const actions = ids.length
    ? await scope.db("actions").where({ office_id: scope.officeId }).whereIn("register_entry_id", ids).select("register_entry_id", "title", "status", "due_on").orderBy("id")
    : [];
  // Oldest first, as the minutes tell what happened since the last meeting.
  const rows = [...list.rows].reverse();
  // A dysfunction that comes back says how many times it has been seen (the list rows do not walk the chain).
  const occurrences = new Map<number, number>();
  if (kind === "dysfunction" && ids.length) {
    const links = await scope.db("register_entries").where({ office_id: scope.officeId }).whereIn("id", ids).whereNotNull("recurrence_of_id").select("id", "recurrence_of_id");
    for (const link of links) occurrences.set(link.id, (await earlierOccurrences(scope.db, scope, link.recurrence_of_id)).length + 1);
  }
  return {
    kind,
    from: period.from,
    to: period.to,
    total: list.total,
    late: list.late,
    byCategory: counts.byCategory.map((c) => ({ label: c.category || "Sans catégorie", count: c.count })),
    bySite: counts.bySite.map((s) => ({ label: s.siteName ?? "Tout l'office", count: s.count })),
    entries: rows.map((r) => ({
      id: r.id,
      occurredOn: r.occurredOn,
      subject: r.subject,
      category: r.category,
      site: r.siteName ?? "Tout l'office",
      status: STATUS_LABELS[r.status],
      late: r.late,
      occurrence: occurrences.get(r.id) ?? r.occurrence,
      actions: actions
        .filter((a) => a.register_entry_id === r.id)
        .map((a) => ({ title: a.title, status: ACTION_STATUS_LABELS[a.status as ActionStatus], dueOn: a.due_on || null })),
    })),
    more: Math.max(0, list.total - rows.length),
  };
}

/** This year against last year, month by month (the seed compares 2020 with 2019). */
export async function yearAgainstYear(scope: Scope, kind: RegisterKind, year: number, filters: Omit<RegisterFilters, "page" | "from" | "to">) {
  const db = scope.db;
  const rows: Array<{ month: string; n: number | string }> = await filtered(scope, kind, { ...filters, from: `${year - 1}-01-01`, to: `${year}-12-31` })
    .select(db.raw("substr(e.occurred_on, 1, 7) as month"))
    .count({ n: "*" })
    .groupBy(db.raw("substr(e.occurred_on, 1, 7)"));
  const by = new Map<string, number>(rows.map((r) => [r.month, Number(r.n)]));
  const months = Array.from({ length: 12 }, (_, i) => String(i + 1).padStart(2, "0"));
  const table = months.map((m) => ({ month: m, current: by.get(`${year}-${m}`) ?? 0, previous: by.get(`${year - 1}-${m}`) ?? 0 }));
  return {
    year,
    months: table,
    current: table.reduce((s, m) => s + m.current, 0),
    previous: table.reduce((s, m) => s + m.previous, 0),
  };
}

/** Categories offered in the form: the defaults and those the office has used, in French order. */
export async function categoriesOf(scope: Scope, kind: RegisterKind): Promise<string[]> {
  const used = await scope.db("register_entries").where({ office_id: scope.officeId, kind }).whereNot("category", "").distinct("category");
  const all = new Set([...DEFAULT_CATEGORIES[kind], ...used.map((u) => u.category)]);
  return [...all].sort((a, b) => a.localeCompare(b, "fr"));
}

/** Earlier dysfunctions an entry may repeat (the latest first). */
export async function recurrenceChoices(scope: Scope, exceptId: number | null = null) {
  const q = scope.db("register_entries").where({ office_id: scope.officeId, kind: "dysfunction" }).orderBy("occurred_on", "desc").limit(300).select("id", "occurred_on", "subject");
  if (exceptId !== null) q.whereNot("id", exceptId);
  return (await q).map((r) => ({ id: r.id, occurredOn: r.occurred_on, subject: r.subject }));
}

/** Counts of each register for the overview: total, open, late complaints. */
export async function registerOverview(scope: Scope) {
  const rows: Array<{ kind: RegisterKind; status: EntryStatus; n: number | string }> = await scope
    .db("register_entries as e")
    .where("e.office_id", scope.officeId)
    .select("e.kind", "e.status")
    .count({ n: "*" })
    .groupBy("e.kind", "e.status");
  const [lateRow] = await filtered(scope, "complaint", { from: null, to: null, siteId: null, wholeOffice: false, status: null, category: "", late: true, q: "" }).count<{ n: number }[]>({ n: "*" });
  const overview: Record<RegisterKind, { total: number; open: number }> = { dysfunction: { total: 0, open: 0 }, complaint: { total: 0, open: 0 }, suggestion: { total: 0, open: 0 } };
  for (const r of rows) {
    overview[r.kind].total += Number(r.n);
    if (!isFinal(r.status)) overview[r.kind].open += Number(r.n);
  }
  return { ...overview, lateComplaints: Number(lateRow?.n ?? 0) };
}

/** A new action of the plan from an entry, linked to it, in one transaction with both histories. */
export async function createActionFromEntry(scope: Scope, entryId: number, values: ActionValues): Promise<number | null> {
  return scope.db.transaction(async (trx) => {
    const entry = await trx("register_entries").where({ id: entryId, office_id: scope.officeId }).first();
    if (!entry) return null;
    // The action's own write joins this transaction (a savepoint), so both commit or neither.
    const actionId = await createAction({ ...scope, db: trx }, { ...values, origin: entry.kind as RegisterKind });
    await trx("actions").where({ id: actionId, office_id: scope.officeId }).update({ register_entry_id: entryId });
    await recordHistory(trx, { officeId: scope.officeId, entityType: "register_entry", entityId: entryId, action: "update", actor: scope.actor, now: scope.now, before: { action_added: null }, after: { action_added: values.title } });
    return actionId;
  });
}

/** The entry an action comes from, for the action's page. */
export async function entryOfAction(scope: Scope, actionId: number): Promise<{ id: number; kind: RegisterKind; subject: string; occurredOn: string } | null> {
  const row = await scope
    .db("actions as a")
    .join("register_entries as e", "e.id", "a.register_entry_id")
    .where({ "a.id": actionId, "a.office_id": scope.officeId, "e.office_id": scope.officeId })
    .select<Array<Pick<RegisterEntriesRecord, "id" | "kind" | "subject" | "occurred_on">>>("e.id", "e.kind", "e.subject", "e.occurred_on")
    .first();
  return row ? { id: row.id, kind: row.kind as RegisterKind, subject: row.subject, occurredOn: row.occurred_on } : null;
}

/** Everything the office holds about the person of an entry (right of access), as plain lines. */
export async function personalDataOf(scope: Scope, entryId: number) {
  const row = await scope.db("register_entries").where({ id: entryId, office_id: scope.officeId }).first();
  if (!row) return null;
  return {
    entryId: row.id,
    kind: row.kind as RegisterKind,
    occurredOn: row.occurred_on,
    channel: row.channel || null,
    subject: row.subject,
    description: row.description,
    contactName: row.contact_name,
    contactDetails: row.contact_details,
    answer: row.answer,
    answeredOn: row.answered_on || null,
    anonymisedAt: row.anonymised_at || null,
  };
}

async function clearPersonalData(trx: Knex.Transaction, scope: Scope, ids: number[], why: string) {
  const stamp = nowIso(scope.now);
  for (const id of ids) {
    await trx("register_entries").where({ id, office_id: scope.officeId }).update({ contact_name: "", contact_details: "", review_url: "", anonymised_at: stamp, updated_at: stamp });
    await recordHistory(trx, {
      officeId: scope.officeId,
      entityType: "register_entry",
      entityId: id,
      action: "update",
      actor: scope.actor,
      now: scope.now,
      before: { anonymised: null },
      after: { anonymised: why },
    });
  }
}

/** Erases the person's name and contact of one entry at their request; the figures stay. */
export async function erasePersonalData(scope: Scope, entryId: number): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const row = await trx("register_entries").where({ id: entryId, office_id: scope.officeId }).first("id");
    if (!row) return false;
    await clearPersonalData(trx, scope, [entryId], "Effacées à la demande de la personne");
    return true;
  });
}

/**
 * The retention pass: entries closed more than the office's retention period ago lose their
 * personal data (name, contact, review link). Returns how many were anonymised.
 */
export async function anonymiseExpired(scope: Scope): Promise<number> {
  const settings = await getRegisterSettings(scope);
  const limit = anonymiseClosedUpTo(scope.today, settings.retentionYears);
  return scope.db.transaction(async (trx) => {
    const rows = await trx("register_entries")
      .where({ office_id: scope.officeId })
      .whereNull("anonymised_at")
      .whereNotNull("closed_on")
      .where("closed_on", "<=", limit)
      .where((w) => w.whereNot("contact_name", "").orWhereNot("contact_details", "").orWhereNot("review_url", ""))
      .select("id");
    await clearPersonalData(trx, scope, rows.map((r) => r.id), `Conservation de ${settings.retentionYears} an${settings.retentionYears > 1 ? "s" : ""} après la clôture dépassée`);
    return rows.length;
  });
}

export { INITIAL_STATUS };

/** Links an action already in the plan to the entry it answers (a retained suggestion, say). */
export async function linkActionToEntry(scope: Scope, entryId: number, actionId: number): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const entry = await trx("register_entries").where({ id: entryId, office_id: scope.officeId }).first("id");
    const action = await trx("actions").where({ id: actionId, office_id: scope.officeId }).first("id", "title");
    if (!entry || !action) return false;
    await trx("actions").where({ id: actionId }).update({ register_entry_id: entryId });
    await recordHistory(trx, { officeId: scope.officeId, entityType: "register_entry", entityId: entryId, action: "update", actor: scope.actor, now: scope.now, before: { action_added: null }, after: { action_added: action.title } });
    return true;
  });
}
