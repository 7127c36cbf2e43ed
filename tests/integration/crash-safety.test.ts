// Stored files and rows agree after a crash (decision 019): a writer process is killed with
// SIGKILL between files and rows, again and again; every acknowledged write is there, every row's
// file is on disk, and the sweep removes the files that no row names.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db.server";
import { officeScope } from "~/modules/scope.server";
import { sweepOrphanFiles } from "~/modules/attachment/queries.server";
import { fileStore, filesRoot } from "~/storage.server";
import { createActionFixture, createOfficeFixture, type OfficeFixture } from "../support/factories";
import { TEST_ENGINE } from "../support/test-db";

const root = path.resolve(__dirname, "../..");
let office: OfficeFixture;

beforeAll(async () => {
  office = await createOfficeFixture();
});

/** Runs the writer until it has acknowledged `acks` writes, then kills it a random moment later. */
function runAndKill(actionId: number, acks: number): Promise<{ files: number[]; notes: string[] }> {
  return new Promise((resolve, reject) => {
    // node itself with tsx's loader: the tsx command runs the script in a child of its own, which
    // a SIGKILL of the command would leave running.
    const child = spawn(process.execPath, ["--import", "tsx", "tests/support/crash-writer.ts", String(office.officeId), String(actionId)], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "test" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const files: number[] = [];
    const notes: string[] = [];
    let buffer = "";
    let errors = "";
    let killing = false;
    child.stderr.on("data", (d: Buffer) => (errors += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop()!;
      for (const line of lines) {
        const [word, kind, ...rest] = line.split(" ");
        if (word !== "ack") continue;
        if (kind === "file") files.push(Number(rest[0]));
        else notes.push(rest.join(" "));
        if (!killing && files.length + notes.length >= acks) {
          killing = true;
          setTimeout(() => child.kill("SIGKILL"), Math.floor(Math.random() * 25));
        }
      }
    });
    child.on("exit", (code, signal) => {
      if (signal === "SIGKILL") resolve({ files, notes });
      else reject(new Error(`writer ended by itself (${code}) after ${files.length + notes.length} acks: ${errors}`));
    });
  });
}

describe("a process killed during writes", () => {
  it("loses no acknowledged write, and leaves no file the sweep does not remove", async () => {
    const actionId = await createActionFixture(office);
    const acked = { files: [] as number[], notes: [] as string[] };
    for (let round = 0; round < 4; round += 1) {
      const got = await runAndKill(actionId, 4 + round * 3).catch((e: Error) => { throw new Error(`round ${round}: ${e.message}`); });
      acked.files.push(...got.files);
      acked.notes.push(...got.notes);
    }
    const db = getDb();
    const rows = await db("attachments").where({ action_id: actionId }).select("id", "storage_key");
    const rowIds = new Set(rows.map((r) => Number(r.id)));
    expect(acked.files.filter((id) => !rowIds.has(id))).toEqual([]);
    const notes = new Set((await db("action_notes").where({ action_id: actionId }).select("text")).map((r) => String(r.text)));
    expect(acked.notes.filter((n) => !notes.has(n))).toEqual([]);
    // Every row's file is there (files are flushed before their row).
    for (const r of rows) expect(fs.existsSync(path.join(filesRoot(), String(r.storage_key)))).toBe(true);
    const onDisk = async () => {
      const keys: string[] = [];
      for await (const f of fileStore().list()) keys.push(f.key);
      return keys;
    };
    const officeKeys = (await onDisk()).filter((k) => k.startsWith(`office-${office.officeId}/`));
    const removed = await sweepOrphanFiles(db, fileStore(), new Date(Date.now() + 1000));
    const after = (await onDisk()).filter((k) => k.startsWith(`office-${office.officeId}/`));
    const named = new Set(rows.map((r) => String(r.storage_key)));
    expect(after.sort()).toEqual([...named].sort());
    console.log(
      `crash-safety (${TEST_ENGINE}): 4 kills, ${acked.files.length} files and ${acked.notes.length} notes acknowledged, all present; ${officeKeys.length - named.size} file(s) without a row before the sweep, ${removed.length} removed`,
    );
    if (TEST_ENGINE === "sqlite") {
      const check = (await db.raw("PRAGMA integrity_check")) as Array<{ integrity_check: string }>;
      expect(check[0]!.integrity_check).toBe("ok");
    }
  }, 120_000);

  it("the sweep spares files younger than its cutoff and files that a row names", async () => {
    const actionId = await createActionFixture(office);
    const store = fileStore();
    const orphan = await store.put(office.officeId, Uint8Array.from([1, 2, 3]));
    const before = new Date(Date.now() - 60_000);
    expect(await sweepOrphanFiles(getDb(), store, before)).not.toContain(orphan);
    expect(await store.get(orphan)).not.toBeNull();
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { attachFile } = await import("~/modules/attachment/queries.server");
    await attachFile(officeScope(getDb(), { officeId: office.officeId, actor: { userId: null, name: "Test" }, role: "admin" }), store, { owner: { kind: "action", id: actionId }, name: "p.png", type: "image/png", bytes: png });
    const removed = await sweepOrphanFiles(getDb(), store, new Date(Date.now() + 1000));
    expect(removed).toContain(orphan);
    expect(await store.get(orphan)).toBeNull();
    const kept = await getDb()("attachments").where({ action_id: actionId }).first("storage_key");
    expect(await store.get(String(kept!.storage_key))).not.toBeNull();
  });
});
