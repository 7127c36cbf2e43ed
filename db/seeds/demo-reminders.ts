// The demo's reminders: the runner, run once at seeding as cron would run it that day (`now`,
// the seeding instant). The quality group's next meeting is planned (demo-story.ts), so nothing
// is late there; the director and the référente find their weekly digest of actions in their
// bell, and the administrator the mails in "Courriels envoyés" (kept there: the demo sets no
// SMTP server). The référente, named on the procedure sheets, is also told that the minutes'
// sheet is overdue for its review.
import type { Knex } from "knex";
import { runReminders } from "~/modules/reminder/runner.server";

export async function seedDemoReminders(db: Knex, officeIds: readonly number[], now = new Date()): Promise<void> {
  await runReminders(db, { now, transport: null, from: "Cap Qualité <ne-pas-repondre@cap-qualite.invalid>", officeIds });
}
