// The header of a quality document, as the seed shows it (../shared/seed): date of update,
// référent qualité, person in charge of following the sheet, people concerned, in a shaded box
// at the top of the first page. The minutes and the procedure sheets draw it with this code.
import { ShadingType, Table, TableCell, TableRow, WidthType } from "docx";
import { formatDay } from "~/domain/dates";
import { COLORS, TABLE_BORDERS, TEXT_WIDTH } from "./styles";
import { labelled } from "./text";

export interface QualityHeader {
  /** Calendar day of the last update, "2021-03-26". */
  updatedOn: string;
  referent: string;
  followUp: string;
  /** "Virginie Masson Pelegry – … – Stagiaires – Saisonniers – Tout nouveau personnel". */
  concerned: string;
}

export function qualityHeader(header: QualityHeader): Table {
  const all: Array<[string, string]> = [
    ["Date d’actualisation", formatDay(header.updatedOn)],
    ["Référent qualité", header.referent],
    ["Responsable suivi fiche", header.followUp],
    ["Personnes concernées", header.concerned],
  ];
  // A line with nothing after its label is left out.
  const lines = all.filter(([, value]) => value.trim() !== "");
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    borders: TABLE_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            width: { size: TEXT_WIDTH, type: WidthType.DXA },
            shading: { type: ShadingType.CLEAR, color: "auto", fill: COLORS.box },
            margins: { top: 100, bottom: 60, left: 160, right: 160 },
            children: lines.map(([label, value]) => labelled(label, value, { after: 40 })),
          }),
        ],
      }),
    ],
  });
}
