// Offices (the tourist office itself) and its sites (bureaux d'information).
import { DuplicateError } from "../errors";
import type { Knex } from "knex";
import type { OfficeValues } from "~/modules/office/schema";
import type { SiteValues } from "~/modules/office/site-schema";
import { recordHistory, type Actor } from "../history/queries.server";
import type { OfficesRecord, SitesRecord } from "../../../db/records";
import { bool, insertedId, isUniqueViolation, nameKey, nowIso, sortByFrench } from "../../utils/rows.server";
import type { Scope } from "~/modules/scope.server";

export interface Office {
  id: number;
  name: string;
  legalForm: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  website: string;
}

export interface Site {
  id: number;
  officeId: number;
  name: string;
  street: string;
  postalCode: string;
  city: string;
  phone: string;
  email: string;
  isHeadquarters: boolean;
  active: boolean;
}

function toOffice(r: OfficesRecord): Office {
  return {
    id: r.id,
    name: r.name,
    legalForm: r.legal_form,
    street: r.street,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    email: r.email,
    website: r.website,
  };
}

function officeColumns(v: OfficeValues) {
  return {
    name: v.name,
    legal_form: v.legalForm,
    street: v.street,
    postal_code: v.postalCode,
    city: v.city,
    phone: v.phone,
    email: v.email,
    website: v.website,
  };
}

export async function getOffice(db: Knex, officeId: number): Promise<Office | null> {
  const row = await db("offices").where({ id: officeId }).first();
  return row ? toOffice(row) : null;
}

export async function createOffice(db: Knex, values: OfficeValues, actor: Actor): Promise<number> {
  return db.transaction(async (trx) => {
    const now = nowIso();
    const row = { ...officeColumns(values), created_at: now, updated_at: now };
    const id = insertedId(await trx("offices").insert(row).returning("id"));
    await recordHistory(trx, { officeId: id, entityType: "office", entityId: id, action: "create", actor, before: null, after: row });
    return id;
  });
}

export async function updateOffice(scope: Scope, values: OfficeValues): Promise<void> {
  const { db, officeId, actor } = scope;
  await db.transaction(async (trx) => {
    const before = await trx("offices").where({ id: officeId }).first();
    if (!before) throw new Error(`office ${officeId} not found`);
    const patch = { ...officeColumns(values), updated_at: nowIso() };
    await trx("offices").where({ id: officeId }).update(patch);
    await recordHistory(trx, { officeId, entityType: "office", entityId: officeId, action: "update", actor, before, after: { ...before, ...patch } });
  });
}

function toSite(r: SitesRecord): Site {
  return {
    id: r.id,
    officeId: r.office_id,
    name: r.name,
    street: r.street,
    postalCode: r.postal_code,
    city: r.city,
    phone: r.phone,
    email: r.email,
    isHeadquarters: bool(r.is_headquarters),
    active: bool(r.active),
  };
}

function siteColumns(v: SiteValues) {
  return {
    name: v.name,
    name_key: nameKey(v.name),
    street: v.street,
    postal_code: v.postalCode,
    city: v.city,
    phone: v.phone,
    email: v.email,
    is_headquarters: v.isHeadquarters,
    active: v.active,
  };
}

export async function listSites(scope: Scope, query: { activeOnly?: boolean } = {}): Promise<Site[]> {
  const { db, officeId } = scope;
  const q = db("sites").where({ office_id: officeId });
  if (query.activeOnly) q.andWhere({ active: true });
  const sites = sortByFrench((await q).map(toSite), (s) => s.name);
  return [...sites.filter((s) => s.isHeadquarters), ...sites.filter((s) => !s.isHeadquarters)];
}

export async function getSite(scope: Scope, query: { siteId: number }): Promise<Site | null> {
  const { db, officeId } = scope;
  const row = await db("sites").where({ id: query.siteId, office_id: officeId }).first();
  return row ? toSite(row) : null;
}


async function assertUniqueSiteName(trx: Knex.Transaction, officeId: number, name: string, exceptId?: number) {
  const q = trx("sites").where({ office_id: officeId, name_key: nameKey(name) });
  if (exceptId) q.whereNot({ id: exceptId });
  if (await q.first()) throw new DuplicateError("name", "Nom du bureau : un bureau porte déjà ce nom.");
}

/** One headquarters per office: naming a new one unsets the previous one (with its history). */
async function keepSingleHeadquarters(trx: Knex.Transaction, officeId: number, siteId: number, actor: Actor) {
  const previous = await trx("sites").where({ office_id: officeId, is_headquarters: true }).whereNot({ id: siteId });
  for (const before of previous) {
    const patch = { is_headquarters: false, updated_at: nowIso() };
    await trx("sites").where({ id: before.id }).update(patch);
    await recordHistory(trx, { officeId, entityType: "site", entityId: before.id, action: "update", actor, before, after: { ...before, ...patch } });
  }
}

/** A concurrent insert can still hit the unique index: same message as the check above. */
async function translateDuplicate<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DuplicateError("name", "Nom du bureau : un bureau porte déjà ce nom.");
    throw error;
  }
}

export async function createSite(scope: Scope, values: SiteValues): Promise<number> {
  const { db, officeId, actor } = scope;
  return translateDuplicate(values.name, () =>
    db.transaction(async (trx) => {
      await assertUniqueSiteName(trx, officeId, values.name);
      const now = nowIso();
      const row = { ...siteColumns(values), office_id: officeId, created_at: now, updated_at: now };
      const id = insertedId(await trx("sites").insert(row).returning("id"));
      await recordHistory(trx, { officeId, entityType: "site", entityId: id, action: "create", actor, before: null, after: row });
      if (values.isHeadquarters) await keepSingleHeadquarters(trx, officeId, id, actor);
      return id;
    }),
  );
}

/** Returns false when the site is not this office's. */
export async function updateSite(
  scope: Scope,
  query: { siteId: number },
  values: SiteValues,
): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return translateDuplicate(values.name, () =>
    db.transaction(async (trx) => {
      const before = await trx("sites").where({ id: query.siteId, office_id: officeId }).first();
      if (!before) return false;
      await assertUniqueSiteName(trx, officeId, values.name, query.siteId);
      const patch = { ...siteColumns(values), updated_at: nowIso() };
      await trx("sites").where({ id: query.siteId, office_id: officeId }).update(patch);
      await recordHistory(trx, {
        officeId,
        entityType: "site",
        entityId: query.siteId,
        action: "update",
        actor,
        before,
        after: { ...before, ...patch },
      });
      if (values.isHeadquarters) await keepSingleHeadquarters(trx, officeId, query.siteId, actor);
      return true;
    }),
  );
}
