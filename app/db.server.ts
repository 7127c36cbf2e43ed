// The knex instances of the process (kept across dev rebuilds): the writer, and the readers of an SQLite file.
import knexFactory, { type Knex } from "knex";
import { knexConfig, knexReaderConfig } from "../db/config";
import { getEnv } from "./env.server";

declare global {
  var __capQualiteDb: Knex | undefined;
  var __capQualiteReadDb: Knex | undefined;
}

export function getDb(): Knex {
  if (!global.__capQualiteDb) {
    global.__capQualiteDb = knexFactory(knexConfig(getEnv().DATABASE_URL));
  }
  return global.__capQualiteDb;
}


/**
 * The connections a page's reads go through (decision 058): on SQLite, read-only connections
 * beside the writer, so that pages do not queue behind one connection; on PostgreSQL, the pool.
 * Only for requests that write nothing (requireOffice gives it to GET requests).
 */
export function getReadDb(): Knex {
  const env = getEnv();
  if (env.SQLITE_READERS === 0) return getDb();
  if (!global.__capQualiteReadDb) {
    const config = knexReaderConfig(env.DATABASE_URL, env.SQLITE_READERS);
    if (!config) return getDb();
    global.__capQualiteReadDb = knexFactory(config);
  }
  return global.__capQualiteReadDb;
}

/** Closes the readers, if any were opened (tests, scripts). */
export async function closeReadDb(): Promise<void> {
  const reader = global.__capQualiteReadDb;
  global.__capQualiteReadDb = undefined;
  await reader?.destroy();
}

export type { Knex };
