// The forms of procedure sheets: the sheet itself (its next version), a review without change,
// the deletion of a sheet never published.
import * as z from "zod/mini";
import { PROCEDURE_GROUPS, isSheetCode } from "./rules";
import { checkbox, idList, preprocess, optionalId, optionalText, requiredDay, requiredText } from "../../domain/fields";

export const MAX_SHEET_BODY = 30_000;

const groupList = preprocess(
  (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.enum(PROCEDURE_GROUPS, { error: "Groupes concernés : choisissez dans la liste." }), { error: "Groupes concernés : choisissez dans la liste." })
    .check(z.maxLength(PROCEDURE_GROUPS.length)),
);

export const sheetSchema = z.object({
  code: requiredText("Code", 40).check(z.refine(isSheetCode, { error: "Code : lettres, chiffres, espaces, points, barres ou tirets, 40 au maximum (exemple : FQ-07)." })),
  title: requiredText("Titre", 300),
  domain: optionalText("Domaine", 100),
  body: optionalText("Contenu de la fiche", MAX_SHEET_BODY),
  referentId: optionalId("Référent qualité"),
  followUpId: optionalId("Responsable du suivi de la fiche"),
  personIds: idList("Personnes concernées"),
  groups: groupList,
  reviewMonths: z.coerce
    .number({ error: "Revue : un nombre de mois entre 1 et 60." })
    .check(
      z.int({ error: "Revue : un nombre entier de mois." }),
      z.minimum(1, { error: "Revue : un nombre de mois entre 1 et 60." }),
      z.maximum(60, { error: "Revue : un nombre de mois entre 1 et 60." }),
    ),
  changeNote: optionalText("Objet de la modification", 1000),
});
export type SheetInput = z.input<typeof sheetSchema>;
export type SheetValues = z.output<typeof sheetSchema>;

/** The sheet form's buttons: keep the draft, or publish it as the version in force. */
export const SHEET_FORM_INTENTS = ["save", "publish"] as const;

export const reviewSchema = z.object({
  reviewedOn: requiredDay("Revue faite le"),
});
export type ReviewInput = z.input<typeof reviewSchema>;

export const deleteSheetSchema = z.object({
  confirmDelete: checkbox().check(z.refine((v) => v, { error: "Suppression : cochez la case pour confirmer." })),
});
