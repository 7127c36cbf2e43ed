// Findings about one or more sites (none: the whole office), as actions are; the next audit
// due recorded on the audit that decided it; and who published a meeting's minutes (an account),
// so that the publisher is not asked to read them.
import type { Knex } from "knex";

// Run outside knex's own transaction: `down` drops a column of `audits`, which SQLite does by
// rebuilding the table; knex turns the foreign-key checks off for that only outside a
// transaction, so that audit results and findings survive (decision 002). Each step opens its
// own transaction instead.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.schema.createTable("finding_sites", (t) => {
      t.integer("finding_id").notNullable().references("id").inTable("findings").onDelete("CASCADE");
      t.integer("site_id").notNullable().references("id").inTable("sites").onDelete("CASCADE");
      t.primary(["finding_id", "site_id"]);
      t.index(["site_id"]);
    });
    // Each finding's one site becomes its first row. `findings.site_id` stays, unread: dropping
    // it on SQLite rebuilds `findings`, which actions point to.
    const rows = await trx("findings").whereNotNull("site_id").select("id", "site_id");
    for (const r of rows) await trx("finding_sites").insert({ finding_id: r.id, site_id: r.site_id as number });
    await trx("findings").whereNotNull("site_id").update({ site_id: null });
    // A plain nullable column: added in place on both engines.
    await trx.schema.alterTable("audits", (t) => t.string("next_audit_due", 10).nullable());
    if (isSqlite(trx)) {
      // In place: knex would rebuild `meetings` and cascade-delete its attendees and minutes (decision 002).
      await trx.raw("ALTER TABLE meetings ADD COLUMN published_by_user_id integer NULL REFERENCES users(id) ON DELETE SET NULL");
    } else {
      await trx.schema.alterTable("meetings", (t) => t.integer("published_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL"));
    }
  });
}

function isSqlite(knex: Knex | Knex.Transaction): boolean {
  return knex.client.config.client === "sqlite3";
}

export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    // The previous release reads one site per finding: it keeps the first.
    const rows: Array<{ finding_id: number; site_id: number }> = await trx("finding_sites").select("finding_id").min({ site_id: "site_id" }).groupBy("finding_id");
    for (const r of rows) await trx("findings").where({ id: r.finding_id }).update({ site_id: r.site_id });
    await trx.schema.dropTable("finding_sites");
  });
  if (isSqlite(knex)) {
    // Outside a transaction knex turns the foreign-key checks off while it rebuilds these tables.
    await knex.schema.alterTable("audits", (t) => t.dropColumn("next_audit_due"));
    await knex.schema.alterTable("meetings", (t) => t.dropColumn("published_by_user_id"));
  } else {
    await knex.transaction(async (trx) => {
      await trx.schema.alterTable("audits", (t) => t.dropColumn("next_audit_due"));
      await trx.schema.alterTable("meetings", (t) => {
        t.dropForeign(["published_by_user_id"]);
        t.dropColumn("published_by_user_id");
      });
    });
  }
}
