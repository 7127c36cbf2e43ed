// Every Word document the server builds, by kind: the one table both the report worker
// (templates/render-worker.ts) and the in-process fallback read (decision 048).
import { renderActionPlanDocx } from "./action-plan";
import { renderAuditReportDocx } from "./audit-report";
import { renderMinutesDocx } from "./minutes";
import { renderProcedureSheetDocx } from "./procedure-sheet";
import { renderQuestionnaireDocx } from "./questionnaire";
import { renderReadinessDocx } from "./readiness";

export const RENDERERS = {
  plan: renderActionPlanDocx,
  audit: renderAuditReportDocx,
  readiness: renderReadinessDocx,
  minutes: renderMinutesDocx,
  sheet: renderProcedureSheetDocx,
  questionnaire: renderQuestionnaireDocx,
} as const;

export type DocumentKind = keyof typeof RENDERERS;
export type DocumentModel<K extends DocumentKind> = Parameters<(typeof RENDERERS)[K]>[0];
