// Quality procedure sheets (fiches qualité, decision 035): a sheet and its versions, each with
// the quality-document header (référent, follow-up, people and groups concerned), the "lu et
// compris" confirmations of each version, files attached to a sheet; and, on people, what puts
// a person in a group a sheet names (contract, day of arrival; decision 036).
import type { Knex } from "knex";

// Outside knex's transaction, as 0004: `down` drops columns of `people` and `attachments`,
// which SQLite does by rebuilding the table; knex turns the foreign-key checks off for that,
// which it cannot do inside a transaction (the rebuild would cascade into memberships and files).
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.transaction((trx) => create(trx));
}

async function create(knex: Knex.Transaction): Promise<void> {
  await knex.schema.createTable("procedure_sheets", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    // "FQ-07": how the office files its sheets; unique in the office whatever the case.
    t.string("code", 40).notNullable();
    t.string("code_key", 40).notNullable();
    // The title of the latest version (published or in preparation): lists and names read it.
    t.string("title", 300).notNullable();
    t.integer("review_months").notNullable().defaultTo(12);
    // The last review: the publication of a version, or a review that changed nothing.
    t.string("reviewed_on", 10).nullable();
    // The number of the version in force; 0 until the first is published.
    t.integer("current_version").notNullable().defaultTo(0);
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["office_id", "code_key"]);
  });

  await knex.schema.createTable("procedure_versions", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("sheet_id").notNullable().references("id").inTable("procedure_sheets").onDelete("CASCADE");
    t.integer("number").notNullable();
    // draft (at most one per sheet: the next version) | published (never changed afterwards)
    t.string("status", 20).notNullable();
    t.string("title", 300).notNullable();
    t.string("domain", 100).notNullable().defaultTo("");
    t.text("body").notNullable().defaultTo("");
    // The header's people, and their names as they read when the version was written.
    t.integer("referent_person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.string("referent_name", 200).notNullable().defaultTo("");
    t.integer("follow_up_person_id").nullable().references("id").inTable("people").onDelete("SET NULL");
    t.string("follow_up_name", 200).notNullable().defaultTo("");
    // Groups concerned, as codes ("interns,seasonal,newcomers"); people in procedure_version_people.
    t.string("concerned_groups", 200).notNullable().defaultTo("");
    // The header's line "Personnes concernées", as written for this version.
    t.string("concerned_text", 4000).notNullable().defaultTo("");
    // What changed from the version before ("Objet de la modification").
    t.string("change_note", 1000).notNullable().defaultTo("");
    // The header's "Date d'actualisation": the day of publication (of the last save for a draft).
    t.string("updated_on", 10).notNullable();
    t.string("published_at", 30).nullable();
    t.integer("published_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("published_by_name", 200).nullable();
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["sheet_id", "number"]);
    t.index(["office_id", "status"]);
  });

  await knex.schema.createTable("procedure_version_people", (t) => {
    t.integer("version_id").notNullable().references("id").inTable("procedure_versions").onDelete("CASCADE");
    t.integer("person_id").notNullable().references("id").inTable("people").onDelete("CASCADE");
    t.primary(["version_id", "person_id"]);
    t.index(["person_id"]);
  });

  // "Lu et compris": one row per account and version; a new version is confirmed afresh.
  await knex.schema.createTable("procedure_reads", (t) => {
    t.integer("version_id").notNullable().references("id").inTable("procedure_versions").onDelete("CASCADE");
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.string("read_at", 30).notNullable();
    t.primary(["version_id", "user_id"]);
    t.index(["user_id"]);
  });

  if (isSqlite(knex)) {
    // SQLite adds a nullable column with its foreign key in place (as in 0004).
    await knex.raw("ALTER TABLE attachments ADD COLUMN procedure_sheet_id integer NULL REFERENCES procedure_sheets(id) ON DELETE CASCADE");
  } else {
    await knex.schema.alterTable("attachments", (t) => {
      t.integer("procedure_sheet_id").nullable().references("id").inTable("procedure_sheets").onDelete("CASCADE");
    });
  }
  await knex.schema.alterTable("attachments", (t) => t.index(["office_id", "procedure_sheet_id"]));

  await knex.schema.alterTable("people", (t) => {
    // For staff: permanent | seasonal | intern ("Saisonniers", "Stagiaires" on a sheet).
    t.string("contract", 20).notNullable().defaultTo("permanent");
    // The day the person joined the office: "Tout nouveau personnel" for the months after it.
    t.string("arrived_on", 10).nullable();
  });
}

function isSqlite(knex: Knex | Knex.Transaction): boolean {
  return knex.client.config.client === "sqlite3";
}

export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.schema.alterTable("attachments", (t) => t.dropIndex(["office_id", "procedure_sheet_id"]));
    // A sheet's files go with it (the files on disk stay, as for any deleted row).
    await trx("attachments").whereNotNull("procedure_sheet_id").delete();
  });
  if (isSqlite(knex)) {
    await knex.schema.alterTable("attachments", (t) => t.dropColumn("procedure_sheet_id"));
    await knex.schema.alterTable("people", (t) => {
      t.dropColumn("arrived_on");
      t.dropColumn("contract");
    });
  } else {
    await knex.transaction(async (trx) => {
      await trx.schema.alterTable("attachments", (t) => {
        t.dropForeign(["procedure_sheet_id"]);
        t.dropColumn("procedure_sheet_id");
      });
      await trx.schema.alterTable("people", (t) => {
        t.dropColumn("arrived_on");
        t.dropColumn("contract");
      });
    });
  }
  await knex.transaction(async (trx) => {
    for (const table of ["procedure_reads", "procedure_version_people", "procedure_versions", "procedure_sheets"]) {
      await trx.schema.dropTableIfExists(table);
    }
  });
}
