// Indexes for the dashboard at scale (50,000 actions, 1,000 offices; `npm run bench --
// tableau-de-bord`): an owner's open actions counted by status from the index alone, and an
// office's latest changes read in order rather than sorted from its whole history.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("actions", (t) => {
    t.dropIndex(["office_id", "owner_person_id"]);
    t.index(["office_id", "owner_person_id", "status"]);
  });
  await knex.schema.alterTable("history", (t) => {
    t.index(["office_id", "at", "id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("history", (t) => {
    t.dropIndex(["office_id", "at", "id"]);
  });
  await knex.schema.alterTable("actions", (t) => {
    t.dropIndex(["office_id", "owner_person_id", "status"]);
    t.index(["office_id", "owner_person_id"]);
  });
}
