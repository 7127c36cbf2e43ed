// Gathers what each kind of reminder needs from the database and asks its rule what is due.
// Extension point: a new kind (complaints, questionnaires, procedure reviews) adds one collector
// to COLLECTORS; the runner sends whatever they return.
import type { Scope } from "../scope.server";
import { listSeries } from "../meeting/queries.server";
import { meetingDueReminders, MEETING_DUE_ROLES, parseReminderDays, type DueReminder, type ReminderRecipient } from "./rules";
import { bool, num } from "../../utils/rows.server";

type Collector = (scope: Scope) => Promise<DueReminder[]>;

/** Accounts of the office holding one of `roles`, enabled, with their e-mail. */
async function accountsWithRoles(scope: Scope, roles: readonly string[]): Promise<ReminderRecipient[]> {
  const rows = await scope
    .db("memberships as m")
    .join("users as u", "u.id", "m.user_id")
    .where("m.office_id", scope.officeId)
    .whereIn("m.role", roles)
    .select("u.id", "u.email", "u.display_name", "u.disabled")
    .orderBy("u.id");
  return rows.filter((r) => !bool(r.disabled)).map((r) => ({ userId: num(r.id), email: String(r.email), name: String(r.display_name) }));
}

const meetingDue: Collector = async (scope) => {
  const [series, settings, recipients] = await Promise.all([
    listSeries(scope),
    scope.db("meeting_series").where({ office_id: scope.officeId }).select("id", "reminder_days"),
    accountsWithRoles(scope, MEETING_DUE_ROLES),
  ]);
  if (recipients.length === 0) return [];
  const days = new Map(settings.map((r) => [num(r.id), parseReminderDays(String(r.reminder_days ?? ""))]));
  return series.flatMap((s) =>
    meetingDueReminders({ seriesId: s.id, seriesName: s.name, schedule: s.schedule, daysBefore: days.get(s.id) ?? [] }, recipients, scope.today),
  );
};

export const COLLECTORS: readonly Collector[] = [meetingDue];

export async function collectReminders(scope: Scope): Promise<DueReminder[]> {
  const lists = await Promise.all(COLLECTORS.map((collect) => collect(scope)));
  return lists.flat();
}
