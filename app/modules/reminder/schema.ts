// The office's reminder days (decision 046): one text per kind ("6, 3, 1"), each checked by
// `parseStages` against its unit and bounds, with a French message beside the field.
import * as z from "zod/mini";
import { OFFICE_STAGES, OFFICE_STAGE_KINDS, parseStages, type OfficeStageKind, type OfficeStages } from "./rules";

/** The form's field of each kind. */
export const STAGE_FIELDS: Record<OfficeStageKind, string> = {
  label_expiry: "labelExpiry",
  audit_due: "auditDue",
  procedure_review: "procedureReview",
  questionnaire_campaign: "questionnaireCampaign",
  complaint_answer: "complaintAnswer",
};

const stagesOf = (kind: OfficeStageKind) =>
  z.pipe(
    z.string({ error: `${OFFICE_STAGES[kind].label} : texte attendu.` }),
    z.transform((text: string, ctx) => {
      const parsed = parseStages(kind, text);
      if (typeof parsed === "string") {
        ctx.issues.push({ code: "custom", message: parsed, input: text });
        return z.NEVER;
      }
      return parsed;
    }),
  );

export const officeStagesSchema = z.pipe(
  z.object(Object.fromEntries(OFFICE_STAGE_KINDS.map((kind) => [STAGE_FIELDS[kind], stagesOf(kind)])) as Record<string, ReturnType<typeof stagesOf>>),
  z.transform((v) => Object.fromEntries(OFFICE_STAGE_KINDS.map((kind) => [kind, v[STAGE_FIELDS[kind]]!])) as unknown as OfficeStages),
);
