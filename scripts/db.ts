// Database commands: migrate, seed the demo office when the database is empty, reset, and
// create a real office with the invitation link of its first administrator.
//   npx tsx scripts/db.ts migrate | seed | setup | reset | status
//   npx tsx scripts/db.ts create-office "Office de tourisme de …" admin@office.fr [https://cap-qualite.example.fr]
//   npx tsx scripts/db.ts generate-actions 50000 [N°_OFFICE]   (to try the plan at scale; office 1 by default)
//   npx tsx scripts/db.ts anonymise-registers   (the monthly RGPD pass over every office; run it from cron)
import knexFactory from "knex";
import { knexConfig, databaseKind } from "../db/config";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, seedDemo } from "../db/seeds/demo";
import { officeSchema } from "../app/modules/office/schema";
import { requiredEmail } from "../app/domain/fields";
import { createInvitation } from "../app/modules/account/invitations.server";
import { createOffice } from "../app/modules/office/queries.server";
import { generateActions } from "../app/modules/action/generator.server";
import { anonymiseExpired } from "../app/modules/register/queries.server";
import { commandScope } from "../app/modules/scope.server";

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
    if (command === "create-office") {
      const [, , , name, email, baseUrl = "http://localhost:3000"] = process.argv;
      const office = officeSchema.safeParse({ name });
      const adminEmail = requiredEmail("E-mail de l'administrateur").safeParse(email);
      if (!office.success || !adminEmail.success) {
        throw new Error('Usage : npx tsx scripts/db.ts create-office "Nom de l\'office" admin@office.fr [adresse du site]');
      }
      await db.migrate.latest();
      const actor = { userId: null, name: "Installation" };
      const { officeId, token } = await db.transaction(async (trx) => {
        const id = await createOffice(trx, office.data, actor);
        const invitation = await createInvitation({ ...commandScope(trx, id), actor }, { email: adminEmail.data, role: "admin", personId: null, createdBy: null });
        return { officeId: id, token: invitation.token };
      });
      console.log(`Office « ${office.data.name} » créé (n° ${officeId}).`);
      console.log(`Lien d'invitation de l'administrateur (valable 7 jours, une seule fois) :\n  ${baseUrl.replace(/\/$/, "")}/invitation/${token}`);
    }
    if (command === "generate-actions") {
      const count = Number(process.argv[3]);
      const officeId = Number(process.argv[4] ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000) throw new Error("Usage : npx tsx scripts/db.ts generate-actions NOMBRE [N°_OFFICE]");
      const written = await generateActions(commandScope(db, officeId), { count });
      console.log(`${written} actions générées dans l'office n° ${officeId}.`);
    }
    if (command === "anonymise-registers") {
      // Each office with its own retention period; the figures stay, names and contacts go.
      for (const office of await db("offices").select("id", "name").orderBy("id")) {
        const count = await anonymiseExpired(commandScope(db, Number(office.id)));
        console.log(`${String(office.name)} : ${count} entrée${count > 1 ? "s" : ""} anonymisée${count > 1 ? "s" : ""}.`);
      }
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
