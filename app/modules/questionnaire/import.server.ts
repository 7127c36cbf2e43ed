// Reading an uploaded CSV of answer sheets: csv-parse (decision 038) splits it into rows with
// their line numbers, whatever the separator a spreadsheet chose (";" for a French Excel, ","
// or a tab elsewhere), quotes and line breaks inside cells included; import.ts reads the rows.
import { parse } from "csv-parse/sync";
import { MAX_IMPORT_ROWS, type ImportProblem } from "./import";

// The import route takes the reading of the rows from here: ./import links to the answer
// sheets' schema (zod), which the import page itself never uses in the browser (decision 051).
export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_PROBLEMS_SHOWN, readSheets } from "./import";

export function csvRows(bytes: Uint8Array): { rows: Array<{ line: number; cells: string[] }>; problem: ImportProblem | null } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // A spreadsheet saved as "CSV (Windows)" writes Windows-1252.
    text = new TextDecoder("windows-1252").decode(bytes);
  }
  if (text.includes("\u0000")) return { rows: [], problem: { line: 1, message: "Fichier : ce n'est pas un fichier texte CSV." } };
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = [";", "\t", ","].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  try {
    const records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      to_line: MAX_IMPORT_ROWS + 2,
      max_record_size: 100_000,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
    return { rows: records.map((r) => ({ line: r.info.lines, cells: r.record })), problem: null };
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return { rows: [], problem: { line: e.lines ?? 1, message: "Fichier : une cellule entre guillemets n'est pas refermée, ou le fichier n'est pas un CSV." } };
  }
}
