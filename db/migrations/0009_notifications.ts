// Reminders and notifications: the log of reminders already sent (one unique key each), the
// in-app notifications, the mail outbox with its retries, each person's choices, and the days
// before a series' meeting is due when its reminders go out.
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  // One row per reminder ever decided, written in the same transaction as its notification and
  // its mail: the unique key is what makes two runners, a crash or a late run send it once.
  await knex.schema.createTable("reminder_sends", (t) => {
    t.increments("id").primary();
    t.string("key", 300).notNullable().unique();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("kind", 40).notNullable();
    t.string("recipient", 320).notNullable();
    t.string("created_at", 30).notNullable();
    t.index(["office_id", "created_at"]);
  });

  await knex.schema.createTable("notifications", (t) => {
    t.increments("id").primary();
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.string("kind", 40).notNullable();
    t.string("title", 300).notNullable();
    t.text("body").notNullable().defaultTo("");
    // A path inside the app ("/reunions"), never an outside address.
    t.string("url", 500).notNullable();
    t.string("reminder_key", 300).nullable();
    t.string("created_at", 30).notNullable();
    t.string("read_at", 30).nullable();
    t.index(["user_id", "office_id", "read_at"]);
  });

  // Every mail goes through here. Without SMTP_URL it stays here ("kept"), for the
  // administrator to read; with it, a runner claims a row (locked_by/locked_until), sends it and
  // marks it sent, or counts the failure and waits longer before the next try.
  await knex.schema.createTable("mail_outbox", (t) => {
    t.increments("id").primary();
    t.integer("office_id").nullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("kind", 40).notNullable();
    t.string("to_address", 320).notNullable();
    t.string("to_name", 200).notNullable().defaultTo("");
    t.string("subject", 300).notNullable();
    t.text("text_body").notNullable();
    t.text("html_body").notNullable();
    // Extra headers (List-Unsubscribe…) as JSON.
    t.text("headers").notNullable().defaultTo("{}");
    t.string("reminder_key", 300).nullable();
    // pending | sent | failed (gave up) | kept (no SMTP server configured)
    t.string("status", 20).notNullable().defaultTo("pending");
    t.integer("attempts").notNullable().defaultTo(0);
    t.string("next_attempt_at", 30).notNullable();
    t.string("locked_by", 100).nullable();
    t.string("locked_until", 30).nullable();
    t.text("last_error").nullable();
    t.string("sent_at", 30).nullable();
    t.string("created_at", 30).notNullable();
    t.index(["status", "next_attempt_at"]);
    t.index(["office_id", "created_at"]);
  });

  // What a person chose for one kind of reminder; no row means the defaults (both channels on).
  await knex.schema.createTable("notification_preferences", (t) => {
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("kind", 40).notNullable();
    t.boolean("by_email").notNullable().defaultTo(true);
    t.string("updated_at", 30).notNullable();
    t.primary(["user_id", "office_id", "kind"]);
  });

  // Private calendar feeds: a secret address per account and office (only its hash is kept),
  // revoked when the person asks for a new one.
  await knex.schema.createTable("calendar_feeds", (t) => {
    t.increments("id").primary();
    t.integer("user_id").notNullable().references("id").inTable("users").onDelete("CASCADE");
    t.integer("office_id").notNullable().references("id").inTable("offices").onDelete("CASCADE");
    t.string("token_hash", 64).notNullable().unique();
    t.string("created_at", 30).notNullable();
    t.string("revoked_at", 30).nullable();
    t.string("last_read_at", 30).nullable();
    t.index(["user_id", "office_id"]);
  });

  // Days before the due date when the series' reminders go out ("30,7"; "" = none before it).
  // A plain column added in place: SQLite does not rebuild the table for it (decision 002).
  await knex.schema.alterTable("meeting_series", (t) => {
    t.string("reminder_days", 50).notNullable().defaultTo("30,7");
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ["calendar_feeds", "notification_preferences", "mail_outbox", "notifications", "reminder_sends"]) {
    await knex.schema.dropTableIfExists(table);
  }
  if (knex.client.config.client === "sqlite3") {
    // ALTER TABLE … DROP COLUMN in place (SQLite 3.35+): knex's own dropColumn would rebuild
    // meeting_series, which meetings reference (decision 002).
    await knex.raw("ALTER TABLE meeting_series DROP COLUMN reminder_days");
  } else {
    await knex.schema.alterTable("meeting_series", (t) => t.dropColumn("reminder_days"));
  }
}
