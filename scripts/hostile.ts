// The hostile-input suite at length (the short form runs in npm test): every form action of every
// route, as the référente and as the administrator, with every kind of hostile input, on a fresh
// SQLite database (or DATABASE_URL); prints the figures and every failure, exits 1 on any.
//   npm run hostile
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-hostile-"));
  process.env.NODE_ENV = "test";
  process.env.SESSION_SECRET ??= "hostile-suite-secret-that-is-long-enough";
  process.env.SCRYPT_LOG_N = "12";
  process.env.SQLITE_SYNCHRONOUS = "NORMAL";
  process.env.DATABASE_URL ??= `sqlite:${path.join(dir, "hostile.sqlite")}`;
  process.env.FILES_DIR = path.join(dir, "files");
  const { getDb } = await import("../app/db.server");
  const { runHostileSuite } = await import("../tests/support/hostile");
  const db = getDb();
  try {
    await db.migrate.latest();
    const started = Date.now();
    const report = await runHostileSuite(db, { short: false, log: (line) => console.log(line) });
    const seconds = (Date.now() - started) / 1000;
    console.log(`\n${report.requests} requêtes hostiles sur ${report.routes} routes (${report.intents} intentions) en ${seconds.toFixed(0)} s (${(report.requests / seconds).toFixed(0)} req/s)`);
    console.log(`Réponses : ${Object.entries(report.byStatus).map(([s, n]) => `${s} × ${n}`).join(", ")}`);
    console.log(`Échecs (5xx, ou lignes écrites par une requête refusée) : ${report.failures.length}`);
    for (const f of report.failures) console.log(`  ${f}`);
    process.exitCode = report.failures.length > 0 ? 1 : 0;
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
