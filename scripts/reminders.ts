// Sends what is due: reminders recorded once each (notification and mail), then the outbox.
//   npm run reminders                 (for cron: once a day is enough, more often is harmless)
//   npm run reminders -- --dry-run    (prints what would be sent; writes and sends nothing)
//   npm run reminders -- --date 2027-01-15   (as if it were that day, 08:00 in Paris: to try it)
import knexFactory from "knex";
import { knexConfig } from "../db/config";
import { getEnv } from "../app/env.server";
import { configuredTransport } from "../app/modules/mail/transport.server";
import { runReminders } from "../app/modules/reminder/runner.server";

function parseArgs(argv: string[]): { dryRun: boolean; now: Date } {
  let dryRun = false;
  let now = new Date();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dry-run") dryRun = true;
    else if (arg === "--date" && /^\d{4}-\d{2}-\d{2}$/.test(argv[i + 1] ?? "")) {
      // 08:00 in Paris is 07:00 or 06:00 UTC; 07:00 UTC is that day in Paris all year.
      now = new Date(`${argv[++i]}T07:00:00.000Z`);
    } else {
      throw new Error(`Option inconnue : ${arg}. Options : --dry-run, --date AAAA-MM-JJ`);
    }
  }
  return { dryRun, now };
}

async function main() {
  const { dryRun, now } = parseArgs(process.argv.slice(2));
  const env = getEnv();
  const db = knexFactory(knexConfig(env.DATABASE_URL));
  try {
    const transport = configuredTransport();
    const report = await runReminders(db, { now, dryRun, transport, from: env.MAIL_FROM });
    if (dryRun) {
      console.log(`Essai à blanc (${now.toISOString()}) : ${report.wouldSend.length} rappel(s) seraient envoyés, ${report.alreadySent} déjà envoyé(s).`);
      for (const r of report.wouldSend) console.log(`  - ${r.recipient.name} <${r.recipient.email}> : ${r.title}  [${r.key}]`);
      return;
    }
    const d = report.delivery;
    console.log(`${report.offices} office(s) : ${report.recorded} rappel(s) enregistré(s), ${report.alreadySent} déjà envoyé(s) ; registres : ${report.anonymised} entrée(s) anonymisée(s), questionnaires : ${report.answersErased} feuille(s) sans leurs coordonnées (conservation dépassée).`);
    console.log(
      transport
        ? `Courriels : ${d.sent} envoyé(s), ${d.retrying} à réessayer, ${d.failed} en échec.`
        : `Courriels : ${d.kept} conservé(s) dans « Courriels envoyés » (SMTP_URL n'est pas réglé).`,
    );
    if (d.failed > 0) process.exitCode = 2;
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
