// Forms fetch their schema, and zod with it, on demand (decision 051): not on the page's first
// load but when focus first enters the form, so that the first blur shows the French message;
// and a form whose schema cannot be loaded (offline) still posts, the server answering.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { readManifest } from "../../scripts/bundle-size-lib";
import { launchBrowser } from "../support/browser";
import { newPage } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** zod core's code: it builds its classes under their names, which minifying keeps. */
const isZod = (body: string) => body.includes('"$ZodType"');

/** The scripts of the build the page received, and those of them that are zod. */
function watchScripts(page: Page) {
  const seen = { scripts: [] as string[], zod: [] as string[], posts: 0 };
  page.on("request", (request) => {
    if (request.method() === "POST") seen.posts++;
  });
  page.on("response", async (response) => {
    const url = response.url();
    if (!/\/build\/.*\.js$/.test(url)) return;
    seen.scripts.push(url);
    if (isZod(await response.text())) seen.zod.push(url);
  });
  return seen;
}

describe("form schemas loaded on demand", () => {
  it("leaves zod out of every page's first load", () => {
    // The files scripts/bundle-size-lib.ts counts: the entry, the route and its parents, their imports.
    const manifest = readManifest();
    const withZod: string[] = [];
    for (const route of Object.values(manifest.routes)) {
      const urls = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
      for (let r: typeof route | undefined = route; r; r = r.parentId ? manifest.routes[r.parentId] : undefined) {
        urls.add(r.module);
        for (const i of r.imports ?? []) urls.add(i);
      }
      if ([...urls].some((url) => isZod(readFileSync(join("public", url), "utf8")))) withZod.push(route.id);
    }
    expect(withZod).toEqual([]);
  });

  it("fetches zod when focus enters the form, then checks the field on blur", async () => {
    const { context, page } = await newPage(browser);
    const seen = watchScripts(page);
    await page.goto("/connexion");
    await page.waitForLoadState("networkidle");
    expect(seen.scripts.length).toBeGreaterThan(0);
    expect(seen.zod).toEqual([]);

    await page.getByLabel(/^E-mail/).focus();
    await expect.poll(() => seen.zod.length).toBeGreaterThan(0);
    // Leaving the empty field: the browser's own check, nothing posted.
    await page.getByLabel(/^Mot de passe/).focus();
    await expect.poll(() => page.getByText("E-mail : ce champ est obligatoire.").isVisible()).toBe(true);
    expect(seen.posts).toBe(0);
    await context.close();
  });

  it("posts the form when the schema cannot be loaded, and shows the server's error", async () => {
    const { context, page } = await newPage(browser);
    let refused = 0;
    await context.route(/\/build\/.*\.js$/, async (route) => {
      const response = await route.fetch();
      const body = await response.text();
      if (isZod(body)) {
        refused++;
        return route.abort("internetdisconnected");
      }
      return route.fulfill({ response, body });
    });
    const seen = watchScripts(page);
    await page.goto("/connexion");
    await page.getByLabel(/^E-mail/).fill("personne@office-tourisme.fr");
    await expect.poll(() => refused).toBeGreaterThan(0);
    const posted = page.waitForRequest((request) => request.method() === "POST" && new URL(request.url()).pathname === "/connexion");
    await page.getByRole("button", { name: "Se connecter" }).click();
    await posted;
    await expect.poll(() => page.getByText("Mot de passe : ce champ est obligatoire.").isVisible()).toBe(true);
    expect(seen.posts).toBe(1);
    await context.close();
  });
});
