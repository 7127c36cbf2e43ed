// A satisfaction questionnaire to print and hand out at the desk: the office's name, the title
// and introduction, the desk and the day, each question with boxes to tick (a scale's levels
// side by side), room to write, the thanks, and — for a campaign also open online — the QR
// code of the public page beside the title. One A4 page for a usual questionnaire; the look of every document
// (styles.ts).
import { AlignmentType, BorderStyle, Document, ImageRun, LineRuleType, NoBreakHyphen, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type FileChild } from "docx";
import { CELL_MARGINS, COLORS, SIZES, TABLE_BORDERS, TEXT_WIDTH, THIN_LINE, documentStyles, listNumbering, pageFooter, pageProperties, runningHeader } from "./styles";
import { NBSP, documentText } from "./typography";

export interface QuestionnaireDocumentModel {
  officeName: string;
  title: string;
  /** "Campagne du 1er juillet au 31 août 2019" */
  period: string;
  intro: string;
  thanks: string;
  sites: string[];
  questions: Array<{
    position: number;
    kind: "scale" | "single" | "multiple" | "number" | "text";
    text: string;
    help: string;
    required: boolean;
    /** scale: its levels' words, the best first as a visitor reads them */
    options: string[];
    /** number: "entre 0 et 30" */
    bounds: string;
    personal: boolean;
  }>;
  /** For a campaign open online: its address and QR code. */
  online: { url: string; qrPng: Buffer } | null;
}

const BOX = "\u2610";

export async function renderQuestionnaireDocx(model: QuestionnaireDocumentModel): Promise<Buffer> {
  const document = new Document({
    creator: documentText(model.officeName),
    title: documentText(`${model.title} – ${model.officeName}`),
    styles: documentStyles(),
    numbering: listNumbering(),
    sections: [
      {
        properties: pageProperties(),
        headers: { default: runningHeader(documentText(model.officeName), "Questionnaire de satisfaction", null) },
        footers: { default: pageFooter() },
        children: [...opening(model), ...model.questions.flatMap(question), ...closing(model)] as FileChild[],
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * A printed link is typed by hand: on its own line, and never cut at one of its hyphens (a
 * reader would take "abc-" at the end of a line for a word break and drop the hyphen). Word
 * draws a non-breaking hyphen as "-" and copies it as one.
 */
function unbrokenLink(url: string): Array<string | NoBreakHyphen> {
  const parts: Array<string | NoBreakHyphen> = [];
  url.split("-").forEach((piece, i) => {
    if (i > 0) parts.push(new NoBreakHyphen());
    if (piece) parts.push(piece);
  });
  return parts;
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

function opening(model: QuestionnaireDocumentModel): Array<Paragraph | Table> {
  const heading = [
    new Paragraph({ spacing: { after: 40 }, children: [new TextRun({ text: documentText(model.officeName), bold: true, size: SIZES.heading3, color: COLORS.muted })] }),
    new Paragraph({ spacing: { after: 60, line: 320 }, children: [new TextRun({ text: documentText(model.title), bold: true, size: 36, color: COLORS.brand })] }),
    new Paragraph({ spacing: { after: model.online ? 40 : 160 }, children: [new TextRun({ text: documentText(model.period), color: COLORS.muted })] }),
  ];
  if (model.online) {
    heading.push(
      new Paragraph({
        spacing: { after: 160 },
        children: [new TextRun({ text: `Aussi en ligne${NBSP}:`, bold: true, size: SIZES.small }), new TextRun({ children: unbrokenLink(model.online.url), color: COLORS.muted, size: SIZES.small, break: 1 })],
      }),
    );
  }
  const blocks: Array<Paragraph | Table> = model.online ? [beside(heading, model.online)] : heading;
  if (model.intro.trim()) blocks.push(...lines(model.intro, { after: 160 }));
  const desk: TextRun[] = [];
  if (model.sites.length > 1) {
    desk.push(new TextRun({ text: `Bureau d’accueil${NBSP}: `, bold: true }));
    model.sites.forEach((s, i) => desk.push(new TextRun({ text: `${i > 0 ? "    " : ""}${BOX} ${documentText(s)}` })));
    desk.push(new TextRun({ text: "", break: 1 }));
  }
  desk.push(new TextRun({ text: `Date${NBSP}: `, bold: true }), new TextRun({ text: "....... / ....... / ............" }));
  blocks.push(new Paragraph({ spacing: { before: 60, after: 200 }, border: { bottom: THIN_LINE }, children: desk }));
  return blocks;
}

function lines(text: string, spacing: { after: number }): Paragraph[] {
  return documentText(text.trim())
    .split(/\r?\n/)
    .map((line) => new Paragraph({ spacing, children: [new TextRun(line)] }));
}

function question(q: QuestionnaireDocumentModel["questions"][number]): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [
    new Paragraph({
      keepNext: true,
      keepLines: true,
      spacing: { before: 120, after: q.help ? 20 : 60 },
      children: [new TextRun({ text: `${q.position}. `, bold: true, color: COLORS.brand }), new TextRun({ text: documentText(q.text), bold: true }), ...(q.required ? [new TextRun({ text: `${NBSP}*`, color: COLORS.warning })] : [])],
    }),
  ];
  const note = [q.help, q.kind === "multiple" ? "Plusieurs réponses possibles." : ""].filter(Boolean).join(" ");
  if (note) blocks.push(new Paragraph({ keepNext: true, spacing: { after: 80 }, children: [new TextRun({ text: documentText(note), italics: true, size: SIZES.small, color: COLORS.muted })] }));
  if (q.kind === "scale") blocks.push(scaleTable(q.options));
  else if (q.kind === "single" || q.kind === "multiple") {
    // One line after another, each choice kept whole (no-break spaces inside it).
    blocks.push(new Paragraph({ spacing: { after: 60, line: 300 }, children: q.options.map((o, i) => new TextRun({ text: `${i > 0 ? "     " : ""}${BOX}${NBSP}${documentText(o).replace(/ /g, NBSP)}` })) }));
  } else if (q.kind === "number") {
    blocks.push(new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `Réponse${NBSP}: ..................` }), ...(q.bounds ? [new TextRun({ text: `  (${q.bounds})`, italics: true, color: COLORS.muted })] : [])] }));
  } else {
    blocks.push(writingBox(q.personal ? 1 : 2));
    if (q.personal) blocks.push(new Paragraph({ spacing: { before: 60, after: 60 }, children: [new TextRun({ text: `${BOX} J’accepte que l’office de tourisme conserve ces coordonnées pour me recontacter au sujet de ma réponse.`, size: SIZES.small })] }));
  }
  return blocks;
}

/** The levels side by side, the best first, each with its box. */
function scaleTable(levels: string[]): Table {
  // Each column as wide as its words need ("Pas du tout satisfait (1)" is the longest), so none wraps.
  const weights = levels.map((l) => l.length + 6);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => Math.floor((TEXT_WIDTH * w) / total));
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: levels.map(
          (l, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              margins: { ...CELL_MARGINS, left: 60, right: 60 },
              children: [new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [new TextRun({ text: `${BOX}${NBSP}`, size: 26 }), new TextRun({ text: documentText(l).replace(/ /g, NBSP), size: SIZES.small })] })],
            }),
        ),
      }),
    ],
  });
}

/** An empty framed box to write in, `rows` lines high. */
function writingBox(rows: number): Table {
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [new TableCell({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, children: Array.from({ length: rows }, () => new Paragraph({ spacing: { after: 0, line: 420, lineRule: LineRuleType.EXACT }, children: [] })) })],
      }),
    ],
  });
}

/** The title block, and the QR code of the online questionnaire beside it (top right of the sheet). */
function beside(heading: Paragraph[], online: { url: string; qrPng: Buffer }): Table {
  const qrWidth = 2000;
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH - qrWidth, qrWidth],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({ width: { size: TEXT_WIDTH - qrWidth, type: WidthType.DXA }, margins: { left: 0, right: 120 }, children: heading }),
          new TableCell({
            width: { size: qrWidth, type: WidthType.DXA },
            margins: { left: 0, right: 0 },
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                spacing: { after: 0, line: 240, lineRule: LineRuleType.AUTO },
                children: [new ImageRun({ type: "png", data: online.qrPng, transformation: { width: 92, height: 92 }, altText: { name: "QR code", title: "QR code", description: documentText(`QR code du questionnaire en ligne : ${online.url}`) } })],
              }),
              new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 0 }, children: [new TextRun({ text: "Répondre en ligne", size: 16, color: COLORS.muted })] }),
            ],
          }),
        ],
      }),
    ],
  });
}

function closing(model: QuestionnaireDocumentModel): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [];
  if (model.questions.some((q) => q.required)) blocks.push(new Paragraph({ spacing: { before: 100 }, children: [new TextRun({ text: `*${NBSP}réponse attendue`, size: SIZES.small, color: COLORS.muted })] }));
  if (model.thanks.trim()) blocks.push(new Paragraph({ spacing: { before: 120, after: 100 }, border: { bottom: THIN_LINE }, children: [] }), ...lines(model.thanks, { after: 60 }));
  return blocks;
}
