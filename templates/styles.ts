// The look every Word report shares: A4 page, font, colours, headings, lists, the running header
// and the "Page X sur Y" footer, boxes and table header cells. Reports say what they contain;
// this file says how it looks, so that all of them look alike.
import {
  AlignmentType,
  BorderStyle,
  Footer,
  Header,
  LevelFormat,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  TabStopType,
  TableCell,
  TextRun,
  UnderlineType,
  WidthType,
  type IBorderOptions,
  type INumberingOptions,
  type ISectionPropertiesOptions,
  type IStylesOptions,
} from "docx";

/**
 * Arial is on every office computer; LibreOffice shows it with the metric-compatible
 * Liberation Sans, or DejaVu Sans (a little wider) where only that is installed.
 */
export const FONT = "Arial";

/** The application's colours (app/styles/app.css), without "#". */
export const COLORS = {
  brand: "0B5E55",
  ink: "1C2430",
  muted: "4F5B69",
  line: "B8C2CC",
  tableHeader: "E3F1EF",
  box: "F5F7FA",
  warning: "A4161A",
} as const;

/** Sizes in half-points, as Word counts them. */
export const SIZES = { body: 21, small: 18, table: 19, title: 30, heading2: 26, heading3: 23 } as const;

const CENTIMETRE = 567;
const A4 = { width: 11906, height: 16838 };
const MARGIN = 2 * CENTIMETRE;
/** Width between the margins, in twips: tables are laid out on it. */
export const TEXT_WIDTH = A4.width - 2 * MARGIN;
/** Width between the margins of a landscape page (wide tables). */
export const LANDSCAPE_TEXT_WIDTH = A4.height - 2 * MARGIN;

/** Numbering references: an en dash for bullets, as French typography does, and "1." lists. */
export const LISTS = { bullet: "puces", numbered: "numeros" } as const;

export const THIN_LINE: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: COLORS.line };

/** The styles of every document; `brand` is the office's colour for headings (the application's green by default). */
export function documentStyles(brand: string = COLORS.brand): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: SIZES.body, color: COLORS.ink, language: { value: "fr-FR" } },
        paragraph: { spacing: { after: 100, line: 264 } },
      },
      // Titles that wrap need more leading than the body: LibreOffice sets large type tight.
      heading1: {
        run: { font: FONT, size: SIZES.title, bold: true, color: brand },
        paragraph: { spacing: { before: 120, after: 160, line: 320 }, keepNext: true, keepLines: true },
      },
      heading2: {
        run: { font: FONT, size: SIZES.heading2, bold: true, color: brand },
        paragraph: {
          spacing: { before: 300, after: 120, line: 288 },
          keepNext: true,
          keepLines: true,
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: brand, space: 2 } },
        },
      },
      heading3: {
        run: { font: FONT, size: SIZES.heading3, bold: true, color: COLORS.ink },
        paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true },
      },
      heading4: {
        run: { font: FONT, size: SIZES.body, bold: true, color: COLORS.ink },
        paragraph: { spacing: { before: 160, after: 60 }, keepNext: true, keepLines: true },
      },
      heading5: {
        run: { font: FONT, size: SIZES.body, bold: true, italics: true, color: COLORS.muted },
        paragraph: { spacing: { before: 120, after: 60 }, keepNext: true, keepLines: true },
      },
      listParagraph: { paragraph: { spacing: { after: 40 } } },
      hyperlink: { run: { color: brand, underline: { type: UnderlineType.SINGLE } } },
    },
  };
}

export function listNumbering(): INumberingOptions {
  const indent = { left: 454, hanging: 284 };
  return {
    config: [
      {
        reference: LISTS.bullet,
        levels: [{ level: 0, format: LevelFormat.BULLET, text: "–", alignment: AlignmentType.LEFT, style: { paragraph: { indent } } }],
      },
      {
        reference: LISTS.numbered,
        levels: [{ level: 0, format: LevelFormat.DECIMAL, text: "%1.", alignment: AlignmentType.LEFT, style: { paragraph: { indent } } }],
      },
    ],
  };
}

export function pageProperties(options: { landscape?: boolean } = {}): ISectionPropertiesOptions {
  return {
    page: {
      // docx swaps width and height itself for a landscape page.
      size: options.landscape ? { ...A4, orientation: PageOrientation.LANDSCAPE } : A4,
      margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN, header: CENTIMETRE, footer: CENTIMETRE },
    },
  };
}

/**
 * The line at the top of every page: who (left) and which document (right), and a warning
 * under it when there is one, such as a draft's.
 */
export function runningHeader(left: string, right: string, warning: string | null, width: number = TEXT_WIDTH): Header {
  const small = { size: SIZES.small, color: COLORS.muted };
  const children = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: width }],
      border: { bottom: THIN_LINE },
      spacing: { after: 0 },
      children: [new TextRun({ text: left, bold: true, ...small }), new TextRun({ text: `\t${right}`, ...small })],
    }),
  ];
  if (warning !== null) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        spacing: { before: 60, after: 0 },
        children: [new TextRun({ text: warning, bold: true, size: SIZES.small, color: COLORS.warning })],
      }),
    );
  }
  return new Header({ children });
}

/** "Page 2 sur 5", centred: fields that Word and LibreOffice fill in when they lay out the pages. */
export function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " sur ", PageNumber.TOTAL_PAGES], size: SIZES.small, color: COLORS.muted })],
      }),
    ],
  });
}

/** A thin rule across the page, between the document's header block and its content. */
export function separator(): Paragraph {
  return new Paragraph({ border: { bottom: THIN_LINE }, spacing: { before: 120, after: 240 } });
}

/** The shaded cell of a table's header row. */
export function headerCell(text: string, width: number, color: string = COLORS.brand, keepNext = false, alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: { type: ShadingType.CLEAR, color: "auto", fill: COLORS.tableHeader },
    children: [new Paragraph({ alignment, spacing: { after: 0 }, keepNext: keepNext || undefined, children: [new TextRun({ text, bold: true, size: SIZES.table, color })] })],
  });
}

/** Padding inside table cells, in twips. */
export const CELL_MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };

export const TABLE_BORDERS = {
  top: THIN_LINE,
  bottom: THIN_LINE,
  left: THIN_LINE,
  right: THIN_LINE,
  insideHorizontal: THIN_LINE,
  insideVertical: THIN_LINE,
};
