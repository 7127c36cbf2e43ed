// The director is told, in the app, that the group's next meeting is late; the administrator
// reads the mails that would have gone out (the demo sets no SMTP server).
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { expectAccessible, expectAccessibleMarkup, newPage, signIn } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const director = DEMO_ACCOUNTS.find((a) => a.role === "director")!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const OUT = path.resolve(__dirname, "../../tmp/e2e");

describe("reminders", () => {
  it("shows the director the meeting reminder in the bell, opens it and marks it read", async () => {
    for (const width of [1280, 390]) {
      const { context, page } = await newPage(browser, { width });
      await signIn(page, director.email);
      const account = page.getByRole("navigation", { name: "Mon compte" });
      if (width === 1280) {
        // The late meeting, and the digest of the actions she owns.
        await account.getByRole("link", { name: "Notifications : 2 non lues" }).click();
        await page.waitForURL(/\/notifications$/);
        const item = page.getByRole("listitem").filter({ hasText: "Réunion en retard : « Groupe Local Qualité »" });
        await expect.poll(() => item.getByText("Non lue").isVisible()).toBe(true);
        expect(await item.textContent()).toContain("devait se tenir au plus tard le samedi 25 septembre 2021");
        await expectAccessible(page);
        await item.getByRole("button", { name: /^Ouvrir/ }).click();
        await page.waitForURL(/\/reunions$/);
        await expect.poll(() => account.getByRole("link", { name: "Notifications : 1 non lue" }).isVisible()).toBe(true);
        await account.getByRole("link", { name: /^Notifications/ }).click();
        await page.waitForURL(/\/notifications$/);
        const digest = page.getByRole("listitem").filter({ hasText: /^.*Vos actions : / });
        await expect.poll(() => digest.getByText("Non lue").isVisible()).toBe(true);
        await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
        await expect.poll(() => page.getByText("Tout est lu.").isVisible()).toBe(true);
        await expect.poll(() => page.getByText(/lue le \d{2}\/\d{2}\/\d{4}/).first().isVisible()).toBe(true);
      } else {
        // On a phone, after reading it on the desktop: the bell says so too.
        await expect.poll(() => account.getByRole("link", { name: "Notifications : aucune non lue" }).isVisible()).toBe(true);
        await page.goto("/notifications");
        await expectAccessible(page);
      }
      await context.close();
    }
  });

  it("lets the administrator read the kept mails in « Courriels envoyés »", async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, admin.email);
    await page.goto("/administration");
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Courriels envoyés" }).click();
    await page.waitForURL(/\/administration\/courriels$/);
    expect(await page.getByText("Aucun serveur d'envoi n'est réglé (SMTP_URL)").isVisible()).toBe(true);
    const mail = page.getByRole("listitem").filter({ hasText: "À Directrice (démo) <directrice@demo.cap-qualite.fr>" }).filter({ hasText: "Réunion en retard" });
    expect(await mail.getByText("Conservé, non envoyé").isVisible()).toBe(true);
    await mail.getByText("Lire le courriel").click();
    expect(await mail.locator("pre").textContent()).toContain("Bonjour Directrice (démo),");
    expect(await mail.locator("pre").textContent()).toMatch(/Ne plus le recevoir par courriel : http:\/\/\S+\/desabonnement\//);
    // The référente's digest of her actions, with them listed (she owns the seed's follow-ups).
    const digest = page.getByRole("listitem").filter({ hasText: "À Référente qualité (démo) <referente@demo.cap-qualite.fr>" }).filter({ hasText: "Vos actions : " });
    await digest.getByText("Lire le courriel").click();
    const text = await digest.locator("pre").textContent();
    expect(text).toContain("Voici les actions du plan dont vous êtes le pilote");
    expect(text).toMatch(/– .+ : en retard depuis le /);
    await expectAccessibleMarkup(browser, await page.content());
    await context.close();
  });

  it("lets the director set when the office's reminders go out, and her digest's day", async () => {
    for (const width of [1280, 390]) {
      const { context, page } = await newPage(browser, { width });
      await signIn(page, director.email);
      await page.goto("/administration/rappels");
      await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Rappels de l'office");
      await expectAccessible(page);
      await page.screenshot({ path: path.join(OUT, `rappels-office-${width}.png`), fullPage: true });
      if (width === 1280) {
        const field = page.getByLabel(/^Fin de validité d'un label/);
        expect(await field.inputValue()).toBe("6, 3, 1");
        await field.fill("4, 0");
        await page.getByRole("button", { name: "Enregistrer" }).click();
        await expect.poll(() => page.getByText(/^Fin de validité d'un label : des nombres de mois entre 1 et 24/).isVisible()).toBe(true);
        await field.fill("4, 1");
        await page.getByRole("button", { name: "Enregistrer" }).click();
        await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Rappels de l'office enregistrés\./);
        expect(await page.getByLabel(/^Fin de validité d'un label/).inputValue()).toBe("4, 1");

        await page.goto("/notifications");
        await page.getByLabel("Jour du récapitulatif de mes actions").selectOption({ label: "jeudi" });
        await page.getByRole("button", { name: "Enregistrer mes choix" }).click();
        await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Vos choix de rappels par courriel sont enregistrés\./);
        expect(await page.getByLabel("Jour du récapitulatif de mes actions").inputValue()).toBe("4");
        await expectAccessible(page);
        // Back to the defaults: the other journeys read the demo as it was seeded.
        await page.getByLabel("Jour du récapitulatif de mes actions").selectOption({ label: "lundi" });
        await page.getByRole("button", { name: "Enregistrer mes choix" }).click();
        await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Vos choix de rappels par courriel sont enregistrés\./);
        await page.goto("/administration/rappels");
        await page.getByLabel(/^Fin de validité d'un label/).fill("6, 3, 1");
        await page.getByRole("button", { name: "Enregistrer" }).click();
        await expect.poll(() => page.getByRole("status").textContent()).toMatch(/Rappels de l'office enregistrés\./);
      }
      await context.close();
    }
  });
});
