// Offices, sites, people, accounts, roles, sessions, sign-in throttling and history.
// Dates are ISO-8601 text (UTC instants, or YYYY-MM-DD days): identical on SQLite and PostgreSQL
// and sortable as text (docs/decisions/003-knex-layout.md).
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("offices", (t) => {
    t.increments("id").primary();
    t.string("name", 200).notNullable();
    t.string("legal_form", 100).notNullable().defaultTo("");
    t.string("street", 300).notNullable().defaultTo("");
    t.string("postal_code", 10).notNullable().defaultTo("");
    t.string("city", 150).notNullable().defaultTo("");
    t.string("phone", 40).notNullable().defaultTo("");
    t.string("email", 254).notNullable().defaultTo("");
    t.string("website", 300).notNullable().defaultTo("");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
  });

  await knex.schema.createTable("sites", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("name", 200).notNullable();
    // The name folded in TypeScript (NFC, French lower case): SQL lower() only folds ASCII.
    t.string("name_key", 200).notNullable();
    t.string("street", 300).notNullable().defaultTo("");
    t.string("postal_code", 10).notNullable().defaultTo("");
    t.string("city", 150).notNullable().defaultTo("");
    t.string("phone", 40).notNullable().defaultTo("");
    t.string("email", 254).notNullable().defaultTo("");
    t.boolean("is_headquarters").notNullable().defaultTo(false);
    t.boolean("active").notNullable().defaultTo(true);
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["office_id", "name_key"]);
  });

  await knex.schema.createTable("people", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("full_name", 200).notNullable();
    t.string("kind", 20).notNullable();
    t.string("job_title", 200).notNullable().defaultTo("");
    t.string("organisation", 200).notNullable().defaultTo("");
    t.string("email", 254).notNullable().defaultTo("");
    t.string("phone", 40).notNullable().defaultTo("");
    t.integer("site_id").nullable().references("id").inTable("sites").onDelete("SET NULL");
    t.boolean("quality_group_member").notNullable().defaultTo(false);
    t.boolean("active").notNullable().defaultTo(true);
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id", "full_name"]);
  });

  await knex.schema.createTable("users", (t) => {
    t.increments("id").primary();
    t.string("email", 254).notNullable().unique();
    t.string("display_name", 200).notNullable();
    t.string("password_hash", 300).notNullable();
    t.boolean("disabled").notNullable().defaultTo(false);
    t.string("last_sign_in_at", 30).nullable();
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
  });

  await knex.schema.createTable("memberships", (t) => {
    t.increments("id").primary();
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("role", 30).notNullable();
    t.integer("person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["user_id", "office_id"]);
    t.index(["office_id"]);
  });

  await knex.schema.createTable("invitations", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("email", 254).notNullable();
    t.string("role", 30).notNullable();
    t.integer("person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.string("token_hash", 64).notNullable().unique();
    t.string("expires_at", 30).notNullable();
    t.integer("created_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("used_at", 30).nullable();
    t.integer("used_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("revoked_at", 30).nullable();
    t.string("created_at", 30).notNullable();
    t.index(["office_id"]);
  });

  // Links an administrator gives to reset a forgotten password (single use, one day).
  await knex.schema.createTable("password_resets", (t) => {
    t.increments("id").primary();
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("token_hash", 64).notNullable().unique();
    t.string("expires_at", 30).notNullable();
    t.integer("created_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("used_at", 30).nullable();
    t.string("created_at", 30).notNullable();
    t.index(["user_id"]);
  });

  await knex.schema.createTable("sessions", (t) => {
    t.string("id", 64).primary();
    t.integer("user_id").nullable().references("id").inTable("users").onDelete("CASCADE");
    t.text("data").notNullable();
    t.string("expires_at", 30).notNullable();
    t.string("created_at", 30).notNullable();
    t.index(["user_id"]);
    t.index(["expires_at"]);
  });

  await knex.schema.createTable("sign_in_throttles", (t) => {
    t.string("key", 320).primary();
    t.integer("failures").notNullable();
    t.string("last_failure_at", 30).notNullable();
    t.string("locked_until", 30).nullable();
  });

  await knex.schema.createTable("history", (t) => {
    t.increments("id").primary();
    t.integer("office_id").nullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("entity_type", 40).notNullable();
    t.integer("entity_id").notNullable();
    t.string("action", 20).notNullable();
    t.integer("actor_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("actor_name", 200).notNullable();
    t.string("at", 30).notNullable();
    t.text("changes").notNullable();
    t.index(["office_id", "entity_type", "entity_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    "history",
    "sign_in_throttles",
    "sessions",
    "password_resets",
    "invitations",
    "memberships",
    "users",
    "people",
    "sites",
    "offices",
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
