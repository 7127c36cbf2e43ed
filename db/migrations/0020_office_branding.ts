// The office's look in its Word reports (decision 047): a colour on the office, and its logo in
// a table of its own, so that reading the office (every request) never reads the image.
import type { Knex } from "knex";

// Outside knex's transaction, as 0015: dropping the column on the way down rebuilds `offices`
// on SQLite with the foreign-key checks off (every table points at it).
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("offices", (t) => {
    // Six hex digits ("0B5E55"); null: the product's colour.
    t.string("brand_color", 6).nullable();
  });
  await knex.schema.createTable("office_logos", (t) => {
    t.integer("office_id").primary().references("id").inTable("offices").onDelete("CASCADE");
    t.binary("data").notNullable();
    // png | jpg, read from the bytes
    t.string("type", 4).notNullable();
    t.integer("width").notNullable();
    t.integer("height").notNullable();
    t.string("original_name", 200).notNullable().defaultTo("");
    t.string("updated_at", 30).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("office_logos");
  await knex.schema.alterTable("offices", (t) => {
    t.dropColumn("brand_color");
  });
}
