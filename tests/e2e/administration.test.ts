// The administrator's journeys: a site created with a mistake then corrected, its history,
// the same form without JavaScript, and an invitation used by a newcomer.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { qrPng } from "~/modules/questionnaire/links.server";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { expectAccessible, expectAccessibleMarkup, newPage, signIn, signOut } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;

describe("administration journeys", () => {
  it("creates a site: the mistake is shown beside the field, the success in a message, the change in the history", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, admin.email);
    await page.goto("/administration/bureaux");
    await page.getByRole("link", { name: "Ajouter un bureau" }).click();
    await page.getByLabel("Nom du bureau").fill("Bureau saisonnier de Mugron");
    await page.getByLabel("Code postal").fill("4025");
    await page.getByRole("button", { name: "Créer le bureau" }).click();
    const error = page.getByText("Code postal : cinq chiffres (exemple : 40500).");
    await expect.poll(() => error.isVisible()).toBe(true);
    expect(await page.getByLabel("Code postal").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    await page.getByLabel("Code postal").fill("40250");
    await page.getByLabel("Commune").fill("Mugron");
    await page.getByRole("button", { name: "Créer le bureau" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Bureau « Bureau saisonnier de Mugron » créé.");
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Bureau saisonnier de Mugron" }).isVisible()).toBe(true);

    await page.getByLabel("Téléphone").fill("05 58 00 00 00");
    await page.getByLabel("Bureau ouvert").uncheck();
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Bureau enregistré.");
    const history = page.getByRole("region", { name: "Historique" });
    await expect.poll(() => history.getByText("Modification le").count()).toBe(1);
    const rows = await history.locator("tbody tr").allTextContents();
    expect(rows).toEqual(expect.arrayContaining(["Téléphone—05 58 00 00 00", "ActifOuiNon"]));
    expect(await history.getByText(`par ${admin.displayName}`).count()).toBe(2);
    await expectAccessible(page);
    await context.close();
  });

  it("works without JavaScript: the server answers 400 with the message beside the field", async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, admin.email);
    await page.goto("/administration/personnes/nouveau");
    await page.getByLabel("E-mail").fill("pas-une-adresse");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Ajouter la personne" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect.poll(() => page.getByText("Nom : ce champ est obligatoire.").isVisible()).toBe(true);
    expect(await page.getByText("E-mail : adresse e-mail invalide (exemple : nom@office-tourisme.fr).").isVisible()).toBe(true);
    await expectAccessibleMarkup(browser, await page.content());
    await context.close();
  });

  it("works without JavaScript on an edit page: the recorded values show and are posted back", async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, admin.email);
    await page.goto("/administration/personnes");
    const href = await page.getByRole("link", { name: "Guide conférencière" }).getAttribute("href");
    await page.goto(href!);
    expect(await page.getByLabel(/^Nom/).inputValue()).toBe("Guide conférencière");
    expect(await page.getByLabel(/^Fonction/).inputValue()).toBe("Visites guidées");
    expect(await page.getByLabel("Personne active").isChecked()).toBe(true);
    const site = await page.getByLabel(/^Bureau de rattachement/).inputValue();
    expect(site).not.toBe("");
    await page.getByLabel(/^Téléphone/).fill("05 58 76 34 64");
    await page.getByRole("button", { name: /^Enregistrer/ }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Personne enregistrée.");
    expect(await page.getByLabel(/^Fonction/).inputValue()).toBe("Visites guidées");
    expect(await page.getByLabel(/^Bureau de rattachement/).inputValue()).toBe(site);
    expect(await page.getByLabel("Personne active").isChecked()).toBe(true);
    await context.close();
  });

  it("invites a newcomer who creates an account through the link, once", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, admin.email);
    await page.goto("/administration/comptes");
    await page.getByLabel("E-mail").fill("nouvelle.salariee@demo.cap-qualite.fr");
    await page.getByLabel("Rôle").selectOption({ label: "Salarié(e)" });
    await page.getByLabel("Personne liée").selectOption({ label: "Conseillère en séjour — Amou" });
    await page.getByRole("button", { name: "Créer le lien d'invitation" }).click();
    const linkField = page.getByLabel("Lien d'invitation");
    await expect.poll(() => linkField.isVisible()).toBe(true);
    const link = await linkField.inputValue();
    expect(link).toMatch(/\/invitation\/[\w-]+$/);
    await expectAccessible(page);
    await signOut(page);

    const newcomer = await newPage(browser);
    await newcomer.page.goto(link);
    await expect.poll(() => newcomer.page.getByRole("heading", { name: "Rejoindre Office de Tourisme Landes Chalosse" }).isVisible()).toBe(true);
    await expectAccessible(newcomer.page);
    await newcomer.page.getByLabel("Nom affiché").fill("Nouvelle conseillère");
    await newcomer.page.getByLabel(/^Mot de passe/).fill("une phrase de passe solide");
    await newcomer.page.getByLabel("Confirmation du mot de passe").fill("une phrase de passe solide");
    await newcomer.page.getByRole("button", { name: "Créer mon compte" }).click();
    await newcomer.page.waitForURL(/\/tableau-de-bord$/);
    await expect.poll(() => newcomer.page.getByRole("status").first().textContent()).toBe("Bienvenue dans Office de Tourisme Landes Chalosse !");
    await signOut(newcomer.page);
    await newcomer.page.goto(link);
    await expect.poll(() => newcomer.page.getByRole("heading", { name: "Invitation non valable" }).isVisible()).toBe(true);
    await signIn(newcomer.page, "nouvelle.salariee@demo.cap-qualite.fr", "une phrase de passe solide");
    await newcomer.context.close();
    await context.close();
  });

  it("sets the reports' colour and logo, shown in the preview, accessible", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), "logo-"));
    const file = path.join(dir, "logo office.png");
    await fs.writeFile(file, await qrPng("https://office.example.fr", 200));
    const { context, page } = await newPage(browser);
    await signIn(page, admin.email);
    await page.goto("/administration");
    const section = page.getByRole("region", { name: "Couleur et logo des rapports" });
    await expect.poll(() => section.getByText("Pas de logo : la page de garde montre le nom de l'office.").isVisible()).toBe(true);
    await section.getByLabel("Garder la couleur de Cap Qualité").uncheck();
    await section.getByLabel("Couleur", { exact: true }).fill("#a4161a");
    await section.getByLabel("Logo", { exact: true }).setInputFiles(file);
    await section.getByRole("button", { name: "Enregistrer la couleur et le logo" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Couleur et logo des rapports enregistrés\./);
    await expect.poll(() => section.getByRole("img", { name: "Logo actuel : logo office.png" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await section.getByRole("button", { name: "Retirer le logo" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Logo retiré des rapports\./);
    // Back to the product's colour: the other journeys read the demo's reports as they were.
    await section.getByLabel("Garder la couleur de Cap Qualité").check();
    await section.getByRole("button", { name: "Enregistrer la couleur et le logo" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Couleur et logo des rapports enregistrés\./);
    await context.close();
    await fs.rm(dir, { recursive: true, force: true });
  });
});
