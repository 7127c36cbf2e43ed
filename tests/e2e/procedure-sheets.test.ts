// Procedure sheets from the menu to "lu et compris": the référente sees the late review and
// records one, creates a sheet (a code already taken is refused beside its field), prepares the
// second version of the complaints sheet and publishes it once she has said what changed (the
// first version stays readable, the Word file says version 2); the salariée, who had confirmed
// version 1, is asked again and confirms version 2; the référente sees it. Every page passes
// axe, and is left as a screenshot at 1280 and 390 pixels wide in tmp/screenshots/.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { expectAccessible, newPage, signIn, signOut } from "../support/e2e";
import { docxToPdfText } from "../support/libreoffice";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
  await fs.mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser.close();
});

const SHOTS = path.resolve(__dirname, "../../tmp/screenshots");
const referent = DEMO_ACCOUNTS.find((a) => a.role === "quality_referent")!;
const staff = DEMO_ACCOUNTS.find((a) => a.role === "staff")!;
const toast = (page: Page) => page.getByRole("status").first().textContent();
const menu = (page: Page) => page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: /^Fiches qualité/ });

/** Checks the page with axe, then keeps it as a screenshot on a desktop and on a phone (nothing overflowing sideways there). */
async function look(page: Page, name: string) {
  await expectAccessible(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `fiches-${name}-${width}.png`), fullPage: true });
    if (width === 390) expect(await page.evaluate(() => document.body.scrollWidth <= window.innerWidth), `${name} on a phone`).toBe(true);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe("procedure sheets", () => {
  it("a sheet gets a new version and a salariée confirms reading it", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);

    // The list: the minutes' own sheet stands out, its review late.
    await menu(page).click();
    await page.waitForURL(/\/fiches-qualite$/);
    const minutesRow = page.getByRole("row", { name: /FQ-07/ });
    await expect.poll(() => minutesRow.textContent()).toContain("dépassé depuis");
    expect(await page.getByRole("row", { name: /FQ-12/ }).textContent()).toMatch(/dans \d+ jours/);
    await look(page, "liste-referente");

    // A review without change: the version in force stays, the next review is a year away.
    await minutesRow.getByRole("link", { name: /Réunions du Groupe Local Qualité/ }).click();
    await page.waitForURL(/\/fiches-qualite\/\d+$/);
    expect(await page.getByRole("region", { name: "En-tête du document qualité" }).textContent()).toContain("Date d'actualisation26 mars 2021");
    await look(page, "fiche-referente");
    await page.getByRole("button", { name: "Enregistrer la revue" }).click();
    await expect.poll(() => toast(page)).toBe("Revue enregistrée : la version 1 reste en vigueur.");
    await menu(page).click();
    await expect.poll(() => page.getByRole("row", { name: /FQ-07/ }).textContent()).toContain("dans 1 an");

    // A new sheet: a code already taken is refused beside its field.
    await page.getByRole("link", { name: "Nouvelle fiche" }).click();
    await page.waitForURL(/\/fiches-qualite\/nouvelle$/);
    await page.getByRole("textbox", { name: /^Titre/ }).fill("Vente en boutique et billetterie");
    await page.getByRole("textbox", { name: /^Code/ }).fill("fq-12");
    await page.getByRole("combobox", { name: /^Domaine/ }).fill("Boutique et billetterie");
    await page.getByRole("checkbox", { name: /Saisonniers/ }).check();
    await page.getByRole("checkbox", { name: /Tout nouveau personnel/ }).check();
    await page.getByRole("textbox", { name: /^Contenu de la fiche/ }).fill("## Encaissement\n- Rendre la monnaie en la comptant **à voix haute**.");
    await expect.poll(() => page.getByRole("region", { name: "Aperçu du contenu" }).getByRole("heading", { name: "Encaissement" }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Publier la fiche" }).click();
    await expect.poll(() => page.getByText("Code : une autre fiche de l'office porte déjà ce code.").isVisible()).toBe(true);
    await look(page, "nouvelle");
    await page.getByRole("textbox", { name: /^Code/ }).fill("FQ-20");
    await page.getByRole("button", { name: "Publier la fiche" }).click();
    await expect.poll(() => toast(page)).toBe("Fiche « FQ-20 » publiée : les personnes concernées sont invitées à la lire.");
    expect(await page.getByRole("region", { name: "En-tête du document qualité" }).textContent()).toContain("Saisonniers – Tout nouveau personnel");

    // The complaints sheet, version 2: prepared first, readers keep version 1 meanwhile.
    await menu(page).click();
    await page.getByRole("link", { name: "Traitement des réclamations" }).click();
    await page.waitForURL(/\/fiches-qualite\/\d+$/);
    const sheetUrl = page.url();
    await page.getByRole("link", { name: "Modifier la fiche" }).click();
    await page.waitForURL(/\/modifier$/);
    await expect.poll(() => page.getByText(/^Vos modifications préparent la version 2\./).isVisible()).toBe(true);
    const body = page.getByRole("textbox", { name: /^Contenu de la fiche/ });
    await body.fill(`${await body.inputValue()}\n\n## Réclamation au téléphone\nNoter le numéro de la personne et la rappeler **dans la journée**.`);
    await look(page, "modifier");
    await page.getByRole("button", { name: "Enregistrer la version 2 sans la publier" }).click();
    await page.waitForURL(sheetUrl);
    await expect.poll(() => toast(page)).toBe("Version 2 enregistrée, pas encore publiée : les lecteurs voient toujours la version 1.");
    await expect.poll(() => page.getByRole("heading", { name: "Version 2 en préparation" }).isVisible()).toBe(true);
    expect(await page.getByRole("heading", { name: "Contenu de la fiche (version 1)" }).isVisible()).toBe(true);
    // Not published until readers are told what changed.
    await page.getByRole("button", { name: "Publier la version 2" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toMatch(/^Objet de la modification : dites ce qui change/);
    await look(page, "preparation");
    await page.getByRole("link", { name: "Modifier la version 2 en préparation" }).click();
    await page.waitForURL(/\/modifier$/);
    expect(await page.getByRole("textbox", { name: /^Contenu de la fiche/ }).inputValue()).toContain("Réclamation au téléphone");
    await page.getByRole("textbox", { name: /^Objet de la modification/ }).fill("Ajout des réclamations reçues au téléphone.");
    await page.getByRole("button", { name: "Publier la version 2" }).click();
    await page.waitForURL(sheetUrl);
    await expect.poll(() => toast(page)).toBe("Version 2 publiée : les personnes concernées sont invitées à la lire.");
    await expect.poll(() => page.getByRole("heading", { name: "Contenu de la fiche (version 2)" }).isVisible()).toBe(true);
    // The salariée read version 1: it no longer counts.
    const readers = page.getByRole("region", { name: "Qui a lu la version 2" });
    await expect.poll(() => readers.getByRole("row", { name: new RegExp(staff.displayName.replace(/[()]/g, "\\$&")) }).textContent()).toMatch(/version précédente lue le/);
    await look(page, "version-2-referente");

    // Version 1 stays readable, as it was.
    await page.getByRole("link", { name: "Version 1", exact: true }).click();
    await page.waitForURL(/\/versions\/1$/);
    await expect.poll(() => page.getByText(/^Version 1 du .*, remplacée le/).isVisible()).toBe(true);
    expect(await page.getByText("Réclamation au téléphone").count()).toBe(0);
    await look(page, "version-1");

    // The Word file of the version in force.
    await page.goto(sheetUrl);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger en Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toBe("fiche-FQ-12-v2.docx");
    const { text, dir } = await docxToPdfText(await fs.readFile((await download.path())!));
    await fs.rm(dir, { recursive: true, force: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("Fiche qualité FQ-12 – version 2");
    expect(flat).toContain("Responsable suivi fiche : Référente qualité");
    expect(flat).toContain("Ajout des réclamations reçues au téléphone.");
    // Everyone on the staff is concerned: the salariée's line is there to sign.
    expect(flat).toContain("Conseillère en séjour — Hagetmau");
    await signOut(page);

    // The salariée is asked to read it again, from the menu.
    await signIn(page, staff.email);
    await expect.poll(() => menu(page).textContent()).toMatch(/\d+ à lire/);
    await menu(page).click();
    await page.waitForURL(/\/fiches-qualite$/);
    const asked = page.getByRole("region", { name: /fiches? à lire et confirmer/ });
    await expect.poll(() => asked.getByRole("link", { name: /FQ-12 — Traitement des réclamations/ }).isVisible()).toBe(true);
    await look(page, "liste-salariee");
    await asked.getByRole("link", { name: /FQ-12 — Traitement des réclamations/ }).click();
    await page.waitForURL(sheetUrl);
    // Nothing of the editors' tools.
    expect(await page.getByRole("link", { name: "Modifier la fiche" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Qui a lu la version 2" }).count()).toBe(0);
    await expect.poll(() => page.getByText("Cette fiche vous concerne : lisez la version 2").isVisible()).toBe(true);
    await look(page, "fiche-salariee");
    await page.getByRole("button", { name: "J'ai lu et compris la version 2" }).click();
    await expect.poll(() => toast(page)).toBe("Merci : vous avez lu et compris la version 2 de la fiche FQ-12.");
    await expect.poll(() => page.getByText(/^Vous avez confirmé avoir lu et compris la version 2 le /).isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: /J'ai lu et compris/ }).count()).toBe(0);
    await look(page, "confirmee-salariee");
    // One fewer to read in the menu; the list's filter no longer has it.
    await expect.poll(() => menu(page).textContent()).toMatch(/^Fiches qualité 2 à lire$/);
    await menu(page).click();
    await page.getByRole("navigation", { name: "Filtrer les fiches" }).getByRole("link", { name: "À lire" }).click();
    await page.waitForURL(/filtre=a-lire$/);
    await expect.poll(() => page.getByRole("row", { name: /FQ-07/ }).count()).toBe(1);
    await expect.poll(() => page.getByRole("row", { name: /FQ-12/ }).count()).toBe(0);
    await signOut(page);

    // The référente sees it.
    await signIn(page, referent.email);
    await page.goto(sheetUrl);
    await expect.poll(() => page.getByRole("region", { name: "Qui a lu la version 2" }).getByRole("row", { name: /Conseillère en séjour \(démo\)/ }).textContent()).toMatch(/lu et compris le \d{2}\/\d{2}\/\d{4}/);
    await context.close();
  });
});
