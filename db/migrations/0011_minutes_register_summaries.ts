// An agenda point of the minutes can show a register's summary (decision 034): which register,
// for which period (none: since the previous meeting of the series), and the summary itself,
// frozen as JSON when the minutes are published so that published minutes never change.
import type { Knex } from "knex";

// Outside knex's transaction, as 0004: `down` drops columns, which SQLite does by rebuilding the
// table; knex turns the foreign-key checks off for that, which it cannot do inside a transaction
// (the rebuild would otherwise delete the points' decisions).
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meeting_sections", (t) => {
    // dysfunction | complaint | suggestion, or none
    t.string("register_kind", 20).nullable();
    // The period's first and last days (Paris days); null: since the previous meeting, to the meeting's day.
    t.string("register_from", 10).nullable();
    t.string("register_to", 10).nullable();
    // The summary as it stood when the minutes were published (JSON); null while they are drafts.
    t.text("register_summary").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meeting_sections", (t) => {
    t.dropColumn("register_summary");
    t.dropColumn("register_to");
    t.dropColumn("register_from");
    t.dropColumn("register_kind");
  });
}
