// The one knex instance of the process (kept across dev rebuilds).
import knexFactory, { type Knex } from "knex";
import { knexConfig, databaseKind } from "../db/config";
import { getEnv } from "./env.server";

declare global {
  var __capQualiteDb: Knex | undefined;
}

export function getDb(): Knex {
  if (!global.__capQualiteDb) {
    global.__capQualiteDb = knexFactory(knexConfig(getEnv().DATABASE_URL));
  }
  return global.__capQualiteDb;
}

export function isPostgres(): boolean {
  return databaseKind(getEnv().DATABASE_URL) === "postgres";
}

export type { Knex };
