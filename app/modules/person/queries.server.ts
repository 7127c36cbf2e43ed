// People of an office: staff, elected officials, partners, auditors, guests (with or without an account).
import { RecordReferenceError } from "../errors";
import type { Knex } from "knex";
import type { PersonValues } from "~/modules/person/schema";
import type { PersonContract, PersonKind } from "~/modules/person/rules";
import { recordHistory } from "../history/queries.server";
import type { PeopleRecord } from "../../../db/records";
import { bool, insertedId, nowIso, sortByFrench } from "../../utils/rows.server";
import type { Scope } from "~/modules/scope.server";

export interface Person {
  id: number;
  officeId: number;
  fullName: string;
  kind: PersonKind;
  jobTitle: string;
  organisation: string;
  email: string;
  phone: string;
  siteId: number | null;
  siteName: string | null;
  qualityGroupMember: boolean;
  contract: PersonContract;
  arrivedOn: string | null;
  active: boolean;
}

/** A person with the name of their site (none for the whole office). */
type ListedPerson = PeopleRecord & { site_name: string | null };

function toPerson(r: ListedPerson): Person {
  return {
    id: r.id,
    officeId: r.office_id,
    fullName: r.full_name,
    kind: r.kind as PersonKind,
    jobTitle: r.job_title,
    organisation: r.organisation,
    email: r.email,
    phone: r.phone,
    siteId: r.site_id,
    siteName: r.site_name,
    qualityGroupMember: bool(r.quality_group_member),
    contract: r.contract as PersonContract,
    arrivedOn: r.arrived_on || null,
    active: bool(r.active),
  };
}

function personColumns(v: PersonValues) {
  return {
    full_name: v.fullName,
    kind: v.kind,
    job_title: v.jobTitle,
    organisation: v.organisation,
    email: v.email,
    phone: v.phone,
    site_id: v.siteId,
    quality_group_member: v.qualityGroupMember,
    contract: v.contract,
    arrived_on: v.arrivedOn,
    active: v.active,
  };
}

function selectPeople(db: Knex) {
  return db("people as p").leftJoin("sites as s", "s.id", "p.site_id").select<ListedPerson[]>("p.*", "s.name as site_name");
}

export async function listPeople(scope: Scope, query: { activeOnly?: boolean } = {}): Promise<Person[]> {
  const { db, officeId } = scope;
  const q = selectPeople(db).where("p.office_id", officeId);
  if (query.activeOnly) q.andWhere("p.active", true);
  return sortByFrench((await q).map(toPerson), (p) => p.fullName);
}

export async function getPerson(scope: Scope, query: { personId: number }): Promise<Person | null> {
  const { db, officeId } = scope;
  const row = await selectPeople(db).where({ "p.id": query.personId, "p.office_id": officeId }).first();
  return row ? toPerson(row) : null;
}

/** A person may only be attached to a site of their own office. */

async function assertSiteInOffice(trx: Knex.Transaction, officeId: number, siteId: number | null) {
  if (siteId === null) return;
  const site = await trx("sites").where({ id: siteId, office_id: officeId }).first();
  if (!site) throw new RecordReferenceError("siteId", "Bureau de rattachement : choix invalide.");
}

export async function createPerson(scope: Scope, values: PersonValues): Promise<number> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    await assertSiteInOffice(trx, officeId, values.siteId);
    const now = nowIso();
    const row = { ...personColumns(values), office_id: officeId, created_at: now, updated_at: now };
    const id = insertedId(await trx("people").insert(row).returning("id"));
    await recordHistory(trx, { officeId, entityType: "person", entityId: id, action: "create", actor, before: null, after: row });
    return id;
  });
}

/** Returns false when the person is not this office's. */
export async function updatePerson(
  scope: Scope,
  query: { personId: number },
  values: PersonValues,
): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("people").where({ id: query.personId, office_id: officeId }).first();
    if (!before) return false;
    await assertSiteInOffice(trx, officeId, values.siteId);
    const patch = { ...personColumns(values), updated_at: nowIso() };
    await trx("people").where({ id: query.personId, office_id: officeId }).update(patch);
    await recordHistory(trx, {
      officeId,
      entityType: "person",
      entityId: query.personId,
      action: "update",
      actor,
      before,
      after: { ...before, ...patch },
    });
    return true;
  });
}
