// The security log (sign-ins, failures, lock-outs, password and account changes, with time,
// account and address), and the last activity of a session for the idle timeout
// (docs/decisions/017 and 018).
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("security_log", (t) => {
    t.increments("id").primary();
    t.string("at", 30).notNullable();
    t.string("event", 40).notNullable();
    // The account concerned (null: an e-mail with no account). Kept when the account goes.
    t.integer("user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("email", 254).nullable();
    t.string("ip", 64).notNullable().defaultTo("");
    // The office the event belongs to (a role change, an invitation); null for a sign-in.
    t.integer("office_id").nullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("actor_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("actor_name", 200).notNullable().defaultTo("");
    t.text("details").notNullable().defaultTo("{}");
    t.index(["office_id", "at"]);
    t.index(["user_id", "at"]);
    t.index(["at"]);
  });
  // A plain nullable column: ALTER TABLE … ADD on both engines, no table copy on SQLite.
  await knex.schema.alterTable("sessions", (t) => {
    t.string("last_seen_at", 30).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("sessions", (t) => {
    t.dropColumn("last_seen_at");
  });
  await knex.schema.dropTable("security_log");
}
