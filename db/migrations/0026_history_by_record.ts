// A record's history read in order (the history panel of an audit, a meeting, an action…): with
// 50,000 actions in an office, SQLite walked the office's whole history by date (the index of
// 0021, which spares it the sort) to find one record's latest lines, 12 ms a page instead of a
// fraction of one. The record's index now carries the order too, so the lines are read in order
// from it alone (`npm run bench -- croissance`: the audit and meeting pages).
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("history", (t) => {
    t.dropIndex(["office_id", "entity_type", "entity_id"]);
    t.index(["office_id", "entity_type", "entity_id", "at", "id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("history", (t) => {
    t.dropIndex(["office_id", "entity_type", "entity_id", "at", "id"]);
    t.index(["office_id", "entity_type", "entity_id"]);
  });
}
