// The reminder runner over many offices (issue 15): 1,000 offices, each with a director and a
// référente, a six-monthly series whose meeting is due, a label ending and audited within the
// months reminded, five owned actions late or due this week, and an unanswered complaint. The
// runner records every reminder once (first run), then finds them all sent (second run, what a
// cron that runs often does all day). The floor: the same run over 10 offices, scaled to 1,000 —
// the runner's cost should grow with the offices, not faster.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import knexFactory, { type Knex } from "knex";
import { knexConfig } from "../db/config";
import { runReminders } from "../app/modules/reminder/runner.server";

const NOW = new Date("2026-12-02T07:00:00.000Z");
const TODAY = "2026-12-02";
const FROM = "Cap Qualité <rappels@bench.test>";

async function firstId(rows: unknown[]): Promise<number> {
  const row = rows[0] as { id: number } | number;
  return typeof row === "number" ? row : Number(row.id);
}

/** Writes `count` small offices, each with something to remind today. */
export async function seedOffices(db: Knex, count: number): Promise<void> {
  const at = NOW.toISOString();
  for (let i = 0; i < count; i += 1) {
    await db.transaction(async (trx) => {
      const officeId = await firstId(await trx("offices").insert({ name: `Office ${i + 1}`, created_at: at, updated_at: at }).returning("id"));
      const people: number[] = [];
      for (const [role, name] of [
        ["director", "Directrice"],
        ["quality_referent", "Référente"],
      ] as const) {
        const personId = await firstId(await trx("people").insert({ office_id: officeId, full_name: `${name} ${i + 1}`, kind: "staff", email: `${role}-${i}@bench.test`, created_at: at, updated_at: at }).returning("id"));
        const userId = await firstId(await trx("users").insert({ email: `${role}-${i}@bench.test`, display_name: `${name} ${i + 1}`, password_hash: "-", created_at: at, updated_at: at }).returning("id"));
        await trx("memberships").insert({ user_id: userId, office_id: officeId, role, person_id: personId, created_at: at, updated_at: at });
        people.push(personId);
      }
      await trx("meeting_series").insert({ office_id: officeId, name: "Groupe local qualité", name_key: "groupe local qualite", kind: "quality_group", cadence_months: 6, first_due_on: "2026-12-20", created_at: at, updated_at: at });
      await trx("labels").insert({ office_id: officeId, name: "Qualité Tourisme", referential_code: "QT", status: "actif", valid_until: "2027-02-28", next_audit_due: "2027-05-15", created_at: at, updated_at: at });
      await trx("actions").insert(
        Array.from({ length: 5 }, (_, a) => ({ office_id: officeId, title: `Action ${a + 1}`, origin: "other", owner_person_id: people[a % 2]!, priority: "normale", status: "a_faire", due_on: a < 2 ? "2026-11-20" : "2026-12-07", created_at: at, updated_at: at })),
      );
      await trx("register_entries").insert({ office_id: officeId, kind: "complaint", occurred_on: "2026-11-16", subject: "Attente au guichet", status: "ouverte", channel: "guichet", answer_due_on: "2026-11-23", late_after: "2026-11-23", person_id: people[1]!, created_by_name: "Bench", created_at: at, updated_at: at });
    });
  }
}

async function timedRun(db: Knex, officeIds?: number[]) {
  const t = performance.now();
  const report = await runReminders(db, { now: NOW, transport: null, from: FROM, officeIds });
  return { ms: performance.now() - t, report };
}

export async function benchReminders(): Promise<Record<string, Record<string, string>>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-bench-reminders-"));
  const db = knexFactory(knexConfig(`sqlite:${path.join(dir, "bench.sqlite")}`));
  try {
    await db.migrate.latest();
    const count = 1_000;
    const seeding = performance.now();
    await seedOffices(db, count);
    console.log(`  ${count.toLocaleString("fr-FR")} offices écrits en ${((performance.now() - seeding) / 1000).toFixed(1)} s (au ${TODAY}).`);
    const ids = (await db("offices").orderBy("id").select("id")).map((r) => Number(r.id));
    // The floor: ten offices alone, on a copy of the same data.
    const floor = await timedRun(db, ids.slice(0, 10));
    const first = await timedRun(db, ids.slice(10));
    const again = await timedRun(db);
    const outbox = Number((await db("mail_outbox").count<{ n: number }[]>({ n: "*" }))[0]!.n);
    const scaled = (floor.ms / 10) * (count - 10);
    const line = (r: { ms: number; report: { recorded: number; alreadySent: number; offices: number } }) =>
      `${(r.ms / 1000).toFixed(2)} s, ${(r.ms / r.report.offices).toFixed(1)} ms par office, ${r.report.recorded} rappels enregistrés, ${r.report.alreadySent} déjà envoyés`;
    return {
      "plancher : 10 offices": { SQLite: line(floor) },
      "premier passage : 990 offices": { SQLite: `${line(first)} (rapport au plancher : ${(first.ms / scaled).toFixed(2)} ×)` },
      "second passage : 1 000 offices, tout déjà envoyé": { SQLite: line(again) },
      "courriels gardés (sans SMTP)": { SQLite: String(outbox) },
    };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
