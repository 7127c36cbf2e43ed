// The one query function of the plan's full-text search (decision 056): each word of the query,
// as `searchTerms` reduces it, must begin a word of the action's stored terms. SQLite answers
// from an FTS5 index (`actions_fts`), PostgreSQL from a GIN index on `to_tsvector('simple', …)`;
// both index the same terms, so both engines find the same actions.
import type { Knex } from "knex";
import { searchTerms } from "~/domain/search";

/** At most this many words of a query count. */
export const MAX_QUERY_WORDS = 8;

/** Restricts a query over `actions as <alias>` to the actions whose text matches every word of `query`. */
export function whereActionTextMatches(db: Knex, q: Knex.QueryBuilder, alias: string, query: string): void {
  const words = searchTerms(query, MAX_QUERY_WORDS).filter((w) => /^[\p{L}\p{N}]+$/u.test(w));
  if (!words.length) return;
  if (db.client.config.client === "pg") {
    q.whereRaw(`to_tsvector('simple', ${alias}.search_text) @@ to_tsquery('simple', ?)`, [words.map((w) => `${w}:*`).join(" & ")]);
  } else {
    q.whereRaw(`${alias}.id in (select rowid from actions_fts where actions_fts match ?)`, [words.map((w) => `"${w}"*`).join(" AND ")]);
  }
}
