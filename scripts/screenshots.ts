// Takes screenshots of the main pages as each demo role, to look at what we built.
//   npx tsx scripts/screenshots.ts [baseUrl] [outDir]
import fs from "node:fs";
import path from "node:path";
import { axeViolations, describeViolations, launchBrowser } from "../tests/support/browser";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "../db/seeds/demo";

const base = process.argv[2] ?? "http://localhost:3000";
const out = process.argv[3] ?? "tmp/screenshots";

const PAGES: Record<string, string[]> = {
  admin: ["/tableau-de-bord", "/administration", "/administration/bureaux", "/administration/bureaux/2", "/administration/personnes", "/administration/personnes/nouveau", "/administration/comptes", "/mot-de-passe"],
  director: ["/tableau-de-bord", "/administration/personnes"],
  quality_referent: ["/tableau-de-bord", "/audits", "/referentiels", "/referentiels/1", "/audits/1", "/audits/2", "/audits/2/grille", "/audits/comparer?a=1&b=2", "/audits/labels/1", "/audits/nouveau", "/plan-d-actions", "/plan-d-actions/2", "/plan-d-actions/nouvelle?constat=5", "/reunions", "/reunions/1", "/reunions/1/compte-rendu", "/reunions/1/participants", "/reunions/1/modifier", "/reunions/nouvelle", "/reunions/series/1", "/rapports", "/rapports?rapport=plan&groupe=bureau&du=2021-12-31&au=2021-01-01", "/fiches-qualite", "/fiches-qualite/1", "/fiches-qualite/2/modifier", "/fiches-qualite/2/versions/1", "/fiches-qualite/nouvelle", "/registres/questionnaires", "/registres/questionnaires/nouveau", "/registres/questionnaires/1", "/registres/questionnaires/2", "/registres/questionnaires/3", "/registres/questionnaires/3/reponses?insatisfaites=1", "/registres/questionnaires/3/import", "/registres/questionnaires/3/diffusion", "/registres/questionnaires/3/modifier"],
  staff: ["/tableau-de-bord", "/administration", "/plan-d-actions", "/plan-d-actions/1", "/fiches-qualite", "/fiches-qualite/2", "/registres/questionnaires/1/saisie"],
  quality_group_member: ["/tableau-de-bord", "/reunions", "/reunions/1", "/rapports"],
};

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const browser = await launchBrowser();
  try {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, locale: "fr-FR" });
      const page = await context.newPage();
      await page.goto(`${base}/connexion`);
      await page.screenshot({ path: path.join(out, `connexion-${width}.png`), fullPage: true });
      await context.close();
    }
    for (const account of DEMO_ACCOUNTS) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
      const page = await context.newPage();
      await page.goto(`${base}/connexion`);
      await page.getByLabel("E-mail").fill(account.email);
      await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.waitForURL(/tableau-de-bord/);
      for (const p of PAGES[account.role] ?? []) {
        await page.goto(base + p);
        const name = `${account.role}${p.replaceAll("/", "_")}.png`;
        await page.screenshot({ path: path.join(out, name), fullPage: true });
        const violations = await axeViolations(page);
        console.log(`${name}: ${violations.length ? describeViolations(violations) : "axe ok"}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
