// Satisfaction questionnaires in the browser: the référente copies the 2021 online campaign to
// this year; a visitor answers it on a phone through its public link (nothing of the office
// but the questionnaire, under the CSP), another without JavaScript; a conseillère types three paper sheets by keyboard; the
// results page with its charts passes axe; a dissatisfied answer becomes a complaint; the
// printable questionnaire (Word) is opened by LibreOffice and rendered to PNG in tmp/e2e/.
import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { closeAll, expectAccessible, newPage, signIn } from "../support/e2e";
import { docxToPdfText, pdfToPngs } from "../support/libreoffice";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;
const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
const OUT = path.resolve(__dirname, "../../tmp/e2e");

/** Set by the first test: this year's campaign, its page and its public link. */
let campaignUrl = "";
let publicLink = "";

describe("satisfaction questionnaires", () => {
  it("copies last year's online campaign to this year and opens it today", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("quality_referent").email);
    await page.getByRole("link", { name: "Registres" }).first().click();
    await page.getByRole("link", { name: "Questionnaires de satisfaction" }).first().click();
    await page.waitForURL(/\/registres\/questionnaires$/);
    await expect.poll(() => page.getByText("Non réalisée").isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Nouvelle campagne" }).click();
    await page.waitForURL(/\/registres\/questionnaires\/nouveau$/);
    const copy = page.getByRole("form", { name: "Reprendre une campagne précédente" });
    // The latest campaign is offered first: 2021's, online.
    await expect.poll(async () => copy.getByLabel(/^Campagne à reprendre/).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "")).toMatch(/^Votre avis sur notre accueil — 2021/);
    await copy.getByLabel(/^Pour l'année/).fill(today.slice(0, 4));
    await copy.getByRole("button", { name: "Copier la campagne" }).click();
    await page.waitForURL(/\/registres\/questionnaires\/\d+\/modifier$/);
    campaignUrl = page.url().replace(/\/modifier$/, "");
    const campaign = page.getByRole("form", { name: "Campagne" });
    await campaign.getByLabel(/^Début de la campagne/).fill(today);
    await campaign.getByLabel(/^Fin de la campagne/).fill(`${today.slice(0, 4)}-12-31`);
    await campaign.getByRole("button", { name: "Enregistrer la campagne" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Campagne enregistrée.");
    await expectAccessible(page);
    await page.getByRole("link", { name: "Diffusion" }).click();
    await page.waitForURL(/\/diffusion$/);
    publicLink = await page.getByLabel("Lien du questionnaire").inputValue();
    expect(publicLink).toMatch(/\/questionnaire\/[\w-]{22}$/);
    await expect.poll(() => page.getByRole("img", { name: /QR code du questionnaire au bureau de Hagetmau/ }).isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });

  it("a visitor answers on a phone through the public link, nothing of the office around it", async () => {
    const { context, page } = await newPage(browser, { width: 390 });
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(`${publicLink}?via=qr`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toContain("Votre avis sur notre accueil");
    expect(await page.getByRole("navigation").count()).toBe(0);
    expect(await page.content()).not.toMatch(/Se déconnecter|Tableau de bord|Référente|Cap Qualité/);
    await expectAccessible(page);
    // Sent without the required answer: the message is beside the question, nothing is sent.
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await expect.poll(() => page.getByText("Question 6 : une réponse est attendue.").isVisible()).toBe(true);
    await page.getByLabel("Où avez-vous été accueilli(e) ?").selectOption({ label: "Hagetmau" });
    const question = (n: number) => page.getByRole("group", { name: new RegExp(`^${n}\\. `) });
    await question(1).getByText("Très satisfait").click();
    await question(4).getByText("Peu satisfait").click();
    await question(5).getByText("Satisfait", { exact: true }).click();
    await question(6).getByText("Satisfait", { exact: true }).click();
    await question(7).getByText("Panneaux et signalétique").click();
    await question(7).getByText("Site internet").click();
    await page.getByLabel(/^10\. Vos remarques/).fill("Les oriflammes se voient bien ; horaires du midi un peu courts.");
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await page.waitForURL(/\?merci=1$/);
    await expect.poll(() => page.getByRole("heading", { name: "Réponses bien reçues" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await fs.mkdir(OUT, { recursive: true });
    await page.screenshot({ path: path.join(OUT, "questionnaire-merci-390.png"), fullPage: true });
    expect(errors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    await context.close();
  });

  it("a visitor without JavaScript answers too: the form posts as plain HTML, its errors come back beside the questions", async () => {
    const { context, page } = await newPage(browser, { width: 390, javaScriptEnabled: false });
    await page.goto(`${publicLink}?via=qr`);
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await expect.poll(() => page.getByText("Question 6 : une réponse est attendue.").isVisible()).toBe(true);
    await page.getByRole("group", { name: /^6\. / }).getByText("Très satisfait").click();
    await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
    await page.waitForURL(/\?merci=1$/);
    await expect.poll(() => page.getByRole("heading", { name: "Réponses bien reçues" }).isVisible()).toBe(true);
    await context.close();
  });

  it("a conseillère types three paper sheets by keyboard", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("staff").email);
    await page.goto(`${campaignUrl}/saisie`);
    await expect.poll(() => page.getByRole("heading", { name: "Saisir une feuille" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel("Bureau", { exact: true }).selectOption({ label: "Hagetmau" });
    const first = page.getByLabel(/^1\. Qualité de l'accueil/);
    const sheets = [
      ["4", "3", "4", "3", "2", "4", "2", "3"],
      ["3", "3", "2", "2", "1", "2", "1", "4"],
      ["4", "4", "4", "4", "3", "4", "3", ""],
    ];
    for (const [n, digits] of sheets.entries()) {
      await first.focus();
      // Six scale questions: a digit each, the cursor moving on by itself.
      for (const digit of digits.slice(0, 6)) await page.keyboard.type(digit);
      // Question 7 (several choices): Space ticks the first, Tab crosses the others.
      await page.keyboard.press("Space");
      for (let i = 0; i < 6; i += 1) await page.keyboard.press("Tab");
      // Question 8 (one choice) by its number, then the group's size, and Entrée.
      await page.keyboard.type(digits[6]!);
      if (digits[7]) await page.keyboard.type(digits[7]);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Feuille enregistrée : réponse n° \d+\. Au suivant !$/);
      // The visitors' two sheets, then these.
      await expect.poll(() => page.getByRole("heading", { name: /^Dernières réponses/ }).textContent()).toBe(`Dernières réponses (${n + 3} en tout)`);
      // The next sheet keeps the day and the desk, its answers empty.
      await expect.poll(() => page.getByLabel("Bureau", { exact: true }).inputValue()).not.toBe("");
      await expect.poll(() => first.inputValue()).toBe("");
    }
    await expectAccessible(page);
    await context.close();
  });

  it("shows the results with their charts, accessible, and turns a dissatisfied answer into a complaint", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("quality_referent").email);
    await page.goto(campaignUrl);
    await expect.poll(() => page.getByRole("heading", { name: "Satisfaction par question" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("img", { name: /^Visiteurs satisfaits par question\. 1\. Qualité de l'accueil : \d{4} 100 %/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole("region", { name: "Visiteurs satisfaits par question : les chiffres" }).isVisible()).toBe(true);
    expect(await page.getByText("campagne non réalisée").count()).toBe(0);
    await expect.poll(() => page.getByRole("region", { name: "Réponses", exact: true }).locator(".stat__value").textContent()).toBe("5");
    await expectAccessible(page);
    await page.screenshot({ path: path.join(OUT, "questionnaire-resultats-1280.png"), fullPage: true });
    await page.getByRole("region", { name: /^Réponses insatisfaites/ }).getByRole("link").first().click();
    await page.waitForURL(/\/registres\/questionnaires\/reponses\/\d+$/);
    await page.getByRole("button", { name: "Ajouter la réclamation au registre" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toMatch(/^Réclamation n° \d+ ajoutée au registre\.$/);
    await page.getByRole("region", { name: "Suites données" }).getByRole("link").first().click();
    await page.waitForURL(/\/registres\/entrees\/\d+$/);
    await expect.poll(() => page.getByText("Questionnaire de satisfaction").first().isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });

  it("downloads the printable questionnaire, opened by LibreOffice", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("staff").email);
    await page.goto(`${campaignUrl}/diffusion`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger le questionnaire (Word)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^questionnaire-\d{4}-\d+\.docx$/);
    const { text, pdfPath, dir } = await docxToPdfText(await fs.readFile(await download.path()));
    const flat = text.replace(/’/g, "'").replace(/\s+/g, " ");
    expect(flat).toContain("Office de Tourisme Landes Chalosse");
    expect(flat).toContain("Votre avis sur notre accueil");
    expect(flat).toContain("Très satisfait (4)");
    // The printed link, whole on its line (its token may hold a hyphen: never a line break there).
    expect(text.replace(/\u2011/g, "-").split(/\r?\n/).map((line) => line.trim())).toContain(publicLink);
    await fs.mkdir(OUT, { recursive: true });
    const pages = await pdfToPngs(pdfPath, path.join(OUT, "questionnaire-word"));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    await fs.rm(dir, { recursive: true, force: true });
    await closeAll(context);
  });
});
