// Backup and restore (decision 019): the database and the stored files in one archive.
// SQLite: `VACUUM INTO` from a read transaction while the app runs (never a bare copy of the
// file, which misses what is still in the WAL). PostgreSQL: pg_dump in the snapshot that also
// lists the files. Files: exactly those the copied rows name, taken from hard links made before
// the copy (so that a file deleted meanwhile is still there) or from the store.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import knexFactory, { type Knex } from "knex";
import { databaseKind, knexConfig, sqliteFilename } from "./config";

const run = promisify(execFile);
export const ARCHIVE_FORMAT = 1;

export interface Manifest {
  format: number;
  engine: "sqlite" | "postgres";
  createdAt: string;
  lastMigration: string | null;
  files: number;
}

export function filesDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.FILES_DIR ? path.resolve(env.FILES_DIR) : path.resolve("data", "files");
}

const KEY = /^office-\d+\/[0-9a-f]{32}$/;

/** Hard links (a copy across file systems) of every stored file, in `into`. */
function linkAll(from: string, into: string): void {
  if (!fs.existsSync(from)) return;
  for (const office of fs.readdirSync(from)) {
    const dir = path.join(from, office);
    if (!/^office-\d+$/.test(office) || !fs.statSync(dir).isDirectory()) continue;
    fs.mkdirSync(path.join(into, office), { recursive: true });
    for (const name of fs.readdirSync(dir)) linkOrCopy(path.join(dir, name), path.join(into, office, name));
  }
}

function linkOrCopy(from: string, to: string): boolean {
  try {
    fs.linkSync(from, to);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return false;
    if (code === "EEXIST") return true;
    fs.copyFileSync(from, to);
    return true;
  }
}

async function storedKeys(db: Knex | Knex.Transaction): Promise<string[]> {
  return (await db("attachments").select("storage_key")).map((r) => String(r.storage_key)).filter((k) => KEY.test(k));
}

async function lastMigration(db: Knex | Knex.Transaction): Promise<string | null> {
  const row = await db("knex_migrations").orderBy("id", "desc").first("name");
  return row ? String(row.name) : null;
}

/** Writes the archive; returns its manifest. `url` is DATABASE_URL. */
export async function backup(url: string | undefined, archive: string, env: NodeJS.ProcessEnv = process.env): Promise<Manifest> {
  const engine = databaseKind(url);
  const staging = fs.mkdtempSync(path.join(path.dirname(path.resolve(archive)), ".cap-qualite-backup-"));
  const linked = path.join(staging, "linked");
  const out = path.join(staging, "archive");
  fs.mkdirSync(path.join(out, "files"), { recursive: true });
  try {
    linkAll(filesDirectory(env), linked);
    let keys: string[];
    let migration: string | null;
    if (engine === "sqlite") {
      const target = path.join(out, "database.sqlite");
      const db = knexFactory({ client: "sqlite3", connection: { filename: sqliteFilename(url) }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
      try {
        await db.raw("PRAGMA busy_timeout = 5000");
        // One read of the database as it is at this instant, WAL included (VACUUM cannot run in
        // a transaction: the files are then listed from the copy itself).
        await db.raw("VACUUM INTO ?", [target]);
      } finally {
        await db.destroy();
      }
      const copy = knexFactory({ client: "sqlite3", connection: { filename: target }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
      try {
        keys = await storedKeys(copy);
        migration = await lastMigration(copy);
      } finally {
        await copy.destroy();
      }
    } else {
      const db = knexFactory({ client: "pg", connection: url, pool: { min: 1, max: 1 } });
      try {
        ({ keys, migration } = await db.transaction(
          async (trx) => {
            const snapshot = String(((await trx.raw("SELECT pg_export_snapshot() AS s")) as { rows: Array<{ s: string }> }).rows[0]!.s);
            const k = await storedKeys(trx);
            const m = await lastMigration(trx);
            await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--snapshot=${snapshot}`, `--file=${path.join(out, "database.pgdump")}`, url!]);
            return { keys: k, migration: m };
          },
          { isolationLevel: "repeatable read" },
        ));
      } finally {
        await db.destroy();
      }
    }
    const missing: string[] = [];
    for (const key of keys) {
      fs.mkdirSync(path.join(out, "files", path.dirname(key)), { recursive: true });
      const to = path.join(out, "files", key);
      if (!linkOrCopy(path.join(linked, key), to) && !linkOrCopy(path.join(filesDirectory(env), key), to)) missing.push(key);
    }
    if (missing.length > 0) throw new Error(`Fichiers introuvables pour ${missing.length} pièce(s) jointe(s) : ${missing.slice(0, 5).join(", ")}`);
    const manifest: Manifest = { format: ARCHIVE_FORMAT, engine, createdAt: new Date().toISOString(), lastMigration: migration, files: keys.length };
    fs.writeFileSync(path.join(out, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.writeFileSync(path.join(out, "files.txt"), keys.map((k) => `${k}\n`).join(""));
    const partial = `${archive}.partial`;
    await run("tar", ["-czf", partial, "-C", out, "."]);
    fs.renameSync(partial, archive);
    return manifest;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/**
 * Replaces the database and the stored files with the archive's, after checking it (format,
 * engine, SQLite integrity, every named file present). The server must be stopped. What was
 * there is kept beside it (SQLite file and files folder renamed "….avant-restauration-…").
 */
export async function restore(url: string | undefined, archive: string, env: NodeJS.ProcessEnv = process.env): Promise<{ manifest: Manifest; keptAside: string[] }> {
  const engine = databaseKind(url);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cap-qualite-restore-"));
  try {
    await run("tar", ["-xzf", path.resolve(archive), "-C", work, "--no-same-owner", "--no-same-permissions"]);
    const manifestFile = path.join(work, "manifest.json");
    if (!fs.existsSync(manifestFile)) throw new Error("Ce fichier n'est pas une sauvegarde de Cap Qualité (manifest.json absent).");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8")) as Manifest;
    if (manifest.format !== ARCHIVE_FORMAT) throw new Error(`Format de sauvegarde ${manifest.format} inconnu.`);
    if (manifest.engine !== engine) throw new Error(`Sauvegarde ${manifest.engine} : elle se restaure sur une base ${manifest.engine}, pas ${engine}.`);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const keptAside: string[] = [];
    let keys: string[];
    if (engine === "sqlite") {
      const copy = path.join(work, "database.sqlite");
      const db = knexFactory({ client: "sqlite3", connection: { filename: copy }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
      try {
        const check = (await db.raw("PRAGMA integrity_check")) as Array<{ integrity_check: string }>;
        if (check[0]?.integrity_check !== "ok") throw new Error(`Base de la sauvegarde abîmée : ${check.map((c) => c.integrity_check).join("; ")}`);
        keys = await storedKeys(db);
      } finally {
        await db.destroy();
      }
      checkFiles(work, keys);
      const target = sqliteFilename(url);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      for (const suffix of ["", "-wal", "-shm"]) {
        if (fs.existsSync(target + suffix)) {
          const aside = `${target}.avant-restauration-${stamp}${suffix}`;
          fs.renameSync(target + suffix, aside);
          if (suffix === "") keptAside.push(aside);
        }
      }
      fs.copyFileSync(copy, `${target}.restauration`);
      fs.renameSync(`${target}.restauration`, target);
    } else {
      // Every file the dump's rows name is in the archive before the database is touched.
      checkFiles(work, listedKeys(work));
      await run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", `--dbname=${url!}`, path.join(work, "database.pgdump")]);
      const db = knexFactory(knexConfig(url));
      try {
        keys = await storedKeys(db);
      } finally {
        await db.destroy();
      }
      checkFiles(work, keys);
    }
    const files = filesDirectory(env);
    if (fs.existsSync(files)) {
      const aside = `${files}.avant-restauration-${stamp}`;
      fs.renameSync(files, aside);
      keptAside.push(aside);
    }
    fs.mkdirSync(path.dirname(files), { recursive: true });
    fs.cpSync(path.join(work, "files"), files, { recursive: true });
    return { manifest, keptAside };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function listedKeys(work: string): string[] {
  const list = path.join(work, "files.txt");
  if (!fs.existsSync(list)) throw new Error("Sauvegarde incomplète : liste des fichiers (files.txt) absente.");
  return fs.readFileSync(list, "utf8").split("\n").filter((k) => KEY.test(k));
}

function checkFiles(work: string, keys: string[]): void {
  const missing = keys.filter((k) => !fs.existsSync(path.join(work, "files", k)));
  if (missing.length > 0) throw new Error(`Sauvegarde incomplète : ${missing.length} fichier(s) manquant(s) (${missing.slice(0, 5).join(", ")}).`);
}
