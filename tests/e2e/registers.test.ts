// The desk: a complaint logged on a phone in three fields, answered by the référente, its delay
// shown in working days; a suggestion of the seed meeting turned into an action of the plan;
// the figures of a selection, a year against the one before; a member reading the registers
// without any name.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { closeAll, expectAccessible, newPage, signIn } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const OUT = path.resolve(__dirname, "../../tmp/e2e");

describe("registers", () => {
  it("logs a complaint at the desk on a phone, answers it and shows its delay", async () => {
    const desk = await newPage(browser, { width: 390 });
    await signIn(desk.page, account("staff").email);
    await desk.page.getByRole("link", { name: "Registres" }).first().click();
    await desk.page.getByRole("link", { name: "Nouvelle réclamation" }).click();
    await desk.page.waitForURL(/\/registres\/reclamations\/nouveau$/);
    await expectAccessible(desk.page);
    await desk.page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => desk.page.getByText("Objet : ce champ est obligatoire.").isVisible()).toBe(true);
    await desk.page.getByLabel(/^Canal/).selectOption({ label: "Téléphone" });
    await desk.page.getByLabel(/^Objet/).fill("Plan de la ville introuvable au guichet de Hagetmau");
    await desk.page.getByLabel(/^Nom de la personne/).fill("Visiteur de passage (démo)");
    await desk.page.getByRole("button", { name: "Enregistrer" }).click();
    await desk.page.waitForURL(/\/registres\/entrees\/\d+$/);
    const url = desk.page.url();
    await expect.poll(() => desk.page.getByText(/En attente depuis 0 jour ouvré/).isVisible()).toBe(true);
    await expectAccessible(desk.page);

    const referent = await newPage(browser);
    await signIn(referent.page, account("quality_referent").email);
    await referent.page.goto(url);
    await referent.page.getByText("Modifier l'entrée").click();
    await referent.page.getByLabel(/^Réponse apportée/).fill("Plans réimprimés et déposés au guichet.");
    await referent.page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await expect.poll(() => referent.page.getByText("Répondue le : date de la réponse attendue.").isVisible()).toBe(true);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    await referent.page.getByLabel(/^Répondue le/).fill(today);
    await referent.page.getByRole("button", { name: "Enregistrer les modifications" }).click();
    await expect.poll(() => referent.page.getByText(/Répondue en 0 jour ouvré/).isVisible()).toBe(true);
    await expect.poll(() => referent.page.locator(".page-header .badge").textContent()).toBe("Répondue");
    await expectAccessible(referent.page);

    // The late one of the demo stands out in the list.
    await referent.page.goto("/registres/reclamations?en-retard=1");
    await expect.poll(() => referent.page.getByRole("link", { name: "Permis de pêche payé mais non reçu" }).isVisible()).toBe(true);
    await expectAccessible(referent.page);
    await closeAll(desk.context, referent.context);
  });

  it("turns a suggestion into an action linked both ways", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("quality_referent").email);
    await page.goto("/registres/suggestions?q=france+bleu");
    await page.getByRole("link", { name: /France Bleu Gascogne/ }).click();
    await page.getByText("Créer une action à partir de cette entrée").click();
    await page.getByLabel(/^Pilote/).selectOption({ label: "Chargée de communication numérique" });
    await page.getByRole("button", { name: "Ajouter l'action au plan" }).click();
    await expect.poll(() => page.getByRole("region", { name: "Actions du plan" }).getByRole("link", { name: /France Bleu Gascogne/ }).isVisible()).toBe(true);
    await page.getByRole("region", { name: "Actions du plan" }).getByRole("link", { name: /France Bleu Gascogne/ }).click();
    await page.waitForURL(/\/plan-d-actions\/\d+$/);
    await expect.poll(() => page.getByRole("link", { name: /^Suggestion n° \d+$/ }).isVisible()).toBe(true);
    expect(await page.getByText("Suggestion", { exact: false }).first().isVisible()).toBe(true);
    await closeAll(context);
  });

  it("goes from the list to the figures of the same selection, and compares a year with the one before", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("director").email);
    await page.goto("/registres/reclamations?du=2020-01-01&au=2021-12-31");
    const listed = Number(/^(\d+) entrée/.exec((await page.locator(".pagination .small").textContent()) ?? "")?.[1]);
    await page.screenshot({ path: path.join(OUT, "registre-liste-1280.png"), fullPage: true });
    await page.getByRole("link", { name: "Chiffres", exact: true }).click();
    await page.waitForURL(/\/registres\/reclamations\/chiffres\?du=2020-01-01&au=2021-12-31$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Chiffres — Réclamations");
    // The same selection: as many entries as its list, and the filter still set.
    await expect.poll(() => page.getByText(/dans cette sélection/).textContent()).toMatch(new RegExp(`^${listed} entrée`));
    expect(await page.getByLabel("Du", { exact: true }).inputValue()).toBe("2020-01-01");
    await page.getByLabel("Année", { exact: true }).fill("2021");
    await page.getByRole("button", { name: "Comparer" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "2021 comparé à 2020" }).isVisible()).toBe(true);
    expect(page.url()).toMatch(/du=2020-01-01&au=2021-12-31&annee=2021$/);
    await expect.poll(() => page.getByRole("table", { name: /Entrées par mois, 2021 et 2020/ }).isVisible()).toBe(true);
    expect(await page.getByRole("img", { name: /Entrées par mois, 2021 et 2020/ }).count()).toBe(1);
    await expectAccessible(page);
    await page.screenshot({ path: path.join(OUT, "registre-chiffres-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(OUT, "registre-chiffres-390.png"), fullPage: true });
    await page.getByRole("link", { name: /← Réclamations : la liste de cette sélection/ }).click();
    await page.waitForURL(/\/registres\/reclamations\?du=2020-01-01&au=2021-12-31$/);
    await closeAll(context);
  });

  it("shows members the registers without names", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("quality_group_member").email);
    await page.goto("/registres/reclamations");
    await expect.poll(() => page.getByRole("link", { name: "Permis de pêche payé mais non reçu" }).isVisible()).toBe(true);
    expect(await page.content()).not.toContain("Mme Modèle");
    await expectAccessible(page);
    await closeAll(context);
  });
});
