// The printable questionnaire as a Word document, opened by LibreOffice: the demo's visitor
// questionnaire with the office's name, every question with its boxes and their numbers (typed
// back by keyboard), the thanks and, for a campaign also online, the QR code; and one typed by
// someone hostile. The pages are left as PNG in tmp/documents/ to be looked at.
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { qrPng } from "~/modules/questionnaire/links.server";
import { SCALE_WORDS, STARTER_QUESTIONS } from "~/modules/questionnaire/rules";
import { renderQuestionnaireDocx, type QuestionnaireDocumentModel } from "../../templates/questionnaire";
import { docxToPdfText, pdfToPngs } from "../support/libreoffice";

const OUT = path.resolve(__dirname, "../../tmp/documents");
const workDirs: string[] = [];

afterAll(async () => {
  await Promise.all(workDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function visitorQuestionnaire(online: boolean): Promise<QuestionnaireDocumentModel> {
  // Hyphens in the host and the token: a printed link is never cut at one of them.
  const url = "https://qualite.ot-landes-chalosse.fr/questionnaire/CP1EDi9-2umRbdA6WEkVAg";
  return {
    officeName: "Office de Tourisme Landes Chalosse",
    title: "Votre avis sur notre accueil — 2021",
    period: "Campagne du 1er juin au 30 septembre 2021",
    intro: "Votre avis nous aide à améliorer notre accueil. Ce questionnaire prend deux minutes ; il est anonyme.",
    thanks: "Merci pour votre participation et bon séjour en Chalosse !",
    sites: ["Amou", "Geaune", "Hagetmau", "Saint-Sever"],
    questions: STARTER_QUESTIONS.map((q, i) => ({
      position: i + 1,
      kind: q.kind,
      text: q.text,
      help: q.help,
      required: q.required,
      options: q.kind === "scale" ? SCALE_WORDS[q.levels ?? 4].map((w, l) => `${w} (${l + 1})`).reverse() : q.choices.map((c, l) => `${c} (${l + 1})`),
      bounds: q.kind === "number" ? `de ${q.minValue} à ${q.maxValue}` : "",
      personal: q.personal,
    })),
    online: online ? { url, qrPng: await qrPng(`${url}?via=qr`, 440) } : null,
  };
}

describe("the printable questionnaire", () => {
  it("shows the office, the questions with numbered boxes, the thanks and the QR code, on one page", async () => {
    const model = await visitorQuestionnaire(true);
    const buffer = await renderQuestionnaireDocx(model);
    const { text, pdfPath, dir } = await docxToPdfText(buffer);
    workDirs.push(dir);
    // French typography: ’ for ', no-break spaces before : and ?
    const flat = text.replace(/’/g, "'").replace(/\s+/g, " ");
    expect(flat).toContain("Office de Tourisme Landes Chalosse");
    expect(flat).toContain("Votre avis sur notre accueil — 2021");
    expect(flat).toContain("Campagne du 1er juin au 30 septembre 2021");
    for (const q of model.questions) expect(flat).toContain(q.text.slice(0, 30));
    expect(flat).toContain("Très satisfait (4)");
    expect(flat).toContain("Pas du tout satisfait (1)");
    expect(flat).toContain("Site internet (2)");
    expect(flat).toContain("Plusieurs réponses possibles.");
    expect(flat).toMatch(/Bureau d.accueil\s?: ☐ Amou ☐ Geaune ☐ Hagetmau ☐ Saint-Sever/);
    expect(flat).toContain("Merci pour votre participation");
    expect(flat).toContain("Répondre en ligne");
    expect(flat).toContain("Aussi en ligne");
    // On a line of its own, whole: the PDF's text has it between two line ends.
    expect(text.replace(/\u2011/g, "-").split(/\r?\n/).map((line) => line.trim())).toContain("https://qualite.ot-landes-chalosse.fr/questionnaire/CP1EDi9-2umRbdA6WEkVAg");
    await mkdir(OUT, { recursive: true });
    const pages = await pdfToPngs(pdfPath, path.join(OUT, "questionnaire"));
    // The usual questionnaire is one sheet to hand out.
    expect(pages).toHaveLength(1);
  });

  it("on paper only: no QR code, no online address", async () => {
    const { text, dir } = await docxToPdfText(await renderQuestionnaireDocx(await visitorQuestionnaire(false)));
    workDirs.push(dir);
    expect(text).not.toMatch(/en ligne/i);
  });

  it("opens whatever was typed: control characters, markup, very long texts", async () => {
    const model = await visitorQuestionnaire(false);
    const hostile: QuestionnaireDocumentModel = {
      ...model,
      officeName: "Office <b>&</b> \u0007 « Test »",
      title: `Titre ${"très ".repeat(60)}long \u0000 ]]>`,
      intro: "Ligne 1\nLigne 2\r\n\u0008fin",
      questions: [{ position: 1, kind: "single", text: "<script>alert(1)</script>", help: "\uFFFE", required: true, options: ["A & B", "\ud800"], bounds: "", personal: false }],
    };
    const { text, dir } = await docxToPdfText(await renderQuestionnaireDocx(hostile));
    workDirs.push(dir);
    expect(text).toContain("<script>alert(1)</script>");
    expect(text.replace(/\s+/g, "")).toContain("☐A&B");
  });
});
