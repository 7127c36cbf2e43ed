// `npm run backup` while writes go on, then `npm run restore` into another database and files
// folder (decision 019): every write acknowledged before the backup began is there, every file
// the rows name too, and SQLite's integrity check is ok. Runs on SQLite and on PostgreSQL.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knexConfig } from "../../db/config";
import { getDb } from "~/db.server";
import { addNote } from "~/modules/action/queries.server";
import { attachFile } from "~/modules/attachment/queries.server";
import { officeScope } from "~/modules/scope.server";
import { fileStore } from "~/storage.server";
import { createActionFixture, createOfficeFixture } from "../support/factories";
import { createTestDatabase, TEST_ENGINE, type TestDatabase } from "../support/test-db";

const run = promisify(execFile);
const root = path.resolve(__dirname, "../..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cq-backup-"));
let target: TestDatabase;

beforeAll(async () => {
  target = await createTestDatabase("restored");
});
afterAll(async () => {
  await target.drop();
  fs.rmSync(work, { recursive: true, force: true });
});

const script = (args: string[], env: Record<string, string | undefined>) =>
  run(process.execPath, ["--import", "tsx", "scripts/backup.ts", ...args], { cwd: root, env: { ...process.env, ...env } });

describe("backup and restore", () => {
  it("a backup taken during writes restores every write acknowledged before it", async () => {
    const office = await createOfficeFixture();
    const actionId = await createActionFixture(office);
    const scope = officeScope(getDb(), { officeId: office.officeId, actor: { userId: null, name: "Écritures pendant la sauvegarde" }, role: "admin" });
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9]);
    const acked: Array<{ kind: "note" | "file"; value: string }> = [];
    let writing = true;
    const writer = (async () => {
      for (let i = 0; writing; i += 1) {
        await addNote(scope, { actionId }, `note ${i}`);
        acked.push({ kind: "note", value: `note ${i}` });
        const id = await attachFile(scope, fileStore(), { owner: { kind: "action", id: actionId }, name: `p${i}.png`, type: "image/png", bytes: png });
        acked.push({ kind: "file", value: String(id) });
      }
    })();
    while (acked.length < 20) await new Promise((r) => setTimeout(r, 10));
    const before = [...acked];
    const archive = path.join(work, "sauvegarde.tar.gz");
    const backedUp = await script(["backup", archive], {});
    const during = acked.length - before.length;
    writing = false;
    await writer;
    expect(backedUp.stdout).toMatch(/^Sauvegarde écrite : .*sauvegarde\.tar\.gz/);
    expect(during).toBeGreaterThan(0);

    const filesDir = path.join(work, "restored-files");
    const restored = await script(["restore", archive], { DATABASE_URL: target.url, FILES_DIR: filesDir });
    expect(restored.stdout).toMatch(/restaurée/);
    const db = knexFactory(knexConfig(target.url));
    try {
      const notes = new Set((await db("action_notes").where({ action_id: actionId }).select("text")).map((r) => String(r.text)));
      const files = await db("attachments").where({ action_id: actionId }).select("id", "storage_key");
      const ids = new Set(files.map((f) => String(f.id)));
      const lost = before.filter((w) => (w.kind === "note" ? !notes.has(w.value) : !ids.has(w.value)));
      expect(lost).toEqual([]);
      for (const f of await db("attachments").select("storage_key")) expect(fs.existsSync(path.join(filesDir, String(f.storage_key)))).toBe(true);
      if (TEST_ENGINE === "sqlite") {
        const check = (await db.raw("PRAGMA integrity_check")) as Array<{ integrity_check: string }>;
        expect(check[0]!.integrity_check).toBe("ok");
      }
      console.log(`backup (${TEST_ENGINE}): ${before.length} writes acknowledged before, ${during} during the backup; ${notes.size} notes and ${files.length} files restored`);
    } finally {
      await db.destroy();
    }

    // Restoring again keeps what was there beside it.
    const again = await script(["restore", archive], { DATABASE_URL: target.url, FILES_DIR: filesDir });
    expect(again.stdout).toMatch(/Ancienne version gardée : .*restored-files\.avant-restauration-/);
  }, 120_000);

  it("refuses a file that is not one of its backups, in French, and changes nothing", async () => {
    const bogus = path.join(work, "pas-une-sauvegarde.tar.gz");
    fs.writeFileSync(path.join(work, "x.txt"), "x");
    await run("tar", ["-czf", bogus, "-C", work, "x.txt"]);
    const filesDir = path.join(work, "untouched");
    const failed = await script(["restore", bogus], { DATABASE_URL: target.url, FILES_DIR: filesDir }).catch((e: { code: number; stderr: string }) => e);
    expect((failed as { code: number }).code).toBe(1);
    expect((failed as { stderr: string }).stderr).toMatch(/Échec : Ce fichier n'est pas une sauvegarde de Cap Qualité/);
    expect(fs.existsSync(filesDir)).toBe(false);
  });
});
