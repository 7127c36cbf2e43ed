// Each office's plan revision on SQLite (decision 061): a number that every change to its actions
// (a new one, an edit, a deletion) or to their sites raises, kept by triggers so that no write
// path can forget it. The plan's figures (progress, per site) are counted again only when it moved
// or the day changed, instead of reading the office's every action on each view. On PostgreSQL the
// column is raised by migration 0025's triggers, deferred to the commit: there, several
// transactions write at once, and one row that every action write locked until its commit would
// make them wait on each other, and deadlock (see 0025).
// A later migration that rebuilds `actions` or `action_sites` on SQLite (knex's alterTable does)
// drops their triggers with the old table: it must run `createSqliteTriggers` again.
import type { Knex } from "knex";

export const config = { transaction: false };

const isPg = (knex: Knex) => knex.client.config.client === "pg";

const SQLITE_TRIGGERS = {
  plan_revision_action_insert: `after insert on actions begin
      update offices set plan_revision = plan_revision + 1 where id = new.office_id; end`,
  plan_revision_action_delete: `after delete on actions begin
      update offices set plan_revision = plan_revision + 1 where id = old.office_id; end`,
  plan_revision_action_update: `after update on actions begin
      update offices set plan_revision = plan_revision + 1 where id in (old.office_id, new.office_id); end`,
  plan_revision_site_insert: `after insert on action_sites begin
      update offices set plan_revision = plan_revision + 1 where id = (select office_id from actions where id = new.action_id); end`,
  plan_revision_site_delete: `after delete on action_sites begin
      update offices set plan_revision = plan_revision + 1 where id = (select office_id from actions where id = old.action_id); end`,
  plan_revision_site_update: `after update on action_sites begin
      update offices set plan_revision = plan_revision + 1
      where id in ((select office_id from actions where id = old.action_id), (select office_id from actions where id = new.action_id)); end`,
};

export async function createSqliteTriggers(knex: Knex | Knex.Transaction): Promise<void> {
  for (const [name, body] of Object.entries(SQLITE_TRIGGERS)) await knex.raw(`create trigger if not exists ${name} ${body}`);
}

export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw("alter table offices add column plan_revision integer not null default 0");
    if (!isPg(trx)) await createSqliteTriggers(trx);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    if (!isPg(trx)) for (const name of Object.keys(SQLITE_TRIGGERS)) await trx.raw(`drop trigger if exists ${name}`);
    await trx.raw("alter table offices drop column plan_revision");
  });
}
