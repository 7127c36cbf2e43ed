// The registers a labelled office keeps: internal dysfunctions, complaints and suggestions, in
// one table (decision 022), the office's register settings, and the link from an action to the
// entry it comes from.
import type { Knex } from "knex";

// Outside knex's transaction, as 0004: `down` lets knex rebuild `actions` on SQLite with the
// foreign-key checks off. Each step opens its own transaction.
export const config = { transaction: false };

function isSqlite(knex: Knex | Knex.Transaction): boolean {
  return knex.client.config.client === "sqlite3";
}

export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.schema.createTable("register_entries", (t) => {
      t.increments("id").primary();
      t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
      // dysfunction | complaint | suggestion
      t.string("kind", 20).notNullable();
      // Noticed on (dysfunction), received on (complaint), made on (suggestion): a Paris day.
      t.string("occurred_on", 10).notNullable();
      // One site, or the whole office (null).
      t.integer("site_id").nullable().references("id").inTable("sites").onDelete("SET NULL");
      t.string("category", 100).notNullable().defaultTo("");
      t.string("subject", 300).notNullable();
      t.text("description").notNullable().defaultTo("");
      t.string("status", 20).notNullable();
      // Who noticed it (dysfunction), handles it (complaint), or made it when of the office (suggestion).
      t.integer("person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
      // Dysfunction: impact, immediate fix, the earlier occurrence it repeats.
      t.text("impact").notNullable().defaultTo("");
      t.text("immediate_fix").notNullable().defaultTo("");
      t.integer("recurrence_of_id").nullable().references("id").inTable("register_entries").onDelete("SET NULL");
      // Complaint: channel, online review's platform and link, the complainant (personal data).
      t.string("channel", 20).nullable();
      t.string("platform", 100).notNullable().defaultTo("");
      t.string("review_url", 500).notNullable().defaultTo("");
      t.string("contact_name", 200).notNullable().defaultTo("");
      t.string("contact_details", 300).notNullable().defaultTo("");
      t.text("answer").notNullable().defaultTo("");
      t.string("answered_on", 10).nullable();
      t.string("answered_by", 200).notNullable().defaultTo("");
      // The last day of the answer target (working days, French public holidays), kept so that
      // the "late" filter is one indexed comparison; recomputed when the office changes its target.
      t.string("answer_due_on", 10).nullable();
      // Suggestion: from whom, the decision's reason and day.
      t.string("source", 20).nullable();
      t.string("decision_reason", 1000).notNullable().defaultTo("");
      t.string("decided_on", 10).nullable();
      // Closed (or decided) on: the retention of personal data counts from it.
      t.string("closed_on", 10).nullable();
      // Why it was closed while some of its actions were still open.
      t.string("close_reason", 1000).notNullable().defaultTo("");
      t.string("anonymised_at", 30).nullable();
      t.text("search_text").notNullable().defaultTo("");
      t.integer("created_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
      t.string("created_by_name", 200).notNullable();
      t.string("created_at", 30).notNullable();
      t.string("updated_at", 30).notNullable();
      t.index(["office_id", "kind", "occurred_on"]);
      t.index(["office_id", "kind", "status"]);
      t.index(["office_id", "kind", "site_id"]);
      t.index(["office_id", "kind", "answer_due_on"]);
      t.index(["office_id", "closed_on"]);
      t.index(["recurrence_of_id"]);
    });

    await trx.schema.createTable("register_settings", (t) => {
      t.integer("office_id").primary().references("id").inTable("offices").onDelete("CASCADE");
      t.integer("answer_days").notNullable().defaultTo(5);
      t.integer("retention_years").notNullable().defaultTo(3);
      t.string("updated_at", 30).notNullable();
    });

    if (isSqlite(trx)) {
      // In place (decision 002): a rebuild of `actions` would cascade-delete its sites, notes, files.
      await trx.raw("ALTER TABLE actions ADD COLUMN register_entry_id integer NULL REFERENCES register_entries(id) ON DELETE SET NULL");
    } else {
      await trx.schema.alterTable("actions", (t) => {
        t.integer("register_entry_id").nullable().references("id").inTable("register_entries").onDelete("SET NULL");
      });
    }
    await trx.schema.alterTable("actions", (t) => t.index(["office_id", "register_entry_id"]));
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.schema.alterTable("actions", (t) => t.dropIndex(["office_id", "register_entry_id"]));
  });
  if (isSqlite(knex)) {
    await knex.schema.alterTable("actions", (t) => t.dropColumn("register_entry_id"));
  } else {
    await knex.transaction(async (trx) => {
      await trx.schema.alterTable("actions", (t) => {
        t.dropForeign(["register_entry_id"]);
        t.dropColumn("register_entry_id");
      });
    });
  }
  await knex.transaction(async (trx) => {
    await trx.schema.dropTableIfExists("register_settings");
    await trx.schema.dropTableIfExists("register_entries");
  });
}
