// The référente finds her reminders in the app (a sheet's review overdue, her weekly digest of
// actions); the administrator reads the mails that would have gone out (the demo sets no SMTP
// server). The demo's group meets on time (decision 030): the late-meeting reminder itself is
// checked on a series of its own in tests/integration/demo-seed.test.ts.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { ACTIONS_AROUND_TODAY } from "../../db/seeds/demo-story";
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
const referent = DEMO_ACCOUNTS.find((a) => a.role === "quality_referent")!;
/** The bell's name for this many unread notifications. */
const bell = (n: number) => (n > 0 ? `Notifications : ${n} non lue${n > 1 ? "s" : ""}` : "Notifications : aucune non lue");
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const OUT = path.resolve(__dirname, "../../tmp/e2e");

describe("reminders", () => {
  it("shows the référente her reminders in the bell, opens one and marks them read", async () => {
    for (const width of [1280, 390]) {
      const { context, page } = await newPage(browser, { width });
      await signIn(page, referent.email);
      const account = page.getByRole("navigation", { name: "Mon compte" });
      if (width === 1280) {
        await account.getByRole("link", { name: /^Notifications : \d+ non lues?$/ }).click();
        await page.waitForURL(/\/notifications$/);
        // As many unread as the bell says: at least the overdue review and her digest. The URL
        // changes as the navigation commits, before React has drawn the list: wait for it.
        await expect.poll(() => page.getByText("Non lue", { exact: true }).count()).toBeGreaterThanOrEqual(2);
        const unread = await page.getByText("Non lue", { exact: true }).count();
        expect(await account.getByRole("link", { name: /^Notifications/ }).getAttribute("aria-label")).toBe(bell(unread));
        expect(await page.getByText(`${unread} non lues sur `).isVisible()).toBe(true);
        // The minutes' sheet, reviewed last in March 2021 (the seed's header), is overdue.
        const item = page.getByRole("listitem").filter({ hasText: "Revue en retard : fiche FQ-07" });
        await expect.poll(() => item.getByText("Non lue").isVisible()).toBe(true);
        expect(await item.textContent()).toContain("devait être revue au plus tard le samedi 26 mars 2022");
        await expectAccessible(page);
        await item.getByRole("button", { name: /^Ouvrir/ }).click();
        await page.waitForURL(/\/fiches-qualite\/\d+$/);
        await expect.poll(() => page.getByRole("heading", { level: 1, name: /FQ-07/ }).isVisible()).toBe(true);
        await expect.poll(() => account.getByRole("link", { name: bell(unread - 1) }).isVisible()).toBe(true);
        await account.getByRole("link", { name: /^Notifications/ }).click();
        await page.waitForURL(/\/notifications$/);
        // Her digest: the actions she owns late or due this week, by the story's days.
        const digest = page.getByRole("listitem").filter({ hasText: /^.*Vos actions : / });
        await expect.poll(() => digest.getByText("Non lue").isVisible()).toBe(true);
        const mine = ACTIONS_AROUND_TODAY.filter((a) => a.owner === "referent");
        for (const a of mine) expect(await digest.textContent()).toContain(`– ${a.title} : ${a.dueIn < 0 ? "en retard depuis le" : "échéance le"}`);
        await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
        await expect.poll(() => page.getByText("Tout est lu.").isVisible()).toBe(true);
        await expect.poll(() => page.getByText(/lue le \d{2}\/\d{2}\/\d{4}/).first().isVisible()).toBe(true);
      } else {
        // On a phone, after reading them on the desktop: the bell says so too.
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
    // The director's digest: she owns an action a few weeks late (the demo's story).
    const mail = page.getByRole("listitem").filter({ hasText: "À Directrice (démo) <directrice@demo.cap-qualite.fr>" }).filter({ hasText: "Vos actions : " });
    expect(await mail.getByText("Conservé, non envoyé").isVisible()).toBe(true);
    await mail.getByText("Lire le courriel").click();
    expect(await mail.locator("pre").textContent()).toContain("Bonjour Directrice (démo),");
    expect(await mail.locator("pre").textContent()).toMatch(/Ne plus le recevoir par courriel : http:\/\/\S+\/desabonnement\//);
    expect(await mail.locator("pre").textContent()).toContain(`– ${ACTIONS_AROUND_TODAY.find((a) => a.owner === "director")!.title} : en retard depuis le `);
    // The référente's digest of her actions, with them listed (one of them a few days late).
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
