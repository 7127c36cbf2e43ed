// The référente's audit journeys: record the 2020 audit as reported, rate a self-assessment
// with the keyboard, compare two audits.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { expectAccessible, newPage, signIn } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const referent = DEMO_ACCOUNTS.find((a) => a.role === "quality_referent")!;

describe("audits", () => {
  it("records the audit of October 2020 as the report gave it: 91 %", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.getByRole("link", { name: "Audits", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Audits et labels" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Enregistrer un audit" }).click();
    await page.getByLabel(/^Intitulé/).fill("Audit accueil octobre 2020 (saisie)");
    await page.getByLabel(/^Type d'audit/).selectOption({ label: "Visite mystère (audit accueil)" });
    await page.getByLabel(/^Mode de saisie/).selectOption({ label: "Taux rapporté (tel que le rapport externe le donne)" });
    await page.getByLabel(/^Début/).fill("2020-10-13");
    await page.getByLabel(/^Fin/).fill("2020-10-21");
    await page.getByLabel(/^Auditeur ou cabinet/).fill("Cabinet externe");
    await page.getByLabel(/^Statut/).selectOption({ label: "Terminé" });
    await page.getByLabel(/^Décision/).selectOption({ label: "Marque renouvelée" });
    await page.getByLabel(/^Qualité de service/).fill("quatre-vingt-onze");
    await page.getByRole("button", { name: "Enregistrer l'audit" }).click();
    await expect.poll(() => page.getByText("Taux rapporté : un pourcentage entre 0 et 100 (exemple : 91).").isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel(/^Qualité de service/).fill("91");
    await page.getByRole("button", { name: "Enregistrer l'audit" }).click();
    await page.waitForURL(/\/audits\/\d+$/);
    await expect.poll(() => page.getByRole("cell", { name: "91 %" }).isVisible()).toBe(true);
    expect(await page.getByText("Taux rapporté par l'auditeur").isVisible()).toBe(true);
    await page.getByRole("combobox", { name: /^Type\s*\*?$/ }).selectOption({ label: "Point fort" });
    await page.getByRole("textbox", { name: "Constat" }).fill("Boutique bien conçue.");
    await page.getByRole("button", { name: "Ajouter le constat" }).click();
    await expect.poll(() => page.getByText("Boutique bien conçue.").isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });

  it("rates a self-assessment with the keyboard, saved as it goes", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/audits");
    await page.getByRole("link", { name: "Auto-évaluation de mars 2021" }).click();
    await page.getByRole("button", { name: "Nouvelle auto-évaluation à partir de cet audit" }).click();
    await page.waitForURL(/\/audits\/\d+\/grille$/);
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/Auto-évaluation créée/);
    await expectAccessible(page);

    // 2.6 (bike rack) was "Non": move to "Oui" with the arrow keys.
    const row = page.locator("form", { has: page.getByText("2.6", { exact: true }) });
    await row.getByRole("radio", { name: "Non", exact: true }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => row.getByRole("status").textContent()).toBe("Enregistré");
    expect(await row.getByRole("radio", { name: "Oui", exact: true }).isChecked()).toBe(true);

    // "Non mesuré" needs a reason: the message sits in the row until one is given.
    const other = page.locator("form", { has: page.getByText("5.3", { exact: true }) });
    await other.getByRole("radio", { name: "Non mesuré" }).check();
    await other.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => other.getByText("Commentaire : dites pourquoi le critère n'est pas mesuré ou non concerné.").isVisible()).toBe(true);
    await other.getByLabel("Commentaire").fill("Pas d'accueil presse cette année.");
    await other.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => other.getByRole("status").textContent()).toBe("Enregistré");

    await page.reload();
    expect(await page.locator("form", { has: page.getByText("2.6", { exact: true }) }).getByRole("radio", { name: "Oui", exact: true }).isChecked()).toBe(true);
    expect(await page.locator("form", { has: page.getByText("5.3", { exact: true }) }).getByLabel("Commentaire").inputValue()).toBe("Pas d'accueil presse cette année.");
    await context.close();
  });

  it("compares two audits of the label, in a table and a chart", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/audits");
    await page.getByLabel("Comparer", { exact: true }).selectOption({ label: "Audit accueil 2020 (13/10/2020)" });
    await page.getByLabel("avec").selectOption({ label: "Auto-évaluation de mars 2021 (15/03/2021)" });
    await page.getByRole("button", { name: "Comparer", exact: true }).click();
    await page.waitForURL(/\/audits\/comparer\?a=\d+&b=\d+$/);
    const row = page.getByRole("row", { name: /Qualité de service/ }).first();
    await expect.poll(() => row.textContent()).toMatch(/91 %87,16 %-3,84 pts/);
    expect(await page.getByRole("img", { name: /Taux par pilier/ }).count()).toBe(1);
    await expectAccessible(page);
    await context.close();
  });
});
