// Satisfaction questionnaires (decision 037): a campaign per questionnaire (period, sites,
// channels, introduction and thanks, or recorded as not held with its reason), its questions,
// the answer sheets (entered from paper, sent from the public page, or imported) and their
// answers, and the complaints and actions that answers led to.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable("questionnaires", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("title", 200).notNullable();
    // The campaign's first and last days (Paris days, both included).
    t.string("starts_on", 10).notNullable();
    t.string("ends_on", 10).notNullable();
    // Comma-separated: papier, email, en_ligne, qr_code.
    t.string("channels", 100).notNullable();
    t.text("intro").notNullable().defaultTo("");
    t.text("thanks").notNullable().defaultTo("");
    // A campaign planned but not held (2020: no paper questionnaires because of COVID).
    t.boolean("not_held").notNullable().defaultTo(false);
    t.string("not_held_reason", 1000).notNullable().defaultTo("");
    // The public page's address (/questionnaire/TOKEN): random, printed on paper and in QR codes.
    t.string("public_token", 40).notNullable().unique();
    t.integer("copied_from_id").nullable().references("id").inTable("questionnaires").onDelete("SET NULL");
    t.integer("created_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("created_by_name", 200).notNullable();
    t.string("created_at", 30).notNullable();
    t.string("updated_at", 30).notNullable();
    t.index(["office_id", "starts_on"]);
  });

  // The sites where the campaign runs; none: the whole office.
  await knex.schema.createTable("questionnaire_sites", (t) => {
    t.integer("questionnaire_id").notNullable().references("id").inTable("questionnaires").onDelete("CASCADE");
    t.integer("site_id").notNullable().references("id").inTable("sites").onDelete("CASCADE");
    t.primary(["questionnaire_id", "site_id"]);
  });

  await knex.schema.createTable("questionnaire_questions", (t) => {
    t.increments("id").primary();
    t.integer("questionnaire_id").notNullable().references("id").inTable("questionnaires").onDelete("CASCADE");
    t.integer("position").notNullable();
    // scale | single | multiple | number | text
    t.string("kind", 20).notNullable();
    t.string("text", 300).notNullable();
    t.string("help", 300).notNullable().defaultTo("");
    t.boolean("required").notNullable().defaultTo(false);
    // Scale: 4 or 5 levels.
    t.integer("levels").nullable();
    // Single or multiple choice: the options, as a JSON array of strings.
    t.text("choices").notNullable().defaultTo("[]");
    // Number: its bounds.
    t.double("min_value").nullable();
    t.double("max_value").nullable();
    // Free text asking for personal data (an e-mail to be called back): kept only with consent.
    t.boolean("personal").notNullable().defaultTo(false);
    // The question of last year's campaign it was copied from: the results compare the two.
    t.integer("copied_from_id").nullable().references("id").inTable("questionnaire_questions").onDelete("SET NULL");
    t.index(["questionnaire_id", "position"]);
  });

  await knex.schema.createTable("questionnaire_responses", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("questionnaire_id").notNullable().references("id").inTable("questionnaires").onDelete("CASCADE");
    t.integer("site_id").nullable().references("id").inTable("sites").onDelete("SET NULL");
    t.string("answered_on", 10).notNullable();
    // papier | email | en_ligne | qr_code
    t.string("channel", 20).notNullable();
    // staff (typed from paper) | public (the public page) | import (a CSV file)
    t.string("source", 20).notNullable();
    // The visitor agreed that the personal data they gave be kept.
    t.boolean("consent").notNullable().defaultTo(false);
    t.integer("created_by_user_id").nullable().references("id").inTable("users").onDelete("SET NULL");
    t.string("created_by_name", 200).notNullable();
    t.string("created_at", 30).notNullable();
    t.index(["office_id", "questionnaire_id"]);
    t.index(["questionnaire_id", "site_id"]);
  });

  await knex.schema.createTable("questionnaire_answers", (t) => {
    t.increments("id").primary();
    t.integer("response_id").notNullable().references("id").inTable("questionnaire_responses").onDelete("CASCADE");
    t.integer("question_id").notNullable().references("id").inTable("questionnaire_questions").onDelete("CASCADE");
    // Scale: the level (1 the worst … 4 or 5 the best); number: the number.
    t.double("number").nullable();
    // Single or multiple choice: the option's index (one row per option ticked).
    t.integer("choice").nullable();
    t.text("text").notNullable().defaultTo("");
    t.index(["question_id"]);
    t.index(["response_id"]);
  });

  // What answers led to: a complaint of the register, an action of the plan.
  await knex.schema.createTable("questionnaire_follow_ups", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("questionnaire_id").notNullable().references("id").inTable("questionnaires").onDelete("CASCADE");
    t.integer("response_id").nullable().references("id").inTable("questionnaire_responses").onDelete("SET NULL");
    t.integer("question_id").nullable().references("id").inTable("questionnaire_questions").onDelete("SET NULL");
    t.integer("action_id").nullable().references("id").inTable("actions").onDelete("CASCADE");
    t.integer("register_entry_id").nullable().references("id").inTable("register_entries").onDelete("CASCADE");
    t.string("created_at", 30).notNullable();
    t.index(["office_id", "questionnaire_id"]);
    t.index(["response_id"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists("questionnaire_follow_ups");
  await knex.schema.dropTableIfExists("questionnaire_answers");
  await knex.schema.dropTableIfExists("questionnaire_responses");
  await knex.schema.dropTableIfExists("questionnaire_questions");
  await knex.schema.dropTableIfExists("questionnaire_sites");
  await knex.schema.dropTableIfExists("questionnaires");
}
