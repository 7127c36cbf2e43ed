// Quality-group meetings: series with a cadence, meetings with attendees, agenda sections and
// their minutes, decisions, read receipts; actions and attachments linked to a meeting.
import type { Knex } from "knex";

// Run outside knex's own transaction: `down` must let knex turn SQLite's foreign-key checks off
// while it rebuilds a table (a pragma SQLite ignores inside a transaction). Each step opens its
// own transaction instead.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.transaction((trx) => create(trx));
}

async function create(knex: Knex.Transaction): Promise<void> {
  await knex.schema.createTable("meeting_series", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("name", 200).notNullable();
    // Folded name (lower case, no accents): one series of each name per office.
    t.string("name_key", 200).notNullable();
    t.string("kind", 30).notNullable();
    t.integer("cadence_months").notNullable().defaultTo(6);
    // When the first meeting is due, before any meeting has been held.
    t.string("first_due_on", 10).nullable();
    t.text("description").notNullable().defaultTo("");
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["office_id", "name_key"]);
  });

  await knex.schema.createTable("meetings", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("series_id").notNullable().references("id").inTable("meeting_series").onDelete("RESTRICT");
    t.string("title", 300).notNullable();
    // Wall-clock day and times in Paris, as the invitation gives them.
    t.string("held_on", 10).notNullable();
    t.string("start_time", 5).notNullable();
    t.string("end_time", 5).nullable();
    t.string("place", 300).notNullable().defaultTo("");
    t.integer("chair_person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.integer("writer_person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.text("summary").notNullable().defaultTo("");
    t.string("status", 20).notNullable().defaultTo("draft");
    t.string("published_at", 30).nullable();
    t.string("published_by_name", 200).nullable();
    // The quality-document header (date of update, référent, follow-up, people concerned).
    t.string("doc_updated_on", 10).notNullable();
    t.integer("doc_referent_person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.integer("doc_follow_up_person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.string("doc_concerned", 1000).notNullable().defaultTo("");
    // Last change to the minutes themselves (sections, decisions, summary, attendance): a reader
    // who read before it has read an older version.
    t.string("minutes_updated_at", 30).notNullable();
    // Counts the saves of the minutes' text: a save from a page showing an older version is a
    // conflict, not a silent overwrite.
    t.integer("minutes_version").notNullable().defaultTo(0);
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id", "held_on"]);
    t.index(["series_id", "held_on"]);
  });

  await knex.schema.createTable("meeting_attendees", (t) => {
    t.increments("id").primary();
    t.integer("meeting_id").notNullable().references("id").inTable("meetings").onDelete("CASCADE");
    // A person of the office, or a guest typed in (guest_name) who has no record.
    t.integer("person_id").nullable().references("id").inTable("people").onDelete("RESTRICT");
    t.string("guest_name", 200).notNullable().defaultTo("");
    t.string("role", 200).notNullable().defaultTo("");
    t.string("status", 20).notNullable();
    t.integer("position").notNullable();
    t.unique(["meeting_id", "person_id"]);
  });

  await knex.schema.createTable("meeting_sections", (t) => {
    t.increments("id").primary();
    t.integer("meeting_id").notNullable().references("id").inTable("meetings").onDelete("CASCADE");
    t.integer("position").notNullable();
    t.string("title", 200).notNullable();
    t.text("body").notNullable().defaultTo("");
    t.index(["meeting_id", "position"]);
  });

  await knex.schema.createTable("meeting_decisions", (t) => {
    t.increments("id").primary();
    t.integer("meeting_id").notNullable().references("id").inTable("meetings").onDelete("CASCADE");
    t.integer("section_id").notNullable().references("id").inTable("meeting_sections").onDelete("CASCADE");
    t.integer("position").notNullable();
    t.string("text", 1000).notNullable();
    t.index(["meeting_id"]);
  });

  await knex.schema.createTable("meeting_reads", (t) => {
    t.integer("meeting_id").notNullable().references("id").inTable("meetings").onDelete("CASCADE");
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.string("read_at", 30).notNullable();
    t.primary(["meeting_id", "user_id"]);
  });

  if (isSqlite(knex)) {
    // knex emulates these ALTERs on SQLite by rebuilding the table, and inside a transaction
    // dropping the old `actions` table would cascade-delete every action's sites, notes and
    // files. SQLite adds a nullable column with its foreign key in place.
    await knex.raw("ALTER TABLE actions ADD COLUMN meeting_id integer NULL REFERENCES meetings(id) ON DELETE SET NULL");
    await knex.raw("ALTER TABLE actions ADD COLUMN meeting_section_id integer NULL REFERENCES meeting_sections(id) ON DELETE SET NULL");
    await knex.raw("ALTER TABLE attachments ADD COLUMN meeting_id integer NULL REFERENCES meetings(id) ON DELETE CASCADE");
  } else {
    await knex.schema.alterTable("actions", (t) => {
      t.integer("meeting_id").nullable().references("id").inTable("meetings").onDelete("SET NULL");
      t.integer("meeting_section_id").nullable().references("id").inTable("meeting_sections").onDelete("SET NULL");
    });
    await knex.schema.alterTable("attachments", (t) => {
      t.integer("meeting_id").nullable().references("id").inTable("meetings").onDelete("CASCADE");
    });
  }
  await knex.schema.alterTable("actions", (t) => t.index(["office_id", "meeting_id"]));
  await knex.schema.alterTable("attachments", (t) => t.index(["office_id", "meeting_id"]));
}

function isSqlite(knex: Knex | Knex.Transaction): boolean {
  return knex.client.config.client === "sqlite3";
}

export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.schema.alterTable("attachments", (t) => t.dropIndex(["office_id", "meeting_id"]));
    await trx.schema.alterTable("actions", (t) => t.dropIndex(["office_id", "meeting_id"]));
    // A meeting's files go with it (the files on disk stay, as for any deleted row).
    await trx("attachments").whereNotNull("meeting_id").delete();
  });
  if (isSqlite(knex)) {
    // Outside a transaction, knex turns the foreign-key checks off while it rebuilds the tables
    // without these columns, so no action loses its sites, notes or files.
    await knex.schema.alterTable("attachments", (t) => t.dropColumn("meeting_id"));
    await knex.schema.alterTable("actions", (t) => {
      t.dropColumn("meeting_id");
      t.dropColumn("meeting_section_id");
    });
  } else {
    await knex.transaction(async (trx) => {
      await trx.schema.alterTable("attachments", (t) => {
        t.dropForeign(["meeting_id"]);
        t.dropColumn("meeting_id");
      });
      await trx.schema.alterTable("actions", (t) => {
        t.dropForeign(["meeting_id"]);
        t.dropForeign(["meeting_section_id"]);
        t.dropColumn("meeting_id");
        t.dropColumn("meeting_section_id");
      });
    });
  }
  await knex.transaction(async (trx) => {
    for (const table of ["meeting_reads", "meeting_decisions", "meeting_sections", "meeting_attendees", "meetings", "meeting_series"]) {
      await trx.schema.dropTableIfExists(table);
    }
  });
}
