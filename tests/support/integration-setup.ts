// Runs before each integration test file: its own migrated database, a fixed test secret,
// and cheap password hashing (the parameters travel with each hash, so checks stay real).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-db";

process.env.NODE_ENV = "test";
process.env.SESSION_SECRET = "test-secret-that-is-long-enough-1234567890";
process.env.SCRYPT_LOG_N = "12";
// No power cut in a test: commits need not wait for the disk (decision 019 keeps FULL elsewhere).
process.env.SQLITE_SYNCHRONOUS = "NORMAL";

let database: TestDatabase;
const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-files-"));
process.env.FILES_DIR = filesDir;

beforeAll(async () => {
  database = await createTestDatabase("integration");
  process.env.DATABASE_URL = database.url;
  const { getDb } = await import("~/db.server");
  await getDb().migrate.latest();
});

afterAll(async () => {
  const { getDb } = await import("~/db.server");
  // Whatever a test file wrote, its history reads in French (the registry's descriptors).
  const { historyWithoutFrench } = await import("./history-words");
  const untranslated = await historyWithoutFrench(getDb());
  await getDb().destroy();
  await (await import("~/db.server")).closeReadDb();
  globalThis.__capQualiteDb = undefined;
  await database.drop();
  fs.rmSync(filesDir, { recursive: true, force: true });
  if (untranslated.length) throw new Error(`Historique sans mots français (app/modules/*/words.ts) :\n${untranslated.join("\n")}`);
});
