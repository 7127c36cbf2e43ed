// The labels an office holds, each following a référentiel.
import { RecordReferenceError } from "../errors";
import type { Knex } from "knex";
import type { LabelStatus } from "~/modules/audit/rules";
import type { LabelValues } from "~/modules/audit/schema";
import { recordHistory } from "../history/queries.server";
import type { LabelsRecord } from "../../../db/records";
import { insertedId, nowIso, sortByFrench } from "../../utils/rows.server";
import type { Scope } from "~/modules/scope.server";

export interface Label {
  id: number;
  officeId: number;
  name: string;
  referentialCode: string;
  referentialId: number | null;
  referentialLabel: string | null;
  referentialVersion: string | null;
  status: LabelStatus;
  grantedOn: string | null;
  validUntil: string | null;
  nextAuditDue: string | null;
  notes: string;
}

/** A label with the name and version of the référentiel it follows (none when it follows none). */
type ListedLabel = LabelsRecord & { referential_label: string | null; referential_version: string | null };

function toLabel(r: ListedLabel): Label {
  return {
    id: r.id,
    officeId: r.office_id,
    name: r.name,
    referentialCode: r.referential_code,
    referentialId: r.referential_id,
    referentialLabel: r.referential_label || null,
    referentialVersion: r.referential_version || null,
    status: r.status as LabelStatus,
    grantedOn: r.granted_on || null,
    validUntil: r.valid_until || null,
    nextAuditDue: r.next_audit_due || null,
    notes: r.notes,
  };
}

function selectLabels(db: Knex) {
  return db("labels as l")
    .leftJoin("referentials as r", "r.id", "l.referential_id")
    .select<ListedLabel[]>("l.*", "r.label as referential_label", "r.version as referential_version");
}

export async function listLabels(scope: Scope): Promise<Label[]> {
  const { db, officeId } = scope;
  return sortByFrench((await selectLabels(db).where("l.office_id", officeId)).map(toLabel), (l) => l.name);
}

export async function getLabel(scope: Scope, query: { labelId: number }): Promise<Label | null> {
  const { db, officeId } = scope;
  const row = await selectLabels(db).where({ "l.id": query.labelId, "l.office_id": officeId }).first();
  return row ? toLabel(row) : null;
}


async function referentialCode(trx: Knex.Transaction, officeId: number, referentialId: number): Promise<string> {
  const ref = await trx("referentials").where({ id: referentialId, office_id: officeId }).first();
  if (!ref) throw new RecordReferenceError("referentialId", "Référentiel suivi : choix invalide.");
  return ref.code;
}

function columns(v: LabelValues, code: string) {
  return {
    name: v.name,
    referential_id: v.referentialId,
    referential_code: code,
    status: v.status,
    granted_on: v.grantedOn,
    valid_until: v.validUntil,
    next_audit_due: v.nextAuditDue,
    notes: v.notes,
  };
}

export async function createLabel(scope: Scope, values: LabelValues): Promise<number> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const code = await referentialCode(trx, officeId, values.referentialId);
    const now = nowIso();
    const row = { ...columns(values, code), office_id: officeId, created_at: now, updated_at: now };
    const id = insertedId(await trx("labels").insert(row).returning("id"));
    await recordHistory(trx, { officeId, entityType: "label", entityId: id, action: "create", actor, before: null, after: row });
    return id;
  });
}

export async function updateLabel(scope: Scope, query: { labelId: number }, values: LabelValues): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("labels").where({ id: query.labelId, office_id: officeId }).first();
    if (!before) return false;
    const code = await referentialCode(trx, officeId, values.referentialId);
    const patch = { ...columns(values, code), updated_at: nowIso() };
    await trx("labels").where({ id: query.labelId }).update(patch);
    await recordHistory(trx, { officeId, entityType: "label", entityId: query.labelId, action: "update", actor, before, after: { ...before, ...patch } });
    return true;
  });
}
