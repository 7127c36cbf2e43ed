// Rate limits shared by every app instance (counts per key and time window), and the one-time
// tokens of submitted forms (a form posted twice writes once). Decisions 020 and 021.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("rate_limits", (t) => {
    // "writes:user:12", "uploads:user:12", "invitations:office:3", "public:ip:…"
    t.string("key", 200).notNullable();
    // Start of the fixed window, in milliseconds since 1970 divided by the window's length.
    t.bigInteger("window").notNullable();
    t.integer("count").notNullable().defaultTo(0);
    t.string("expires_at", 30).notNullable();
    t.primary(["key", "window"]);
    t.index(["expires_at"]);
  });
  await knex.schema.createTable("form_tokens", (t) => {
    t.string("token", 64).notNullable().primary();
    t.integer("user_id").nullable();
    t.string("used_at", 30).notNullable();
    t.index(["used_at"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("form_tokens");
  await knex.schema.dropTableIfExists("rate_limits");
}
