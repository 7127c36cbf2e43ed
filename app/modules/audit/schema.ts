import * as z from "zod/mini";
import { AUDIT_DECISIONS, AUDIT_KINDS, AUDIT_MODES, AUDIT_STATUSES, FINDING_KINDS, LABEL_STATUSES, STAGES } from "./rules";
import { idList, optionalDay, optionalText, requiredDay as day, requiredId, requiredText } from "../../domain/fields";

/** A cross-field date check runs when those dates themselves are valid, whatever the other fields. */
function datesAreValid(issues: ReadonlyArray<{ path?: PropertyKey[] }>, fields: string[]): boolean {
  return !issues.some((issue) => fields.includes(String(issue.path?.[0])));
}


/** A percentage typed in French ("91", "91,5", "91 %"), or empty. */
export const optionalPercent = (label: string) =>
  z.pipe(
    z._default(z.string({ error: `${label} : nombre attendu.` }).check(z.trim()), ""),
    z.transform((v: string, ctx) => {
      if (v === "") return null;
      const n = Number(v.replace(/\s*%$/, "").replace(",", "."));
      if (!Number.isFinite(n) || n < 0 || n > 100) {
        ctx.issues.push({ code: "custom", message: `${label} : un pourcentage entre 0 et 100 (exemple : 91).`, input: v });
        return z.NEVER;
      }
      return n;
    }),
  );

export const labelSchema = z
  .object({
    name: requiredText("Nom du label", 200),
    referentialId: requiredId("Référentiel"),
    status: z.enum(LABEL_STATUSES, { error: "État : choisissez dans la liste." }),
    grantedOn: optionalDay("Obtenu le"),
    validUntil: optionalDay("Valable jusqu'au"),
    nextAuditDue: optionalDay("Prochain audit"),
    notes: optionalText("Notes", 2000),
  })
  .check(
    z.refine((v) => !v.grantedOn || !v.validUntil || v.validUntil > v.grantedOn, {
      path: ["validUntil"],
      error: "Valable jusqu'au : doit suivre la date d'obtention.",
      // Checked even when another field is wrong, so that every message shows at once.
      when: (payload) => datesAreValid(payload.issues, ["grantedOn", "validUntil"]),
    }),
  );
export type LabelInput = z.input<typeof labelSchema>;
export type LabelValues = z.output<typeof labelSchema>;

export const auditSchema = z
  .object({
    labelId: requiredId("Label"),
    referentialId: requiredId("Version du référentiel"),
    kind: z.enum(AUDIT_KINDS, { error: "Type d'audit : choisissez dans la liste." }),
    mode: z.enum(AUDIT_MODES, { error: "Mode de saisie : choisissez dans la liste." }),
    stage: z.enum(STAGES, { error: "Étape : choisissez dans la liste." }),
    title: requiredText("Intitulé", 200),
    startsOn: day("Début"),
    endsOn: optionalDay("Fin"),
    auditor: optionalText("Auditeur ou cabinet", 200),
    status: z.enum(AUDIT_STATUSES, { error: "Statut : choisissez dans la liste." }),
    decision: z.enum(AUDIT_DECISIONS, { error: "Décision : choisissez dans la liste." }),
    labelValidUntil: optionalDay("Label valable jusqu'au"),
    nextAuditDue: optionalDay("Prochain audit"),
    summary: optionalText("Synthèse", 5000),
    reportedRates: z._default(z.record(z.string(), optionalPercent("Taux rapporté")), {}),
  })
  .check(
    z.refine((v) => !v.endsOn || v.endsOn >= v.startsOn, {
      path: ["endsOn"],
      error: "Fin : ne peut pas précéder le début.",
      when: (payload) => datesAreValid(payload.issues, ["startsOn", "endsOn"]),
    }),
  );
export type AuditInput = z.input<typeof auditSchema>;
export type AuditValues = z.output<typeof auditSchema>;

export const RESULT_CHOICES = ["not_measured", "not_applicable"] as const;

/**
 * One criterion's result: a level of its scale, or "non mesuré" / "non concerné". Those are saved
 * at once like any choice; their justification (the comment) may follow, and until it does the
 * grid shows it as missing (`needsJustification` in rules.ts).
 */
export const resultSchema = z.object({
  criterionCode: requiredText("Critère", 40),
  choice: z.string({ error: "Résultat : choisissez un niveau." }).check(z.trim(), z.minLength(1, { error: "Résultat : choisissez un niveau." }), z.maxLength(40)),
  comment: optionalText("Commentaire", 2000),
});
export type ResultInput = z.input<typeof resultSchema>;

export const findingSchema = z.object({
  kind: z.enum(FINDING_KINDS, { error: "Type : point fort ou point à améliorer." }),
  text: requiredText("Constat", 2000),
  criterionCode: optionalText("Critère", 40),
  /** None: the whole office. */
  siteIds: idList("Bureaux"),
});
export type FindingInput = z.input<typeof findingSchema>;

export const importMetaSchema = z.object({
  version: requiredText("Version", 40),
  validFrom: day("Applicable à partir du"),
  validUntil: optionalDay("Applicable jusqu'au"),
  baseCode: requiredText("Référentiel de base", 40),
});
