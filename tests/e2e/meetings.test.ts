// The quality group's meeting from invitation to published minutes: the référente creates the
// series, plans a meeting, marks attendance, writes the minutes, creates an action from them and
// publishes; a member of the group reads them; the minutes come back as a Word document.
import fs from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { DEMO_ACCOUNTS } from "../../db/seeds/demo";
import { launchBrowser } from "../support/browser";
import { expectAccessible, newPage, signIn, signOut } from "../support/e2e";
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
const toast = (page: Page) => page.getByRole("status").first().textContent();
/** The minutes save in place: the bar under the form says when. */
const minutesSaved = (page: Page) => page.getByText(/^Enregistré à \d{2}:\d{2}$/).isVisible();

describe("meetings", () => {
  it("holds a meeting from the series to the minutes read by a member, and as a Word document", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);

    // The series, with a bad cadence first.
    await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: /^Réunions/ }).click();
    await page.waitForURL(/\/reunions$/);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Nouvelle série" }).click();
    await page.getByLabel(/^Nom/).fill("Revue de direction");
    await page.getByLabel(/^Type/).selectOption({ label: "Revue de direction" });
    await page.getByLabel(/^Cadence/).fill("0");
    await page.getByRole("button", { name: "Créer la série" }).click();
    await expect.poll(() => page.getByText("Cadence : un nombre de mois entre 1 et 24.").isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel(/^Cadence/).fill("12");
    await page.getByRole("button", { name: "Créer la série" }).click();
    await page.waitForURL(/\/reunions$/);
    const card = page.getByRole("region", { name: "Revue de direction" });
    await expect.poll(() => card.getByText("à planifier").isVisible()).toBe(true);

    // Plan a meeting of that series: its agenda comes from the kind of series.
    await card.getByRole("link", { name: "Planifier la prochaine réunion" }).click();
    await page.waitForURL(/\/reunions\/nouvelle\?serie=\d+$/);
    expect(await page.getByLabel(/^Titre/).inputValue()).toBe("Revue de direction");
    await page.getByLabel(/^Titre/).fill("Revue de direction de novembre");
    await page.getByLabel(/^Date/).fill("2026-11-20");
    await page.getByLabel(/^Heure de début/).fill("09:30");
    await page.getByLabel(/^Lieu/).fill("Hagetmau");
    expect(await page.getByLabel(/^Ordre du jour/).inputValue()).toContain("Réclamations et dysfonctionnements");
    expect(await page.getByRole("checkbox", { name: /Président de la SPL/ }).isChecked()).toBe(true);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Planifier la réunion" }).click();
    await page.waitForURL(/\/reunions\/\d+$/);
    const meetingUrl = page.url();
    await expect.poll(() => page.getByText(/^Réunion planifiée\./).isVisible()).toBe(true);
    await expectAccessible(page);

    // Editing the place keeps the people chosen (the writer defaults to the référente herself).
    await page.getByRole("link", { name: "Modifier les informations" }).click();
    await page.waitForURL(/\/modifier$/);
    // A message belongs to the page it came with: it does not show again on the next one.
    await expect.poll(() => page.getByText(/^Réunion planifiée\./).count()).toBe(0);
    expect(await page.getByLabel(/^Rédaction du compte rendu/).inputValue()).not.toBe("");
    await page.getByLabel(/^Lieu/).fill("Hagetmau, salle du conseil");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await page.waitForURL(meetingUrl);
    await expect.poll(() => page.getByText("Hagetmau, salle du conseil").first().isVisible()).toBe(true);
    const facts = await page.locator("dl.facts").first().textContent();
    expect(facts).toContain("RédactionRéférente qualité");

    // Attendance: everyone present in one click, then one excused; a guest typed in.
    await page.getByRole("link", { name: "Participants et présences" }).click();
    await page.waitForURL(/\/participants$/);
    await expect.poll(() => page.getByText(/^Réunion planifiée\./).count()).toBe(0);
    const statuses = page.getByRole("combobox", { name: /^Présence de / });
    await expect.poll(() => statuses.count()).toBeGreaterThan(3);
    await page.getByRole("button", { name: "Marquer présents tous ceux encore « invités »" }).click();
    await expect.poll(() => toast(page)).toBe("Participants enregistrés.");
    expect(await page.getByRole("combobox", { name: "Présence de Président de la SPL" }).inputValue()).toBe("present");
    await page.getByRole("combobox", { name: "Présence de Partenaire institutionnel — CDT" }).selectOption({ label: "Excusé(e)" });
    await page.getByLabel(/^Nom de l'invité/).fill("Intervenante de France Bleu Gascogne");
    await page.getByLabel(/^Qualité de l'invité/).fill("Presse");
    await page.getByLabel(/^Présence de l'invité/).selectOption({ label: "Présent(e)" });
    await expectAccessible(page);
    await page.getByRole("button", { name: "Enregistrer les participants" }).click();
    await expect.poll(() => toast(page)).toBe("Participants enregistrés.");
    expect(await page.getByRole("combobox", { name: "Présence de Intervenante de France Bleu Gascogne" }).inputValue()).toBe("present");
    // A long quality wraps in its field, whole, and Entrée still saves.
    const quality = page.getByRole("textbox", { name: "Qualité de Intervenante de France Bleu Gascogne" });
    await quality.fill("Journaliste, chroniqueuse tourisme de l'émission du matin sur France Bleu Gascogne");
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && /participants/.test(r.url())), quality.press("Enter")]);
    await page.waitForLoadState("networkidle");
    await expect.poll(() => toast(page)).toBe("Participants enregistrés.");
    const saved = page.getByRole("textbox", { name: "Qualité de Intervenante de France Bleu Gascogne" });
    expect(await saved.inputValue()).toBe("Journaliste, chroniqueuse tourisme de l'émission du matin sur France Bleu Gascogne");
    expect(await saved.evaluate((el: HTMLTextAreaElement) => el.scrollHeight <= el.clientHeight + 2 && el.scrollWidth <= el.clientWidth)).toBe(true);

    // The minutes, point by point; an action created while a point is still unsaved keeps its text.
    await page.goto(`${meetingUrl}/compte-rendu`);
    const point1 = page.getByRole("group", { name: "Point 1", exact: true });
    await point1.getByLabel(/^Compte rendu/).fill("Les actions de la revue précédente sont **presque toutes faites**.\n- fléchage demandé\n- oriflammes installées");
    await point1.getByLabel(/^Décisions/).fill("Relancer la mairie de Hagetmau pour le rack à vélos");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => minutesSaved(page)).toBe(true);
    await expectAccessible(page);

    const point2 = page.getByRole("group", { name: "Point 2", exact: true });
    await point2.getByLabel(/^Compte rendu/).fill("Deux réclamations en 2026, toutes deux traitées.");
    // The activity report from the data: the season 2020 against 2019 (decision 045).
    await point2.getByLabel(/^Période/).selectOption({ label: "Saison d'été" });
    await point2.getByLabel(/^Année/).fill("2020");
    await point2.getByLabel(/^Catégorie/).selectOption({ label: "Fréquentation" });
    const actionForm = page.getByRole("form", { name: "Créer une action à partir de la réunion" });
    await actionForm.getByLabel(/^Intitulé/).fill("Relancer la mairie de Hagetmau pour le rack à vélos");
    await actionForm.getByLabel(/^Point de l'ordre du jour/).selectOption({ index: 1 });
    await actionForm.getByLabel(/^Pilote/).selectOption({ label: "Référente qualité" });
    await actionForm.getByLabel(/^Échéance/).fill("2027-01-31");
    await actionForm.getByRole("checkbox", { name: "Hagetmau" }).check();
    await actionForm.getByRole("button", { name: "Créer l'action" }).click();
    await expect.poll(() => toast(page)).toBe("Action « Relancer la mairie de Hagetmau pour le rack à vélos » ajoutée au plan d'actions.");
    expect(await point2.getByLabel(/^Compte rendu/).inputValue()).toBe("Deux réclamations en 2026, toutes deux traitées.");
    await expect.poll(() => page.getByText("Modifications non enregistrées").isVisible()).toBe(true);
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => minutesSaved(page)).toBe(true);

    // The toolbar writes the same Markdown; the preview is open beside the text.
    const point3 = page.getByRole("group", { name: "Point 3", exact: true });
    const text3 = point3.getByLabel(/^Compte rendu/);
    await text3.fill("Bilan de la saison");
    await text3.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 5));
    await point3.getByRole("toolbar", { name: "Mise en forme du point 3" }).getByRole("button", { name: "Gras" }).click();
    expect(await text3.inputValue()).toBe("**Bilan** de la saison");
    await text3.press("End");
    await text3.press("Enter");
    await text3.pressSequentially("oriflammes");
    await point3.getByRole("toolbar", { name: "Mise en forme du point 3" }).getByRole("button", { name: "Liste à puces" }).click();
    expect(await text3.inputValue()).toBe("**Bilan** de la saison\n- oriflammes");
    const preview3 = point3.getByRole("region", { name: "Aperçu du point 3" });
    expect(await preview3.locator("strong", { hasText: "Bilan" }).isVisible()).toBe(true);
    expect(await preview3.locator("li", { hasText: "oriflammes" }).isVisible()).toBe(true);
    // Ctrl+Z undoes the toolbar's change like any typing.
    await text3.press("Control+z");
    expect(await text3.inputValue()).toBe("**Bilan** de la saison\noriflammes");
    await expectAccessible(page);

    // The third point shows the 2020 dysfunctions register (decision 034).
        await point3.getByLabel(/^Registre/).selectOption({ label: "Dysfonctionnements internes" });
    await point3.getByLabel(/^Du/).fill("2020-01-01");
    await point3.getByLabel(/^Au/).fill("2020-12-31");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => minutesSaved(page)).toBe(true);

    // Adding a point saves what is typed, too.
    await page.getByLabel(/^En résumé/).fill("Revue **positive** : le plan avance.");
    // While the agenda changes, the texts wait (nothing typed then could be lost in the redraw).
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let continued: Promise<void> = Promise.resolve();
    await page.route(/compte-rendu\?_data=/, (route) => {
      if (route.request().method() !== "POST") return route.continue();
      continued = held.then(() => route.continue());
      return continued;
    });
    await page.getByRole("button", { name: "Ajouter un point à l'ordre du jour" }).click();
    await expect.poll(() => page.getByLabel(/^En résumé/).getAttribute("readonly")).not.toBeNull();
    release();
    await continued;
    await page.unroute(/compte-rendu\?_data=/);
    await expect.poll(() => page.getByRole("group", { name: "Point 6", exact: true }).isVisible()).toBe(true);
    // The keyboard is on the new point's title.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("sections.5.title");
    expect(await page.getByLabel(/^En résumé/).inputValue()).toBe("Revue **positive** : le plan avance.");

    // The meeting page shows the formatted minutes, the action with its status; then publish.
    await page.goto(meetingUrl);
    await expect.poll(() => page.locator(".rich-text strong", { hasText: "presque toutes faites" }).isVisible()).toBe(true);
    const actions = page.getByRole("region", { name: "Actions décidées" });
    await expect.poll(() => actions.getByRole("row", { name: /Relancer la mairie de Hagetmau.*Référente qualité.*Hagetmau.*31\/01\/2027.*À faire/ }).isVisible()).toBe(true);
    const summary = page.getByRole("region", { name: "Synthèse du registre « Dysfonctionnements internes » du 01/01/2020 au 31/12/2020" });
    await expect.poll(() => summary.getByRole("row", { name: /Problèmes de connexion au serveur.*Hagetmau.*Informatique/ }).isVisible()).toBe(true);
    await expect.poll(() => summary.getByText("À jour : le tableau sera figé à la publication du compte rendu.").isVisible()).toBe(true);
    const figures = page.getByRole("region", { name: "Indicateurs « Fréquentation » — Saison d'été 2020 par rapport à Saison d'été 2019" });
    await expect.poll(() => figures.getByRole("row", { name: /Contacts.*2 638.*2 678.*\+1,5 %/ }).isVisible()).toBe(true);
    await expect.poll(() => figures.getByRole("row", { name: /Personnes renseignées.*4 922.*5 698.*\+15,8 %/ }).isVisible()).toBe(true);
    await page.getByRole("button", { name: "Publier le compte rendu" }).click();
    await expect.poll(() => toast(page)).toBe("Compte rendu publié : les membres du groupe peuvent le lire.");
    await expect.poll(() => page.getByRole("row", { name: /Partenaire numérique \(démo\).*pas encore lu/ }).isVisible()).toBe(true);
    // The référente wrote and published them: she is not asked to read them.
    expect(await page.getByRole("row", { name: /Référente qualité \(démo\)/ }).count()).toBe(0);
    // Published, an empty point shows no "not written yet".
    expect(await page.getByText("Pas encore rédigé.").count()).toBe(0);
    await expectAccessible(page);
    await signOut(page);

    // A member of the group reads the minutes and says so.
    await signIn(page, member.email);
    await expect.poll(() => page.getByRole("link", { name: /Réunions.*à lire/ }).isVisible()).toBe(true);
    await page.goto("/reunions");
    await page.getByRole("link", { name: "Revue de direction de novembre" }).click();
    await page.waitForURL(meetingUrl);
    expect(await page.getByRole("link", { name: "Rédiger le compte rendu" }).count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole("button", { name: "J'ai lu le compte rendu" }).click();
    await expect.poll(() => toast(page)).toBe("Compte rendu marqué comme lu.");
    await expect.poll(() => page.getByText(/^Vous avez marqué ce compte rendu comme lu le/).isVisible()).toBe(true);

    // The minutes as Word, opened by LibreOffice.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger en Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toBe("compte-rendu-2026-11-20.docx");
    const file = await download.path();
    const { text, dir } = await docxToPdfText(await fs.readFile(file));
    await fs.rm(dir, { recursive: true, force: true });
    const flat = text.replace(/\s+/g, " ");
    expect(flat).toContain("vendredi 20 novembre 2026");
    expect(flat).toContain("Intervenante de France Bleu Gascogne");
    expect(flat).toContain("Relancer la mairie de Hagetmau pour le rack à vélos");
    expect(flat).toMatch(/Synthèse du registre . ?Dysfonctionnements internes ?. du 01\/01\/2020 au 31\/12\/2020/);
    expect(flat).toMatch(/Par catégorie ?: [^.]*Informatique ?: \d/);
    expect(flat).toContain("Guide découverte");
    expect(flat).toMatch(/Indicateurs « ?Fréquentation ?» — Saison d’été 2020 par rapport à Saison d’été 2019/);
    expect(flat).toMatch(/2 638 2 678 \+1,5 %/);
    expect(flat).toMatch(/4 922 5 698 \+15,8 %/);
    await signOut(page);

    // The référente sees who has read.
    await signIn(page, referent.email);
    await page.goto(meetingUrl);
    await expect.poll(() => page.getByRole("row", { name: /Partenaire numérique \(démo\).*lu le/ }).isVisible()).toBe(true);
    await context.close();
  }, 150_000); // the whole journey, series to Word document: longer than one page

  it("never replaces minutes being typed by a save made in another tab", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/reunions/nouvelle");
    await page.getByLabel(/^Titre/).fill("Réunion écrite à deux");
    await page.getByLabel(/^Date/).fill("2026-10-01");
    await page.getByRole("button", { name: "Planifier la réunion" }).click();
    await page.waitForURL(/\/reunions\/\d+$/);
    const minutesUrl = `${page.url()}/compte-rendu`;
    await page.goto(minutesUrl);
    const other = await context.newPage();
    await other.goto(minutesUrl);

    // Tab A types; tab B saves its own text meanwhile.
    const body = (p: Page) => p.getByRole("group", { name: "Point 1", exact: true }).getByLabel(/^Compte rendu/);
    await body(page).fill("Texte de l'onglet A, pas encore enregistré");
    await body(other).fill("Texte de l'onglet B");
    await other.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => minutesSaved(other)).toBe(true);

    // A creates an action: A's text stays on the page.
    const actionForm = page.getByRole("form", { name: "Créer une action à partir de la réunion" });
    await actionForm.getByLabel(/^Intitulé/).fill("Action décidée à deux");
    await actionForm.getByLabel(/^Pilote/).selectOption({ label: "Référente qualité" });
    await actionForm.getByRole("button", { name: "Créer l'action" }).click();
    await expect.poll(() => toast(page)).toBe("Action « Action décidée à deux » ajoutée au plan d'actions.");
    expect(await body(page).inputValue()).toBe("Texte de l'onglet A, pas encore enregistré");

    // A saves: refused, A's text kept; saving again replaces B's on purpose.
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => page.getByText(/^Le compte rendu a été enregistré entre-temps/).isVisible()).toBe(true);
    expect(await body(page).inputValue()).toBe("Texte de l'onglet A, pas encore enregistré");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => minutesSaved(page)).toBe(true);
    await other.reload();
    await expect.poll(() => body(other).inputValue()).toBe("Texte de l'onglet A, pas encore enregistré");
    await context.close();
  });

  it("shows and saves the minutes without JavaScript", async () => {
    const { context, page } = await newPage(browser, { javaScriptEnabled: false });
    await signIn(page, referent.email);
    await page.goto("/reunions");
    // The seed's meeting of 25 March 2021, among those the demo's story held since.
    const link = page.getByRole("row").filter({ hasText: "25/03/2021" }).getByRole("link", { name: "Réunion du Groupe Local Qualité" });
    const meetingPath = (await link.getAttribute("href"))!;
    await page.goto(`${meetingPath}/compte-rendu`);
    const point = page.getByRole("group", { name: "Point 4", exact: true });
    expect(await point.getByLabel(/^Compte rendu/).inputValue()).toContain("52 000 visiteurs");
    await point.getByLabel(/^Compte rendu/).fill("Le site internet a été vu par un peu plus de **52 000 visiteurs** (chiffre vérifié).");
    await page.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
    await expect.poll(() => toast(page)).toBe("Compte rendu enregistré.");
    expect(await page.getByRole("group", { name: "Point 4", exact: true }).getByLabel(/^Compte rendu/).inputValue()).toContain("(chiffre vérifié)");
    expect(await page.getByRole("group", { name: "Point 2", exact: true }).getByLabel(/^Compte rendu/).inputValue()).toContain("91 % de taux de conformité");

    // The details form shows what is recorded, and changing the place keeps the rest.
    await page.goto(`${meetingPath}/modifier`);
    expect(await page.getByLabel(/^Présidence/).inputValue()).not.toBe("");
    expect(await page.getByLabel(/^Heure de début/).inputValue()).toBe("14:00");
    await page.getByLabel(/^Lieu/).fill("Saint-Sever, salle des fêtes");
    await page.getByRole("button", { name: "Enregistrer" }).click();
    await expect.poll(() => toast(page)).toBe("Réunion enregistrée.");
    const facts = (await page.locator("dl.facts").first().textContent()) ?? "";
    expect(facts).toContain("Saint-Sever, salle des fêtes");
    expect(facts).toContain("PrésidenceDirectrice de l'office");
    expect(facts).toContain("de 14\u00a0h à 16\u00a0h\u00a030");
    await context.close();
  });

  it("deletes a meeting planned by mistake, after confirmation", async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, referent.email);
    await page.goto("/reunions/nouvelle");
    await page.getByLabel(/^Titre/).fill("Réunion planifiée par erreur");
    await page.getByLabel(/^Date/).fill("2027-02-01");
    await page.getByRole("button", { name: "Planifier la réunion" }).click();
    await page.waitForURL(/\/reunions\/\d+$/);
    const zone = page.getByRole("region", { name: "Supprimer la réunion" });
    await zone.getByRole("button", { name: "Supprimer la réunion" }).click();
    await expect.poll(() => zone.getByText("Suppression : cochez la case pour confirmer.").isVisible()).toBe(true);
    await zone.getByRole("checkbox", { name: "Je confirme la suppression de cette réunion" }).check();
    await expectAccessible(page);
    await zone.getByRole("button", { name: "Supprimer la réunion" }).click();
    await page.waitForURL(/\/reunions$/);
    await expect.poll(() => toast(page)).toBe("Réunion « Réunion planifiée par erreur » supprimée.");
    expect(await page.getByRole("link", { name: "Réunion planifiée par erreur" }).count()).toBe(0);
    await context.close();
  });
});
