// A writer the crash tests kill with SIGKILL: attaches files to an action and adds notes through
// the model, printing "ack <kind> <value>" once each write is committed. The file store waits a
// little between the file and its row, as a slow disk would, so that kills land in between.
// Usage: DATABASE_URL=… FILES_DIR=… tsx tests/support/crash-writer.ts OFFICE_ID ACTION_ID
import { getDb } from "~/db.server";
import { addNote } from "~/modules/action/queries.server";
import { attachFile } from "~/modules/attachment/queries.server";
import { officeScope } from "~/modules/scope.server";
import { fileStore, type FileStore } from "~/storage.server";

const [officeId, actionId] = process.argv.slice(2).map(Number) as [number, number];
const real = fileStore();
const slow: FileStore = {
  async put(office, bytes) {
    const key = await real.put(office, bytes);
    await new Promise((r) => setTimeout(r, 15));
    return key;
  },
  get: (key) => real.get(key),
  remove: (key) => real.remove(key),
  list: () => real.list(),
};
const scope = officeScope(getDb(), { officeId, actor: { userId: null, name: "Écrivain de test" }, role: "admin" });
const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 4096 }, (_, i) => i % 251)]);

async function main() {
  process.stdout.write("ready\n");
  for (let i = 0; ; i += 1) {
    const id = await attachFile(scope, slow, { owner: { kind: "action", id: actionId }, name: `preuve-${i}.png`, type: "image/png", bytes: png });
    process.stdout.write(`ack file ${id}\n`);
    await addNote(scope, { actionId }, `note ${i}`);
    process.stdout.write(`ack note note ${i}\n`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
