// A form submitted twice writes once (decision 021), in the browser: two submissions at once
// with JavaScript, a double click without it; and the next submission of the same text, once the
// first is done, is a new note.
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

async function firstAction(page: Page) {
  await page.goto("/plan-d-actions");
  await page.locator("table a[href^='/plan-d-actions/']").first().click();
  await page.waitForURL(/\/plan-d-actions\/\d+$/);
}

const notesWith = (page: Page, text: string) => page.getByRole("region", { name: "Suivi" }).getByText(text, { exact: true }).count();

describe("double submissions", () => {
  it("with JavaScript: two submissions at once write one note; the same text sent again later is a new one", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await firstAction(page);
    const text = `Relance double ${Date.now()}`;
    await page.getByRole("textbox", { name: "Nouvelle note" }).fill(text);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Ajouter la note" }) });
    const token = await form.locator("input[name=_once]").inputValue();
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    await form.evaluate((f: HTMLFormElement) => {
      f.requestSubmit();
      f.requestSubmit();
    });
    await expect.poll(() => notesWith(page, text)).toBe(1);
    await page.waitForLoadState("networkidle");
    // A new token once the submission is done: the same words again are a second note.
    await expect.poll(() => form.locator("input[name=_once]").inputValue()).not.toBe(token);
    await page.getByRole("textbox", { name: "Nouvelle note" }).fill(text);
    await page.getByRole("button", { name: "Ajouter la note" }).click();
    await expect.poll(() => notesWith(page, text)).toBe(2);
    await expectAccessible(page);
    await context.close();
  });

  it("without JavaScript: a double click writes one note, and a resent form says it was already recorded", async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, referent.email);
    await firstAction(page);
    const actionUrl = page.url();
    const text = `Double clic ${Date.now()}`;
    await page.getByRole("textbox", { name: "Nouvelle note" }).fill(text);
    // Both submissions, and the redirects they lead to, must be over before the page is opened
    // again: "load" alone can be the old page's, and a navigation still under way then aborts it.
    const navigations = new Set<unknown>();
    let over = 0;
    page.on("request", (r) => {
      if (r.isNavigationRequest()) navigations.add(r);
    });
    const settle = (r: unknown) => {
      if (navigations.has(r)) over += 1;
    };
    page.on("requestfinished", settle);
    page.on("requestfailed", settle);
    await page.getByRole("button", { name: "Ajouter la note" }).dblclick();
    await expect.poll(() => navigations.size >= 2 && over === navigations.size).toBe(true);
    await page.waitForLoadState("load");
    await page.goto(actionUrl);
    expect(await notesWith(page, text)).toBe(1);
    // The same form (same token) posted again, as a browser's retry does.
    const form = page.locator("form", { has: page.getByRole("button", { name: "Ajouter la note" }) });
    const token = await form.locator("input[name=_once]").inputValue();
    const first = await page.request.post(actionUrl, { form: { _once: token, intent: "note", text: "Première" }, maxRedirects: 0 });
    expect(first.status()).toBe(302);
    const retry = await page.request.post(actionUrl, { form: { _once: token, intent: "note", text: "Première" }, maxRedirects: 0 });
    expect(retry.status()).toBe(302);
    await page.goto(actionUrl);
    expect(await notesWith(page, "Première")).toBe(1);
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("Ce formulaire avait déjà été envoyé : il n'a été enregistré qu'une fois.");
    await page.screenshot({ path: "tmp/screenshots/deja-envoye-1280.png", fullPage: false });
    await context.close();
  });
});
