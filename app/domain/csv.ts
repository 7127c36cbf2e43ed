// CSV that a French Excel opens as it should: ";" separator, UTF-8 with a byte-order mark,
// CRLF line ends, quotes where needed, and no cell read as a formula.

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  // A cell starting like a formula would be run by the spreadsheet: keep it as text.
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type CsvRow = Array<string | number | null>;

/** The byte-order mark that tells Excel the file is UTF-8. */
export const CSV_BOM = "\uFEFF";

/** One line of the file, with its CRLF end. */
export function csvLine(row: CsvRow): string {
  return row.map(csvCell).join(";") + "\r\n";
}

export function toCsv(header: string[], rows: CsvRow[]): string {
  return CSV_BOM + [header, ...rows].map(csvLine).join("");
}
