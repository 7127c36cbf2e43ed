// An agenda point of the minutes can show the office's indicators for a period against the same
// period a year earlier (decision 045): which period (a period key of the indicators, "2020",
// "2020-07" or "s3:2020"), which category (none: every category), and the table itself, frozen
// as JSON when the minutes are published so that published minutes never change.
import type { Knex } from "knex";

// Outside knex's transaction, as 0011: `down` drops columns, which SQLite does by rebuilding the
// table with the foreign-key checks off (the points' decisions point at its rows).
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meeting_sections", (t) => {
    t.string("indicator_period", 30).nullable();
    t.string("indicator_category", 30).nullable();
    // The table as it stood when the minutes were published (JSON); null while they are drafts.
    t.text("indicator_table").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meeting_sections", (t) => {
    t.dropColumn("indicator_table");
    t.dropColumn("indicator_category");
    t.dropColumn("indicator_period");
  });
}
