// Référentiels (imported grid versions), the office's labels, audits with their results and
// rate snapshots, and findings.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  // One row per imported version; `content` is the whole grid (scales, pillars, chapters,
  // criteria) as JSON. A version is never modified: a new import makes a new row.
  await knex.schema.createTable("referentials", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("code", 40).notNullable();
    t.string("label", 200).notNullable();
    t.string("version", 40).notNullable();
    t.string("valid_from", 10).notNullable();
    t.string("valid_until", 10).nullable();
    t.integer("criteria_count").notNullable();
    t.text("content").notNullable();
    t.string("source", 300).notNullable().defaultTo("");
    t.string("imported_at", 30).notNullable();
    t.integer("imported_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.unique(["office_id", "code", "version"]);
  });

  await knex.schema.createTable("labels", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("name", 200).notNullable();
    t.string("referential_code", 40).notNullable();
    t.integer("referential_id").nullable().references("id").inTable("referentials").onDelete("SET NULL");
    t.string("status", 20).notNullable();
    t.string("granted_on", 10).nullable();
    t.string("valid_until", 10).nullable();
    t.string("next_audit_due", 10).nullable();
    t.text("notes").notNullable().defaultTo("");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id"]);
  });

  await knex.schema.createTable("audits", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("label_id").notNullable().references("id").inTable("labels").onDelete("CASCADE");
    t.integer("referential_id").notNullable().references("id").inTable("referentials").onDelete("RESTRICT");
    t.string("kind", 30).notNullable();
    t.string("stage", 10).notNullable();
    t.string("mode", 10).notNullable();
    t.string("title", 200).notNullable();
    t.string("starts_on", 10).notNullable();
    t.string("ends_on", 10).notNullable();
    t.string("auditor", 200).notNullable().defaultTo("");
    t.string("status", 20).notNullable();
    t.string("decision", 20).nullable();
    t.string("label_valid_until", 10).nullable();
    // "reported" audits: the rates as the external report gave them, per pillar (JSON {code: %}).
    t.text("reported_rates").notNullable().defaultTo("{}");
    t.text("summary").notNullable().defaultTo("");
    // The computed conformity at the last change (JSON), so past rates never move.
    t.text("snapshot").nullable();
    t.integer("based_on_audit_id").nullable().references("id").inTable("audits").onDelete("SET NULL");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id", "label_id"]);
  });

  await knex.schema.createTable("audit_results", (t) => {
    t.increments("id").primary();
    t.integer("audit_id").notNullable().references("id").inTable("audits").onDelete("CASCADE");
    t.string("criterion_code", 40).notNullable();
    t.string("status", 20).notNullable();
    t.string("level", 40).nullable();
    t.text("comment").notNullable().defaultTo("");
    t.boolean("needs_review").notNullable().defaultTo(false);
    t.string("updated_at", 30).notNullable();
    t.integer("updated_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.unique(["audit_id", "criterion_code"]);
  });

  await knex.schema.createTable("findings", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("audit_id").notNullable().references("id").inTable("audits").onDelete("CASCADE");
    t.string("kind", 20).notNullable();
    t.text("text").notNullable();
    t.string("criterion_code", 40).nullable();
    t.integer("site_id").nullable().references("id").inTable("sites").onDelete("SET NULL");
    t.integer("position").notNullable().defaultTo(0);
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id", "audit_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["findings", "audit_results", "audits", "labels", "referentials"]) {
    await knex.schema.dropTableIfExists(table);
  }
}
