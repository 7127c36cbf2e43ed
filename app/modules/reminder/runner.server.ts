// The reminder runner: for each office, what is due today, each reminder recorded once under its
// key together with its notification and its mail, then the outbox delivered. Safe to run twice,
// late, after a crash, or on two machines at once (decision 025).
import type { Knex } from "knex";
import { enqueueMail, deliverOutbox, type DeliveryReport } from "../mail/queries.server";
import { reminderMail } from "../mail/compose";
import { appUrl, unsubscribeToken } from "../mail/links.server";
import type { MailTransport } from "../mail/transport.server";
import { insertNotification } from "../notification/queries.server";
import { commandScope, type Scope } from "../scope.server";
import { collectReminders } from "./collect.server";
import { erasePersonalAnswersExpired } from "../questionnaire/queries.server";
import { anonymiseExpired } from "../register/queries.server";
import { REMINDER_KIND_LABELS, type DueReminder } from "./rules";
import { bool } from "../../utils/rows.server";

export interface RunOptions {
  now: Date;
  /** Print what would be sent; write nothing, send nothing. */
  dryRun?: boolean;
  transport: MailTransport | null;
  from: string;
  runnerId?: string;
  /** Only these offices (tests, benchmarks); all by default. */
  officeIds?: readonly number[];
}

export interface RunReport {
  offices: number;
  /** Reminders recorded by this run (those another run had recorded are not counted). */
  recorded: number;
  /** Reminders already recorded earlier: skipped. */
  alreadySent: number;
  /** Dry run: what would be recorded. */
  wouldSend: DueReminder[];
  delivery: DeliveryReport;
  /** Register entries whose complainant's data this run erased (the retention pass, decision 023). */
  anonymised: number;
  /** questionnaire sheets whose personal answers were erased (retention passed) */
  answersErased: number;
}

export async function runReminders(db: Knex, options: RunOptions): Promise<RunReport> {
  const report: RunReport = { offices: 0, recorded: 0, alreadySent: 0, wouldSend: [], delivery: { sent: 0, failed: 0, retrying: 0, kept: 0 }, anonymised: 0, answersErased: 0 };
  const query = db("offices").select("id", "name").orderBy("id");
  if (options.officeIds) query.whereIn("id", options.officeIds);
  const offices = await query;
  for (const office of offices) {
    report.offices++;
    const scope = commandScope(db, office.id, options.now);
    // The registers' retention pass rides along: it erases only what is past the office's
    // retention period, so running it every day is the monthly pass made early, never twice.
    // Questionnaires' personal answers go by the same retention, counted from the campaign's end.
    if (!options.dryRun) {
      report.anonymised += await anonymiseExpired(scope);
      report.answersErased += await erasePersonalAnswersExpired(scope);
    }
    const due = await collectReminders(scope);
    if (due.length === 0) continue;
    const known = new Set(
      (await db("reminder_sends").whereIn("key", due.map((r) => r.key)).select("key")).map((r) => r.key),
    );
    for (const reminder of due) {
      if (known.has(reminder.key)) {
        report.alreadySent++;
        continue;
      }
      if (options.dryRun) {
        report.wouldSend.push(reminder);
        continue;
      }
      if (await recordReminder(scope, reminder, office.name)) report.recorded++;
      else report.alreadySent++;
    }
  }
  if (!options.dryRun) report.delivery = await deliverOutbox(db, { now: options.now, transport: options.transport, from: options.from, runnerId: options.runnerId });
  return report;
}

/**
 * Records now what one event makes due (minutes just published), without waiting for the next
 * run: the same keys, so the runner will not send them again. Mail goes out at the next run.
 */
export async function recordNow(scope: Scope, reminders: readonly DueReminder[]): Promise<number> {
  if (reminders.length === 0) return 0;
  const office = await scope.db("offices").where({ id: scope.officeId }).first("name");
  let recorded = 0;
  for (const reminder of reminders) if (await recordReminder(scope, reminder, office?.name ?? "")) recorded++;
  return recorded;
}

/**
 * Records one reminder: its key, the recipient's notification, and their mail unless they chose
 * not to receive this kind by e-mail, all in one transaction. False when the key was already
 * there (another runner got it first): nothing is written twice.
 */
export async function recordReminder(scope: Scope, reminder: DueReminder, officeName: string): Promise<boolean> {
  return scope.db.transaction(async (trx) => {
    const inserted = await trx("reminder_sends")
      .insert({ key: reminder.key, office_id: scope.officeId, kind: reminder.kind, recipient: reminder.recipient.email, created_at: scope.now.toISOString() })
      .onConflict("key")
      .ignore()
      .returning("id");
    if (inserted.length === 0) return false;
    const userId = reminder.recipient.userId;
    // A person without an account (a partner) has no bell: the mail is all they get.
    if (userId !== null) {
      await insertNotification(trx, {
        officeId: scope.officeId,
        userId,
        kind: reminder.kind,
        title: reminder.title,
        body: reminder.body,
        url: reminder.url,
        reminderKey: reminder.key,
        now: scope.now,
      });
    }
    const preference = userId === null ? null : await trx("notification_preferences").where({ user_id: userId, office_id: scope.officeId, kind: reminder.kind }).first();
    if (!preference || bool(preference.by_email)) {
      const base = appUrl();
      const message = reminderMail({
        to: reminder.recipient.email,
        toName: reminder.recipient.name,
        officeName,
        title: reminder.title,
        body: reminder.body,
        link: reminder.links?.open ?? `${base}${reminder.url}`,
        unsubscribeLink: reminder.links?.unsubscribe ?? `${base}/desabonnement/${unsubscribeToken({ userId: userId ?? 0, officeId: scope.officeId, kind: reminder.kind })}`,
        kindLabel: REMINDER_KIND_LABELS[reminder.kind],
      });
      await enqueueMail(trx, { officeId: scope.officeId, kind: reminder.kind, message, reminderKey: reminder.key, now: scope.now });
    }
    return true;
  });
}
