// Indicators: the office's figures (definitions, its own seasons, values by period and
// breakdown item, a missing figure kept with its reason). Decision 028.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("indicators", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    // Short stable name used by CSV files and formulas (contacts, personnes…): one per office.
    t.string("code", 60).notNullable();
    t.string("name", 200).notNullable();
    t.string("unit", 60).notNullable().defaultTo("");
    t.string("category", 30).notNullable();
    // How the months of a year or a season add up: sum, mean, last.
    t.string("aggregation", 10).notNullable();
    // none, site, origin, product, accommodation.
    t.string("breakdown", 20).notNullable().defaultTo("none");
    // The items of a breakdown other than by site, one per line (regions, visits, categories).
    t.text("items").notNullable().defaultTo("");
    // A computed indicator: JSON { op: "ratio" | "occupancy", … } over other codes; null when entered.
    t.text("formula").nullable();
    t.integer("decimals").notNullable().defaultTo(0);
    t.text("description").notNullable().defaultTo("");
    // The code of the standard set it was taken from, if any.
    t.string("standard_code", 60).nullable();
    t.integer("position").notNullable().defaultTo(0);
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["office_id", "code"]);
  });

  await knex.schema.createTable("indicator_seasons", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("name", 100).notNullable();
    t.string("name_key", 100).notNullable();
    // Months 1–12; an end before the start runs into the next year (winter: 12 → 2).
    t.integer("start_month").notNullable();
    t.integer("end_month").notNullable();
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["office_id", "name_key"]);
  });

  await knex.schema.createTable("indicator_values", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("indicator_id").notNullable().references("id").inTable("indicators").onDelete("CASCADE");
    // "2020", "2020-07", or "s<season id>:2020" (the season that starts in 2020).
    t.string("period", 30).notNullable();
    // "" for the total; the site id or the item's label otherwise.
    t.string("item", 200).notNullable().defaultTo("");
    // null with a reason: the figure is missing (never a zero).
    t.double("value").nullable();
    t.string("missing_reason", 300).nullable();
    // Where a figure comes from when it is not the office's own count: "Chiffre de démonstration".
    t.string("note", 300).nullable();
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.unique(["indicator_id", "period", "item"]);
    t.index(["office_id", "indicator_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable("indicator_values");
  await knex.schema.dropTable("indicator_seasons");
  await knex.schema.dropTable("indicators");
}
