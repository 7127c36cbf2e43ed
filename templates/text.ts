// Runs of text every Word document writes the same way: "Label : value" lines, bold labels
// with the no-break space French puts before ":", and plain text whose line breaks are kept.
import { Paragraph, TableCell, TextRun, WidthType } from "docx";
import { SIZES } from "./styles";
import { NBSP, documentText } from "./typography";

/** "Label : value", the label in bold, with the no-break space French puts before ":". */
export function labelled(label: string, value: string, spacing: { after: number } = { after: 60 }): Paragraph {
  return new Paragraph({ spacing, children: [labelRun(label), new TextRun(" "), ...plainRuns(value)] });
}

export function labelRun(label: string): TextRun {
  return new TextRun({ text: `${label}${NBSP}:`, bold: true });
}

/** Text typed without Markdown (names, decisions): its line breaks are kept. */
export function plainRuns(text: string, size?: number): TextRun[] {
  return documentText(text.trim())
    .split(/\r\n?|\n/)
    .map((line, index) => new TextRun({ text: line, break: index > 0 ? 1 : undefined, size }));
}

/** A table cell of plain text, in the tables' size. */
export function textCell(text: string, width: number): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    children: [new Paragraph({ spacing: { after: 0 }, children: plainRuns(text, SIZES.table) })],
  });
}
