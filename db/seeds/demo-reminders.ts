// The demo's reminders: the runner, run once at seeding as cron would run it that day. The
// seed's quality group last met on 25 March 2021, so its next meeting is late: the director
// and the référente find the reminder in their bell, and the administrator its mails in
// "Courriels envoyés" (kept there: the demo sets no SMTP server). The référente, named on the
// procedure sheets, is also told that the minutes' sheet is overdue for its review.
import type { Knex } from "knex";
import { runReminders } from "~/modules/reminder/runner.server";

export async function seedDemoReminders(db: Knex, officeIds: readonly number[], now = new Date()): Promise<void> {
  await runReminders(db, { now, transport: null, from: "Cap Qualité <ne-pas-repondre@cap-qualite.invalid>", officeIds });
}
