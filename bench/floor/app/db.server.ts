// One SQLite connection to the bench's prepared database, as the app opens it.
import knexFactory, { type Knex } from "knex";

let db: Knex | undefined;
export function floorDb(): Knex {
  db ??= knexFactory({
    client: "sqlite3",
    connection: { filename: (process.env.FLOOR_DATABASE ?? "").replace(/^(sqlite|file):/, "") },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
  return db;
}
