// Accounts (users), their memberships in offices with a role, and invitations.
import { RecordReferenceError } from "../errors";
import type { Knex } from "knex";
import { ROLE_LABELS, isRole, wouldLeaveOfficeWithoutAdmin, type Role } from "~/domain/roles";
import { formatDateTime } from "~/domain/dates";
import { accountLinkMail } from "../mail/compose";
import { enqueueMail } from "../mail/queries.server";
import { hashPassword, randomToken, sha256 } from "~/crypto.server";
import { recordHistory, type Actor } from "../history/queries.server";
import { bool, insertedId, lockForUpdate, nowIso, num, numOrNull, sortByFrench } from "../../utils/rows.server";
import { officeScope, type Scope } from "~/modules/scope.server";

export interface User {
  id: number;
  email: string;
  displayName: string;
  disabled: boolean;
}

export interface UserWithHash extends User {
  passwordHash: string;
  lastSignInAt: string | null;
}

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

export interface PendingInvitation {
  id: number;
  email: string;
  role: Role;
  personId: number | null;
  personName: string | null;
  expiresAt: string;
  createdAt: string;
}

export const INVITATION_DAYS = 7;

function toUser(r: Record<string, unknown>): UserWithHash {
  return {
    id: num(r.id),
    email: String(r.email),
    displayName: String(r.display_name),
    disabled: bool(r.disabled),
    passwordHash: String(r.password_hash),
    lastSignInAt: r.last_sign_in_at ? String(r.last_sign_in_at) : null,
  };
}

function role(value: unknown): Role {
  if (!isRole(value)) throw new Error(`unknown role ${String(value)}`);
  return value;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Knex, email: string): Promise<UserWithHash | null> {
  const row = await db("users").where({ email: normaliseEmail(email) }).first();
  return row ? toUser(row) : null;
}

export async function getUser(db: Knex, userId: number): Promise<UserWithHash | null> {
  const row = await db("users").where({ id: userId }).first();
  return row ? toUser(row) : null;
}

export async function createUser(
  scope: Scope,
  input: { email: string; displayName: string; passwordHash: string },
): Promise<number> {
  const { db: trx, officeId, actor } = scope;
  const now = nowIso();
  const row = {
    email: normaliseEmail(input.email),
    display_name: input.displayName,
    password_hash: input.passwordHash,
    disabled: false,
    created_at: now,
    updated_at: now,
  };
  const id = insertedId(await trx("users").insert(row).returning("id"));
  await recordHistory(trx, { officeId, entityType: "user", entityId: id, action: "create", actor, before: null, after: row });
  return id;
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

export async function recordSignIn(db: Knex, userId: number, now = new Date()): Promise<void> {
  await db("users").where({ id: userId }).update({ last_sign_in_at: now.toISOString() });
}

/** Changes the password and ends every other session of the account. */
export async function changePassword(
  db: Knex,
  input: { userId: number; newPassword: string; keepSessionId: string | null },
  actor: Actor,
): Promise<void> {
  const hash = await hashPassword(input.newPassword);
  await db.transaction(async (trx) => {
    const before = await trx("users").where({ id: input.userId }).first();
    const patch = { password_hash: hash, updated_at: nowIso() };
    await trx("users").where({ id: input.userId }).update(patch);
    await recordHistory(trx, {
      officeId: null,
      entityType: "user",
      entityId: input.userId,
      action: "update",
      actor,
      before: { ...before, password: "old" },
      after: { ...before, ...patch, password: "new" },
      redact: ["password"],
    });
    const others = trx("sessions").where({ user_id: input.userId });
    if (input.keepSessionId) others.whereNot({ id: input.keepSessionId });
    await others.delete();
  });
}

export async function listMemberships(db: Knex, userId: number): Promise<Membership[]> {
  const rows = await db("memberships as m")
    .join("offices as o", "o.id", "m.office_id")
    .where("m.user_id", userId)
    .select("m.*", "o.name as office_name");
  const memberships = rows.map((r) => ({
    id: num(r.id),
    userId: num(r.user_id),
    officeId: num(r.office_id),
    officeName: String(r.office_name),
    role: role(r.role),
    personId: numOrNull(r.person_id),
  }));
  return sortByFrench(memberships, (m) => m.officeName);
}

function selectMembers(db: Knex) {
  return db("memberships as m")
    .join("users as u", "u.id", "m.user_id")
    .leftJoin("people as p", "p.id", "m.person_id")
    .select(
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

function toMember(r: Record<string, unknown>): OfficeMember {
  return {
    membershipId: num(r.membership_id),
    userId: num(r.user_id),
    email: String(r.email),
    displayName: String(r.display_name),
    role: role(r.role),
    personId: numOrNull(r.person_id),
    personName: r.person_name ? String(r.person_name) : null,
    lastSignInAt: r.last_sign_in_at ? String(r.last_sign_in_at) : null,
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

async function assertPersonInOffice(trx: Knex.Transaction, officeId: number, personId: number | null) {
  if (personId === null) return;
  const person = await trx("people").where({ id: personId, office_id: officeId }).first();
  if (!person) throw new RecordReferenceError("personId", "Personne : choix invalide.");
}

/** The office's roles, read under a lock of the office row so two demotions cannot cross. */
async function officeRoles(trx: Knex.Transaction, officeId: number) {
  await lockForUpdate(trx, trx("offices").where({ id: officeId })).first();
  const rows = await trx("memberships").where({ office_id: officeId }).select("id", "role");
  return rows.map((r) => ({ id: num(r.id), role: role(r.role) }));
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

export class AlreadyMemberError extends Error {}

/** Creates an invitation and returns the clear token, shown once; only its hash is stored. */
export async function createInvitation(
  scope: Scope,
  input: { email: string; role: Role; personId: number | null; createdBy: number | null },
  now = new Date(),
  /** send the link by e-mail too: the page's address for a token */
  mail?: { link: (token: string) => string },
): Promise<{ id: number; token: string }> {
  const { db, officeId, actor } = scope;
  const email = normaliseEmail(input.email);
  return db.transaction(async (trx) => {
    await assertPersonInOffice(trx, officeId, input.personId);
    const existing = await trx("memberships as m")
      .join("users as u", "u.id", "m.user_id")
      .where({ "m.office_id": officeId, "u.email": email })
      .first();
    if (existing) throw new AlreadyMemberError(email);
    // A new invitation replaces any pending one for the same person: only the last link works.
    const pending = await trx("invitations")
      .where({ office_id: officeId, email })
      .whereNull("used_at")
      .whereNull("revoked_at")
      .where("expires_at", ">", now.toISOString());
    for (const before of pending) {
      await trx("invitations").where({ id: before.id }).update({ revoked_at: now.toISOString() });
      await recordHistory(trx, { officeId, entityType: "invitation", entityId: num(before.id), action: "update", actor, before, after: { ...before, revoked_at: now.toISOString() }, now });
    }
    const token = randomToken();
    const row = {
      office_id: officeId,
      email,
      role: input.role,
      person_id: input.personId,
      token_hash: sha256(token),
      expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
      created_by_user_id: input.createdBy,
      created_at: now.toISOString(),
    };
    const id = insertedId(await trx("invitations").insert(row).returning("id"));
    await recordHistory(trx, { officeId, entityType: "invitation", entityId: id, action: "create", actor, before: null, after: row, now });
    // The link also leaves by e-mail (or waits in the outbox), in the invitation's transaction.
    if (mail) {
      const office = await trx("offices").where({ id: officeId }).first("name");
      const message = accountLinkMail({ kind: "invitation", to: email, toName: email, officeName: String(office?.name ?? ""), sentBy: actor.name, roleLabel: ROLE_LABELS[input.role], link: mail.link(token), expiresAt: formatDateTime(row.expires_at) });
      await enqueueMail(trx, { officeId, kind: "invitation", message, reminderKey: null, now });
    }
    return { id, token };
  });
}

export async function listPendingInvitations(scope: Scope, now = new Date()): Promise<PendingInvitation[]> {
  const { db, officeId } = scope;
  const rows = await db("invitations as i")
    .leftJoin("people as p", "p.id", "i.person_id")
    .where("i.office_id", officeId)
    .whereNull("i.used_at")
    .whereNull("i.revoked_at")
    .where("i.expires_at", ">", now.toISOString())
    .select("i.*", "p.full_name as person_name")
    .orderBy("i.created_at", "desc");
  return rows.map((r) => ({
    id: num(r.id),
    email: String(r.email),
    role: role(r.role),
    personId: numOrNull(r.person_id),
    personName: r.person_name ? String(r.person_name) : null,
    expiresAt: String(r.expires_at),
    createdAt: String(r.created_at),
  }));
}

/** "not_found" when the invitation is not this office's; "not_open" when already used or revoked. */
export async function revokeInvitation(
  scope: Scope,
  query: { invitationId: number },
  now = new Date(),
): Promise<"revoked" | "not_open" | "not_found"> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const before = await trx("invitations").where({ id: query.invitationId, office_id: officeId }).first();
    if (!before) return "not_found";
    if (before.used_at || before.revoked_at) return "not_open";
    const patch = { revoked_at: now.toISOString() };
    await trx("invitations").where({ id: query.invitationId }).update(patch);
    await recordHistory(trx, { officeId, entityType: "invitation", entityId: query.invitationId, action: "update", actor, before, after: { ...before, ...patch }, now });
    return "revoked";
  });
}

export interface OpenInvitation {
  id: number;
  officeId: number;
  officeName: string;
  email: string;
  role: Role;
  personId: number | null;
  existingUserId: number | null;
}

/** The invitation behind a clear token, if it can still be used. */
export async function findOpenInvitation(db: Knex, token: string, now = new Date()): Promise<OpenInvitation | null> {
  const row = await db("invitations as i")
    .join("offices as o", "o.id", "i.office_id")
    .leftJoin("users as u", "u.email", "i.email")
    .where("i.token_hash", sha256(token))
    .whereNull("i.used_at")
    .whereNull("i.revoked_at")
    .where("i.expires_at", ">", now.toISOString())
    .select("i.*", "o.name as office_name", "u.id as existing_user_id")
    .first();
  if (!row) return null;
  return {
    id: num(row.id),
    officeId: num(row.office_id),
    officeName: String(row.office_name),
    email: String(row.email),
    role: role(row.role),
    personId: numOrNull(row.person_id),
    existingUserId: numOrNull(row.existing_user_id),
  };
}

export class InvitationUnavailableError extends Error {}

/**
 * Uses an invitation once: creates the account when needed and the membership, in one
 * transaction that re-checks the invitation so two clicks cannot both succeed.
 */
export async function acceptInvitation(
  db: Knex,
  input: { token: string; newAccount: { displayName: string; password: string } | null; existingUserId: number | null },
  now = new Date(),
): Promise<{ userId: number; officeId: number }> {
  // Hash before the transaction: scrypt is slow and must not hold SQLite's only connection.
  const passwordHash = input.newAccount ? await hashPassword(input.newAccount.password) : null;
  return db.transaction(async (trx) => {
    const open = (q: Knex.QueryBuilder) => q.whereNull("used_at").whereNull("revoked_at").where("expires_at", ">", now.toISOString());
    const invitation = await open(trx("invitations").where({ token_hash: sha256(input.token) })).first();
    if (!invitation) throw new InvitationUnavailableError();
    const claimed = await open(trx("invitations").where({ id: invitation.id })).update({ used_at: now.toISOString() });
    if (claimed !== 1) throw new InvitationUnavailableError();
    const officeId = num(invitation.office_id);
    let userId: number;
    if (input.newAccount && passwordHash) {
      const actor = { userId: null, name: input.newAccount.displayName };
      userId = await createUser(officeScope(trx, { officeId, actor, role: role(invitation.role) }), { email: invitation.email, displayName: input.newAccount.displayName, passwordHash });
    } else if (input.existingUserId) {
      const existing = await trx("users").where({ id: input.existingUserId, email: invitation.email }).first();
      if (!existing || bool(existing.disabled)) throw new InvitationUnavailableError();
      userId = input.existingUserId;
    } else {
      throw new InvitationUnavailableError();
    }
    if (await trx("memberships").where({ user_id: userId, office_id: officeId }).first()) throw new AlreadyMemberError(invitation.email);
    const user = await trx("users").where({ id: userId }).first();
    const actor = { userId, name: String(user.display_name) };
    await trx("invitations").where({ id: invitation.id }).update({ used_by_user_id: userId });
    await recordHistory(trx, {
      officeId,
      entityType: "invitation",
      entityId: num(invitation.id),
      action: "update",
      actor,
      before: invitation,
      after: { ...invitation, used_at: now.toISOString(), used_by_user_id: userId },
      now,
    });
    await addMembership(officeScope(trx, { officeId, actor, role: role(invitation.role) }), { userId, role: role(invitation.role), personId: numOrNull(invitation.person_id) });
    return { userId, officeId };
  });
}

export const PASSWORD_RESET_HOURS = 24;

/** The account also opens offices where this administrator is not administrator. */
export class ResetNotAllowedError extends Error {}

/**
 * A single-use link to choose a new password, for a member who forgot theirs. An office's
 * administrator may reset only accounts whose every office they administer: otherwise they
 * could take over an account that opens other offices' data.
 */
export async function createPasswordReset(
  scope: Scope,
  input: { membershipId: number; adminUserId: number },
  now = new Date(),
  /** send the link by e-mail too: the page's address for a token */
  mail?: { link: (token: string) => string },
): Promise<{ token: string } | null> {
  const { db, officeId, actor } = scope;
  return db.transaction(async (trx) => {
    const membership = await trx("memberships").where({ id: input.membershipId, office_id: officeId }).first();
    if (!membership) return null;
    const userId = num(membership.user_id);
    const targetOffices = (await trx("memberships").where({ user_id: userId }).select("office_id")).map((r) => num(r.office_id));
    const adminOffices = new Set(
      (await trx("memberships").where({ user_id: input.adminUserId, role: "admin" }).select("office_id")).map((r) => num(r.office_id)),
    );
    if (!targetOffices.every((id) => adminOffices.has(id))) throw new ResetNotAllowedError();
    await trx("password_resets").where({ user_id: userId }).whereNull("used_at").update({ used_at: now.toISOString() });
    const token = randomToken();
    const row = {
      user_id: userId,
      office_id: officeId,
      token_hash: sha256(token),
      expires_at: new Date(now.getTime() + PASSWORD_RESET_HOURS * 3_600_000).toISOString(),
      created_by_user_id: input.adminUserId,
      created_at: now.toISOString(),
    };
    await trx("password_resets").insert(row);
    await recordHistory(trx, {
      officeId,
      entityType: "membership",
      entityId: input.membershipId,
      action: "update",
      actor,
      before: { password: "ancien" },
      after: { password: "lien de réinitialisation créé" },
      redact: ["password"],
      now,
    });
    if (mail) {
      const user = await trx("users").where({ id: userId }).first("email", "display_name");
      const office = await trx("offices").where({ id: officeId }).first("name");
      const message = accountLinkMail({ kind: "reset", to: String(user.email), toName: String(user.display_name), officeName: String(office?.name ?? ""), sentBy: actor.name, link: mail.link(token), expiresAt: formatDateTime(row.expires_at) });
      await enqueueMail(trx, { officeId, kind: "password_reset", message, reminderKey: null, now });
    }
    return { token };
  });
}

export async function findOpenPasswordReset(db: Knex, token: string, now = new Date()) {
  const row = await db("password_resets as r")
    .join("users as u", "u.id", "r.user_id")
    .where("r.token_hash", sha256(token))
    .whereNull("r.used_at")
    .where("r.expires_at", ">", now.toISOString())
    .select("r.id", "r.user_id", "r.office_id", "u.email", "u.display_name")
    .first();
  return row ? { id: num(row.id), userId: num(row.user_id), officeId: num(row.office_id), email: String(row.email), displayName: String(row.display_name) } : null;
}

/** Uses a reset link once: new password, every session of the account ended. */
export async function redeemPasswordReset(db: Knex, input: { token: string; newPassword: string }, now = new Date()): Promise<boolean> {
  const hash = await hashPassword(input.newPassword);
  return db.transaction(async (trx) => {
    const reset = await trx("password_resets")
      .where({ token_hash: sha256(input.token) })
      .whereNull("used_at")
      .where("expires_at", ">", now.toISOString())
      .first();
    if (!reset) return false;
    const claimed = await trx("password_resets").where({ id: reset.id }).whereNull("used_at").update({ used_at: now.toISOString() });
    if (claimed !== 1) return false;
    const user = await trx("users").where({ id: reset.user_id }).first();
    await trx("users").where({ id: reset.user_id }).update({ password_hash: hash, updated_at: now.toISOString() });
    await trx("sessions").where({ user_id: reset.user_id }).delete();
    await recordHistory(trx, {
      officeId: null,
      entityType: "user",
      entityId: num(reset.user_id),
      action: "update",
      actor: { userId: num(reset.user_id), name: String(user.display_name) },
      before: { password: "ancien" },
      after: { password: "nouveau" },
      redact: ["password"],
      now,
    });
    return true;
  });
}
