// The référente's morning: turn the bike-rack improvement point into an action, follow it up,
// mark it done with its proof, check its effectiveness; filter late actions; export the plan.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator } from "playwright-core";
import { percentDone } from "~/modules/action/rules";
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

/** "50 % réalisé — 1 faite, 1 en cours ou à faire" under a point's progress bar, as numbers. */
async function progressCounts(point: Locator): Promise<{ done: number; open: number }> {
  const text = (await point.locator(".progress").textContent()) ?? "";
  const done = /(\d+) faites?/.exec(text);
  const open = /(\d+) en cours ou à faire/.exec(text);
  if (!done || !open) throw new Error(`avancement illisible : ${text}`);
  return { done: Number(done[1]), open: Number(open[1]) };
}
/** A 1×1 transparent PNG. */
const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";

describe("action plan", () => {
  it("turns an improvement point into an action and closes the loop", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/audits");
    await page.getByRole("link", { name: "Audit accueil 2020" }).click();
    const point = page.locator(".findings li", { hasText: "Rack à vélos à installer devant l'office de Hagetmau." });
    // The point's actions as the demo has them now (its story may have closed the seed's follow-up).
    const before = await progressCounts(point);
    await point.getByRole("link", { name: "Créer une action à partir de ce point" }).click();
    await page.waitForURL(/\/plan-d-actions\/nouvelle\?constat=\d+$/);
    expect(await page.getByRole("textbox", { name: "Intitulé" }).inputValue()).toBe("Rack à vélos à installer devant l'office de Hagetmau.");
    expect(await page.getByRole("checkbox", { name: "Hagetmau" }).first().isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await expect.poll(() => page.getByText("Pilote : faites un choix dans la liste.").isVisible()).toBe(true);
    await page.getByLabel(/^Pilote/).selectOption({ label: "Référente qualité" });
    await page.getByLabel(/^Échéance/).fill("2021-05-31");
    await page.getByRole("button", { name: "Ajouter l'action" }).click();
    await page.waitForURL(/\/plan-d-actions\/\d+$/);
    await expectAccessible(page);

    await page.getByRole("textbox", { name: "Nouvelle note" }).fill("Rendez-vous pris avec la mairie de Hagetmau.");
    await page.getByRole("button", { name: "Ajouter la note" }).click();
    await expect.poll(() => page.getByRole("region", { name: "Suivi" }).getByText("Rendez-vous pris avec la mairie de Hagetmau.").isVisible()).toBe(true);
    // The form empties after its own success: a second click cannot add the note twice.
    await expect.poll(() => page.getByRole("textbox", { name: "Nouvelle note" }).inputValue()).toBe("");
    await page.getByRole("button", { name: "Ajouter la note" }).click();
    await expect.poll(() => page.getByText("Note : ce champ est obligatoire.").isVisible()).toBe(true);
    expect(await page.getByRole("region", { name: "Suivi" }).getByText("Rendez-vous pris avec la mairie de Hagetmau.").count()).toBe(1);

    await page.getByLabel(/^Statut/).selectOption({ label: "Faite" });
    await page.getByRole("button", { name: "Enregistrer l'avancement" }).click();
    await expect.poll(() => page.getByText("Date de réalisation : obligatoire pour une action faite.").isVisible()).toBe(true);
    await page.getByLabel(/^Date de réalisation/).fill("2021-05-20");
    await page.getByLabel(/^Preuve de réalisation/).fill("Photo du rack installé, rangée dans le dossier qualité.");
    await page.getByRole("button", { name: "Enregistrer l'avancement" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Statut : Faite.");

    // The photo of the rack as proof; a text file is refused beside the field.
    await page.getByLabel("Fichier").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("pas une photo") });
    await page.getByRole("button", { name: "Ajouter le fichier" }).click();
    await expect.poll(() => page.getByText("Fichier : seuls les photos (JPEG, PNG, WebP) et les documents PDF sont acceptés.").isVisible()).toBe(true);
    // After an error the choice stays, to be corrected.
    expect(await page.getByLabel("Fichier").inputValue()).toMatch(/notes\.txt$/);
    await page.getByLabel("Fichier").setInputFiles({ name: "rack-hagetmau.png", mimeType: "image/png", buffer: Buffer.from(TINY_PNG, "base64") });
    await page.getByRole("button", { name: "Ajouter le fichier" }).click();
    await expect.poll(() => page.getByRole("link", { name: "rack-hagetmau.png" }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel("Fichier").inputValue()).toBe("");
    // A photo shows as a thumbnail inside its link (the name is the link's text).
    const thumbnail = page.getByRole("link", { name: "rack-hagetmau.png" }).locator("img");
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    await page.getByLabel(/^Résultat/).selectOption({ label: "Efficace" });
    await page.getByRole("button", { name: "Enregistrer la vérification" }).click();
    await expect.poll(() => page.getByText(/^Efficace — vérifiée le/).isVisible()).toBe(true);
    await expectAccessible(page);

    // Back on the audit, the point shows its action and its progress.
    await page.goto("/audits");
    await page.getByRole("link", { name: "Audit accueil 2020" }).click();
    // One more action done, the open ones as they were.
    const rack = page.locator(".findings li", { hasText: "Rack à vélos" });
    await expect.poll(() => progressCounts(rack)).toEqual({ done: before.done + 1, open: before.open });
    expect(await rack.getByRole("progressbar").getAttribute("aria-valuenow")).toBe(String(percentDone(before.done + 1, before.open)));
    await context.close();
  });

  it("moves a card on the board with the keyboard", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/plan-d-actions");
    await page.getByRole("link", { name: "Tableau", exact: true }).click();
    await page.waitForURL(/\/plan-d-actions\/tableau/);
    await expectAccessible(page);
    const card = page.locator(".board__card", { hasText: "Voir avec la communauté de communes" });
    await card.getByLabel("Déplacer vers").focus();
    await card.getByLabel("Déplacer vers").selectOption({ label: "En cours" });
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/: En cours\.$/);
    const column = page.getByRole("region", { name: /^En cours/ });
    await expect.poll(() => column.getByRole("link", { name: /^Voir avec la communauté de communes/ }).isVisible()).toBe(true);
    await context.close();
  });

  it("shows the address's filters in the panel after following « Mes actions »", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.getByRole("link", { name: "Plan d'actions" }).click();
    await page.waitForURL(/\/plan-d-actions$/);
    await page.getByRole("link", { name: "Mes actions" }).click();
    await page.waitForURL(/pilote=/);
    // The page follows the address once the new data has arrived: wait for it, do not read at once.
    await expect.poll(() => page.getByText("Filtrer et rechercher (2 filtres actifs)").isVisible()).toBe(true);
    const owner = page.getByRole("combobox", { name: "Pilote" });
    expect(await owner.evaluate((select: HTMLSelectElement) => select.selectedOptions[0]?.textContent)).not.toBe("Tous");
    for (const status of ["À faire", "En cours", "Bloquée"]) expect(await page.getByRole("checkbox", { name: status, exact: true }).isChecked()).toBe(true);
    expect(await page.getByRole("checkbox", { name: "Faite", exact: true }).isChecked()).toBe(false);
    await expectAccessible(page);
    // And back to the whole plan: the panel follows again.
    await page.getByRole("link", { name: "Effacer les filtres" }).click();
    await page.waitForURL(/\/plan-d-actions$/);
    await expect.poll(() => page.locator("input[name=statut][value=a_faire]").isChecked()).toBe(false);
    await context.close();
  });

  it("filters late actions, keeps the filters in the address, and exports them", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.getByRole("link", { name: "Plan d'actions" }).click();
    await page.getByText("Filtrer et rechercher").click();
    await page.getByRole("checkbox", { name: "En retard seulement" }).check();
    await page.getByRole("button", { name: "Filtrer" }).click();
    await page.waitForURL(/en-retard=1/);
    await expect.poll(() => page.getByText("Filtrer et rechercher (1 filtre actif)").isVisible()).toBe(true);
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.filter({ hasText: "en retard" }).count()).toBe(await rows.count());
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Exporter (CSV)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^plan-d-actions-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        stream.on("error", reject);
      }, reject);
    });
    expect(text.startsWith("\uFEFFN°;Action;")).toBe(true);
    expect(text.trim().split("\r\n").slice(1).every((line) => line.endsWith(";oui"))).toBe(true);
    await context.close();
  });
});
