// What the action plan, the audit report and the readiness file share beyond the minutes' look
// (styles.ts): a cover with the office's name and logo, a table of contents built from Word's
// own heading styles, the running header and "Page X sur Y" footer, tables whose header row
// repeats on every page, "Label : valeur" facts, and charts as images with their figures in a
// table. Every text goes through documentText (valid XML, French typography).
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
  type FileChild,
  type ISectionOptions,
} from "docx";
import { formatDateTime, formatLongDate } from "~/domain/dates";
import { renderBarChart } from "./chart";
import type { BarChartModel, ReportFrame } from "./report-models";
import {
  CELL_MARGINS,
  COLORS,
  LANDSCAPE_TEXT_WIDTH,
  LISTS,
  SIZES,
  TABLE_BORDERS,
  TEXT_WIDTH,
  documentStyles,
  headerCell,
  listNumbering,
  pageFooter,
  pageProperties,
  runningHeader,
} from "./styles";
import { NBSP, documentText } from "./typography";

export type Block = Paragraph | Table | TableOfContents;

export interface ReportPart {
  /** Wide tables go on landscape pages. */
  landscape?: boolean;
  children: Block[];
}

export interface ReportOptions {
  frame: ReportFrame;
  /** "Plan d'actions", shown on the cover and in the running header. */
  title: string;
  /** Under the title on the cover: "Marque Qualité Tourisme – audit complet de juin 2023". */
  subtitle: string;
  /** Lines under the subtitle on the cover (filters, period…). */
  coverLines?: string[];
  parts: ReportPart[];
}

/** The office's colour, or the application's green. */
export function brandOf(frame: ReportFrame): string {
  return frame.color && /^[0-9A-Fa-f]{6}$/.test(frame.color) ? frame.color.toUpperCase() : COLORS.brand;
}

export function textWidth(landscape = false): number {
  return landscape ? LANDSCAPE_TEXT_WIDTH : TEXT_WIDTH;
}

/** The whole document: the cover, then the contents, then the parts (a section each, so a part may be landscape). */
export async function packReport(options: ReportOptions): Promise<Buffer> {
  return Packer.toBuffer(buildReport(options));
}

export function buildReport(options: ReportOptions): Document {
  const brand = brandOf(options.frame);
  const office = documentText(options.frame.officeName);
  const header = (landscape: boolean) => ({ default: runningHeader(office, documentText(options.title), null, textWidth(landscape)) });
  const sections: ISectionOptions[] = [
    { properties: { ...pageProperties(), titlePage: true }, headers: header(false), footers: { default: pageFooter() }, children: [...cover(options, brand), ...contents()] },
    ...options.parts.map((part) => ({
      properties: pageProperties({ landscape: part.landscape }),
      headers: header(part.landscape ?? false),
      footers: { default: pageFooter() },
      children: part.children as FileChild[],
    })),
  ];
  return new Document({
    creator: office,
    title: documentText(`${options.title} – ${options.frame.officeName}`),
    styles: documentStyles(brand),
    numbering: listNumbering(),
    // The contents' entries are written from the headings; their page numbers are Word's to
    // fill in when it opens the file (docx's own page layout, docx/layout, took 17 s for 43 pages).
    features: { updateFields: true },
    sections,
  });
}

function cover(options: ReportOptions, brand: string): Paragraph[] {
  const { frame } = options;
  const paragraphs: Paragraph[] = [];
  if (frame.logo) {
    // At most 6 cm wide and 3 cm high, keeping the logo's proportions (96 pixels to the inch).
    const ratio = Math.min(227 / frame.logo.width, 113 / frame.logo.height, 1);
    paragraphs.push(
      new Paragraph({
        spacing: { before: 600, after: 400, line: 240, lineRule: LineRuleType.AUTO },
        children: [
          new ImageRun({
            type: frame.logo.type,
            data: frame.logo.data,
            transformation: { width: Math.round(frame.logo.width * ratio), height: Math.round(frame.logo.height * ratio) },
            altText: { name: "Logo", title: "Logo", description: documentText(`Logo de ${frame.officeName}`) },
          }),
        ],
      }),
    );
  } else {
    paragraphs.push(new Paragraph({ spacing: { before: 1600, after: 0 }, children: [] }));
  }
  paragraphs.push(
    new Paragraph({ spacing: { after: 1200 }, children: [new TextRun({ text: documentText(frame.officeName), bold: true, size: 32, color: COLORS.ink })] }),
    new Paragraph({
      // Single spacing of its own size: a fixed line of 18 pt overlapped the title's two lines.
      spacing: { after: 200, line: 240, lineRule: LineRuleType.AUTO },
      border: { bottom: { style: "single", size: 18, color: brand, space: 6 } },
      children: [new TextRun({ text: documentText(options.title), bold: true, size: 56, color: brand })],
    }),
    new Paragraph({ spacing: { after: 600 }, children: [new TextRun({ text: documentText(options.subtitle), size: 30, color: COLORS.ink })] }),
  );
  for (const line of options.coverLines ?? []) paragraphs.push(new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: documentText(line), color: COLORS.muted })] }));
  paragraphs.push(
    new Paragraph({ spacing: { before: 600, after: 80 }, children: [new TextRun({ text: `Données au ${builtAtText(frame.builtAt)}`, italics: true, color: COLORS.muted })] }),
  );
  for (const note of frame.notes) paragraphs.push(new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: documentText(note), italics: true, size: SIZES.small, color: COLORS.muted })] }));
  return paragraphs;
}

/** "jeudi 25 mars 2021 à 14 h 05" (Paris). */
export function builtAtText(instant: string): string {
  const [, time] = formatDateTime(instant).split(" ");
  const [hours, minutes] = (time ?? "00:00").split(":");
  return `${formatLongDate(instant)} à ${Number(hours)}${NBSP}h${minutes === "00" ? "" : `${NBSP}${minutes}`}`;
}

function contents(): Block[] {
  return [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: "Sommaire", bold: true, size: SIZES.title })] }),
    new TableOfContents("Sommaire", { hyperlink: true, headingStyleRange: "1-2" }),
  ];
}

// ── Blocks ────────────────────────────────────────────────────────────────────────────────

export function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(documentText(text))] });
}

export function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(documentText(text))] });
}

export function heading3(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(documentText(text))] });
}

/** A paragraph of typed text; its line breaks are kept. */
export function paragraph(text: string, format: { italics?: boolean; muted?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({ children: runs(text, { italics: format.italics, bold: format.bold, color: format.muted ? COLORS.muted : undefined }) });
}

/** "Label : valeur" lines, the label in bold. */
export function facts(lines: ReadonlyArray<readonly [string, string]>): Paragraph[] {
  return lines.map(([label, value]) => new Paragraph({ spacing: { after: 60 }, children: [new TextRun({ text: `${label}${NBSP}:`, bold: true }), new TextRun(" "), ...runs(value)] }));
}

export function bullets(items: readonly string[]): Paragraph[] {
  return items.map((item, index) => new Paragraph({ numbering: { reference: LISTS.bullet, level: 0 }, spacing: index === items.length - 1 ? { after: 120 } : undefined, children: runs(item) }));
}

export interface Column {
  title: string;
  /** Share of the width, the shares of a table adding up to 1. */
  share: number;
  align?: "right";
}

export interface Cell {
  text: string;
  bold?: boolean;
  /** Red, for what is late or below a threshold. */
  alert?: boolean;
  muted?: boolean;
}

/**
 * A table whose header row repeats at the top of every page and whose rows are never cut;
 * `keepTogether`: a short table kept on one page (each row kept with the next).
 */
export function table(columns: readonly Column[], rows: ReadonlyArray<ReadonlyArray<string | Cell>>, options: { landscape?: boolean; brand?: string; keepTogether?: boolean } = {}): Table {
  const width = textWidth(options.landscape);
  const widths = columns.map((c) => Math.floor(width * c.share));
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => headerCell(c.title, widths[i]!, options.brand, options.keepTogether)) });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    borders: TABLE_BORDERS,
    margins: CELL_MARGINS,
    rows: [
      header,
      ...rows.map(
        (row, r) =>
          new TableRow({
            cantSplit: true,
            children: row.map((value, i) => {
              const cell = typeof value === "string" ? { text: value } : value;
              return new TableCell({
                width: { size: widths[i]!, type: WidthType.DXA },
                children: [
                  new Paragraph({
                    spacing: { after: 0 },
                    keepNext: options.keepTogether && r < rows.length - 1 ? true : undefined,
                    alignment: columns[i]?.align === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT,
                    children: runs(cell.text, { size: SIZES.table, bold: cell.bold, color: cell.alert ? COLORS.warning : cell.muted ? COLORS.muted : undefined }),
                  }),
                ],
              });
            }),
          }),
      ),
    ],
  });
}

/** A shaded box for what the reader must see first (what is not ready, a reported audit's notice). */
export function box(children: Paragraph[], landscape = false): Table {
  const width = textWidth(landscape);
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: [width],
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        children: [new TableCell({ width: { size: width, type: WidthType.DXA }, shading: { type: ShadingType.CLEAR, color: "auto", fill: COLORS.box }, margins: { top: 100, bottom: 60, left: 160, right: 160 }, children })],
      }),
    ],
  });
}

/**
 * The chart as an image (with its title as alternative text), then its figures in a table, or
 * a line naming the table that follows with them (`figuresIn`).
 */
export function chart(model: BarChartModel, brand: string, options: { landscape?: boolean; figuresIn?: string } = {}): Block[] {
  const image = renderBarChart(model, brand);
  // Pixels at 96 to the inch; the text width in twips is 1440 to the inch.
  const maxWidth = Math.round((textWidth(options.landscape) / 1440) * 96 * (options.landscape ? 0.75 : 1));
  const width = Math.min(maxWidth, image.width);
  const height = Math.round((image.height * width) / image.width);
  const columns: Column[] = [
    { title: "", share: model.series.length > 2 ? 0.4 : 0.5 },
    ...model.series.map((name) => ({ title: name, share: (model.series.length > 2 ? 0.6 : 0.5) / model.series.length, align: "right" as const })),
  ];
  const figures = options.figuresIn
    ? paragraph(`Les chiffres de ce graphique sont dans le tableau « ${options.figuresIn} » ci-dessous.`, { italics: true, muted: true })
    : table(
        columns,
        model.categories.map((c) => [c.label, ...c.values.map((v, i) => ({ text: c.texts?.[i] ?? formatFigure(v, model.unit) }))]),
        { landscape: options.landscape, brand },
      );
  return [
    new Paragraph({ keepNext: true, spacing: { before: 120, after: 60 }, children: [new TextRun({ text: documentText(model.title), bold: true })] }),
    new Paragraph({
      keepNext: true,
      alignment: AlignmentType.CENTER,
      // The body's line spacing would be read as exact by LibreOffice and cut the image to one line.
      spacing: { line: 240, lineRule: LineRuleType.AUTO },
      children: [new ImageRun({ type: "png", data: image.png, transformation: { width, height }, altText: { name: documentText(model.title), title: documentText(model.title), description: documentText(`${model.title} : les chiffres sont dans le tableau qui suit.`) } })],
    }),
    figures,
    spacer(),
  ];
}

export function formatFigure(value: number | null, unit: "%" | ""): string {
  if (value === null) return "—";
  const text = (Math.round(value * 10) / 10).toLocaleString("fr-FR");
  return unit === "%" ? `${text}${NBSP}%` : text;
}

export function spacer(): Paragraph {
  return new Paragraph({ spacing: { after: 120 }, children: [] });
}

/** Text typed by someone, with its line breaks. */
export function runs(text: string, format: { size?: number; bold?: boolean; italics?: boolean; color?: string } = {}): TextRun[] {
  return documentText(text.trim())
    .split(/\r\n?|\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, ...format }));
}
