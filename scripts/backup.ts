// Backup and restore of the database and the stored files (decision 019).
//   npm run backup [-- FICHIER.tar.gz]     while the app runs; default backups/cap-qualite-<date>.tar.gz
//   npm run restore FICHIER.tar.gz         the server stopped; what was there is kept beside it
// DATABASE_URL and FILES_DIR name the database and the files folder, as for the server.
import fs from "node:fs";
import path from "node:path";
import { backup, restore } from "../db/backup";

async function main() {
  const [command, file] = process.argv.slice(2);
  const url = process.env.DATABASE_URL;
  if (command === "backup") {
    const archive = path.resolve(file ?? path.join("backups", `cap-qualite-${new Date().toISOString().replace(/[:.]/g, "-")}.tar.gz`));
    fs.mkdirSync(path.dirname(archive), { recursive: true });
    const manifest = await backup(url, archive);
    const size = fs.statSync(archive).size;
    console.log(`Sauvegarde écrite : ${archive} (${(size / 1024).toFixed(0)} Ko, base ${manifest.engine}, ${manifest.files} fichier(s), migration ${manifest.lastMigration ?? "aucune"}).`);
    return;
  }
  if (command === "restore") {
    if (!file) throw new Error("Indiquez la sauvegarde à restaurer : npm run restore FICHIER.tar.gz");
    const { manifest, keptAside } = await restore(url, file);
    console.log(`Sauvegarde du ${manifest.createdAt} restaurée (${manifest.files} fichier(s)).`);
    for (const aside of keptAside) console.log(`Ancienne version gardée : ${aside}`);
    console.log("Lancez ensuite les migrations (npx tsx scripts/db.ts migrate) si la sauvegarde vient d'une version antérieure.");
    return;
  }
  throw new Error("Usage : tsx scripts/backup.ts backup [FICHIER] | restore FICHIER");
}

main().catch((error: unknown) => {
  console.error(`Échec : ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
