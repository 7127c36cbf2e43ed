// Database commands: migrate, seed the demo office when the database is empty, reset.
//   npx tsx scripts/db.ts migrate | seed | reset | status
import knexFactory from "knex";
import { knexConfig, databaseKind } from "../db/config";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../db/seeds/demo";

async function main() {
  const command = process.argv[2] ?? "migrate";
  const url = process.env.DATABASE_URL;
  const db = knexFactory(knexConfig(url));
  try {
    if (command === "migrate" || command === "setup") {
      const [, applied] = await db.migrate.latest();
      console.log(applied.length ? `Migrations appliquées : ${applied.join(", ")}` : "Base de données à jour.");
    }
    if (command === "seed" || command === "setup") {
      if (await isDatabaseEmpty(db)) {
        await seedDemo(db);
        console.log("Office de démonstration créé.");
      } else {
        console.log("La base contient déjà des données : pas de données de démonstration ajoutées.");
      }
    }
    if (command === "reset") {
      if (databaseKind(url) === "postgres" && process.env.CAP_QUALITE_ALLOW_RESET !== "1") {
        throw new Error("Refus de vider une base PostgreSQL sans CAP_QUALITE_ALLOW_RESET=1.");
      }
      await db.migrate.rollback(undefined, true);
      await db.migrate.latest();
      await seedDemo(db);
      console.log("Base remise à zéro avec l'office de démonstration.");
    }
    if (command === "status") {
      const [done, pending] = await db.migrate.list();
      console.log(`Migrations faites : ${done.length}, en attente : ${pending.length}`);
    }
    if (command === "accounts" || command === "setup") {
      console.log("\nComptes de démonstration (mot de passe commun : " + DEMO_PASSWORD + ")");
      for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(34)} ${a.displayName}`);
    }
  } finally {
    await db.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
