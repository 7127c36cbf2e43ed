// Each person's choices per kind of reminder. No row means the defaults: every reminder in the
// app and by e-mail, so that a new office is reminded without any setting.
import type { Knex } from "knex";
import { DIGEST_WEEKDAY, reminderKindsFor, type ReminderKind } from "../reminder/rules";
import type { Scope } from "../scope.server";
import { bool } from "../../utils/rows.server";

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

/**
 * The kinds of reminder the signed-in person may receive here, whether each comes by e-mail, and
 * for the digest of actions the day of the week it comes (1 = Monday; decision 046).
 */
export async function emailPreferences(scope: Scope): Promise<Array<{ kind: ReminderKind; byEmail: boolean; digestWeekday: number | null }>> {
  const kinds = reminderKindsFor(scope.role);
  if (kinds.length === 0 || scope.actor.userId === null) return [];
  const rows = await scope.db("notification_preferences").where({ user_id: scope.actor.userId, office_id: scope.officeId }).whereIn("kind", kinds).select("kind", "by_email", "digest_weekday");
  const chosen = new Map(rows.map((r) => [r.kind, r]));
  return kinds.map((kind) => {
    const row = chosen.get(kind);
    return {
      kind,
      byEmail: row ? bool(row.by_email) : true,
      digestWeekday: kind === "action_digest" ? (row?.digest_weekday ?? DIGEST_WEEKDAY) : null,
    };
  });
}

/**
 * Saves the person's choices for every kind of their role at once (a box not ticked: not by
 * e-mail), and the digest's day when given (not given: kept as it is).
 */
export async function saveEmailPreferences(scope: Scope, byEmail: ReadonlySet<ReminderKind>, digestWeekday?: number): Promise<void> {
  const kinds = reminderKindsFor(scope.role);
  const userId = scope.actor.userId;
  if (userId === null) return;
  await scope.db.transaction(async (trx) => {
    for (const kind of kinds) {
      const day = kind === "action_digest" && digestWeekday !== undefined ? { digest_weekday: digestWeekday } : {};
      await trx("notification_preferences")
        .insert({ user_id: userId, office_id: scope.officeId, kind, by_email: byEmail.has(kind), ...day, updated_at: scope.now.toISOString() })
        .onConflict(["user_id", "office_id", "kind"])
        .merge(["by_email", ...(Object.keys(day) as Array<"digest_weekday">), "updated_at"]);
    }
  });
}
