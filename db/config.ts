// Builds the knex configuration for SQLite (default) or PostgreSQL from one DATABASE_URL.
import path from "node:path";
import fs from "node:fs";
import type { Knex } from "knex";
import { migrationSource } from "./migrations";

export const DEFAULT_SQLITE_FILE = path.resolve(process.cwd(), "data", "cap-qualite.sqlite");

export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string | undefined): DatabaseKind {
  if (url && /^postgres(ql)?:\/\//.test(url)) return "postgres";
  return "sqlite";
}

/** sqlite: file path from "sqlite:relative/or/absolute/path" or "file:…", else the default file. */
export function sqliteFilename(url: string | undefined): string {
  if (!url) return DEFAULT_SQLITE_FILE;
  const stripped = url.replace(/^(sqlite|file):(\/\/)?/, "");
  return path.resolve(process.cwd(), stripped);
}

/**
 * `synchronous = FULL` (decision 019): in WAL mode, NORMAL may lose the last commits after a
 * power cut or an OS crash (not after a crash of the process); FULL syncs the WAL at every
 * commit, so an acknowledged write survives both. Its cost is measured by `npm run bench`.
 */
export function sqlitePragmas(env: NodeJS.ProcessEnv = process.env): string {
  // NORMAL only where a power cut does not matter: the integration tests set it for speed.
  const synchronous = env.SQLITE_SYNCHRONOUS === "NORMAL" ? "NORMAL" : "FULL";
  return `PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA synchronous = ${synchronous};`;
}

export function knexConfig(url: string | undefined): Knex.Config {
  if (databaseKind(url) === "postgres") {
    return {
      client: "pg",
      connection: url,
      pool: { min: 0, max: 10 },
      migrations: { migrationSource, tableName: "knex_migrations" },
    };
  }
  const filename = sqliteFilename(url);
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  return {
    client: "sqlite3",
    connection: { filename },
    useNullAsDefault: true,
    // One connection: SQLite serialises writers anyway, and a single connection keeps
    // transactions simple. WAL lets the backup script and readers run beside it.
    pool: {
      min: 1,
      max: 1,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        conn.exec(sqlitePragmas(), (err) => done(err, conn));
      },
    },
    migrations: { migrationSource, tableName: "knex_migrations" },
  };
}

/**
 * The readers of an SQLite file (decision 058): a few more connections, read-only
 * (`query_only`), for the pages' reads, beside the one connection that writes. WAL lets them read
 * while it writes, each seeing the last commit. On PostgreSQL the one pool serves both: null.
 */
export function knexReaderConfig(url: string | undefined, readers: number): Knex.Config | null {
  if (databaseKind(url) === "postgres") return null;
  const base = knexConfig(url);
  return {
    ...base,
    pool: {
      min: 0,
      max: readers,
      afterCreate(conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) {
        conn.exec(`${sqlitePragmas()} PRAGMA query_only = ON;`, (err) => done(err, conn));
      },
    },
  };
}

interface SqliteConnection {
  exec(sql: string, cb: (err: Error | null) => void): void;
}
