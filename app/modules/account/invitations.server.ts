// Invitations to an office: created by an administrator, accepted once by a new or an existing
// account, revoked, or expired after seven days.
import type { InvitationsRecord } from "../../../db/records";
import type { Knex } from "knex";
import { ROLE_LABELS, type Role } from "~/domain/roles";
import { formatDateTime } from "~/domain/dates";
import { accountLinkMail } from "../mail/compose";
import { enqueueMail } from "../mail/queries.server";
import { hashPassword, randomToken, sha256 } from "~/crypto.server";
import { recordHistory } from "../history/queries.server";
import { bool, insertedId, present } from "../../utils/rows.server";
import { officeScope, type Scope } from "~/modules/scope.server";
import { addMembership, assertPersonInOffice } from "./memberships.server";
import { createUser, normaliseEmail, storedRole as role } from "./users.server";

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
      await recordHistory(trx, { officeId, entityType: "invitation", entityId: before.id, action: "update", actor, before, after: { ...before, revoked_at: now.toISOString() }, now });
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
      const message = accountLinkMail({ kind: "invitation", to: email, toName: email, officeName: office?.name ?? "", sentBy: actor.name, roleLabel: ROLE_LABELS[input.role], link: mail.link(token), expiresAt: formatDateTime(row.expires_at) });
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
    .select<Array<InvitationsRecord & { person_name: string | null }>>("i.*", "p.full_name as person_name")
    .orderBy("i.created_at", "desc");
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: role(r.role),
    personId: r.person_id,
    personName: r.person_name || null,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
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
    .select<Array<InvitationsRecord & { office_name: string; existing_user_id: number | null }>>("i.*", "o.name as office_name", "u.id as existing_user_id")
    .first();
  if (!row) return null;
  return {
    id: row.id,
    officeId: row.office_id,
    officeName: row.office_name,
    email: row.email,
    role: role(row.role),
    personId: row.person_id,
    existingUserId: row.existing_user_id,
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
    const officeId = invitation.office_id;
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
    const user = present(await trx("users").where({ id: userId }).first(), "users");
    const actor = { userId, name: user.display_name };
    await trx("invitations").where({ id: invitation.id }).update({ used_by_user_id: userId });
    await recordHistory(trx, {
      officeId,
      entityType: "invitation",
      entityId: invitation.id,
      action: "update",
      actor,
      before: invitation,
      after: { ...invitation, used_at: now.toISOString(), used_by_user_id: userId },
      now,
    });
    await addMembership(officeScope(trx, { officeId, actor, role: role(invitation.role) }), { userId, role: role(invitation.role), personId: invitation.person_id });
    return { userId, officeId };
  });
}
