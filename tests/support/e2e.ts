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
  if (options.javaScriptEnabled ?? true) waitForScriptsOnLoad(page);
  return { context, page };
}

/**
 * After a full load (goto, reload) the page answers the keyboard as designed only once its
 * scripts have run; before that a key press reaches the bare HTML form. The app marks the
 * moment on <html data-hydrated>; pages that are not the app's (a file, the health check) have
 * no module script and are not waited for.
 */
function waitForScriptsOnLoad(page: Page) {
  const live = () =>
    page.waitForFunction(() => !document.querySelector("script[type=module]") || document.documentElement.dataset.hydrated === "1", undefined, { timeout: 15_000 });
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args: Parameters<Page["goto"]>) => {
    const response = await goto(...args);
    if (response?.headers()["content-type"]?.startsWith("text/html")) await live();
    return response;
  };
  page.reload = async (...args: Parameters<Page["reload"]>) => {
    const response = await reload(...args);
    if (response?.headers()["content-type"]?.startsWith("text/html")) await live();
    return response;
  };
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
