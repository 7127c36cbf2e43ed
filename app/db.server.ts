// The one knex instance of the process (kept across dev rebuilds).
import knexFactory, { type Knex } from "knex";
import { knexConfig } from "../db/config";
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


export type { Knex };
