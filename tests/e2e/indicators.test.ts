// Indicators in the browser: the référente adds a season, types the seed's season figures for
// 2019 and 2020 by keyboard (and pastes a block of the sites' figures), is stopped by a wrong
// cell, and reads +1.5 % contacts and +15.8 % persons with the chart and its table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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
const director = DEMO_ACCOUNTS.find((a) => a.role === "director")!;
const cell = (page: Page, row: string, year: number) => page.getByRole("textbox", { name: new RegExp(`^${row}.* Haute saison ${year}$`) });

describe("indicators", () => {
  it("enters the seed's season figures by keyboard and compares the season with the year before", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Indicateurs" }).click();
    await page.waitForURL(/\/indicateurs$/);
    await expectAccessible(page);

    // A season of the office's own: July to August.
    const seasonForm = page.getByRole("form", { name: "Nouvelle saison" });
    await seasonForm.getByLabel(/^Nom de la saison/).fill("Haute saison");
    await seasonForm.getByLabel(/^Premier mois/).selectOption({ label: "juillet" });
    await seasonForm.getByLabel(/^Dernier mois/).selectOption({ label: "août" });
    await seasonForm.getByRole("button", { name: "Ajouter la saison" }).click();
    await expect.poll(() => page.getByText("Saison « Haute saison » ajoutée.").isVisible()).toBe(true);

    await page.getByRole("link", { name: "Saisir des chiffres" }).click();
    await page.waitForURL(/\/indicateurs\/saisie/);
    await page.getByRole("button", { name: "Enregistrer les chiffres" }).waitFor();
    await page.getByLabel("Période", { exact: true }).selectOption({ label: "Haute saison (juillet – août)" });
    await page.getByRole("button", { name: "Afficher" }).click();
    await page.waitForURL(/periode=saison-\d+/);
    await expectAccessible(page);
    // The keyboard moves come with the page's script: before it runs, Enter would send the form.
    await page.getByText(/^Entrée ou flèches : cellule du dessous/).waitFor();
    // Nothing left to load (a late answer would redraw the grid under the keyboard on a busy machine).
    await page.waitForLoadState("networkidle");

    // By keyboard: Tab across the years, Enter down the rows (past the four sites of Contacts).
    await cell(page, "Contacts à l'accueil", 2019).focus();
    await page.keyboard.type("2 638");
    await page.keyboard.press("Tab");
    await page.keyboard.type("2678");
    // Enter goes down a row, to the first site of Contacts, in the same year.
    await page.keyboard.press("Enter");
    await expect.poll(() => cell(page, "dont Saint-Sever", 2020).first().evaluate((input) => input === document.activeElement)).toBe(true);
    await cell(page, "Personnes renseignées", 2020).focus();
    await page.keyboard.type("5698");
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.type("4922");
    expect(await cell(page, "Personnes renseignées", 2020).inputValue()).toBe("5698");
    expect(await cell(page, "Personnes renseignées", 2019).inputValue()).toBe("4922");

    // A block copied from a spreadsheet: two sites (Saint-Sever, then Amou) × two years.
    await cell(page, "dont Saint-Sever", 2019).first().evaluate((input) => {
      const data = new DataTransfer();
      data.setData("text/plain", "1200\t1210\n650\t660\n");
      input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await cell(page, "dont Amou", 2020).first().inputValue()).toBe("660");

    // A wrong cell: nothing is saved, the cell says why.
    await cell(page, "dont Geaune", 2019).first().fill("12,5,3");
    await page.getByRole("button", { name: "Enregistrer les chiffres" }).click();
    await expect.poll(() => page.getByText(/1 cellule à corriger : rien n'a été enregistré/).isVisible()).toBe(true);
    expect(await cell(page, "Contacts à l'accueil", 2019).inputValue()).toBe("2 638");
    await expectAccessible(page);
    await cell(page, "dont Geaune", 2019).first().fill("");
    await page.getByRole("button", { name: "Enregistrer les chiffres" }).click();
    await expect.poll(() => page.getByText("8 chiffres enregistrés.").isVisible()).toBe(true);

    // The indicator's page: the season 2020 against 2019, with the chart and its table.
    await page.goto(page.url().replace("/saisie", "").replace(/annee=\d+/, "annee=2020"));
    await page.getByRole("link", { name: "Personnes renseignées" }).click();
    await page.waitForURL(/\/indicateurs\/\d+\?/);
    await expect.poll(() => page.getByTestId("variation").textContent()).toBe("+15,8 %");
    const chart = page.getByRole("img", { name: /Personnes renseignées — haute saison/ });
    expect(await chart.getAttribute("aria-label")).toContain("2019 : 4 922 ; 2020 : 5 698");
    expect(await page.getByRole("table", { name: "Chiffres du graphique" }).textContent()).toContain("Haute saison 2020");
    await expectAccessible(page);
    await page.goBack();
    await page.getByRole("link", { name: "Contacts à l'accueil" }).click();
    await expect.poll(() => page.getByTestId("variation").textContent()).toBe("+1,5 %");
    expect(await page.getByRole("table", { name: /Détail par bureau/ }).textContent()).toContain("Saint-Sever");
    await expectAccessible(page);
    await context.close();
  });

  it("shows the director the season's key figures on the dashboard and the demo's figures, read only, on a phone", async () => {
    const { context, page } = await newPage(browser, { width: 390 });
    await signIn(page, director.email);
    // The dashboard: the latest summer season against the one before, each figure a link.
    const keyFigures = page.getByRole("region", { name: "Chiffres clés" });
    await expect.poll(() => keyFigures.getByRole("link", { name: "Contacts à l'accueil" }).isVisible()).toBe(true);
    expect(await keyFigures.textContent()).toMatch(/Saison d'été \d{4} par rapport à Saison d'été \d{4}/);
    await expectAccessible(page);
    await page.goto("/indicateurs?periode=annee&annee=2020");
    await expect.poll(() => page.getByRole("table", { name: "Numérique" }).textContent()).toContain("1 087 638");
    expect(await page.getByRole("link", { name: "Saisir des chiffres" }).count()).toBe(0);
    expect(await page.getByText(/manquant/).first().isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });
});
