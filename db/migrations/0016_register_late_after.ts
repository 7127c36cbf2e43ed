// Late complaints counted and filtered by one indexed comparison (decision 043): each complaint
// keeps the day after which it counts as late (`late_after`, the rule `lateAfter`), and the
// categories offered by a register's form are read from an index, not from every entry.
import type { Knex } from "knex";

// Outside knex's transaction, as 0015: dropping the column on the way down rebuilds
// `register_entries` on SQLite with the foreign-key checks off (actions point at its rows).
export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable("register_entries", (t) => {
    t.string("late_after", 10).nullable();
  });
  // The same rule as `lateAfter` in app/modules/register/rules.ts, for the entries already kept.
  await knex("register_entries")
    .where({ kind: "complaint" })
    .whereNotNull("answer_due_on")
    .where((w) => w.whereNull("answered_on").orWhereRaw("answered_on > answer_due_on"))
    .update({ late_after: knex.ref("answer_due_on") });
  await knex.schema.alterTable("register_entries", (t) => {
    t.index(["office_id", "kind", "late_after"]);
    t.index(["office_id", "kind", "category"]);
    // The list's order with the late mark beside it: the late complaints of a period are counted,
    // and a page of late ones read in order, from this index alone.
    t.dropIndex(["office_id", "kind", "occurred_on"]);
    t.index(["office_id", "kind", "occurred_on", "late_after"]);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable("register_entries", (t) => {
    t.dropIndex(["office_id", "kind", "occurred_on", "late_after"]);
    t.index(["office_id", "kind", "occurred_on"]);
    t.dropIndex(["office_id", "kind", "category"]);
    t.dropIndex(["office_id", "kind", "late_after"]);
  });
  await knex.schema.alterTable("register_entries", (t) => {
    t.dropColumn("late_after");
  });
}
