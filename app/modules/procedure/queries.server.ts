// Procedure sheets of an office: the sheets and their versions (at most one in preparation, the
// published ones never changed), the people and groups each version concerns, "lu et compris"
// confirmations of the version in force, reviews, files; and the Word document's view model.
import { FieldError, StateError } from "../errors";
import type { Knex } from "knex";
import type { ProcedureSheetDocumentModel } from "../../../templates/procedure-sheet-model";
import { listSheetAttachments, type Attachment } from "../attachment/queries.server";
import { recordHistory } from "../history/queries.server";
import type { PersonContract, PersonKind } from "../person/rules";
import type { Scope } from "../scope.server";
import { sharedRead } from "../../request-cache.server";
import type { ProcedureReadsRecord, ProcedureSheetsRecord, ProcedureVersionsRecord } from "../../../db/records";
import { bool, insertedId, lockForUpdate, nameKey, nowIso, num, present, sortByFrench } from "../../utils/rows.server";
import {
  FIRST_VERSION_NOTE,
  concernedLine,
  groupsText,
  isConcerned,
  nextVersionNumber,
  parseGroups,
  publishProblem,
  readState,
  reviewDayProblem,
  reviewOf,
  sameContent,
  type GroupedPerson,
  type ProcedureGroup,
  type ReadState,
  type Review,
  type VersionContent,
  type VersionStatus,
} from "./rules";
import type { SheetValues } from "./schema";

// ── Errors the routes turn into messages ────────────────────────────────────────────────────


// ── Reading ─────────────────────────────────────────────────────────────────────────────────

export interface VersionDetail {
  id: number;
  number: number;
  status: VersionStatus;
  title: string;
  domain: string;
  body: string;
  referentId: number | null;
  referentName: string;
  followUpId: number | null;
  followUpName: string;
  personIds: number[];
  groups: ProcedureGroup[];
  /** The header's "Personnes concernées" line, as written for this version. */
  concernedText: string;
  changeNote: string;
  /** The header's "Date d'actualisation". */
  updatedOn: string;
  publishedAt: string | null;
  publishedByName: string | null;
  publishedByUserId: number | null;
}

function toVersion(r: ProcedureVersionsRecord, personIds: number[]): VersionDetail {
  return {
    id: r.id,
    number: r.number,
    status: r.status as VersionStatus,
    title: r.title,
    domain: r.domain,
    body: r.body,
    referentId: r.referent_person_id,
    referentName: r.referent_name,
    followUpId: r.follow_up_person_id,
    followUpName: r.follow_up_name,
    personIds,
    groups: parseGroups(r.concerned_groups),
    concernedText: r.concerned_text,
    changeNote: r.change_note,
    updatedOn: r.updated_on,
    publishedAt: r.published_at || null,
    publishedByName: r.published_by_name || null,
    publishedByUserId: r.published_by_user_id,
  };
}

function contentOf(v: VersionDetail): VersionContent {
  return { title: v.title, domain: v.domain, body: v.body, referentId: v.referentId, followUpId: v.followUpId, personIds: v.personIds, groups: v.groups };
}

function contentOfValues(v: SheetValues): VersionContent {
  return { title: v.title, domain: v.domain, body: v.body, referentId: v.referentId, followUpId: v.followUpId, personIds: v.personIds, groups: v.groups };
}

async function versionsOf(db: Knex | Knex.Transaction, rows: ProcedureVersionsRecord[]): Promise<VersionDetail[]> {
  if (rows.length === 0) return [];
  const links = await db("procedure_version_people").whereIn("version_id", rows.map((r) => r.id)).select("version_id", "person_id");
  return rows.map((r) =>
    toVersion(
      r,
      links.filter((l) => l.version_id === r.id).map((l) => l.person_id).sort((a, b) => a - b),
    ),
  );
}

/** The sheet's version with this number, or its draft ("draft"), in this office. */
async function findVersion(db: Knex | Knex.Transaction, officeId: number, sheetId: number, which: number | "draft"): Promise<VersionDetail | null> {
  const q = db("procedure_versions").where({ office_id: officeId, sheet_id: sheetId });
  if (which === "draft") q.where({ status: "draft" });
  else q.where({ number: which, status: "published" });
  const row = await q.first();
  return row ? ((await versionsOf(db, [row]))[0] ?? null) : null;
}

export interface SheetSummary {
  id: number;
  code: string;
  /** The version in force's title (the draft's, for a sheet never published). */
  title: string;
  domain: string;
  currentVersion: number;
  /** The day of the version in force ("Date d'actualisation"). */
  updatedOn: string | null;
  reviewMonths: number;
  reviewedOn: string | null;
  review: Review;
  /** The number of the version in preparation, if one is. */
  draftNumber: number | null;
  /** Where the signed-in person stands with the version in force; null when it does not concern them. */
  mine: ReadState | null;
  /** Confirmations of the version in force among those it concerns (for those who edit sheets). */
  reading: { confirmed: number; expected: number } | null;
}

/** The office's people as the groups read them, and its accounts linked to a person. */
interface Readers {
  people: Array<GroupedPerson & { name: string }>;
  accounts: Array<{ userId: number; name: string; personId: number }>;
}

async function officeReaders(db: Knex | Knex.Transaction, officeId: number): Promise<Readers> {
  const [people, accounts] = await Promise.all([
    db("people").where({ office_id: officeId }).select("id", "full_name", "kind", "contract", "arrived_on", "quality_group_member", "active"),
    db("memberships as ms")
      .join("users as u", "u.id", "ms.user_id")
      .where("ms.office_id", officeId)
      .andWhere("u.disabled", false)
      .whereNotNull("ms.person_id")
      // person_id is set: whereNotNull above.
      .select<Array<{ user_id: number; display_name: string; person_id: number }>>("u.id as user_id", "u.display_name", "ms.person_id"),
  ]);
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.full_name,
      kind: p.kind as PersonKind,
      contract: (p.contract ?? "permanent") as PersonContract,
      arrivedOn: p.arrived_on || null,
      qualityGroupMember: bool(p.quality_group_member),
      active: bool(p.active),
    })),
    accounts: accounts.map((a) => ({ userId: a.user_id, name: a.display_name, personId: a.person_id })),
  };
}

/**
 * The accounts a version asks to confirm: those of the people it concerns today, except the
 * account that published it (the author does not confirm their own sheet).
 */
function expectedAccounts(version: VersionDetail, readers: Readers, today: string) {
  const concerned = new Set(readers.people.filter((p) => isConcerned(version, p, today)).map((p) => p.id));
  return readers.accounts.filter((a) => concerned.has(a.personId) && a.userId !== version.publishedByUserId);
}

/** Every confirmation of the sheets' versions, as (user, sheet, version number, day). */
async function confirmationsOf(db: Knex | Knex.Transaction, officeId: number, sheetIds: number[]) {
  if (sheetIds.length === 0) return [];
  const rows = await db("procedure_reads as r")
    .join("procedure_versions as v", "v.id", "r.version_id")
    .where("v.office_id", officeId)
    .whereIn("v.sheet_id", sheetIds)
    .select<Array<Pick<ProcedureReadsRecord, "user_id" | "read_at"> & Pick<ProcedureVersionsRecord, "sheet_id" | "number">>>("r.user_id", "r.read_at", "v.sheet_id", "v.number");
  return rows.map((r) => ({ userId: r.user_id, sheetId: r.sheet_id, number: r.number, readAt: r.read_at }));
}

/**
 * The office's sheets, by code. Those never published only for those who may read drafts;
 * `reading` counts confirmations for those who follow them (`withReading`).
 */
export async function listSheets(scope: Scope, query: { userId: number; personId: number | null; includeDrafts: boolean; withReading: boolean }): Promise<SheetSummary[]> {
  const { db, officeId, today } = scope;
  const q = db("procedure_sheets").where({ office_id: officeId });
  if (!query.includeDrafts) q.where("current_version", ">", 0);
  const sheets = await q;
  if (sheets.length === 0) return [];
  const ids = sheets.map((s) => s.id);
  const [currentRows, draftRows] = await Promise.all([
    db("procedure_versions as v")
      .join("procedure_sheets as s", function () {
        this.on("s.id", "=", "v.sheet_id").andOn("s.current_version", "=", "v.number");
      })
      .where({ "s.office_id": officeId, "v.status": "published" })
      .select<ProcedureVersionsRecord[]>("v.*"),
    db("procedure_versions").where({ office_id: officeId, status: "draft" }).whereIn("sheet_id", ids),
  ]);
  const [currents, drafts] = await Promise.all([versionsOf(db, currentRows), versionsOf(db, draftRows)]);
  const sheetOf = new Map([...currentRows, ...draftRows].map((r) => [r.id, r.sheet_id]));
  const [readers, confirmations] = await Promise.all([officeReaders(db, officeId), confirmationsOf(db, officeId, ids)]);
  const me = query.personId === null ? null : (readers.people.find((p) => p.id === query.personId) ?? null);
  const summaries = sheets.map((s): SheetSummary => {
    const id = s.id;
    const currentVersion = s.current_version;
    const current = currents.find((v) => sheetOf.get(v.id) === id) ?? null;
    const draft = drafts.find((v) => sheetOf.get(v.id) === id) ?? null;
    const shown = current ?? draft;
    const confirmedBy = (userId: number) => confirmations.filter((c) => c.sheetId === id && c.userId === userId).map((c) => c.number);
    const concernsMe = current !== null && me !== null && isConcerned(current, me, today) && current.publishedByUserId !== query.userId;
    let reading: SheetSummary["reading"] = null;
    if (query.withReading && current) {
      const expected = expectedAccounts(current, readers, today);
      reading = { expected: expected.length, confirmed: expected.filter((a) => readState(confirmedBy(a.userId), currentVersion) === "confirmed").length };
    }
    const reviewMonths = s.review_months;
    const reviewedOn = s.reviewed_on || null;
    return {
      id,
      code: s.code,
      title: shown?.title ?? s.title,
      domain: shown?.domain ?? "",
      currentVersion,
      updatedOn: current?.updatedOn ?? null,
      reviewMonths,
      reviewedOn,
      review: reviewOf({ reviewedOn, reviewMonths, currentVersion }, today),
      draftNumber: draft?.number ?? null,
      mine: concernsMe ? readState(confirmedBy(query.userId), currentVersion) : null,
      reading,
    };
  });
  return sortByFrench(summaries, (s) => s.code);
}

export interface SheetDetail {
  id: number;
  code: string;
  title: string;
  reviewMonths: number;
  reviewedOn: string | null;
  currentVersion: number;
  review: Review;
  /** The version in force (null until the first is published). */
  current: VersionDetail | null;
  /** The version in preparation, if one is. */
  draft: VersionDetail | null;
  /** The published versions, newest first. */
  versions: Array<{ number: number; updatedOn: string; changeNote: string; publishedByName: string | null }>;
  attachments: Attachment[];
  /** When the signed-in user confirmed the version in force (null: not yet). */
  confirmedAt: string | null;
  /** The version in force concerns the signed-in person (they are asked to confirm it). */
  concernsMe: boolean;
  /** The signed-in user published the version in force (and is not asked to confirm it). */
  publishedByMe: boolean;
}

export async function getSheet(scope: Scope, query: { sheetId: number; userId: number; personId: number | null }): Promise<SheetDetail | null> {
  const { db, officeId, today } = scope;
  const sheet = await db("procedure_sheets").where({ id: query.sheetId, office_id: officeId }).first();
  if (!sheet) return null;
  const currentVersion = sheet.current_version;
  const [current, draft, published, attachments] = await Promise.all([
    currentVersion > 0 ? findVersion(db, officeId, query.sheetId, currentVersion) : Promise.resolve(null),
    findVersion(db, officeId, query.sheetId, "draft"),
    db("procedure_versions").where({ sheet_id: query.sheetId, office_id: officeId, status: "published" }).orderBy("number", "desc").select("number", "updated_on", "change_note", "published_by_name"),
    listSheetAttachments(scope, { sheetId: query.sheetId }),
  ]);
  const read = current ? await db("procedure_reads").where({ version_id: current.id, user_id: query.userId }).first() : null;
  let concernsMe = false;
  if (current && query.personId !== null && current.publishedByUserId !== query.userId) {
    const me = (await officeReaders(db, officeId)).people.find((p) => p.id === query.personId);
    concernsMe = me !== undefined && isConcerned(current, me, today);
  }
  const reviewMonths = sheet.review_months;
  const reviewedOn = sheet.reviewed_on || null;
  return {
    id: sheet.id,
    code: sheet.code,
    title: current?.title ?? draft?.title ?? sheet.title,
    reviewMonths,
    reviewedOn,
    currentVersion,
    review: reviewOf({ reviewedOn, reviewMonths, currentVersion }, today),
    current,
    draft,
    versions: published.map((v) => ({ number: v.number, updatedOn: v.updated_on, changeNote: v.change_note, publishedByName: v.published_by_name || null })),
    attachments,
    confirmedAt: read ? read.read_at : null,
    concernsMe,
    publishedByMe: current !== null && current.publishedByUserId === query.userId,
  };
}

/** A published version of the sheet, to read as it was. */
export async function getVersion(scope: Scope, query: { sheetId: number; number: number }): Promise<VersionDetail | null> {
  return findVersion(scope.db, scope.officeId, query.sheetId, query.number);
}

export interface ReadReceipt {
  userId: number;
  name: string;
  /** The person the account is. */
  personName: string;
  state: ReadState;
  /** When they confirmed the version in force. */
  readAt: string | null;
  /** When they last confirmed an earlier version (a confirmation that no longer counts). */
  previousReadAt: string | null;
}

export interface Receipts {
  version: number;
  /** The accounts the version in force asks to confirm, with where each stands. */
  expected: ReadReceipt[];
  /** Confirmations from accounts it does not name (someone who read it anyway). */
  others: Array<{ userId: number; name: string; readAt: string }>;
  /** People it concerns who have no account: to have it read and signed on paper. */
  withoutAccount: string[];
}

/** Who has confirmed the version in force, who has not, and who cannot in the product. */
export async function readReceipts(scope: Scope, query: { sheetId: number }): Promise<Receipts | null> {
  const { db, officeId, today } = scope;
  const sheet = await db("procedure_sheets").where({ id: query.sheetId, office_id: officeId }).first();
  if (!sheet || sheet.current_version === 0) return null;
  const current = await findVersion(db, officeId, query.sheetId, sheet.current_version);
  if (!current) return null;
  const [readers, confirmations] = await Promise.all([officeReaders(db, officeId), confirmationsOf(db, officeId, [query.sheetId])]);
  const expected = expectedAccounts(current, readers, today);
  const expectedIds = new Set(expected.map((a) => a.userId));
  const personName = new Map(readers.people.map((p) => [p.id, p.name]));
  const own = (userId: number) => confirmations.filter((c) => c.userId === userId);
  const receipts = expected.map((a): ReadReceipt => {
    const mine = own(a.userId);
    const now = mine.find((c) => c.number === current.number) ?? null;
    const earlier = mine.filter((c) => c.number < current.number).sort((x, y) => y.number - x.number)[0] ?? null;
    return { userId: a.userId, name: a.name, personName: personName.get(a.personId) ?? "", state: readState(mine.map((c) => c.number), current.number), readAt: now?.readAt ?? null, previousReadAt: earlier?.readAt ?? null };
  });
  const withAccount = new Set(readers.accounts.map((a) => a.personId));
  const others = confirmations.filter((c) => c.number === current.number && !expectedIds.has(c.userId));
  const otherNames = others.length ? await db("users").whereIn("id", others.map((o) => o.userId)).select("id", "display_name") : [];
  return {
    version: current.number,
    // Those still to confirm first, then by name.
    expected: sortByFrench(receipts, (r) => `${r.state === "confirmed" ? 1 : 0} ${r.name}`),
    others: sortByFrench(
      others.map((o) => ({ userId: o.userId, name: otherNames.find((u) => u.id === o.userId)?.display_name ?? "", readAt: o.readAt })),
      (o) => o.name,
    ),
    withoutAccount: sortByFrench(
      readers.people.filter((p) => isConcerned(current, p, today) && !withAccount.has(p.id)).map((p) => p.name),
      (n) => n,
    ),
  };
}

/** The published sheets whose version in force concerns this person and that their account has not confirmed yet. */
export function sheetsToConfirm(scope: Scope, query: { userId: number; personId: number | null }): Promise<Array<{ id: number; code: string; title: string; version: number }>> {
  // Asked by the layout (its badge) and by the dashboard in the same request: read once.
  return sharedRead(`sheets-to-confirm:${scope.officeId}:${query.userId}:${query.personId}`, () => readSheetsToConfirm(scope, query));
}

async function readSheetsToConfirm(scope: Scope, query: { userId: number; personId: number | null }): Promise<Array<{ id: number; code: string; title: string; version: number }>> {
  const { db, officeId, today } = scope;
  if (query.personId === null) return [];
  const person = await db("people").where({ id: query.personId, office_id: officeId }).first();
  if (!person) return [];
  const me: GroupedPerson = {
    id: person.id,
    kind: person.kind as PersonKind,
    contract: (person.contract ?? "permanent") as PersonContract,
    arrivedOn: person.arrived_on || null,
    qualityGroupMember: bool(person.quality_group_member),
    active: bool(person.active),
  };
  const rows = (await db("procedure_sheets as s")
    .join("procedure_versions as v", function () {
      this.on("v.sheet_id", "=", "s.id").andOn("v.number", "=", "s.current_version");
    })
    .leftJoin("procedure_reads as r", function () {
      this.on("r.version_id", "=", "v.id").andOn("r.user_id", "=", db.raw("?", [query.userId]));
    })
    .where({ "s.office_id": officeId, "v.status": "published" })
    .whereNull("r.read_at")
    .andWhere((w) => w.whereNull("v.published_by_user_id").orWhereNot("v.published_by_user_id", query.userId))
    .select("s.id", "s.code", "v.title", "v.number", "v.concerned_groups", db.raw("(select count(*) from procedure_version_people vp where vp.version_id = v.id and vp.person_id = ?) as named", [query.personId]))) as Array<
    Pick<ProcedureSheetsRecord, "id" | "code"> & Pick<ProcedureVersionsRecord, "title" | "number" | "concerned_groups"> & { named: number | string }
  >;
  const due = rows.filter((r) => isConcerned({ personIds: num(r.named) > 0 ? [me.id] : [], groups: parseGroups(r.concerned_groups) }, me, today));
  return sortByFrench(
    due.map((r) => ({ id: r.id, code: r.code, title: r.title, version: r.number })),
    (r) => r.code,
  );
}

/** The reviews that are late or due soon, and the sheets to confirm, for the dashboard. */
export async function procedureOverview(scope: Scope, query: { userId: number; personId: number | null; includeReviews: boolean }) {
  const toConfirm = await sheetsToConfirm(scope, query);
  if (!query.includeReviews) return { toConfirm, late: 0, soon: 0 };
  const sheets = await listSheets(scope, { userId: query.userId, personId: query.personId, includeDrafts: false, withReading: false });
  return { toConfirm, late: sheets.filter((s) => s.review.state === "late").length, soon: sheets.filter((s) => s.review.state === "soon").length };
}

// ── Writing ─────────────────────────────────────────────────────────────────────────────────

async function assertUniqueCode(trx: Knex.Transaction, officeId: number, code: string, exceptId: number | null) {
  const q = trx("procedure_sheets").where({ office_id: officeId, code_key: nameKey(code) });
  if (exceptId !== null) q.whereNot({ id: exceptId });
  if (await q.first()) throw new FieldError("code", "Code : une autre fiche de l'office porte déjà ce code.");
}

/** The people the form names, all of this office; their names by id. */
async function checkPeople(trx: Knex.Transaction, officeId: number, v: SheetValues): Promise<Map<number, string>> {
  const wanted = [...new Set([...v.personIds, ...(v.referentId ? [v.referentId] : []), ...(v.followUpId ? [v.followUpId] : [])])];
  const rows = wanted.length ? await trx("people").where({ office_id: officeId }).whereIn("id", wanted).select("id", "full_name") : [];
  const names = new Map(rows.map((r) => [r.id, r.full_name]));
  if (v.referentId && !names.has(v.referentId)) throw new FieldError("referentId", "Référent qualité : choix invalide.");
  if (v.followUpId && !names.has(v.followUpId)) throw new FieldError("followUpId", "Responsable du suivi de la fiche : choix invalide.");
  if (v.personIds.some((id) => !names.has(id))) throw new FieldError("personIds", "Personnes concernées : choix invalide.");
  return names;
}

function concernedTextOf(personIds: readonly number[], groups: readonly ProcedureGroup[], names: Map<number, string>): string {
  return concernedLine(
    sortByFrench(
      [...new Set(personIds)].map((id) => names.get(id) ?? ""),
      (n) => n,
    ).filter(Boolean),
    groups,
  );
}

function versionColumns(v: SheetValues, names: Map<number, string>) {
  return {
    title: v.title,
    domain: v.domain,
    body: v.body,
    referent_person_id: v.referentId,
    referent_name: v.referentId ? (names.get(v.referentId) ?? "") : "",
    follow_up_person_id: v.followUpId,
    follow_up_name: v.followUpId ? (names.get(v.followUpId) ?? "") : "",
    concerned_groups: groupsText(v.groups),
    concerned_text: concernedTextOf(v.personIds, v.groups, names),
    change_note: v.changeNote,
  };
}

/** A version's content as its history records it. */
function versionRecord(v: VersionDetail | null) {
  if (!v) return {};
  return {
    title: v.title,
    domain: v.domain,
    body: v.body,
    referent_person_id: v.referentId,
    follow_up_person_id: v.followUpId,
    concerned_text: v.concernedText,
    change_note: v.changeNote,
  };
}

async function linkPeople(trx: Knex.Transaction, versionId: number, personIds: readonly number[]) {
  await trx("procedure_version_people").where({ version_id: versionId }).delete();
  for (const personId of new Set(personIds)) await trx("procedure_version_people").insert({ version_id: versionId, person_id: personId });
}

/**
 * A new sheet, its first version in preparation; published at once when asked. Returns its id.
 */
export async function createSheet(scope: Scope, v: SheetValues, options: { publish: boolean }): Promise<number> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    await assertUniqueCode(trx, officeId, v.code, null);
    const names = await checkPeople(trx, officeId, v);
    const now = nowIso(scope.now);
    const sheet = { office_id: officeId, code: v.code, code_key: nameKey(v.code), title: v.title, review_months: v.reviewMonths, created_at: now, updated_at: now };
    const id = insertedId(await trx("procedure_sheets").insert(sheet).returning("id"));
    const columns = versionColumns(v, names);
    const versionId = insertedId(
      await trx("procedure_versions").insert({ ...columns, office_id: officeId, sheet_id: id, number: 1, status: "draft", updated_on: today, created_at: now, updated_at: now }).returning("id"),
    );
    await linkPeople(trx, versionId, v.personIds);
    const { concerned_groups: _groups, referent_name: _referent, follow_up_name: _followUp, ...recorded } = columns;
    await recordHistory(trx, { now: scope.now, officeId, entityType: "procedure_sheet", entityId: id, action: "create", actor, before: null, after: { ...sheet, ...recorded, version: 1, status: "draft" } });
    if (options.publish) await publishIn({ ...scope, db: trx }, id);
    return id;
  });
}

export type SaveOutcome =
  /** The version in preparation was saved (and published, when asked): its number. */
  | { kind: "draft"; number: number; published: boolean }
  /** Nothing readers see changed: the version in force stays (the code or the review interval may have). */
  | { kind: "unchanged"; number: number };

/**
 * Saves the sheet form: the sheet's own fields (code, review interval), and its content into
 * the version in preparation, made when a published sheet is first edited. Content that is the
 * same as the version in force makes no version (an unchanged draft is dropped). Published at
 * once when asked. Null when the sheet is not this office's.
 */
export async function saveSheet(scope: Scope, query: { sheetId: number }, v: SheetValues, options: { publish: boolean }): Promise<SaveOutcome | null> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const sheet = await lockForUpdate(trx, trx("procedure_sheets").where({ id: query.sheetId, office_id: officeId })).first();
    if (!sheet) return null;
    await assertUniqueCode(trx, officeId, v.code, query.sheetId);
    const names = await checkPeople(trx, officeId, v);
    const currentVersion = sheet.current_version;
    const current = currentVersion > 0 ? await findVersion(trx, officeId, query.sheetId, currentVersion) : null;
    const draft = await findVersion(trx, officeId, query.sheetId, "draft");
    const now = nowIso(scope.now);
    const sheetBefore = { code: sheet.code, review_months: sheet.review_months, title: sheet.title };
    const history = (before: Record<string, unknown>, after: Record<string, unknown>) =>
      recordHistory(trx, { now: scope.now, officeId, entityType: "procedure_sheet", entityId: query.sheetId, action: "update", actor, before: { ...sheetBefore, ...before }, after });

    if (current && sameContent(contentOfValues(v), contentOf(current))) {
      // Back to what readers already have: no version to make, and a draft left is dropped.
      if (options.publish) throw new StateError(`Publication : le contenu est celui de la version ${current.number} en vigueur, il n'y a rien de nouveau à publier.`);
      const after = { code: v.code, code_key: nameKey(v.code), review_months: v.reviewMonths, title: current.title, updated_at: now };
      await trx("procedure_sheets").where({ id: query.sheetId }).update(after);
      if (draft) await trx("procedure_versions").where({ id: draft.id }).delete();
      await history(draft ? { draft_version: draft.number } : {}, { code: v.code, review_months: v.reviewMonths, title: current.title, ...(draft ? { draft_version: null } : {}) });
      return { kind: "unchanged", number: current.number };
    }

    const columns = versionColumns(v, names);
    let versionId: number;
    let number: number;
    if (draft) {
      versionId = draft.id;
      number = draft.number;
      await trx("procedure_versions").where({ id: draft.id }).update({ ...columns, updated_on: today, updated_at: now });
    } else {
      number = nextVersionNumber(currentVersion);
      versionId = insertedId(
        await trx("procedure_versions").insert({ ...columns, office_id: officeId, sheet_id: query.sheetId, number, status: "draft", updated_on: today, created_at: now, updated_at: now }).returning("id"),
      );
    }
    await linkPeople(trx, versionId, v.personIds);
    await trx("procedure_sheets").where({ id: query.sheetId }).update({ code: v.code, code_key: nameKey(v.code), review_months: v.reviewMonths, title: v.title, updated_at: now });
    const saved = await findVersion(trx, officeId, query.sheetId, "draft");
    // A first draft of the next version is told against the version in force (whose change note is its own).
    const { change_note: _currentNote, ...currentRecord } = versionRecord(current);
    await history(
      draft ? versionRecord(draft) : { ...currentRecord, draft_version: null },
      { code: v.code, review_months: v.reviewMonths, title: v.title, ...versionRecord(saved), ...(draft ? {} : { draft_version: number }) },
    );
    if (options.publish) await publishIn({ ...scope, db: trx }, query.sheetId);
    return { kind: "draft", number, published: options.publish };
  });
}

/** Publishes the version in preparation: it becomes the version in force, dated today, and the sheet counts as reviewed. */
export async function publishSheet(scope: Scope, query: { sheetId: number }): Promise<number | null> {
  return scope.db.transaction(async (trx) => {
    const sheet = await lockForUpdate(trx, trx("procedure_sheets").where({ id: query.sheetId, office_id: scope.officeId })).first();
    if (!sheet) return null;
    return publishIn({ ...scope, db: trx }, query.sheetId);
  });
}

/** Inside the caller's transaction, the sheet locked. */
async function publishIn(scope: Scope, sheetId: number): Promise<number> {
  const { db, officeId, actor, today } = scope;
  const draft = await findVersion(db, officeId, sheetId, "draft");
  if (!draft) throw new StateError("Publication : aucune nouvelle version n'est en préparation.");
  const problem = publishProblem(draft);
  if (problem) throw new FieldError(problem.field, problem.message);
  const sheet = present(await db("procedure_sheets").where({ id: sheetId }).first(), "procedure_sheets");
  // Names as they read today: the published header never changes afterwards.
  const wanted = [...draft.personIds, ...(draft.referentId ? [draft.referentId] : []), ...(draft.followUpId ? [draft.followUpId] : [])];
  const rows = wanted.length ? await db("people").where({ office_id: officeId }).whereIn("id", wanted).select("id", "full_name") : [];
  const names = new Map(rows.map((r) => [r.id, r.full_name]));
  const now = nowIso(scope.now);
  const changeNote = draft.changeNote || (draft.number === 1 ? FIRST_VERSION_NOTE : "");
  await db("procedure_versions")
    .where({ id: draft.id })
    .update({
      status: "published",
      published_at: now,
      published_by_user_id: actor.userId,
      published_by_name: actor.name,
      updated_on: today,
      change_note: changeNote,
      referent_name: draft.referentId ? (names.get(draft.referentId) ?? draft.referentName) : "",
      follow_up_name: draft.followUpId ? (names.get(draft.followUpId) ?? draft.followUpName) : "",
      concerned_text: concernedTextOf(draft.personIds, draft.groups, names),
      updated_at: now,
    });
  await db("procedure_sheets").where({ id: sheetId }).update({ current_version: draft.number, reviewed_on: today, title: draft.title, updated_at: now });
  await recordHistory(db, {
    now: scope.now,
    officeId,
    entityType: "procedure_sheet",
    entityId: sheetId,
    action: "update",
    actor,
    before: { current_version: sheet.current_version, reviewed_on: sheet.reviewed_on ?? null, status: "draft", draft_version: draft.number },
    after: { current_version: draft.number, reviewed_on: today, status: "published", draft_version: null, version: draft.number, change_note: changeNote, updated_on: today, published_by_name: actor.name },
  });
  return draft.number;
}

/** Drops the version in preparation of a published sheet: the version in force stays. */
export async function discardDraft(scope: Scope, query: { sheetId: number }): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const sheet = await lockForUpdate(trx, trx("procedure_sheets").where({ id: query.sheetId, office_id: officeId })).first();
    if (!sheet) return false;
    if (sheet.current_version === 0) throw new StateError("Abandon : cette fiche n'a encore aucune version publiée ; supprimez-la si elle a été créée par erreur.");
    const draft = await findVersion(trx, officeId, query.sheetId, "draft");
    if (!draft) return true;
    const current = await findVersion(trx, officeId, query.sheetId, sheet.current_version);
    await trx("procedure_versions").where({ id: draft.id }).delete();
    await trx("procedure_sheets").where({ id: query.sheetId }).update({ title: current?.title ?? sheet.title, updated_at: nowIso(scope.now) });
    await recordHistory(trx, {
      now: scope.now,
      officeId,
      entityType: "procedure_sheet",
      entityId: query.sheetId,
      action: "update",
      actor,
      before: { draft_version: draft.number, title: sheet.title, ...versionRecord(draft) },
      after: { draft_version: null, title: current?.title ?? sheet.title, ...versionRecord(current) },
    });
    return true;
  });
}

/**
 * Deletes a sheet created by mistake: only one never published (a published sheet is part of
 * the quality system). Its content goes into the history; returns its files' storage keys, for
 * the caller to remove once the deletion is committed. Null when the sheet is not this office's.
 */
export async function deleteSheet(scope: Scope, query: { sheetId: number }): Promise<string[] | null> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const sheet = await lockForUpdate(trx, trx("procedure_sheets").where({ id: query.sheetId, office_id: officeId })).first();
    if (!sheet) return null;
    if (sheet.current_version > 0) throw new StateError("Suppression : une fiche publiée reste dans le système qualité, avec ses versions.");
    const draft = await findVersion(trx, officeId, query.sheetId, "draft");
    const files = await trx("attachments").where({ procedure_sheet_id: query.sheetId, office_id: officeId }).select("storage_key", "original_name");
    await trx("attachments").where({ procedure_sheet_id: query.sheetId, office_id: officeId }).delete();
    await trx("procedure_sheets").where({ id: query.sheetId }).delete();
    await recordHistory(trx, {
      now: scope.now,
      officeId,
      entityType: "procedure_sheet",
      entityId: query.sheetId,
      action: "delete",
      actor,
      before: { ...sheet, ...versionRecord(draft), attachment: files.map((f) => f.original_name).join(", ") },
      after: null,
    });
    return files.map((f) => f.storage_key);
  });
}

/** A review that changes nothing: the version in force stays, readers are not asked again, the next review counts from that day. */
export async function recordReview(scope: Scope, query: { sheetId: number }, reviewedOn: string): Promise<boolean> {
  const { db, officeId, actor, today } = scope;
  return db.transaction(async (trx) => {
    const sheet = await lockForUpdate(trx, trx("procedure_sheets").where({ id: query.sheetId, office_id: officeId })).first();
    if (!sheet) return false;
    if (sheet.current_version === 0) throw new StateError("Revue : publiez d'abord la première version de la fiche.");
    const current = await findVersion(trx, officeId, query.sheetId, sheet.current_version);
    const problem = reviewDayProblem(reviewedOn, { today, versionUpdatedOn: current?.updatedOn ?? null });
    if (problem) throw new FieldError("reviewedOn", problem);
    await trx("procedure_sheets").where({ id: query.sheetId }).update({ reviewed_on: reviewedOn, updated_at: nowIso(scope.now) });
    await recordHistory(trx, { now: scope.now, officeId, entityType: "procedure_sheet", entityId: query.sheetId, action: "update", actor, before: { reviewed_on: sheet.reviewed_on ?? null }, after: { reviewed_on: reviewedOn } });
    return true;
  });
}

/**
 * "Lu et compris": this account confirms the version in force. Confirming it again keeps the
 * first day. Returns the version confirmed, null when the sheet has none in force here.
 */
export async function confirmReading(scope: Scope, query: { sheetId: number; userId: number }): Promise<number | null> {
  const { db, officeId } = scope;
  const version = await db("procedure_versions as v")
    .join("procedure_sheets as s", function () {
      this.on("s.id", "=", "v.sheet_id").andOn("s.current_version", "=", "v.number");
    })
    .where({ "s.id": query.sheetId, "s.office_id": officeId, "v.status": "published" })
    .select<Array<Pick<ProcedureVersionsRecord, "id" | "number">>>("v.id", "v.number")
    .first();
  if (!version) return null;
  await db("procedure_reads").insert({ version_id: version.id, user_id: query.userId, read_at: nowIso(scope.now) }).onConflict(["version_id", "user_id"]).ignore();
  return version.number;
}

// ── The Word document ───────────────────────────────────────────────────────────────────────

/**
 * The sheet's version as a Word document: the published version asked for, the draft (for
 * those who write it), with the versions up to it and a "lu et compris" table of the people it
 * concerns, each with the day their account confirmed this version.
 */
export async function sheetDocument(scope: Scope, sheet: SheetDetail, version: VersionDetail, officeName: string): Promise<ProcedureSheetDocumentModel> {
  const { db, officeId, today } = scope;
  const readers = await officeReaders(db, officeId);
  const reads = await db("procedure_reads").where({ version_id: version.id }).select("user_id", "read_at");
  const confirmedOn = (personId: number): string | null => {
    const users = readers.accounts.filter((a) => a.personId === personId).map((a) => a.userId);
    const days = reads.filter((r) => users.includes(r.user_id)).map((r) => r.read_at).sort();
    return days[0] ?? null;
  };
  const concerned = sortByFrench(
    readers.people.filter((p) => isConcerned(version, p, today)),
    (p) => p.name,
  );
  const published = version.status === "published";
  const concernedText = published ? version.concernedText : concernedTextOf(version.personIds, version.groups, new Map(readers.people.map((p) => [p.id, p.name])));
  return {
    officeName,
    code: sheet.code,
    title: version.title,
    domain: version.domain,
    version: version.number,
    published,
    inForce: published && version.number === sheet.currentVersion,
    header: { updatedOn: version.updatedOn, referent: version.referentName, followUp: version.followUpName, concerned: concernedText },
    reviewMonths: sheet.reviewMonths,
    nextReviewOn: version.number === sheet.currentVersion ? sheet.review.dueOn : null,
    body: version.body,
    attachments: sheet.attachments.map((a) => a.originalName),
    versions: [...sheet.versions]
      .filter((v) => v.number <= version.number)
      .sort((a, b) => a.number - b.number)
      .map((v) => ({ number: v.number, updatedOn: v.updatedOn, changeNote: v.changeNote })),
    readers: concerned.map((p) => ({ name: p.name, confirmedOn: published ? confirmedOn(p.id) : null })),
  };
}

/** What the sheet form offers: the office's active people, plus those already chosen. */
export async function sheetFormChoices(scope: Scope, keepPersonIds: ReadonlyArray<number | null> = []) {
  const { db, officeId } = scope;
  const keep = keepPersonIds.filter((id): id is number => id !== null);
  const people = await db("people")
    .where({ office_id: officeId })
    .andWhere((w) => {
      w.where({ active: true });
      if (keep.length) w.orWhereIn("id", keep);
    })
    .select("id", "full_name", "kind", "job_title");
  return {
    people: sortByFrench(
      people.map((p) => ({ id: p.id, name: p.full_name, staff: p.kind === "staff", detail: p.job_title })),
      (p) => p.name,
    ),
  };
}
