// Reminders set per office and per person (decision 046): the days (or months) before each kind
// of reminder that the office may change, and the weekday of each person's digest of actions.
// No row means the defaults, so that a new office is reminded without any setting.
import type { Knex } from "knex";

// Outside knex's transaction, as 0015: dropping the column on the way down rebuilds
// `notification_preferences` on SQLite with the foreign-key checks off.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("office_reminder_settings", (t) => {
    t.increments("id");
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    // label_expiry | audit_due | procedure_review | questionnaire_campaign | complaint_answer
    t.string("kind", 40).notNullable();
    // "6,3,1": the stages, in the kind's unit (months for labels, working days for complaints, days otherwise)
    t.string("stages", 100).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["office_id", "kind"]);
  });
  await knex.schema.alterTable("notification_preferences", (t) => {
    // For the digest of actions only: 1 (Monday) to 5 (Friday); null: the default, Monday.
    t.integer("digest_weekday").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("notification_preferences", (t) => {
    t.dropColumn("digest_weekday");
  });
  await knex.schema.dropTable("office_reminder_settings");
}
