// Audits of an office's labels: reported (rates as an external report gave them) or rated
// (every criterion), their results saved one by one, the conformity snapshot kept with the
// audit so that past rates never move, and findings.
import { RecordReferenceError, StateError } from "../errors";
import type { Knex } from "knex";
import {
  changedCriteria,
  grantsLabel,
  type AuditDecision,
  type AuditKind,
  type AuditMode,
  type AuditStatus,
  type FindingKind,
  type Stage,
} from "~/modules/audit/rules";
import type { AuditValues } from "~/modules/audit/schema";
import type { Referential } from "~/modules/referential/rules";
import { computeConformity, ResultError, type Conformity, type CriterionResult } from "~/modules/audit/scoring";
import { recordHistory, type Actor } from "../history/queries.server";
import type { AuditResultsRecord, AuditsRecord, FindingsRecord } from "../../../db/records";
import { bool, insertedId, lockForUpdate, nowIso, present } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";

export interface Audit {
  id: number;
  officeId: number;
  labelId: number;
  labelName: string;
  referentialId: number;
  referentialCode: string;
  referentialLabel: string;
  referentialVersion: string;
  kind: AuditKind;
  stage: Stage;
  mode: AuditMode;
  title: string;
  startsOn: string;
  endsOn: string;
  auditor: string;
  status: AuditStatus;
  decision: AuditDecision | null;
  labelValidUntil: string | null;
  nextAuditDue: string | null;
  reportedRates: Record<string, number | null>;
  summary: string;
  snapshot: Conformity | null;
  basedOnAuditId: number | null;
}

export interface StoredResult {
  criterionCode: string;
  status: CriterionResult["status"];
  level: string | null;
  comment: string;
  needsReview: boolean;
}

/** An audit with the names of its label and référentiel version. */
type ListedAudit = AuditsRecord & { label_name: string; referential_code: string; referential_label: string; referential_version: string };

function toAudit(r: ListedAudit): Audit {
  return {
    id: r.id,
    officeId: r.office_id,
    labelId: r.label_id,
    labelName: r.label_name,
    referentialId: r.referential_id,
    referentialCode: r.referential_code,
    referentialLabel: r.referential_label,
    referentialVersion: r.referential_version,
    kind: r.kind as AuditKind,
    stage: r.stage as Stage,
    mode: r.mode as AuditMode,
    title: r.title,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    auditor: r.auditor,
    status: r.status as AuditStatus,
    decision: r.decision as AuditDecision | null,
    labelValidUntil: r.label_valid_until || null,
    nextAuditDue: r.next_audit_due || null,
    reportedRates: JSON.parse(r.reported_rates) as Record<string, number | null>,
    summary: r.summary,
    snapshot: r.snapshot ? (JSON.parse(r.snapshot) as Conformity) : null,
    basedOnAuditId: r.based_on_audit_id,
  };
}

function selectAudits(db: Knex) {
  return db("audits as a")
    .join("labels as l", "l.id", "a.label_id")
    .join("referentials as r", "r.id", "a.referential_id")
    .select<ListedAudit[]>("a.*", "l.name as label_name", "r.code as referential_code", "r.label as referential_label", "r.version as referential_version");
}

export async function listAudits(scope: Scope, query: { labelId?: number } = {}): Promise<Audit[]> {
  const { db, officeId } = scope;
  const q = selectAudits(db).where("a.office_id", officeId);
  if (query.labelId) q.andWhere("a.label_id", query.labelId);
  const rows = await q.orderBy([
    { column: "a.starts_on", order: "desc" },
    { column: "a.id", order: "desc" },
  ]);
  return rows.map(toAudit);
}

export async function getAudit(scope: Scope, query: { auditId: number }): Promise<Audit | null> {
  const { db, officeId } = scope;
  const row = await selectAudits(db).where({ "a.id": query.auditId, "a.office_id": officeId }).first();
  return row ? toAudit(row) : null;
}

async function loadGrid(trx: Knex | Knex.Transaction, officeId: number, referentialId: number): Promise<{ code: string; grid: Referential } | null> {
  const row = await trx("referentials").where({ id: referentialId, office_id: officeId }).first();
  return row ? { code: row.code, grid: JSON.parse(row.content) as Referential } : null;
}

async function checkReferences(trx: Knex.Transaction, officeId: number, values: Pick<AuditValues, "labelId" | "referentialId">) {
  const label = await trx("labels").where({ id: values.labelId, office_id: officeId }).first();
  if (!label) throw new RecordReferenceError("labelId", "Label : choix invalide.");
  const ref = await loadGrid(trx, officeId, values.referentialId);
  if (!ref) throw new RecordReferenceError("referentialId", "Version du référentiel : choix invalide.");
  if (ref.code !== label.referential_code) {
    throw new RecordReferenceError("referentialId", "Version du référentiel : elle doit être une version du référentiel de ce label.");
  }
  return ref.grid;
}

function reportedRatesFor(grid: Referential, rates: Record<string, number | null>) {
  return Object.fromEntries(grid.pillars.map((p) => [p.code, rates[p.code] ?? null]));
}

function auditColumns(values: AuditValues, grid: Referential) {
  return {
    label_id: values.labelId,
    referential_id: values.referentialId,
    kind: values.kind,
    stage: values.stage,
    mode: values.mode,
    title: values.title,
    starts_on: values.startsOn,
    ends_on: values.endsOn ?? values.startsOn,
    auditor: values.auditor,
    status: values.status,
    decision: values.decision,
    label_valid_until: values.labelValidUntil,
    next_audit_due: values.nextAuditDue,
    summary: values.summary,
    reported_rates: JSON.stringify(values.mode === "reported" ? reportedRatesFor(grid, values.reportedRates) : {}),
  };
}

/** A decision that grants or renews the label carries its end date and next audit to the label itself. */
async function applyDecision(trx: Knex.Transaction, officeId: number, values: AuditValues, actor: Actor) {
  if ((!values.labelValidUntil && !values.nextAuditDue) || !grantsLabel(values.decision)) return;
  const before = await trx("labels").where({ id: values.labelId, office_id: officeId }).first();
  if (!before) return;
  const patch = {
    ...(values.labelValidUntil && before.valid_until !== values.labelValidUntil ? { valid_until: values.labelValidUntil, status: "actif" } : {}),
    ...(values.nextAuditDue && before.next_audit_due !== values.nextAuditDue ? { next_audit_due: values.nextAuditDue } : {}),
  };
  if (Object.keys(patch).length === 0) return;
  Object.assign(patch, { updated_at: nowIso() });
  await trx("labels").where({ id: values.labelId }).update(patch);
  await recordHistory(trx, { officeId, entityType: "label", entityId: values.labelId, action: "update", actor, before, after: { ...before, ...patch } });
}

export async function createAudit(scope: Scope, values: AuditValues): Promise<number> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const grid = await checkReferences(trx, officeId, values);
    await applyDecision(trx, officeId, values, actor);
    const now = nowIso();
    const snapshot = values.mode === "rated" ? JSON.stringify(computeConformity(grid, [], values.stage)) : null;
    const row = { ...auditColumns(values, grid), office_id: officeId, snapshot, created_at: now, updated_at: now };
    const id = insertedId(await trx("audits").insert(row).returning("id"));
    const { snapshot: _s, ...recorded } = row;
    await recordHistory(trx, { officeId, entityType: "audit", entityId: id, action: "create", actor, before: null, after: recorded });
    return id;
  });
}


export async function updateAudit(scope: Scope, query: { auditId: number }, values: AuditValues): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("audits").where({ id: query.auditId, office_id: officeId }).first();
    if (!before) return false;
    const grid = await checkReferences(trx, officeId, values);
    await applyDecision(trx, officeId, values, actor);
    const hasResults = Boolean(await trx("audit_results").where({ audit_id: query.auditId }).first());
    if (hasResults && (before.referential_id !== values.referentialId || before.mode !== values.mode)) {
      throw new StateError("Des critères sont déjà notés : la version et le mode ne peuvent plus changer.");
    }
    const patch = { ...auditColumns(values, grid), updated_at: nowIso() };
    await trx("audits").where({ id: query.auditId }).update(patch);
    if (values.mode === "rated") await refreshSnapshot(trx, officeId, query.auditId, grid, values.stage);
    else await trx("audits").where({ id: query.auditId }).update({ snapshot: null });
    const { snapshot: _s, ...recordedBefore } = before;
    await recordHistory(trx, { officeId, entityType: "audit", entityId: query.auditId, action: "update", actor, before: recordedBefore, after: { ...recordedBefore, ...patch } });
    return true;
  });
}

function toResult(r: AuditResultsRecord): StoredResult {
  return {
    criterionCode: r.criterion_code,
    status: r.status as CriterionResult["status"],
    level: r.level || null,
    comment: r.comment,
    needsReview: bool(r.needs_review),
  };
}

/** The audit's results, in its office only. */
export async function listResults(scope: Scope, query: { auditId: number }): Promise<StoredResult[]> {
  return readResults(scope.db, scope.officeId, query.auditId);
}

function readResults(db: Knex | Knex.Transaction, officeId: number, auditId: number): Promise<StoredResult[]> {
  return db("audit_results as r")
    .join("audits as a", "a.id", "r.audit_id")
    .where({ "r.audit_id": auditId, "a.office_id": officeId })
    .select<AuditResultsRecord[]>("r.*")
    .then((rows) => rows.map(toResult));
}

/** Results that count: those not waiting for a fresh rating. */
export function countedResults(results: readonly StoredResult[]): CriterionResult[] {
  return results
    .filter((r) => !r.needsReview)
    .map((r) => (r.status === "rated" ? { code: r.criterionCode, status: "rated", level: r.level ?? "" } : { code: r.criterionCode, status: r.status }));
}

async function refreshSnapshot(trx: Knex.Transaction, officeId: number, auditId: number, grid: Referential, stage: Stage): Promise<Conformity> {
  const conformity = computeConformity(grid, countedResults(await readResults(trx, officeId, auditId)), stage);
  await trx("audits").where({ id: auditId }).update({ snapshot: JSON.stringify(conformity) });
  return conformity;
}

export class NotRatedAuditError extends Error {}
/** A finished audit's grid is closed: its rates are a record. */
export class FinishedAuditError extends Error {}

/** Saves one criterion's result and the audit's new snapshot, in one transaction. */
export async function saveResult(
  scope: Scope,
  input: { auditId: number; criterionCode: string; choice: string; comment: string },
): Promise<Conformity | null> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    // Locked so that two quick saves on one audit never compute the snapshot without each other.
    const audit = await lockForUpdate(trx, trx("audits").where({ id: input.auditId, office_id: officeId })).first();
    if (!audit) return null;
    if (audit.mode !== "rated") throw new NotRatedAuditError();
    if (audit.status === "termine") throw new FinishedAuditError();
    const ref = await loadGrid(trx, officeId, audit.referential_id);
    if (!ref) return null;
    const result: CriterionResult =
      input.choice === "not_measured" || input.choice === "not_applicable"
        ? { code: input.criterionCode, status: input.choice }
        : { code: input.criterionCode, status: "rated", level: input.choice };
    computeConformity(ref.grid, [result], audit.stage as Stage); // throws ResultError on a bad result
    const before = await trx("audit_results").where({ audit_id: input.auditId, criterion_code: input.criterionCode }).first();
    const row = {
      audit_id: input.auditId,
      criterion_code: input.criterionCode,
      status: result.status,
      level: result.status === "rated" ? result.level : null,
      comment: input.comment,
      needs_review: false,
      updated_at: nowIso(),
      updated_by_user_id: actor.userId,
    };
    await trx("audit_results").insert(row).onConflict(["audit_id", "criterion_code"]).merge();
    const saved = present(await trx("audit_results").where({ audit_id: input.auditId, criterion_code: input.criterionCode }).first(), "audit_results");
    await recordHistory(trx, {
      officeId,
      entityType: "audit_result",
      entityId: saved.id,
      action: before ? "update" : "create",
      actor,
      before: before ?? null,
      after: row,
    });
    if (audit.status === "planifie") {
      await trx("audits").where({ id: input.auditId }).update({ status: "en_cours" });
      await recordHistory(trx, { officeId, entityType: "audit", entityId: input.auditId, action: "update", actor, before: { status: "planifie" }, after: { status: "en_cours" } });
    }
    return refreshSnapshot(trx, officeId, input.auditId, ref.grid, audit.stage as Stage);
  });
}

export { ResultError };

/**
 * A new self-assessment on the label's chosen version, starting from an earlier audit's
 * results: unchanged criteria keep their result, changed ones are flagged for a fresh rating.
 */
export async function startSelfAssessment(
  scope: Scope,
  input: { fromAuditId: number; referentialId: number; title: string; startsOn: string },
): Promise<number | null> {
  const { db, officeId, actor } = scope;
  const from = await getAudit(scope, { auditId: input.fromAuditId });
  if (!from) return null;
  const fromGrid = await loadGrid(db, officeId, from.referentialId);
  const toGrid = await loadGrid(db, officeId, input.referentialId);
  if (!fromGrid || !toGrid) return null;
  if (toGrid.code !== fromGrid.code) throw new RecordReferenceError("referentialId", "Version du référentiel : elle doit être du même référentiel.");
  const changed = changedCriteria(fromGrid.grid, toGrid.grid);
  const previous = await listResults(scope, { auditId: from.id });
  return db.transaction(async (trx) => {
    const now = nowIso();
    const row = {
      office_id: officeId,
      label_id: from.labelId,
      referential_id: input.referentialId,
      kind: "auto_evaluation",
      stage: from.stage,
      mode: "rated",
      title: input.title,
      starts_on: input.startsOn,
      ends_on: input.startsOn,
      auditor: actor.name,
      status: "en_cours",
      decision: "en_attente",
      label_valid_until: null,
      next_audit_due: null,
      reported_rates: "{}",
      summary: "",
      snapshot: null,
      based_on_audit_id: from.id,
      created_at: now,
      updated_at: now,
    };
    const id = insertedId(await trx("audits").insert(row).returning("id"));
    const codes = new Set(toGrid.grid.criteria.map((c) => c.code));
    const carried = previous.filter((r) => codes.has(r.criterionCode));
    const levelsOf = (code: string) => {
      const criterion = toGrid.grid.criteria.find((c) => c.code === code);
      return new Set(toGrid.grid.scales.find((sc) => sc.code === criterion?.scale)?.levels.map((l) => l.code) ?? []);
    };
    for (const r of carried) {
      // A level that no longer exists in the new version cannot count: rate it again.
      const stale = r.status === "rated" && !levelsOf(r.criterionCode).has(r.level ?? "");
      await trx("audit_results").insert({
        audit_id: id,
        criterion_code: r.criterionCode,
        status: r.status,
        level: r.level,
        comment: r.comment,
        needs_review: changed.has(r.criterionCode) || stale,
        updated_at: now,
        updated_by_user_id: actor.userId,
      });
    }
    await refreshSnapshot(trx, officeId, id, toGrid.grid, from.stage);
    const { snapshot: _s, ...recorded } = row;
    await recordHistory(trx, { officeId, entityType: "audit", entityId: id, action: "create", actor, before: null, after: { ...recorded, carried_results: carried.length } });
    return id;
  });
}

/** Rates per pillar as the audit gives them: computed for a rated grid, as reported otherwise. */
export function pillarRates(audit: Audit): Record<string, number | null> {
  if (audit.mode === "reported") return audit.reportedRates;
  return Object.fromEntries((audit.snapshot?.pillars ?? []).map((p) => [p.pillar, p.rate]));
}

export interface Finding {
  id: number;
  auditId: number;
  kind: FindingKind;
  text: string;
  criterionCode: string | null;
  /** Empty: the whole office. */
  sites: Array<{ id: number; name: string }>;
  position: number;
}

async function sitesOfFindings(db: Knex | Knex.Transaction, findingIds: number[]): Promise<Map<number, Array<{ id: number; name: string }>>> {
  const map = new Map<number, Array<{ id: number; name: string }>>();
  if (findingIds.length === 0) return map;
  const rows = await db("finding_sites as fs")
    .join("sites as s", "s.id", "fs.site_id")
    .whereIn("fs.finding_id", findingIds)
    .select<Array<{ finding_id: number; id: number; name: string }>>("fs.finding_id", "s.id", "s.name")
    .orderBy("s.name");
  for (const r of rows) map.set(r.finding_id, [...(map.get(r.finding_id) ?? []), { id: r.id, name: r.name }]);
  return map;
}

function toFinding(r: FindingsRecord, sites: Map<number, Array<{ id: number; name: string }>>): Finding {
  return {
    id: r.id,
    auditId: r.audit_id,
    kind: r.kind as FindingKind,
    text: r.text,
    criterionCode: r.criterion_code || null,
    sites: sites.get(r.id) ?? [],
    position: r.position,
  };
}

export async function listFindings(scope: Scope, query: { auditId: number }): Promise<Finding[]> {
  const { db, officeId } = scope;
  const rows = await db("findings as f")
    .where({ "f.office_id": officeId, "f.audit_id": query.auditId })
    .select<FindingsRecord[]>("f.*")
    .orderBy([{ column: "f.kind", order: "desc" }, { column: "f.position" }, { column: "f.id" }]);
  const sites = await sitesOfFindings(db, rows.map((r) => r.id));
  return rows.map((r) => toFinding(r, sites));
}

/** An improvement point of this office, to start an action from (its text, criterion and sites). */
export async function getImprovementFinding(scope: Scope, findingId: number): Promise<Finding | null> {
  const row = await scope.db("findings").where({ id: findingId, office_id: scope.officeId, kind: "improvement" }).first();
  return row ? toFinding(row, await sitesOfFindings(scope.db, [findingId])) : null;
}

async function siteNames(trx: Knex.Transaction, ids: readonly number[]): Promise<string> {
  if (ids.length === 0) return "Tout l'office";
  const rows = await trx("sites").whereIn("id", ids).select("name").orderBy("name");
  return rows.map((r) => r.name).join(", ");
}

export async function createFinding(
  scope: Scope,
  input: { auditId: number; kind: FindingKind; text: string; criterionCode: string; siteIds: readonly number[] },
): Promise<number | null> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const audit = await trx("audits").where({ id: input.auditId, office_id: officeId }).first();
    if (!audit) return null;
    const siteIds = [...new Set(input.siteIds)];
    if (siteIds.length > 0) {
      const found = await trx("sites").where({ office_id: officeId }).whereIn("id", siteIds).count<{ n: number }[]>({ n: "*" });
      if (Number(found[0]?.n) !== siteIds.length) throw new RecordReferenceError("siteIds", "Bureaux : choix invalide.");
    }
    if (input.criterionCode) {
      const ref = await loadGrid(trx, officeId, audit.referential_id);
      if (!ref?.grid.criteria.some((c) => c.code === input.criterionCode)) {
        throw new RecordReferenceError("criterionCode", `Critère : « ${input.criterionCode} » n'existe pas dans ce référentiel.`);
      }
    }
    const last = await trx("findings").where({ audit_id: input.auditId }).max<{ m: number | null }[]>({ m: "position" }).first();
    const now = nowIso();
    const row = {
      office_id: officeId,
      audit_id: input.auditId,
      kind: input.kind,
      text: input.text,
      criterion_code: input.criterionCode || null,
      position: Number(last?.m ?? 0) + 1,
      created_at: now,
      updated_at: now,
    };
    const id = insertedId(await trx("findings").insert(row).returning("id"));
    for (const siteId of siteIds) await trx("finding_sites").insert({ finding_id: id, site_id: siteId });
    await recordHistory(trx, { officeId: officeId, entityType: "finding", entityId: id, action: "create", actor, before: null, after: { ...row, sites: await siteNames(trx, siteIds) } });
    return id;
  });
}

export async function deleteFinding(scope: Scope, query: { findingId: number }): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const found = await trx("findings").where({ id: query.findingId, office_id: officeId }).first();
    if (!found) return false;
    const { site_id: _unread, ...before } = found;
    const sites = (await trx("finding_sites").where({ finding_id: query.findingId }).select("site_id")).map((r) => r.site_id);
    await recordHistory(trx, { officeId: officeId, entityType: "finding", entityId: query.findingId, action: "delete", actor, before: { ...before, sites: await siteNames(trx, sites) }, after: null });
    await trx("findings").where({ id: query.findingId }).delete();
    return true;
  });
}

export interface AuditComparison {
  pillars: Array<{ code: string; label: string; a: number | null; b: number | null }>;
  chapters: Array<{ code: string; title: string; a: number | null; b: number | null }>;
  changedCriteria: Array<{ code: string; text: string; a: string; b: string }>;
}

/** Two audits of one label side by side: rates per pillar and chapter, criteria whose result changed. */
export async function compareAudits(scope: Scope, query: { a: number; b: number }): Promise<{ a: Audit; b: Audit; comparison: AuditComparison } | null> {
  const { db, officeId } = scope;
  const [a, b] = await Promise.all([getAudit(scope, { auditId: query.a }), getAudit(scope, { auditId: query.b })]);
  if (!a || !b || a.labelId !== b.labelId) return null;
  const [gridA, gridB] = await Promise.all([loadGrid(db, officeId, a.referentialId), loadGrid(db, officeId, b.referentialId)]);
  if (!gridA || !gridB) return null;
  const ratesA = pillarRates(a);
  const ratesB = pillarRates(b);
  const pillarList = new Map<string, string>();
  for (const p of [...gridA.grid.pillars, ...gridB.grid.pillars]) pillarList.set(p.code, p.label);
  const chapterRate = (audit: Audit, code: string) => audit.snapshot?.chapters.find((c) => c.chapter === code)?.rate ?? null;
  const chapterList = new Map<string, string>();
  for (const c of [...gridA.grid.chapters, ...gridB.grid.chapters]) if (c.parent === null) chapterList.set(c.code, c.title);
  const describe = async (audit: Audit, grid: Referential) => {
    const results = new Map((await listResults(scope, { auditId: audit.id })).map((r) => [r.criterionCode, r]));
    return (code: string) => {
      const r = results.get(code);
      if (!r) return "—";
      if (r.status === "not_measured") return "Non mesuré";
      if (r.status === "not_applicable") return "Non concerné";
      const criterion = grid.criteria.find((c) => c.code === code);
      const scale = grid.scales.find((s) => s.code === criterion?.scale);
      return scale?.levels.find((l) => l.code === r.level)?.label ?? r.level ?? "—";
    };
  };
  const [resultA, resultB] = await Promise.all([describe(a, gridA.grid), describe(b, gridB.grid)]);
  const texts = new Map([...gridA.grid.criteria, ...gridB.grid.criteria].map((c) => [c.code, c.text]));
  const changed = [...texts.keys()]
    .map((code) => ({ code, text: texts.get(code) ?? "", a: resultA(code), b: resultB(code) }))
    .filter((row) => row.a !== row.b && (a.mode === "rated" || b.mode === "rated"));
  return {
    a,
    b,
    comparison: {
      pillars: [...pillarList].map(([code, label]) => ({ code, label, a: ratesA[code] ?? null, b: ratesB[code] ?? null })),
      chapters: [...chapterList].map(([code, title]) => ({ code, title, a: chapterRate(a, code), b: chapterRate(b, code) })),
      changedCriteria: a.mode === "rated" && b.mode === "rated" ? changed : [],
    },
  };
}
