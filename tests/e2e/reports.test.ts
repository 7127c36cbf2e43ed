// The Word reports in the browser: the readiness file downloaded from the label's page carries
// the seed's improvement points with their actions; the page "Rapports" shows a wrong period
// beside its field and downloads the plan.
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { AUDIT_2023_FINDINGS } from "../../db/seeds/demo-story";
import { launchBrowser } from "../support/browser";
import { expectAccessible, newPage, signIn } from "../support/e2e";
import { docxToPdfText } from "../support/libreoffice";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const referent = DEMO_ACCOUNTS.find((a) => a.role === "quality_referent")!;
const member = DEMO_ACCOUNTS.find((a) => a.role === "quality_group_member")!;

async function textOf(file: string): Promise<string> {
  const { text, dir } = await docxToPdfText(await fs.readFile(file));
  await fs.rm(dir, { recursive: true, force: true });
  return text.replace(/\s+/g, " ");
}

/** The words of a phrase in order, whatever line breaks and table columns fall between them. */
function words(phrase: string): RegExp {
  return new RegExp(
    phrase
      .replace(/'/g, "’")
      .split(/\s+/)
      .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("[\\s\\S]*?"),
  );
}

describe("reports", () => {
  it("downloads the readiness file from the label's page, with the improvement points and their actions", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/audits");
    await page.getByRole("link", { name: "Marque Qualité Tourisme" }).first().click();
    await page.waitForURL(/\/audits\/labels\/\d+$/);
    await expectAccessible(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Dossier de préparation à l’audit (Word)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^dossier-de-preparation-\d{4}-\d{2}-\d{2}\.docx$/);
    const text = await textOf(await download.path());
    expect(text).toContain("Dossier de préparation à l’audit");
    expect(text).toContain("Ce qui n’est pas prêt");
    expect(text).toContain("Ce qui a été fait depuis");
    // Since the label's last audit (the full audit of June 2023, in the demo's story): its
    // improvement points, each with its action and the proof it was done.
    const points = AUDIT_2023_FINDINGS.filter((f) => f.kind === "improvement");
    expect(points.length).toBeGreaterThan(0);
    for (const point of points) {
      expect(text).toMatch(words(point.text));
      expect(text).toMatch(words(point.action!.title));
      expect(text).toMatch(words(point.action!.proof));
    }
    await context.close();
  });

  it("shows a wrong period beside its field, then downloads the plan grouped by site", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, member.email);
    await page.getByRole("link", { name: "Rapports", exact: true }).click();
    await page.waitForURL(/\/rapports$/);
    await expectAccessible(page);
    const plan = page.getByRole("form", { name: "Plan d’actions" });
    await plan.getByLabel("Regrouper par").selectOption({ label: "Bureau" });
    await plan.getByLabel("Échéance à partir du").fill("2021-12-31");
    await plan.getByLabel("Échéance jusqu’au").fill("2021-01-01");
    await plan.getByRole("button", { name: "Télécharger le plan d’actions (Word)" }).click();
    await expect.poll(() => page.getByText("Période : la date de fin doit venir après la date de début.").isVisible()).toBe(true);
    await expectAccessible(page);
    const corrected = page.getByRole("form", { name: "Plan d’actions" });
    expect(await corrected.getByLabel("Regrouper par").inputValue()).toBe("bureau");
    await corrected.getByLabel("Échéance jusqu’au").fill("2021-12-31");
    await corrected.getByLabel("Échéance à partir du").fill("2021-01-01");
    const [download] = await Promise.all([page.waitForEvent("download"), corrected.getByRole("button", { name: "Télécharger le plan d’actions (Word)" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^plan-d-actions-\d{4}-\d{2}-\d{2}\.docx$/);
    const text = await textOf(await download.path());
    expect(text).toContain("Actions par bureau");
    expect(text).toMatch(/Hagetmau \(\d+\)/);
    await context.close();
  });
});
