// The security headers as the real server sends them (server.js), and the app still working
// in Chromium under its Content-Security-Policy (decision 016).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { baseUrl, newPage, signIn } from "../support/e2e";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const referente = DEMO_ACCOUNTS.find((a) => a.role === "quality_referent")!;
const admin = DEMO_ACCOUNTS.find((a) => a.role === "admin")!;
const count = (headers: Array<{ name: string }>, name: string) => headers.filter((h) => h.name.toLowerCase() === name.toLowerCase()).length;

describe("security headers", () => {
  it("gives each page a nonce that every inline script carries, and nosniff once", async () => {
    const first = await fetch(`${baseUrl()}/connexion`);
    const second = await fetch(`${baseUrl()}/connexion`);
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toBe(csp);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("same-origin");
    // Served over plain http here: no HSTS.
    expect(first.headers.get("strict-transport-security")).toBeNull();
  });

  it("lets browsers keep the fingerprinted scripts a year, and never a page", async () => {
    const page = await fetch(`${baseUrl()}/connexion`);
    const html = await page.text();
    const scripts = [...new Set([...html.matchAll(/"(\/build\/[^"]+-[A-Z0-9]{8}\.js)"/g)].map((m) => m[1]!))];
    expect(scripts.length).toBeGreaterThan(1);
    for (const path of scripts) {
      const cache = (await fetch(`${baseUrl()}${path}`)).headers.get("cache-control") ?? "";
      expect(cache, path).toContain("immutable");
      expect(Number(/max-age=(\d+)/.exec(cache)?.[1]), path).toBeGreaterThanOrEqual(365 * 24 * 3600);
    }
    expect(page.headers.get("cache-control") ?? "").not.toContain("immutable");
  });

  it("compresses the scripts, and a page only when a browser asks it from our pages or by its address (BREACH)", async () => {
    const { request } = await import("node:http");
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ encoding: string | undefined; vary: string; status: number; body: Buffer }>((resolve, reject) => {
        const req = request(`${baseUrl()}${path}`, { headers: { "Accept-Encoding": "gzip, br", ...headers } }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ encoding: res.headers["content-encoding"], vary: String(res.headers.vary ?? ""), status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        });
        req.on("error", reject);
        req.end();
      });
    const html = await (await fetch(`${baseUrl()}/connexion`)).text();
    const scripts = [...new Set([...html.matchAll(/"(\/build\/[^"]+\.js)"/g)].map((m) => m[1]!))];
    expect(scripts.length).toBeGreaterThan(1);
    // Every script but the smallest ones (under a kilobyte, not worth it) comes compressed.
    const answers = await Promise.all(scripts.map((s) => get(s)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.encoding !== undefined).length).toBeGreaterThan(0);
    expect(answers.every((a) => a.encoding === undefined || /^(gzip|br|deflate)$/.test(a.encoding))).toBe(true);
    for (const site of ["same-origin", "none"]) {
      const page = await get("/connexion", { "Sec-Fetch-Site": site });
      expect(page.status, site).toBe(200);
      expect(page.encoding, site).toMatch(/^(gzip|br)$/);
      const text = (page.encoding === "br" ? brotliDecompressSync(page.body) : gunzipSync(page.body)).toString("utf8");
      expect(text).toContain("<h1");
      expect(page.body.length).toBeLessThan(Buffer.byteLength(text) / 2);
      expect(page.vary).toMatch(/Sec-Fetch-Site/i);
    }
    for (const headers of [{ "Sec-Fetch-Site": "cross-site" }, { "Sec-Fetch-Site": "same-site" }, {}] as Array<Record<string, string>>) {
      const page = await get("/connexion", headers);
      expect(page.status).toBe(200);
      expect(page.encoding, JSON.stringify(headers)).toBeUndefined();
    }
  });

  it("receives its pages compressed in Chromium", async () => {
    const { context, page } = await newPage(browser);
    const response = await page.goto("/connexion");
    expect((await response!.allHeaders())["content-encoding"]).toMatch(/^(gzip|br)$/);
    await context.close();
  });

  it("runs the app in Chromium with no script refused, and sends nosniff once on a download", async () => {
    const { context, page } = await newPage(browser);
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await signIn(page, referente.email);
    // A client-side navigation: only possible once Remix's scripts ran.
    await page.getByRole("link", { name: "Réunions" }).first().click();
    await page.waitForURL(/\/reunions$/);
    const href = await page.locator('a[href^="/reunions/"]:not([href*="series"]):not([href$="nouvelle"])').first().getAttribute("href");
    const download = await page.request.get(`${href}/compte-rendu.docx`);
    expect(download.status()).toBe(200);
    expect(count(download.headersArray(), "X-Content-Type-Options")).toBe(1);
    const pageAnswer = await page.request.get("/tableau-de-bord");
    expect(count(pageAnswer.headersArray(), "Content-Security-Policy")).toBe(1);
    expect(count(pageAnswer.headersArray(), "X-Content-Type-Options")).toBe(1);
    expect(refused).toEqual([]);
    await context.close();
  });

  it("runs the pages of the reminders, the reports and the security log under the policy, their forms carrying a token", async () => {
    const { context, page } = await newPage(browser);
    const refused: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    page.on("pageerror", (e) => refused.push(e.message));
    await signIn(page, admin.email);
    for (const [path, heading] of [
      ["/notifications", "Notifications"],
      ["/rapports", "Rapports"],
      ["/administration/courriels", "Courriels envoyés"],
      ["/administration/securite", "Journal de sécurité"],
      ["/agenda", "Mon agenda"],
    ] as const) {
      await page.goto(path);
      await expect.poll(() => page.getByRole("heading", { level: 1, name: heading }).isVisible()).toBe(true);
    }
    // The agenda's button posts through Remix (its scripts ran) with the form's token.
    const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="create"]') });
    expect(await form.locator('input[name="_once"]').first().inputValue()).toMatch(/^[0-9a-f]{32}$/);
    await form.getByRole("button").click();
    await expect.poll(() => page.getByLabel("Adresse de l'agenda").inputValue()).toMatch(/\/agenda\/[\w-]{43}\.ics$/);
    // The feed is an ICS download; the word reports are downloads too: one nosniff each.
    const feed = await page.request.get(new URL(await page.getByLabel("Adresse de l'agenda").inputValue()).pathname);
    expect(feed.status()).toBe(200);
    expect(count(feed.headersArray(), "X-Content-Type-Options")).toBe(1);
    const report = await page.request.get("/rapports/plan-d-actions.docx");
    expect(report.status()).toBe(200);
    expect(count(report.headersArray(), "X-Content-Type-Options")).toBe(1);
    expect(count(report.headersArray(), "Content-Security-Policy")).toBe(1);
    await page.getByRole("button", { name: "Révoquer le lien" }).click();
    await expect.poll(() => page.getByText("Vous n'avez pas de lien d'agenda actif.").isVisible()).toBe(true);
    expect(refused).toEqual([]);
    await context.close();
  });

  it("refuses a form posted from another scheme or host", async () => {
    const url = new URL(baseUrl());
    const post = (origin: string) =>
      fetch(`${baseUrl()}/connexion`, {
        method: "POST",
        headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
        body: "email=x%40y.fr&password=z",
        redirect: "manual",
      });
    expect((await post(`https://${url.host}`)).status).toBe(403);
    expect((await post("http://evil.example")).status).toBe(403);
    expect((await post("null")).status).toBe(403);
    expect((await post(url.origin)).status).toBe(400);
  });
});
