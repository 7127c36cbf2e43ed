// Password resets: a link sent by an administrator, valid one day, used once.
import type { Knex } from "knex";
import { formatDateTime } from "~/domain/dates";
import { accountLinkMail } from "../mail/compose";
import { enqueueMail } from "../mail/queries.server";
import { hashPassword, randomToken, sha256 } from "~/crypto.server";
import { recordHistory } from "../history/queries.server";
import { present } from "../../utils/rows.server";
import { type Scope } from "~/modules/scope.server";

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
    const userId = membership.user_id;
    const targetOffices = (await trx("memberships").where({ user_id: userId }).select("office_id")).map((r) => r.office_id);
    const adminOffices = new Set(
      (await trx("memberships").where({ user_id: input.adminUserId, role: "admin" }).select("office_id")).map((r) => r.office_id),
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
      const user = present(await trx("users").where({ id: userId }).select("email", "display_name").first(), "users");
      const office = await trx("offices").where({ id: officeId }).first("name");
      const message = accountLinkMail({ kind: "reset", to: user.email, toName: user.display_name, officeName: office?.name ?? "", sentBy: actor.name, link: mail.link(token), expiresAt: formatDateTime(row.expires_at) });
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
    .select<Array<{ id: number; user_id: number; office_id: number; email: string; display_name: string }>>("r.id", "r.user_id", "r.office_id", "u.email", "u.display_name")
    .first();
  return row ? { id: row.id, userId: row.user_id, officeId: row.office_id, email: row.email, displayName: row.display_name } : null;
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
    const user = present(await trx("users").where({ id: reset.user_id }).first(), "users");
    await trx("users").where({ id: reset.user_id }).update({ password_hash: hash, updated_at: now.toISOString() });
    await trx("sessions").where({ user_id: reset.user_id }).delete();
    await recordHistory(trx, {
      officeId: null,
      entityType: "user",
      entityId: reset.user_id,
      action: "update",
      actor: { userId: reset.user_id, name: user.display_name },
      before: { password: "ancien" },
      after: { password: "nouveau" },
      redact: ["password"],
      now,
    });
    return true;
  });
}
