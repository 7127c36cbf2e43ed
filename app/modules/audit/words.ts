// How audits, their per-criterion results and their findings are named on screen.
import { defineAggregate, YES_NO } from "../descriptor";
import {
  AUDIT_DECISION_LABELS,
  AUDIT_KIND_LABELS,
  AUDIT_STATUS_LABELS,
  FINDING_KIND_LABELS,
  STAGE_LABELS,
} from "./rules";

export const auditAggregate = defineAggregate({
  type: "audit",
  table: "audits",
  unrecorded: ["snapshot"],
  noun: "Audit",
  named: (name) => `Audit « ${name} »`,
  fields: {
    label_id: { label: "Label", kind: "reference" },
    referential_id: { label: "Version du référentiel", kind: "reference" },
    kind: { label: "Type d'audit", values: AUDIT_KIND_LABELS },
    stage: { label: "Étape", values: STAGE_LABELS },
    mode: { label: "Mode de saisie", values: { reported: "Taux rapporté", rated: "Grille notée" } },
    title: { label: "Intitulé" },
    starts_on: { label: "Début", kind: "day" },
    ends_on: { label: "Fin", kind: "day" },
    auditor: { label: "Auditeur" },
    status: { label: "État", values: AUDIT_STATUS_LABELS },
    decision: { label: "Décision", values: AUDIT_DECISION_LABELS },
    label_valid_until: { label: "Label valable jusqu'au", kind: "day" },
    next_audit_due: { label: "Prochain audit", kind: "day" },
    reported_rates: { label: "Taux rapportés", kind: "rates" },
    summary: { label: "Synthèse" },
    carried_results: { label: "Résultats repris", kind: "number" },
    based_on_audit_id: { label: "Résultats repris de l'audit", kind: "reference" },
  },
  names: { table: "audits", column: "title" },
  url: (id) => `/audits/${id}`,
});

export const RESULT_STATUS_LABELS = { rated: "Noté", not_measured: "Non mesuré", not_applicable: "Non concerné" } as const;

export const auditResultAggregate = defineAggregate({
  type: "audit_result",
  table: "audit_results",
  unrecorded: ["audit_id", "updated_by_user_id"],
  noun: "Résultat d'audit",
  named: (name) => name,
  fields: {
    criterion_code: { label: "Critère" },
    status: { label: "Évaluation", values: RESULT_STATUS_LABELS },
    level: { label: "Niveau" },
    comment: { label: "Commentaire" },
    needs_review: { label: "À revoir", kind: "boolean", values: YES_NO },
  },
  names: { table: "audit_results as r", column: "r.criterion_code", idColumn: "r.id", officeColumn: "a.office_id", joins: [["audits as a", "a.id", "r.audit_id"]] },
});

export const findingAggregate = defineAggregate({
  type: "finding",
  table: "findings",
  unrecorded: ["audit_id"],
  noun: "Constat",
  named: (name) => `Constat « ${name} »`,
  fields: {
    kind: { label: "Type de constat", values: FINDING_KIND_LABELS },
    text: { label: "Texte" },
    criterion_code: { label: "Critère" },
    // One site per finding until migration 0005 (kept for older history rows); now `sites`.
    site_id: { label: "Bureau", kind: "reference" },
    sites: { label: "Bureaux" },
    position: { label: "Ordre", kind: "number" },
  },
  names: { table: "findings", column: "text" },
});
