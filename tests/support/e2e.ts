// Helpers for end-to-end tests: sign in through the real page, and check accessibility.
import { expect, inject } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { axeViolations, describeViolations } from "./browser";
import { DEMO_PASSWORD } from "../../db/seeds/demo";

export const baseUrl = () => inject("baseUrl");

export async function newPage(browser: Browser, options: { width?: number; javaScriptEnabled?: boolean } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: "fr-FR",
    timezoneId: "Europe/Paris",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  return { context, page };
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/connexion");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await page.waitForURL(/\/tableau-de-bord$/);
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await page.waitForURL(/\/connexion\?deconnecte=1$/);
}

/** Every page checked in a journey must pass axe-core's WCAG 2.1 A and AA rules. */
export async function expectAccessible(page: Page) {
  await page.waitForLoadState("load");
  const violations = await axeViolations(page);
  expect(violations, `${page.url()}\n${describeViolations(violations)}`).toEqual([]);
}

/** For pages seen without JavaScript: the same markup, checked in a page where axe can run. */
export async function expectAccessibleMarkup(browser: Browser, html: string) {
  const { context, page } = await newPage(browser);
  await page.goto("/healthz");
  const markup = html.replace(/<script[\s\S]*?<\/script>/g, "").replace("<head>", `<head><base href="${baseUrl()}/">`);
  await page.setContent(markup, { waitUntil: "load" });
  await expectAccessible(page);
  await context.close();
}

export async function closeAll(...contexts: BrowserContext[]) {
  for (const c of contexts) await c.close();
}
