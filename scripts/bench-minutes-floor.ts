// The floor of the Word minutes' benchmark (scripts/bench-minutes.ts): the document that
// templates/minutes.ts writes, written with plain `docx` calls — the same paragraphs, tables,
// headings and runs, no template, no kit. The texts go through the same typography and
// Markdown parser (they are the content); the style, numbering and page options are the same
// values. Only its packing is timed; the bench checks that it writes the very word/document.xml
// the template does.
import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ParagraphChild,
} from "docx";
import { formatDate, formatDay, formatLongDate, formatTime } from "../app/domain/dates";
import { parseMarkdown, safeHref, type Inline } from "../app/domain/markdown";
import { countsLine, summaryTitle, type RegisterSummary } from "../app/modules/register/rules";
import type { MinutesDocumentModel } from "../templates/minutes-model";
import { repeatsTitle } from "../templates/minutes";
import { documentStyles, listNumbering, pageProperties } from "../templates/styles";
import { documentText } from "../templates/typography";

const TEXT_WIDTH = 11906 - 4 * 567;
const LINE = { style: BorderStyle.SINGLE, size: 4, color: "B8C2CC" };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
const MARGINS = { top: 60, bottom: 60, left: 100, right: 100 };
const HEADER_FILL = { type: ShadingType.CLEAR, color: "auto", fill: "E3F1EF" };
const widths = (shares: number[]) => shares.map((share) => Math.floor(TEXT_WIDTH * share));

function lines(text: string, size?: number): TextRun[] {
  return documentText(text.trim())
    .split(/\r\n?|\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, size }));
}

function label(text: string): TextRun {
  return new TextRun({ text: `${text}\u00A0:`, bold: true });
}

function line(name: string, value: string, after = 60): Paragraph {
  return new Paragraph({ spacing: { after }, children: [label(name), new TextRun(" "), ...lines(value)] });
}

function heading(text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2): Paragraph {
  return new Paragraph({ heading: level, children: [new TextRun(text)] });
}

function caption(text: string, before = 160): Paragraph {
  return new Paragraph({ keepNext: true, spacing: { before, after: 60 }, children: [label(text)] });
}

function bullet(children: ParagraphChild[]): Paragraph {
  return new Paragraph({ numbering: { reference: "puces", level: 0 }, children });
}

function table(columnWidths: number[], titles: string[], rows: TableCell[][], alignments: Array<(typeof AlignmentType)[keyof typeof AlignmentType] | undefined> = []): Table {
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: titles.map(
      (title, i) =>
        new TableCell({
          width: { size: columnWidths[i]!, type: WidthType.DXA },
          shading: HEADER_FILL,
          children: [new Paragraph({ alignment: alignments[i], spacing: { after: 0 }, children: [new TextRun({ text: title, bold: true, size: 19, color: "0B5E55" })] })],
        }),
    ),
  });
  return new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths, borders: BORDERS, margins: MARGINS, rows: [header, ...rows.map((children) => new TableRow({ cantSplit: true, children }))] });
}

function cell(text: string, width: number): TableCell {
  return new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ spacing: { after: 0 }, children: lines(text, 19) })] });
}

function runs(nodes: Inline[], format: { bold?: boolean; italics?: boolean; link?: boolean } = {}): ParagraphChild[] {
  return nodes.flatMap((node): ParagraphChild[] => {
    if (node.type === "text") return [new TextRun({ text: documentText(node.text), bold: format.bold, italics: format.italics, style: format.link ? "Hyperlink" : undefined })];
    if (node.type === "break") return [new TextRun({ break: 1 })];
    if (node.type === "strong") return runs(node.children, { ...format, bold: true });
    if (node.type === "em") return runs(node.children, { ...format, italics: true });
    const href = safeHref(node.href);
    return href === null ? runs(node.children, format) : [new ExternalHyperlink({ link: href, children: runs(node.children, { ...format, link: true }) })];
  });
}

function markdown(source: string, lists: { numbered: number }): Paragraph[] {
  const levels = [HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5] as const;
  return parseMarkdown(source).flatMap((block) => {
    if (block.type === "heading") return [new Paragraph({ heading: levels[Math.min(block.level, 3)], children: runs(block.children) })];
    if (block.type === "paragraph") return [new Paragraph({ children: runs(block.children) })];
    const numbering = block.ordered ? { reference: "numeros", level: 0, instance: ++lists.numbered } : { reference: "puces", level: 0 };
    return block.items.map((item, i) => new Paragraph({ numbering, spacing: i === block.items.length - 1 ? { after: 120 } : undefined, children: runs(item) }));
  });
}

function register(summary: RegisterSummary): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [caption(summaryTitle(summary))];
  if (summary.total === 0) return [...blocks, new Paragraph({ children: [new TextRun("Aucune entrée sur la période.")] })];
  const late = summary.kind === "complaint" && summary.late > 0 ? `, dont ${summary.late} hors délai de réponse` : "";
  const w = widths([0.14, 0.25, 0.13, 0.19, 0.1, 0.19]);
  blocks.push(
    new Paragraph({ spacing: { after: 60 }, children: lines(`${summary.total} entrée${summary.total > 1 ? "s" : ""}${late}.`) }),
    line("Par catégorie", countsLine(summary.byCategory)),
    line("Par bureau", countsLine(summary.bySite), 120),
    table(
      w,
      ["Date", "Objet", "Bureau", "Catégorie", "Statut", "Actions"],
      summary.entries.map((e) =>
        [
          formatDate(e.occurredOn),
          e.occurrence > 1 ? `${e.subject} (${e.occurrence}e fois)` : e.subject,
          e.site,
          e.category || "—",
          e.late ? `${e.status}, hors délai` : e.status,
          e.actions.length ? e.actions.map((a) => `${a.title} (${a.status.toLowerCase()}${a.dueOn ? `, échéance ${formatDate(a.dueOn)}` : ""})`).join("\n") : "—",
        ].map((text, i) => cell(text, w[i]!)),
      ),
    ),
  );
  if (summary.more > 0) blocks.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: `… et ${summary.more} autre${summary.more > 1 ? "s" : ""} entrée${summary.more > 1 ? "s" : ""}, dans le registre.`, italics: true })] }));
  return blocks;
}

function indicators(block: NonNullable<MinutesDocumentModel["sections"][number]["indicators"]>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [caption(documentText(block.title))];
  const t = block.table;
  if (!t) return [...out, new Paragraph({ children: [new TextRun("Aucun chiffre saisi pour cette période.")] })];
  const w = widths([0.46, 0.18, 0.18, 0.18]);
  const figure = (text: string, width: number, bold = false) =>
    new TableCell({ width: { size: width, type: WidthType.DXA }, children: [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 0 }, children: [new TextRun({ text: documentText(text), size: 19, bold })] })] });
  out.push(
    table(
      w,
      ["Indicateur", t.previousLabel, t.currentLabel, "Évolution"].map(documentText),
      t.rows.map((r) => [cell(r.name, w[0]!), figure(r.previous, w[1]!), figure(r.current, w[2]!, true), figure(r.variation, w[3]!)]),
      [undefined, AlignmentType.RIGHT, AlignmentType.RIGHT, AlignmentType.RIGHT],
    ),
  );
  if (t.notes.length) out.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: documentText(t.notes.map((n) => `* ${n}.`).join(" ")), italics: true, color: "4F5B69", size: 18 })] }));
  if (t.missing.length) {
    out.push(new Paragraph({ keepNext: true, spacing: { before: 60, after: 0 }, children: [new TextRun({ text: "Chiffres manquants :", bold: true, size: 18 })] }));
    out.push(...t.missing.map((m) => bullet([new TextRun({ text: documentText(m), size: 18 })])));
  }
  return out;
}

/** The minutes written with docx alone: what the template writes, paragraph for paragraph and run for run. */
export function floorMinutes(model: MinutesDocumentModel): Document {
  const lists = { numbered: 0 };
  const title = `Compte rendu de la réunion ${model.seriesName} du ${formatLongDate(model.date)}`;
  const small = { size: 18, color: "4F5B69" };
  const headerLines = (
    [
      ["Date d’actualisation", formatDay(model.header.updatedOn)],
      ["Référent qualité", model.header.referent],
      ["Responsable suivi fiche", model.header.followUp],
      ["Personnes concernées", model.header.concerned],
    ] as Array<[string, string]>
  ).filter(([, value]) => value.trim() !== "");
  const people = (name: string, attendees: MinutesDocumentModel["present"]) =>
    attendees.length === 0
      ? [line(name, "aucun")]
      : [caption(name), ...attendees.map((a) => bullet([new TextRun(documentText(a.name)), ...(a.role.trim() === "" ? [] : [new TextRun({ text: ` – ${documentText(a.role)}`, color: "4F5B69" })])]))];
  const w = widths([0.36, 0.18, 0.17, 0.15, 0.14]);
  const children: Array<Paragraph | Table> = [
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: [TEXT_WIDTH],
      borders: BORDERS,
      rows: [
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: TEXT_WIDTH, type: WidthType.DXA },
              shading: { type: ShadingType.CLEAR, color: "auto", fill: "F5F7FA" },
              margins: { top: 100, bottom: 60, left: 160, right: 160 },
              children: headerLines.map(([name, value]) => line(name, value, 40)),
            }),
          ],
        }),
      ],
    }),
    new Paragraph({ border: { bottom: LINE }, spacing: { before: 120, after: 240 } }),
    heading(documentText(title), HeadingLevel.HEADING_1),
  ];
  if (!repeatsTitle(model.title, title, model.date)) children.push(new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: documentText(model.title), italics: true, size: 23, color: "4F5B69" })] }));
  const time = model.endTime === null ? `à ${formatTime(model.startTime)}` : `de ${formatTime(model.startTime)} à ${formatTime(model.endTime)}`;
  children.push(line("Date", `${formatLongDate(model.date)}, ${time}`));
  if (model.place.trim() !== "") children.push(line("Lieu", model.place));
  if (model.chair) children.push(line("Présidence", model.chair));
  if (model.writer) children.push(line("Rédaction", model.writer));
  children.push(...people("Présents", model.present), ...people("Excusés", model.excused), ...(model.absent.length > 0 ? people("Absents", model.absent) : []));
  for (const section of model.sections) {
    children.push(heading(documentText(section.title)), ...markdown(section.body, lists));
    if (section.register) children.push(...register(section.register));
    if (section.indicators) children.push(...indicators(section.indicators));
    const decisions = section.decisions.filter((d) => d.trim() !== "");
    if (decisions.length > 0) children.push(caption("Décisions"), ...decisions.map((d) => bullet(lines(d))));
  }
  children.push(heading("Actions décidées"));
  if (model.actions.length === 0) children.push(new Paragraph({ children: [new TextRun("Aucune action n’a été créée à partir de cette réunion.")] }));
  else
    children.push(
      table(
        w,
        ["Action", "Pilote", "Bureau(x)", "Échéance", "Statut"],
        model.actions.map((a) => [a.title, a.owner, a.sites, a.dueOn === null ? "—" : formatDate(a.dueOn), a.status].map((text, i) => cell(text, w[i]!))),
      ),
    );
  if (model.summary.trim() !== "") children.push(heading("En résumé"), ...markdown(model.summary, lists));
  if (model.attachments.length > 0) children.push(caption("Pièces jointes", 240), ...model.attachments.map((name) => bullet(lines(name))));
  if (model.endTime !== null) children.push(new Paragraph({ spacing: { before: 360 }, border: { top: LINE }, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `Fin de réunion à ${formatTime(model.endTime)}`, italics: true })] }));
  const running = [
    new Paragraph({
      tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
      border: { bottom: LINE },
      spacing: { after: 0 },
      children: [new TextRun({ text: documentText(model.officeName), bold: true, ...small }), new TextRun({ text: `\t${documentText(`Compte rendu – ${model.seriesName}`)}`, ...small })],
    }),
  ];
  if (!model.published) running.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 60, after: 0 }, children: [new TextRun({ text: "BROUILLON – non publié", bold: true, size: 18, color: "A4161A" })] }));
  return new Document({
    creator: documentText(model.officeName),
    title: documentText(title),
    styles: documentStyles(),
    numbering: listNumbering(),
    sections: [
      {
        properties: pageProperties(),
        headers: { default: new Header({ children: running }) },
        footers: { default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ["Page ", PageNumber.CURRENT, " sur ", PageNumber.TOTAL_PAGES], ...small })] })] }) },
        children,
      },
    ],
  });
}

