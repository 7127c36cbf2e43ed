// A procedure sheet (fiche qualité) as a Word document: the quality-document header the seed
// shows (the same code as the minutes', quality-header.ts), the sheet's title, code, version
// and review, its text, its files, the revision table and a "lu et compris" table to sign on
// paper (seasonal staff and interns often have no account). Every typed text goes through
// documentText (valid XML, French typography); the text comes in as Markdown, never as HTML.
import { Document, HeadingLevel, HeightRule, Packer, Paragraph, Table, TableRow, TextRun, WidthType } from "docx";
import { formatDate, formatDay } from "~/domain/dates";
import { markdownParagraphs, type MarkdownContext } from "./markdown-docx";
import type { ProcedureSheetDocumentModel } from "./procedure-sheet-model";
import { qualityHeader } from "./quality-header";
import { CELL_MARGINS, COLORS, LISTS, SIZES, TABLE_BORDERS, TEXT_WIDTH, documentStyles, headerCell, listNumbering, pageFooter, pageProperties, runningHeader, separator } from "./styles";
import { labelRun, labelled, plainRuns, textCell } from "./text";
import { documentText } from "./typography";

/** Lines left blank in the "lu et compris" table, for people who arrive after it is printed. */
const BLANK_READER_LINES = 3;

export async function renderProcedureSheetDocx(model: ProcedureSheetDocumentModel): Promise<Buffer> {
  const context: MarkdownContext = { numberedLists: 0 };
  const document = new Document({
    creator: documentText(model.officeName),
    title: documentText(`${model.code} – ${model.title}`),
    styles: documentStyles(),
    numbering: listNumbering(),
    sections: [
      {
        properties: pageProperties(),
        headers: { default: runningHeader(documentText(model.officeName), documentText(`Fiche qualité ${model.code} – version ${model.version}`), warning(model)) },
        footers: { default: pageFooter() },
        children: [
          qualityHeader(model.header),
          separator(),
          ...titleBlock(model),
          ...body(model, context),
          ...attachments(model),
          ...revisions(model),
          ...readers(model),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}

function warning(model: ProcedureSheetDocumentModel): string | null {
  if (!model.published) return `BROUILLON – version ${model.version} en préparation, non publiée`;
  if (!model.inForce) return "Version remplacée – ne plus appliquer";
  return null;
}

function titleBlock(model: ProcedureSheetDocumentModel): Paragraph[] {
  const kind = [`Fiche qualité ${model.code}`, model.domain.trim() === "" ? null : `domaine : ${model.domain}`].filter(Boolean).join(" – ");
  const version = model.published ? `${model.version} du ${formatDay(model.header.updatedOn)}` : `${model.version}, en préparation`;
  const paragraphs = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(documentText(model.title))] }),
    new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: documentText(kind), italics: true, size: SIZES.heading3, color: COLORS.muted })] }),
    labelled("Version", version),
  ];
  const review = `tous les ${model.reviewMonths} mois${model.nextReviewOn ? `, prochaine revue le ${formatDay(model.nextReviewOn)}` : ""}`;
  paragraphs.push(labelled("Revue", review, { after: 200 }));
  return paragraphs;
}

function body(model: ProcedureSheetDocumentModel, context: MarkdownContext): Paragraph[] {
  if (model.body.trim() === "") return [new Paragraph({ children: [new TextRun({ text: "Le contenu de la fiche n’est pas encore rédigé.", italics: true, color: COLORS.muted })] })];
  return markdownParagraphs(model.body, context, 2);
}

function attachments(model: ProcedureSheetDocumentModel): Paragraph[] {
  if (model.attachments.length === 0) return [];
  return [
    new Paragraph({ keepNext: true, spacing: { before: 240, after: 60 }, children: [labelRun("Pièces jointes")] }),
    ...model.attachments.map((name) => new Paragraph({ numbering: { reference: LISTS.bullet, level: 0 }, children: plainRuns(name) })),
  ];
}

const REVISION_COLUMNS = [
  { title: "Version", share: 0.12 },
  { title: "Date", share: 0.18 },
  { title: "Objet de la modification", share: 0.7 },
];
const REVISION_WIDTHS = REVISION_COLUMNS.map((column) => Math.floor(TEXT_WIDTH * column.share));

function revisions(model: ProcedureSheetDocumentModel): Array<Paragraph | Table> {
  if (model.versions.length === 0) return [];
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: REVISION_COLUMNS.map((column, index) => headerCell(column.title, REVISION_WIDTHS[index]!)) });
  const rows = model.versions.map(
    (v) => new TableRow({ cantSplit: true, children: [String(v.number), formatDate(v.updatedOn), v.changeNote || "—"].map((text, index) => textCell(text, REVISION_WIDTHS[index]!)) }),
  );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Historique des versions")] }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: REVISION_WIDTHS, borders: TABLE_BORDERS, margins: CELL_MARGINS, rows: [header, ...rows] }),
  ];
}

const READER_COLUMNS = [
  { title: "Nom", share: 0.44 },
  { title: "Lu et compris le", share: 0.26 },
  { title: "Signature", share: 0.3 },
];
const READER_WIDTHS = READER_COLUMNS.map((column) => Math.floor(TEXT_WIDTH * column.share));

/** Who signs that they read and understood this version (the day they confirmed it online, if they did); a draft is not signed. */
function readers(model: ProcedureSheetDocumentModel): Array<Paragraph | Table> {
  if (!model.published) return [];
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: READER_COLUMNS.map((column, index) => headerCell(column.title, READER_WIDTHS[index]!)) });
  const rows = [
    ...model.readers.map((r) => [r.name, r.confirmedOn ? `${formatDate(r.confirmedOn)} (en ligne)` : "", ""]),
    ...Array.from({ length: BLANK_READER_LINES }, () => ["", "", ""]),
  ].map((cells) => new TableRow({ cantSplit: true, height: { value: 480, rule: HeightRule.ATLEAST }, children: cells.map((text, index) => textCell(text, READER_WIDTHS[index]!)) }));
  return [
    // A page of its own, to print and have signed.
    new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore: true, children: [new TextRun("Lu et compris")] }),
    new Paragraph({ spacing: { after: 120 }, children: plainRuns(`Chaque personne concernée atteste avoir lu et compris la version ${model.version} de la fiche ${model.code} « ${model.title} ».`) }),
    new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: READER_WIDTHS, borders: TABLE_BORDERS, margins: CELL_MARGINS, rows: [header, ...rows] }),
  ];
}
