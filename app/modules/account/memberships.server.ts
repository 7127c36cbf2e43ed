// Memberships: who belongs to an office, with which role and which person of the office; the
// office always keeps an administrator.
import type { MembershipsRecord } from "../../../db/records";
import { RecordReferenceError } from "../errors";
import type { Knex } from "knex";
import { wouldLeaveOfficeWithoutAdmin, type Role } from "~/domain/roles";
import { recordHistory } from "../history/queries.server";
import { insertedId, lockForUpdate, nowIso, sortByFrench } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";
import { storedRole as role } from "./users.server";

export interface Membership {
  id: number;
  userId: number;
  officeId: number;
  officeName: string;
  role: Role;
  personId: number | null;
}

export interface OfficeMember {
  membershipId: number;
  userId: number;
  email: string;
  displayName: string;
  role: Role;
  personId: number | null;
  personName: string | null;
  lastSignInAt: string | null;
}
export async function addMembership(
  scope: Scope,
  input: { userId: number;
 role: Role; personId: number | null }
): Promise<number> {
  const { db: trx, officeId, actor } = scope;
  const now = nowIso();
  const row = {
    user_id: input.userId,
    office_id: officeId,
    role: input.role,
    person_id: input.personId,
    created_at: now,
    updated_at: now,
  };
  const id = insertedId(await trx("memberships").insert(row).returning("id"));
  await recordHistory(trx, {
    officeId,
    entityType: "membership",
    entityId: id,
    action: "create",
    actor,
    before: null,
    after: row,
  });
  return id;
}
export async function listMemberships(db: Knex, userId: number): Promise<Membership[]> {
  const rows = await db("memberships as m")
    .join("offices as o", "o.id", "m.office_id")
    .where("m.user_id", userId)
    .select<Array<MembershipsRecord & { office_name: string }>>("m.*", "o.name as office_name");
  const memberships = rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    officeId: r.office_id,
    officeName: r.office_name,
    role: role(r.role),
    personId: r.person_id,
  }));
  return sortByFrench(memberships, (m) => m.officeName);
}

/** A member as the administration lists them: the membership, its account, its person's name. */
interface MemberRow {
  membership_id: number;
  user_id: number;
  role: string;
  person_id: number | null;
  email: string;
  display_name: string;
  last_sign_in_at: string | null;
  person_name: string | null;
}

function selectMembers(db: Knex) {
  return db("memberships as m")
    .join("users as u", "u.id", "m.user_id")
    .leftJoin("people as p", "p.id", "m.person_id")
    .select<MemberRow[]>(
      "m.id as membership_id",
      "m.user_id",
      "m.role",
      "m.person_id",
      "u.email",
      "u.display_name",
      "u.last_sign_in_at",
      "p.full_name as person_name",
    );
}

function toMember(r: MemberRow): OfficeMember {
  return {
    membershipId: r.membership_id,
    userId: r.user_id,
    email: r.email,
    displayName: r.display_name,
    role: role(r.role),
    personId: r.person_id,
    personName: r.person_name || null,
    lastSignInAt: r.last_sign_in_at || null,
  };
}

export async function listOfficeMembers(scope: Scope): Promise<OfficeMember[]> {
  const { db, officeId } = scope;
  const rows = await selectMembers(db).where("m.office_id", officeId);
  return sortByFrench(rows.map(toMember), (m) => m.displayName);
}

export async function getOfficeMember(
  scope: Scope,
  query: { membershipId: number },
): Promise<OfficeMember | null> {
  const { db, officeId } = scope;
  const row = await selectMembers(db).where({ "m.office_id": officeId, "m.id": query.membershipId }).first();
  return row ? toMember(row) : null;
}

export class LastAdminError extends Error {}

export async function assertPersonInOffice(trx: Knex.Transaction, officeId: number, personId: number | null) {
  if (personId === null) return;
  const person = await trx("people").where({ id: personId, office_id: officeId }).first();
  if (!person) throw new RecordReferenceError("personId", "Personne : choix invalide.");
}

/** The office's roles, read under a lock of the office row so two demotions cannot cross. */
async function officeRoles(trx: Knex.Transaction, officeId: number) {
  await lockForUpdate(trx, trx("offices").where({ id: officeId })).first();
  const rows = await trx("memberships").where({ office_id: officeId }).select("id", "role");
  return rows.map((r) => ({ id: r.id, role: role(r.role) }));
}

/** Returns false when the membership is not this office's. */
export async function updateMembership(
  scope: Scope,
  query: { membershipId: number },
  input: { role: Role; personId: number | null },
): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("memberships").where({ id: query.membershipId, office_id: officeId }).first();
    if (!before) return false;
    await assertPersonInOffice(trx, officeId, input.personId);
    const roles = await officeRoles(trx, officeId);
    if (wouldLeaveOfficeWithoutAdmin(roles, { membershipId: query.membershipId, newRole: input.role })) {
      throw new LastAdminError();
    }
    const patch = { role: input.role, person_id: input.personId, updated_at: nowIso() };
    await trx("memberships").where({ id: query.membershipId }).update(patch);
    await recordHistory(trx, {
      officeId,
      entityType: "membership",
      entityId: query.membershipId,
      action: "update",
      actor,
      before,
      after: { ...before, ...patch },
    });
    return true;
  });
}

/** Removes an account from an office (the account itself stays for its other offices). */
export async function removeMembership(
  scope: Scope,
  query: { membershipId: number },
): Promise<boolean> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("memberships").where({ id: query.membershipId, office_id: officeId }).first();
    if (!before) return false;
    const roles = await officeRoles(trx, officeId);
    if (wouldLeaveOfficeWithoutAdmin(roles, { membershipId: query.membershipId, newRole: null })) {
      throw new LastAdminError();
    }
    await trx("memberships").where({ id: query.membershipId }).delete();
    await trx("sessions").where({ user_id: before.user_id }).delete();
    await recordHistory(trx, {
      officeId,
      entityType: "membership",
      entityId: query.membershipId,
      action: "delete",
      actor,
      before,
      after: null,
    });
    return true;
  });
}
