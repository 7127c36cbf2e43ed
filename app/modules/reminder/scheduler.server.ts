// The scheduler inside the server (decision 027): with REMINDERS_SCHEDULE set, the server runs
// the reminders itself at those times, Paris time. Several servers may run it at once: the
// reminder keys and the outbox's claims make that harmless.
import { Cron } from "croner";
import { getDb } from "../../db.server";
import { getEnv } from "../../env.server";
import { PARIS } from "../../domain/dates";
import { configuredTransport } from "../mail/transport.server";
import { runReminders } from "./runner.server";

/** The job for a cron pattern, read in Paris time; throws on a pattern croner cannot read. */
export function reminderCron(pattern: string, run?: () => Promise<void>): Cron {
  // protect: a run still going when the next time comes is not started twice in this process.
  return run ? new Cron(pattern, { timezone: PARIS, protect: true, catch: true }, run) : new Cron(pattern, { timezone: PARIS, paused: true });
}

/** Starts the scheduler when REMINDERS_SCHEDULE is set; returns the job (or null). */
export function startReminderScheduler(): Cron | null {
  const env = getEnv();
  if (!env.REMINDERS_SCHEDULE) return null;
  const job = reminderCron(env.REMINDERS_SCHEDULE, async () => {
    try {
      const report = await runReminders(getDb(), { now: new Date(), transport: configuredTransport(), from: env.MAIL_FROM });
      const d = report.delivery;
      // eslint-disable-next-line no-console -- the server's log is where an administrator sees each run
      console.log(`Rappels : ${report.recorded} enregistré(s) ; courriels ${d.sent} envoyé(s), ${d.retrying} à réessayer, ${d.failed} en échec, ${d.kept} conservé(s) ; registres : ${report.anonymised} entrée(s) anonymisée(s).`);
    } catch (error) {
      console.error("Rappels : le passage a échoué ; il sera refait au prochain.", error);
    }
  });
  // eslint-disable-next-line no-console -- said once at start, beside "Cap Qualité écoute sur…"
  console.log(`Rappels programmés (${env.REMINDERS_SCHEDULE}, heure de Paris) ; prochain passage : ${job.nextRun()?.toISOString() ?? "aucun"}.`);
  return job;
}
