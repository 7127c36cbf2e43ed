// The minutes of a meeting as a Word document, laid out as a quality referent writes them by
// hand (../shared/seed): the quality-document header, who came, each agenda item with its
// decisions, the actions decided, a summary. Every text typed by someone goes through
// documentText (valid XML, French typography); Markdown comes in as a tree, never as HTML.
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from "docx";
import { searchKey } from "~/domain/search";
import { countsLine, summaryTitle, type RegisterSummary } from "~/modules/register/rules";
import { formatDate, formatLongDate, formatTime } from "~/domain/dates";
import type { MinutesAttendee, MinutesDocumentModel, MinutesIndicatorTable } from "./minutes-model";
import { markdownParagraphs, type MarkdownContext } from "./markdown-docx";
import { qualityHeader } from "./quality-header";
import { CELL_MARGINS, COLORS, LISTS, SIZES, TABLE_BORDERS, TEXT_WIDTH, THIN_LINE, documentStyles, headerCell, listNumbering, pageFooter, pageProperties, runningHeader, separator } from "./styles";
import { labelRun, labelled, plainRuns, textCell } from "./text";
import { documentText } from "./typography";

const DRAFT_WARNING = "BROUILLON – non publié";

export async function renderMinutesDocx(model: MinutesDocumentModel): Promise<Buffer> {
  return Packer.toBuffer(minutesDocx(model));
}

/** The minutes as a `docx` document, not yet packed (the bench packs it alone for its floor). */
export function minutesDocx(model: MinutesDocumentModel): Document {
  const context: MarkdownContext = { numberedLists: 0 };
  return new Document({
    creator: documentText(model.officeName),
    title: documentText(minutesTitle(model)),
    styles: documentStyles(),
    numbering: listNumbering(),
    sections: [
      {
        properties: pageProperties(),
        headers: {
          default: runningHeader(documentText(model.officeName), documentText(`Compte rendu – ${model.seriesName}`), model.published ? null : DRAFT_WARNING),
        },
        footers: { default: pageFooter() },
        children: [
          qualityHeader(model.header),
          separator(),
          ...titleBlock(model),
          ...attendance(model),
          ...model.sections.flatMap((section) => agendaItem(section, context)),
          ...actionsDecided(model.actions),
          ...closing(model, context),
        ],
      },
    ],
  });
}

/**
 * Always "Compte rendu de la réunion <série> du <jour>", as the seed writes it: the board files
 * minutes by series and date. The meeting's own title is shown under it when it says more.
 */
function minutesTitle(model: Pick<MinutesDocumentModel, "seriesName" | "date">): string {
  return `Compte rendu de la réunion ${model.seriesName} du ${formatLongDate(model.date)}`;
}

function subtitle(model: MinutesDocumentModel): string | null {
  return repeatsTitle(model.title, minutesTitle(model), model.date) ? null : model.title;
}

/** Words that say nothing a title does not already say. */
const FILLER = new Set(["de", "du", "des", "d", "la", "le", "les", "l", "et", "a", "au", "aux", "en", "pour", "sur", "reunion", "compte", "rendu", "cr"]);

/**
 * Whether a meeting's own title only repeats the document's title ("Réunion du Groupe Local
 * Qualité", "GLQ du 25/03/2021" under "Compte rendu de la réunion Groupe Local Qualité du jeudi
 * 25 mars 2021"): every word it has is in the title, or is the meeting's date written another way.
 */
export function repeatsTitle(own: string, title: string, date: string): boolean {
  const words = (text: string) => searchKey(text).split(/[^a-z0-9]+/).filter(Boolean);
  const [year, month, day] = date.split("-");
  const known = new Set([...words(title), ...words(date), String(Number(day)), day ?? "", month ?? "", String(Number(month)), year ?? "", (year ?? "").slice(2)]);
  const initials = words(title)
    .filter((w) => !FILLER.has(w))
    .map((w) => w[0])
    .join("");
  return words(own).every((w) => FILLER.has(w) || known.has(w) || (w.length >= 2 && initials.includes(w)));
}

// ── Title, date, place, attendance ────────────────────────────────────────────────────────

function titleBlock(model: MinutesDocumentModel): Paragraph[] {
  const paragraphs = [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(documentText(minutesTitle(model)))] })];
  const more = subtitle(model);
  if (more !== null) {
    paragraphs.push(new Paragraph({ spacing: { after: 160 }, children: [new TextRun({ text: documentText(more), italics: true, size: SIZES.heading3, color: COLORS.muted })] }));
  }
  paragraphs.push(labelled("Date", `${formatLongDate(model.date)}, ${timeRange(model.startTime, model.endTime)}`));
  if (model.place.trim() !== "") paragraphs.push(labelled("Lieu", model.place));
  if (model.chair) paragraphs.push(labelled("Présidence", model.chair));
  if (model.writer) paragraphs.push(labelled("Rédaction", model.writer));
  return paragraphs;
}

/** "de 14 h à 16 h 30", or "à 14 h" when the end was not recorded. */
function timeRange(start: string, end: string | null): string {
  return end === null ? `à ${formatTime(start)}` : `de ${formatTime(start)} à ${formatTime(end)}`;
}

function attendance(model: MinutesDocumentModel): Paragraph[] {
  return [
    ...attendeeList("Présents", model.present),
    ...attendeeList("Excusés", model.excused),
    ...(model.absent.length > 0 ? attendeeList("Absents", model.absent) : []),
  ];
}

function attendeeList(label: string, attendees: MinutesAttendee[]): Paragraph[] {
  if (attendees.length === 0) return [labelled(label, "aucun")];
  return [
    new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [labelRun(label)] }),
    ...attendees.map(
      (attendee) =>
        new Paragraph({
          numbering: { reference: LISTS.bullet, level: 0 },
          children: [
            new TextRun(documentText(attendee.name)),
            ...(attendee.role.trim() === "" ? [] : [new TextRun({ text: ` – ${documentText(attendee.role)}`, color: COLORS.muted })]),
          ],
        }),
    ),
  ];
}

// ── Agenda items ──────────────────────────────────────────────────────────────────────────

function agendaItem(section: MinutesDocumentModel["sections"][number], context: MarkdownContext): Array<Paragraph | Table> {
  const paragraphs: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(documentText(section.title))] })];
  paragraphs.push(...markdownParagraphs(section.body, context));
  if (section.register) paragraphs.push(...registerSummaryBlock(section.register));
  if (section.indicators) paragraphs.push(...indicatorTableBlock(section.indicators));
  const decisions = section.decisions.filter((decision) => decision.trim() !== "");
  if (decisions.length > 0) {
    paragraphs.push(new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [labelRun("Décisions")] }));
    paragraphs.push(...decisions.map((decision) => new Paragraph({ numbering: { reference: LISTS.bullet, level: 0 }, children: plainRuns(decision) })));
  }
  return paragraphs;
}

// ── Actions decided ───────────────────────────────────────────────────────────────────────

const ACTION_COLUMNS = [
  { title: "Action", share: 0.36 },
  { title: "Pilote", share: 0.18 },
  { title: "Bureau(x)", share: 0.17 },
  { title: "Échéance", share: 0.15 },
  { title: "Statut", share: 0.14 },
];
const ACTION_WIDTHS = ACTION_COLUMNS.map((column) => Math.floor(TEXT_WIDTH * column.share));

function actionsDecided(actions: MinutesDocumentModel["actions"]): Array<Paragraph | Table> {
  const heading = new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("Actions décidées")] });
  if (actions.length === 0) return [heading, new Paragraph({ children: [new TextRun("Aucune action n’a été créée à partir de cette réunion.")] })];
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ACTION_COLUMNS.map((column, index) => headerCell(column.title, ACTION_WIDTHS[index]!)),
  });
  const rows = actions.map(
    (action) =>
      new TableRow({
        cantSplit: true,
        children: [action.title, action.owner, action.sites, action.dueOn === null ? "—" : formatDate(action.dueOn), action.status].map((text, index) =>
          textCell(text, ACTION_WIDTHS[index]!),
        ),
      }),
  );
  return [
    heading,
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths: ACTION_WIDTHS,
      borders: TABLE_BORDERS,
      margins: CELL_MARGINS,
      rows: [header, ...rows],
    }),
  ];
}

// ── A register's summary under an agenda item ─────────────────────────────────────────────

const SUMMARY_COLUMNS = [
  { title: "Date", share: 0.14 },
  { title: "Objet", share: 0.25 },
  { title: "Bureau", share: 0.13 },
  { title: "Catégorie", share: 0.19 },
  { title: "Statut", share: 0.1 },
  { title: "Actions", share: 0.19 },
];
const SUMMARY_WIDTHS = SUMMARY_COLUMNS.map((column) => Math.floor(TEXT_WIDTH * column.share));

/** What the register holds for the period: counts by category and site, then the entries and their actions. */
export function registerSummaryBlock(summary: RegisterSummary): Array<Paragraph | Table> {
  const title = summaryTitle(summary);
  const blocks: Array<Paragraph | Table> = [new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [labelRun(title)] })];
  if (summary.total === 0) {
    blocks.push(new Paragraph({ children: [new TextRun("Aucune entrée sur la période.")] }));
    return blocks;
  }
  const late = summary.kind === "complaint" && summary.late > 0 ? `, dont ${summary.late} hors délai de réponse` : "";
  blocks.push(new Paragraph({ spacing: { after: 60 }, children: plainRuns(`${summary.total} entrée${summary.total > 1 ? "s" : ""}${late}.`) }));
  blocks.push(labelled("Par catégorie", countsLine(summary.byCategory)), labelled("Par bureau", countsLine(summary.bySite), { after: 120 }));
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: SUMMARY_COLUMNS.map((column, index) => headerCell(column.title, SUMMARY_WIDTHS[index]!)) });
  const rows = summary.entries.map(
    (entry) =>
      new TableRow({
        cantSplit: true,
        children: [
          formatDate(entry.occurredOn),
          entry.occurrence > 1 ? `${entry.subject} (${entry.occurrence}e fois)` : entry.subject,
          entry.site,
          entry.category || "—",
          entry.late ? `${entry.status}, hors délai` : entry.status,
          entry.actions.length ? entry.actions.map((a) => `${a.title} (${a.status.toLowerCase()}${a.dueOn ? `, échéance ${formatDate(a.dueOn)}` : ""})`).join("\n") : "—",
        ].map((text, index) => textCell(text, SUMMARY_WIDTHS[index]!)),
      }),
  );
  blocks.push(new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: SUMMARY_WIDTHS, borders: TABLE_BORDERS, margins: CELL_MARGINS, rows: [header, ...rows] }));
  if (summary.more > 0) blocks.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: `… et ${summary.more} autre${summary.more > 1 ? "s" : ""} entrée${summary.more > 1 ? "s" : ""}, dans le registre.`, italics: true })] }));
  return blocks;
}

// ── The indicators of a period under an agenda item ───────────────────────────────────────

const INDICATOR_SHARES = [0.46, 0.18, 0.18, 0.18];
const INDICATOR_WIDTHS = INDICATOR_SHARES.map((share) => Math.floor(TEXT_WIDTH * share));

function figureCell(text: string, width: number, bold = false): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { after: 0 }, children: [new TextRun({ text: documentText(text), size: SIZES.table, bold })] })],
  });
}

/** The period's figures against the same period a year earlier, as the seed's activity report gives them. */
export function indicatorTableBlock(indicators: MinutesIndicatorTable): Array<Paragraph | Table> {
  const blocks: Array<Paragraph | Table> = [new Paragraph({ keepNext: true, spacing: { before: 160, after: 60 }, children: [labelRun(documentText(indicators.title))] })];
  const t = indicators.table;
  if (!t) {
    blocks.push(new Paragraph({ children: [new TextRun("Aucun chiffre saisi pour cette période.")] }));
    return blocks;
  }
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: ["Indicateur", t.previousLabel, t.currentLabel, "Évolution"].map((title, index) => headerCell(documentText(title), INDICATOR_WIDTHS[index]!, COLORS.brand, false, index > 0 ? AlignmentType.RIGHT : undefined)),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: [textCell(r.name, INDICATOR_WIDTHS[0]!), figureCell(r.previous, INDICATOR_WIDTHS[1]!), figureCell(r.current, INDICATOR_WIDTHS[2]!, true), figureCell(r.variation, INDICATOR_WIDTHS[3]!)],
      }),
  );
  blocks.push(new Table({ width: { size: TEXT_WIDTH, type: WidthType.DXA }, columnWidths: INDICATOR_WIDTHS, borders: TABLE_BORDERS, margins: CELL_MARGINS, rows: [header, ...rows] }));
  if (t.notes.length) blocks.push(new Paragraph({ spacing: { before: 60 }, children: [new TextRun({ text: documentText(t.notes.map((n) => `* ${n}.`).join(" ")), italics: true, color: COLORS.muted, size: SIZES.small })] }));
  if (t.missing.length) {
    blocks.push(new Paragraph({ keepNext: true, spacing: { before: 60, after: 0 }, children: [new TextRun({ text: "Chiffres manquants :", bold: true, size: SIZES.small })] }));
    blocks.push(...t.missing.map((m) => new Paragraph({ numbering: { reference: LISTS.bullet, level: 0 }, children: [new TextRun({ text: documentText(m), size: SIZES.small })] })));
  }
  return blocks;
}

// ── Summary, attachments, end ─────────────────────────────────────────────────────────────

function closing(model: MinutesDocumentModel, context: MarkdownContext): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  if (model.summary.trim() !== "") {
    paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun("En résumé")] }), ...markdownParagraphs(model.summary, context));
  }
  if (model.attachments.length > 0) {
    paragraphs.push(new Paragraph({ keepNext: true, spacing: { before: 240, after: 60 }, children: [labelRun("Pièces jointes")] }));
    paragraphs.push(...model.attachments.map((name) => new Paragraph({ numbering: { reference: LISTS.bullet, level: 0 }, children: plainRuns(name) })));
  }
  if (model.endTime !== null) {
    paragraphs.push(
      new Paragraph({
        spacing: { before: 360 },
        border: { top: THIN_LINE },
        alignment: AlignmentType.RIGHT,
        children: [new TextRun({ text: `Fin de réunion à ${formatTime(model.endTime)}`, italics: true })],
      }),
    );
  }
  return paragraphs;
}
