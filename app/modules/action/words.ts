// How an action of the plan is named on screen.
import { defineAggregate } from "../descriptor";
import { ACTION_STATUS_LABELS, EFFECTIVENESS_LABELS, ORIGIN_LABELS, PRIORITY_LABELS } from "./rules";

export const actionAggregate = defineAggregate({
  type: "action",
  table: "actions",
  unrecorded: ["meeting_section_id", "register_entry_id"],
  noun: "Action",
  named: (name) => `Action « ${name} »`,
  fields: {
    title: { label: "Intitulé" },
    description: { label: "Description" },
    origin: { label: "Origine", values: ORIGIN_LABELS },
    finding_id: { label: "Constat d'origine", kind: "reference" },
    origin_detail: { label: "Précision sur l'origine" },
    owner_person_id: { label: "Pilote", kind: "reference" },
    due_on: { label: "Échéance", kind: "day" },
    priority: { label: "Priorité", values: PRIORITY_LABELS },
    status: { label: "État", values: ACTION_STATUS_LABELS },
    status_reason: { label: "Raison" },
    completed_on: { label: "Réalisée le", kind: "day" },
    proof: { label: "Preuve" },
    effectiveness: { label: "Efficacité", values: EFFECTIVENESS_LABELS },
    effectiveness_by: { label: "Efficacité vérifiée par" },
    effectiveness_on: { label: "Efficacité vérifiée le", kind: "day" },
    effectiveness_comment: { label: "Commentaire sur l'efficacité" },
    sites: { label: "Bureaux" },
    note: { label: "Note de suivi" },
    attachment: { label: "Fichier ajouté" },
    meeting_id: { label: "Réunion d'origine", kind: "reference" },
  },
  names: { table: "actions", column: "title" },
  url: (id) => `/plan-d-actions/${id}`,
});
