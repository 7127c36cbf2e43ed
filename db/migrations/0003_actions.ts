// The improvement action plan: actions, their sites and contributors, dated progress notes.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("actions", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("title", 300).notNullable();
    t.text("description").notNullable().defaultTo("");
    t.string("origin", 30).notNullable();
    t.integer("finding_id").nullable().references("id").inTable("findings").onDelete("SET NULL");
    t.string("origin_detail", 300).notNullable().defaultTo("");
    t.integer("owner_person_id").notNullable().references("id").inTable("people").onDelete("RESTRICT");
    t.string("due_on", 10).nullable();
    // Sort keys kept beside the values so that the list's orders use an index:
    // no due date sorts last, priorities sort high to low.
    t.string("due_sort", 10).notNullable().defaultTo("9999-12-31");
    t.string("priority", 10).notNullable();
    t.integer("priority_rank").notNullable().defaultTo(2);
    t.string("status", 20).notNullable();
    t.string("status_reason", 500).notNullable().defaultTo("");
    t.string("completed_on", 10).nullable();
    t.text("proof").notNullable().defaultTo("");
    t.string("effectiveness", 20).nullable();
    t.string("effectiveness_by", 200).nullable();
    t.string("effectiveness_on", 10).nullable();
    t.text("effectiveness_comment").notNullable().defaultTo("");
    // Title, description and notes folded (lower case, no accents) for one LIKE search.
    t.text("search_text").notNullable().defaultTo("");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id", "status", "due_on"]);
    t.index(["office_id", "owner_person_id"]);
    t.index(["office_id", "finding_id"]);
    t.index(["office_id", "due_sort"]);
    t.index(["office_id", "priority_rank"]);
    t.index(["office_id", "updated_at"]);
    t.index(["office_id", "title"]);
  });

  await knex.schema.createTable("action_sites", (t) => {
    t.integer("action_id").notNullable().references("id").inTable("actions").onDelete("CASCADE");
    t.integer("site_id").notNullable().references("id").inTable("sites").onDelete("CASCADE");
    t.primary(["action_id", "site_id"]);
    t.index(["site_id"]);
  });

  await knex.schema.createTable("action_contributors", (t) => {
    t.integer("action_id").notNullable().references("id").inTable("actions").onDelete("CASCADE");
    t.integer("person_id").notNullable().references("id").inTable("people").onDelete("CASCADE");
    t.primary(["action_id", "person_id"]);
  });

  await knex.schema.createTable("action_notes", (t) => {
    t.increments("id").primary();
    t.integer("action_id").notNullable().references("id").inTable("actions").onDelete("CASCADE");
    t.text("text").notNullable();
    t.integer("author_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("author_name", 200).notNullable();
    t.string("created_at", 30).notNullable();
    t.index(["action_id"]);
  });

  // Files kept by the storage module (app/storage.server.ts): proof of an action, and later
  // the files attached to a meeting. The key is ours; the original name is only shown.
  await knex.schema.createTable("attachments", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("action_id").nullable().references("id").inTable("actions").onDelete("CASCADE");
    t.string("storage_key", 200).notNullable().unique();
    t.string("original_name", 200).notNullable();
    t.string("content_type", 100).notNullable();
    t.integer("size").notNullable();
    t.integer("uploaded_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("uploaded_by_name", 200).notNullable();
    t.string("created_at", 30).notNullable();
    t.index(["office_id", "action_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["attachments", "action_notes", "action_contributors", "action_sites", "actions"]) {
    await knex.schema.dropTableIfExists(table);
  }
}
