// Each role signs in, moves around, meets a refusal where it should, and signs out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { expectAccessible, newPage, signIn, signOut } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const account = (role: string) => DEMO_ACCOUNTS.find((a) => a.role === role)!;

describe("signing in as each role", () => {
  it("shows the sign-in page, accessible on a desktop and on a phone", async () => {
    for (const width of [1280, 390]) {
      const { context, page } = await newPage(browser, { width });
      await page.goto("/tableau-de-bord");
      await page.waitForURL(/\/connexion\?redirectTo=%2Ftableau-de-bord$/);
      await expect.poll(() => page.getByRole("heading", { name: "Connexion" }).isVisible()).toBe(true);
      await expectAccessible(page);
      await context.close();
    }
  });

  it("refuses a wrong password with a message that names no account", async () => {
    const { context, page } = await newPage(browser);
    await page.goto("/connexion");
    await page.getByLabel("E-mail").fill("inconnu@example.fr");
    await page.getByLabel("Mot de passe").fill("mauvais mot de passe");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("E-mail ou mot de passe incorrect.");
    await expectAccessible(page);
    await context.close();
  });

  it("administrator: dashboard, every administration page, the office switcher, sign-out", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("admin").email);
    await expect.poll(() => page.getByRole("heading", { name: "Tableau de bord" }).isVisible()).toBe(true);
    await expectAccessible(page);
    for (const [link, heading] of [
      ["Administration", "L'office"],
      ["Bureaux", "Bureaux d'information"],
      ["Personnes", "Personnes"],
      ["Comptes", "Comptes"],
    ] as const) {
      await page.getByRole("link", { name: link, exact: true }).first().click();
      await expect.poll(() => page.getByRole("heading", { level: 1, name: heading }).isVisible()).toBe(true);
      await expectAccessible(page);
    }
    // The administrator of the demo also runs a second office: switch to it, see only its data.
    await page.getByLabel("Office").selectOption({ label: "Office de tourisme Coteaux et Bastides (démo)" });
    await page.getByRole("button", { name: "Changer" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Coteaux et Bastides");
    await page.goto("/administration/bureaux");
    const sites = await page.locator("table tbody tr").allTextContents();
    expect(sites).toHaveLength(1);
    expect(sites[0]).toContain("Bureau principal");
    await expectAccessible(page);
    await page.getByLabel("Office").selectOption({ label: "Office de Tourisme Landes Chalosse" });
    await page.getByRole("button", { name: "Changer" }).click();
    await signOut(page);
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Vous êtes déconnecté(e).");
    await page.goto("/administration");
    await page.waitForURL(/\/connexion/);
    await context.close();
  });

  for (const role of ["director", "quality_referent"] as const) {
    it(`${role}: reads the administration but cannot manage accounts`, async () => {
      const { context, page } = await newPage(browser);
      await signIn(page, account(role).email);
      await page.getByRole("link", { name: "Administration" }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1, name: "L'office" }).isVisible()).toBe(true);
      expect(await page.getByText("Seul un administrateur peut modifier ces informations.").isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Comptes" }).count()).toBe(0);
      await page.getByRole("link", { name: "Personnes", exact: true }).click();
      await expect.poll(() => page.getByRole("heading", { level: 1, name: "Personnes" }).isVisible()).toBe(true);
      await expectAccessible(page);
      const response = await page.goto("/administration/comptes");
      expect(response?.status()).toBe(403);
      await expect.poll(() => page.getByRole("heading", { name: "Accès refusé" }).isVisible()).toBe(true);
      await expectAccessible(page);
      await signOut(page);
      await context.close();
    });
  }

  for (const role of ["staff", "quality_group_member"] as const) {
    it(`${role}: sees the dashboard and meets a 403 on the administration`, async () => {
      const { context, page } = await newPage(browser, { width: role === "staff" ? 390 : 1280 });
      await signIn(page, account(role).email);
      await expect.poll(() => page.getByText(account(role).displayName).first().isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Administration" }).count()).toBe(0);
      await expectAccessible(page);
      // Nothing overflows sideways on a phone.
      expect(await page.evaluate(() => document.body.scrollWidth <= window.innerWidth)).toBe(true);
      const response = await page.goto("/administration");
      expect(response?.status()).toBe(403);
      await expect.poll(() => page.getByRole("heading", { name: "Accès refusé" }).isVisible()).toBe(true);
      await expectAccessible(page);
      // The navigation is still there to go back.
      await page.getByRole("link", { name: "Retour au tableau de bord" }).click();
      await page.waitForURL(/\/tableau-de-bord$/);
      await signOut(page);
      await context.close();
    });
  }

  it("answers an unknown page with a French 404", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, account("admin").email);
    const response = await page.goto("/administration/bureaux/999999");
    expect(response?.status()).toBe(404);
    await expect.poll(() => page.getByRole("heading", { name: "Page introuvable" }).isVisible()).toBe(true);
    await expectAccessible(page);
    await context.close();
  });
});
