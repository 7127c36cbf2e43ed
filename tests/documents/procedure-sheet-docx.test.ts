// A procedure sheet as a Word document, opened by LibreOffice: the minutes' own sheet with the
// seed's header (people by role, no real names), a draft, an older version, and a sheet typed by
// someone hostile. The pages are left as PNG in tmp/documents/ to be looked at.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { ProcedureSheetDocumentModel } from "../../templates/procedure-sheet-model";
import { renderProcedureSheetDocx } from "../../templates/procedure-sheet";
import { docxToPdfText, pdfToPngs } from "../support/libreoffice";

const OUT = path.resolve(__dirname, "../../tmp/documents");
const workDirs: string[] = [];

afterAll(async () => {
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function minutesSheet(): ProcedureSheetDocumentModel {
  return {
    officeName: "Office de Tourisme Landes Chalosse",
    code: "FQ-07",
    title: "Réunions du Groupe Local Qualité : compte rendu et diffusion",
    domain: "Démarche qualité",
    version: 2,
    published: true,
    inForce: true,
    header: {
      updatedOn: "2021-03-26",
      referent: "Référente qualité",
      followUp: "Référente qualité",
      concerned: "Directrice de l'office – Référente qualité – Conseillère en séjour — Amou – Conseillère en séjour — Hagetmau – Stagiaires – Saisonniers – Tout nouveau personnel",
    },
    reviewMonths: 12,
    nextReviewOn: "2022-03-26",
    body: [
      "## Objet",
      "Réunir le Groupe Local Qualité **tous les six mois** et en diffuser le compte rendu à ses membres et à l'équipe.",
      "",
      "## Déroulement",
      "1. La directrice invite les membres du groupe : salariés, élus et partenaires.",
      "2. La référente qualité rédige le compte rendu point par point : actualité de la marque, rapport d'activité, indicateurs, dysfonctionnements, suggestions.",
      "3. Le compte rendu est publié dans Cap Qualité au plus tard une semaine après la réunion.",
      "",
      "## Diffusion",
      "- Chaque membre le lit et le marque comme lu.",
      "- Les actions décidées entrent dans le plan d'actions, avec leur pilote et leur échéance.",
      "",
      "Voir aussi : \"le référentiel Qualité Tourisme\" et https://www.qualite-tourisme.gouv.fr.",
    ].join("\n"),
    attachments: ["Modèle d'ordre du jour.pdf"],
    versions: [
      { number: 1, updatedOn: "2019-10-14", changeNote: "Création de la fiche" },
      { number: 2, updatedOn: "2021-03-26", changeNote: "Fusion des deux communautés de communes : un seul Groupe Local Qualité, publication dans Cap Qualité." },
    ],
    readers: [
      { name: "Conseillère en séjour — Amou", confirmedOn: "2021-03-29T08:12:00.000Z" },
      { name: "Conseillère en séjour — Hagetmau", confirmedOn: null },
      { name: "Directrice de l'office", confirmedOn: "2021-03-26T15:00:00.000Z" },
      { name: "Stagiaire accueil et numérique", confirmedOn: null },
    ],
  };
}

function hostileSheet(): ProcedureSheetDocumentModel {
  const nasty = "<script>alert('x')</script> & ]]> <w:p/> \u0001\u0008\u000B\u001F\uFFFF\uD800 fin";
  return {
    ...minutesSheet(),
    officeName: `Office ${nasty}`,
    code: "X<1>",
    title: nasty,
    domain: nasty,
    header: { updatedOn: "2021-03-26", referent: nasty, followUp: "\u0000", concerned: "a\nb\r\nc" },
    body: [nasty, "[clic](javascript:alert(1)) [ok](https://example.org/a\"b&c'd)", "*".repeat(5000), "[".repeat(5000)].join("\n"),
    attachments: [nasty],
    versions: [{ number: 1, updatedOn: "2021-03-26", changeNote: nasty }],
    readers: [{ name: nasty, confirmedOn: null }],
  };
}

async function render(model: ProcedureSheetDocumentModel, name: string) {
  const buffer = await renderProcedureSheetDocx(model);
  const pdf = await docxToPdfText(buffer);
  workDirs.push(pdf.dir);
  await mkdir(OUT, { recursive: true });
  const pages = await pdfToPngs(pdf.pdfPath, path.join(OUT, name));
  return { buffer, text: pdf.text, pages };
}

function flatten(text: string): string {
  return text.replace(/\s+/g, " ");
}

describe("a procedure sheet as a Word document", () => {
  it("shows the minutes' own sheet under the seed's header, with its versions and a table to sign", async () => {
    const { buffer, text, pages } = await render(minutesSheet(), "sheet-minutes");
    const flat = flatten(text);
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // The same header as the minutes' (templates/quality-header.ts).
    expect(flat).toContain("Date d’actualisation : 26 mars 2021");
    expect(flat).toContain("Référent qualité : Référente qualité");
    expect(flat).toContain("Responsable suivi fiche : Référente qualité");
    expect(flat).toContain("Personnes concernées : Directrice de l’office – Référente qualité");
    expect(flat).toContain("Stagiaires – Saisonniers – Tout nouveau personnel");
    expect(flat).toContain("Office de Tourisme Landes Chalosse");
    expect(flat).toContain("Fiche qualité FQ-07 – version 2");
    expect(flat).toContain("Réunions du Groupe Local Qualité : compte rendu et diffusion");
    expect(flat).toContain("Version : 2 du 26 mars 2021");
    expect(flat).toContain("Revue : tous les 12 mois, prochaine revue le 26 mars 2022");
    expect(flat).toContain("tous les six mois");
    expect(flat).not.toContain("**");
    expect(flat).toContain("« le référentiel Qualité Tourisme »");
    expect(flat).toContain("Pièces jointes : – Modèle d’ordre du jour.pdf");
    expect(flat).toMatch(/Version\s+Date\s+Objet de la modification/);
    expect(flat).toContain("14/10/2019");
    expect(flat).toMatch(/Nom\s+Lu et compris le\s+Signature/);
    expect(flat).toContain("atteste avoir lu et compris la version 2 de la fiche FQ-07 « Réunions du Groupe Local Qualité : compte rendu et diffusion ».");
    // The table to sign is a page of its own.
    expect(pages).toHaveLength(2);
    expect(flat).toContain("29/03/2021 (en ligne)");
    expect(flat).toContain("Stagiaire accueil et numérique");
    expect(flat).toContain("Page 1 sur");
    expect(flat).not.toContain("BROUILLON");
    expect(flat).not.toContain("remplacée");
  });

  it("says a draft is a draft and leaves the table to sign out", async () => {
    const { text } = await render({ ...minutesSheet(), version: 3, published: false, inForce: false, nextReviewOn: null, body: "" }, "sheet-draft");
    const flat = flatten(text);
    expect(flat).toContain("BROUILLON – version 3 en préparation, non publiée");
    expect(flat).toContain("Version : 3, en préparation");
    expect(flat).toContain("Le contenu de la fiche n’est pas encore rédigé.");
    expect(flat).not.toContain("Lu et compris le");
  });

  it("says an older version has been replaced", async () => {
    const { text } = await render({ ...minutesSheet(), version: 1, inForce: false, nextReviewOn: null, versions: [minutesSheet().versions[0]!] }, "sheet-older");
    const flat = flatten(text);
    expect(flat).toContain("Version remplacée – ne plus appliquer");
    expect(flat).toContain("Revue : tous les 12 mois");
    expect(flat).not.toContain("prochaine revue");
  });

  it("keeps hostile text as text and drops what XML cannot carry", async () => {
    const { buffer, text } = await render(hostileSheet(), "sheet-hostile");
    const flat = flatten(text);
    expect(buffer.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(flat).toContain("<script>alert('x')</script> & ]]> <w:p/> fin");
    expect(flat).not.toContain("javascript:");
    expect(flat).toContain("Page 1 sur");
  });
});
