// Regenerates db/records.ts from a freshly migrated SQLite database (decision 053).
//   npx tsx scripts/db-records.mts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import knexFactory from "knex";
import { knexConfig } from "../db/config";
import { recordsSource } from "../db/records-source";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-records-"));
const db = knexFactory(knexConfig(`sqlite:${path.join(dir, "schema.sqlite")}`));
try {
  await db.migrate.latest();
  const target = path.resolve("db/records.ts");
  fs.writeFileSync(target, await recordsSource(db));
  console.log(`${path.relative(process.cwd(), target)} écrit.`);
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
