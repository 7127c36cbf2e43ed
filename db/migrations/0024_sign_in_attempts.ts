// The sign-in attempts being checked right now, per address (decision 017, addendum): an office's
// staff behind one public address who sign in together are counted against that address only once
// their password has proved wrong, instead of as failures while the password is still being read.
// One row per attempt in flight, deleted when its password has been checked; a row left by a
// server that stopped mid-check no longer counts after two minutes and is purged with the
// throttles.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("sign_in_attempts", (t) => {
    t.increments("id").primary();
    t.string("key", 320).notNullable();
    t.string("started_at", 30).notNullable();
    t.index(["key", "started_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("sign_in_attempts");
}
