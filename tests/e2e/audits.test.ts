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
const director = DEMO_ACCOUNTS.find((a) => a.role === "director")!;

describe("audits", () => {
  it("records the audit of October 2020 as the report gave it: 91 %", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.getByRole("link", { name: "Audits", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Audits et labels" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Enregistrer un audit" }).click();
    await page.getByLabel(/^Intitulé/).fill("Audit accueil octobre 2020 (saisie)");
    // The demo holds Destination d'Excellence too: the 2020 audit is Qualité Tourisme's, on its grid.
    await page.getByRole("combobox", { name: /^Label\s*\*?$/ }).selectOption({ label: "Marque Qualité Tourisme" });
    const grid = page.getByLabel(/^Version du référentiel/);
    // The label's own grid replaces the one chosen for the label shown first.
    const shown = () => grid.evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? "");
    await page.waitForFunction((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent?.includes("Qualité Tourisme"), await grid.elementHandle(), { timeout: 5000 }).catch(() => undefined);
    expect(await shown()).toContain("Qualité Tourisme");
    await grid.selectOption((await grid.locator("option", { hasText: "Qualité Tourisme" }).first().getAttribute("value"))!);
    await page.getByLabel(/^Type d'audit/).selectOption({ label: "Visite mystère (audit accueil)" });
    await page.getByLabel(/^Mode de saisie/).selectOption({ label: "Taux rapporté (tel que le rapport externe le donne)" });
    await page.getByLabel(/^Début/).fill("2020-10-13");
    await page.getByLabel(/^Fin/).fill("2020-10-21");
    await page.getByLabel(/^Auditeur ou cabinet/).fill("Cabinet externe");
    await page.getByLabel(/^Statut/).selectOption({ label: "Terminé" });
    await page.getByLabel(/^Décision/).selectOption({ label: "Marque renouvelée" });
    // The référentiel's validity (five years) proposes the label's end and the next audit.
    expect(await page.getByLabel(/^Label valable jusqu'au/).inputValue()).toBe("2025-10-21");
    expect(await page.getByLabel(/^Prochain audit prévu/).inputValue()).toBe("2025-07-21");
    expect(await page.getByText("Proposé d'après la validité du référentiel (5 ans").isVisible()).toBe(true);
    await page.getByLabel(/^Label valable jusqu'au/).fill("2023-07-30");
    await page.getByLabel(/^Prochain audit prévu/).fill("2023-06-30");
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
    // The form empties after its success; a finding can be about several sites.
    await expect.poll(() => page.getByRole("textbox", { name: "Constat" }).inputValue()).toBe("");
    await page.getByRole("textbox", { name: "Constat" }).fill("Fléchage des offices à mettre en place.");
    const form = page.getByRole("form", { name: "Ajouter un constat" });
    await form.getByRole("checkbox", { name: "Amou", exact: true }).check();
    await form.getByRole("checkbox", { name: "Hagetmau", exact: true }).check();
    await page.getByRole("button", { name: "Ajouter le constat" }).click();
    const point = page.locator(".findings li", { hasText: "Fléchage des offices à mettre en place." });
    await expect.poll(() => point.getByText("Bureaux : Amou, Hagetmau").isVisible()).toBe(true);
    expect(await form.getByRole("checkbox", { name: "Amou", exact: true }).isChecked()).toBe(false);
    expect(await page.getByText("Prochain audit").first().isVisible()).toBe(true);
    await expectAccessible(page);
    // An action from it carries both sites over.
    await point.getByRole("link", { name: "Créer une action à partir de ce point" }).click();
    await page.waitForURL(/\/plan-d-actions\/nouvelle\?constat=\d+$/);
    // The audit page's finding form has the same group of sites: wait for the new page first.
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Nouvelle action" }).isVisible()).toBe(true);
    const sites = page.getByRole("form", { name: "Action", exact: true }).getByRole("group", { name: /^Bureaux concernés/ });
    expect(await sites.getByRole("checkbox", { name: "Amou", exact: true }).isChecked()).toBe(true);
    expect(await sites.getByRole("checkbox", { name: "Hagetmau", exact: true }).isChecked()).toBe(true);
    expect(await sites.getByRole("checkbox", { name: "Saint-Sever", exact: true }).isChecked()).toBe(false);
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

    // 2.6 (bike rack) was "Non": move to "Oui" with the arrow keys. Nothing in the row moves
    // while it saves (no button appears, the status keeps its place).
    const row = page.locator("form", { has: page.getByText("2.6", { exact: true }) });
    // Positions within the row (the page may scroll meanwhile).
    const box = async () => {
      const [r, choice, status] = [(await row.boundingBox())!, (await row.getByRole("radio", { name: "Non mesuré" }).boundingBox())!, (await row.getByRole("status").boundingBox())!];
      return { choice: [choice.x - r.x, choice.y - r.y], status: [status.x - r.x, status.y - r.y, status.width, status.height] };
    };
    const before = await box();
    await row.getByRole("radio", { name: "Non", exact: true }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect.poll(() => row.getByRole("status").textContent()).toBe("Enregistré");
    expect(await row.getByRole("radio", { name: "Oui", exact: true }).isChecked()).toBe(true);
    expect(await row.getByRole("button").count()).toBe(0);
    expect(await box()).toEqual(before);
    // One Tab stop per criterion: Tab goes from this rating to the next criterion's.
    const formOfFocus = () => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.form?.querySelector("input[name=criterionCode]")?.getAttribute("value") ?? document.activeElement?.tagName);
    const here = await formOfFocus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe("choice");
    expect(await formOfFocus()).not.toBe(here);
    // Entrée opens the comment, Échap comes back to the rating.
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await page.keyboard.press("Escape");
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe("choice");

    // "Non mesuré" is saved at once; its justification is asked beside it and counted as missing.
    const other = page.locator("form", { has: page.getByText("5.3", { exact: true }) });
    await other.getByRole("radio", { name: "Non mesuré" }).focus();
    await other.getByRole("radio", { name: "Non mesuré" }).check();
    await expect.poll(() => other.getByRole("status").textContent()).toBe("Enregistré, justification manquante");
    expect(await other.getByText("Justification manquante : dites pourquoi le critère est non mesuré").isVisible()).toBe(true);
    await expect.poll(() => page.locator("p.lead").textContent()).toMatch(/dont 1 « non mesuré » ou « non concerné » sans justification/);
    await expectAccessible(page);
    await page.reload();
    const reloaded = page.locator("form", { has: page.getByText("5.3", { exact: true }) });
    expect(await reloaded.getByRole("radio", { name: "Non mesuré" }).isChecked()).toBe(true);
    expect(await reloaded.getByRole("status").textContent()).toBe("Enregistré, justification manquante");
    await reloaded.getByRole("radio", { name: "Non mesuré" }).focus();
    await page.keyboard.press("Enter");
    await page.keyboard.type("Pas d'accueil presse cette année.");
    await page.keyboard.press("Tab");
    await expect.poll(() => reloaded.getByRole("status").textContent()).toBe("Enregistré");
    await expect.poll(() => page.locator("p.lead").textContent()).not.toMatch(/sans justification/);

    await page.reload();
    expect(await page.locator("form", { has: page.getByText("2.6", { exact: true }) }).getByRole("radio", { name: "Oui", exact: true }).isChecked()).toBe(true);
    expect(await page.locator("form", { has: page.getByText("5.3", { exact: true }) }).getByLabel("Commentaire").inputValue()).toBe("Pas d'accueil presse cette année.");
    await context.close();
  });

  it("tells a role that may only read why the audit, its grid and the label cannot be changed", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, director.email);
    await page.goto("/audits");
    await page.getByRole("link", { name: "Auto-évaluation de mars 2021" }).click();
    await page.waitForURL(/\/audits\/\d+$/);
    await expect.poll(() => page.getByText("Votre rôle permet de consulter cet audit, pas de le modifier").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: "Enregistrer l'audit" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Ajouter un constat" }).count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Voir la grille" }).click();
    await page.waitForURL(/\/grille$/);
    await expect.poll(() => page.getByText("Votre rôle permet de consulter cette grille, pas de la noter").isVisible()).toBe(true);
    expect(await page.getByText("Chaque choix est enregistré aussitôt").count()).toBe(0);
    await expectAccessible(page);
    await page.goto("/audits");
    await page.getByRole("link", { name: "Marque Qualité Tourisme" }).first().click();
    await page.waitForURL(/\/audits\/labels\/\d+$/);
    await expect.poll(() => page.getByText("Votre rôle permet de consulter ce label, pas de le modifier").isVisible()).toBe(true);
    expect(await page.getByRole("button", { name: /^Enregistrer/ }).count()).toBe(0);
    await expectAccessible(page);
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
