// The plan's full-text search (decision 056): each action's text stored as French search terms
// (app/domain/search.ts), indexed by FTS5 on SQLite (kept by triggers) and by GIN on PostgreSQL.
// A later migration that rebuilds `actions` on SQLite (knex's alterTable does) drops the
// triggers with the old table: it must run `createSqliteIndex` again.
import type { Knex } from "knex";
import { searchKey, searchTerms } from "../../app/domain/search";

export const config = { transaction: false };

const isPg = (knex: Knex) => knex.client.config.client === "pg";

export async function createSqliteIndex(knex: Knex | Knex.Transaction): Promise<void> {
  await knex.raw(`create virtual table if not exists actions_fts using fts5(search_text, content='actions', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`);
  await knex.raw(`create trigger if not exists actions_fts_insert after insert on actions begin
      insert into actions_fts(rowid, search_text) values (new.id, new.search_text); end`);
  await knex.raw(`create trigger if not exists actions_fts_delete after delete on actions begin
      insert into actions_fts(actions_fts, rowid, search_text) values ('delete', old.id, old.search_text); end`);
  await knex.raw(`create trigger if not exists actions_fts_update after update of search_text on actions begin
      insert into actions_fts(actions_fts, rowid, search_text) values ('delete', old.id, old.search_text);
      insert into actions_fts(rowid, search_text) values (new.id, new.search_text); end`);
  await knex.raw(`insert into actions_fts(actions_fts) values ('rebuild')`);
}

/** Every action's stored terms, from its title, description, origin, proof and notes. */
async function restoreTerms(trx: Knex.Transaction, fold: (text: string) => string): Promise<void> {
  let last = 0;
  for (;;) {
    const actions: Array<{ id: number; title: string; description: string; origin_detail: string; proof: string }> = await trx("actions")
      .where("id", ">", last)
      .orderBy("id")
      .limit(1000)
      .select("id", "title", "description", "origin_detail", "proof");
    if (!actions.length) return;
    const notes: Array<{ action_id: number; text: string }> = await trx("action_notes").whereIn("action_id", actions.map((a) => a.id)).select("action_id", "text");
    for (const a of actions) {
      const text = [a.title, a.description, a.origin_detail, a.proof, ...notes.filter((n) => n.action_id === a.id).map((n) => n.text)].join(" ");
      await trx("actions").where({ id: a.id }).update({ search_text: fold(text) });
    }
    last = actions.at(-1)!.id;
  }
}

export async function up(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    await restoreTerms(trx, (text) => searchTerms(text).join(" "));
    if (isPg(trx)) await trx.raw(`create index actions_search_text_fts on actions using gin (to_tsvector('simple', search_text))`);
    else await createSqliteIndex(trx);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.transaction(async (trx) => {
    if (isPg(trx)) await trx.raw("drop index if exists actions_search_text_fts");
    else {
      for (const t of ["actions_fts_insert", "actions_fts_delete", "actions_fts_update"]) await trx.raw(`drop trigger if exists ${t}`);
      await trx.raw("drop table if exists actions_fts");
    }
    // Back to the folded text the LIKE search before this migration reads.
    await restoreTerms(trx, searchKey);
  });
}
