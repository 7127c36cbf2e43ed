// The owners' weekly digest of their actions (decision 041): a person without an account — a
// partner — who asked for no more digests by the link of one of them.
import type { Knex } from "knex";

// Outside knex's transaction, as 0004: dropping a column rebuilds `people` on SQLite with the
// foreign-key checks off, which knex cannot do inside a transaction.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("people", (t) => {
    t.string("digest_unsubscribed_at", 30).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("people", (t) => {
    t.dropColumn("digest_unsubscribed_at");
  });
}
