// Invitations to a planned meeting, with a calendar file (decision 040): the meeting's SEQUENCE,
// raised at each change of day, time or place and at its cancellation, and the calendar part a
// mail of the outbox carries (METHOD REQUEST or CANCEL).
import type { Knex } from "knex";

// Outside knex's transaction, as 0004: `down` drops columns, which SQLite does by rebuilding the
// tables with the foreign-key checks off, which knex cannot do inside a transaction.
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("meetings", (t) => {
    t.integer("ics_sequence").notNullable().defaultTo(0);
  });
  await knex.schema.alterTable("mail_outbox", (t) => {
    // REQUEST | CANCEL, and the ICS text sent as the mail's text/calendar part.
    t.string("calendar_method", 10).nullable();
    t.text("calendar_text").nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("mail_outbox", (t) => {
    t.dropColumn("calendar_text");
    t.dropColumn("calendar_method");
  });
  await knex.schema.alterTable("meetings", (t) => {
    t.dropColumn("ics_sequence");
  });
}
