// Each person's choices per kind of reminder. No row means the defaults: every reminder in the
// app and by e-mail, so that a new office is reminded without any setting.
import type { Knex } from "knex";
import type { ReminderKind } from "../reminder/rules";

/**
 * Turns a kind of reminder's mails off (or on) for an account in an office; false when the
 * account is no longer a member of that office (then nothing is written).
 */
export async function setEmailPreference(db: Knex, target: { userId: number; officeId: number; kind: ReminderKind }, byEmail: boolean, now: Date): Promise<boolean> {
  return db.transaction(async (trx) => {
    const member = await trx("memberships").where({ user_id: target.userId, office_id: target.officeId }).first();
    if (!member) return false;
    await trx("notification_preferences")
      .insert({ user_id: target.userId, office_id: target.officeId, kind: target.kind, by_email: byEmail, updated_at: now.toISOString() })
      .onConflict(["user_id", "office_id", "kind"])
      .merge(["by_email", "updated_at"]);
    return true;
  });
}
