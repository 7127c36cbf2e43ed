// How procedure sheets are named on screen and in their history: the sheet's own fields, and
// those of its versions, recorded under the sheet so that one history tells every version.
import { defineAggregate } from "../descriptor";
import { VERSION_STATUS_LABELS } from "./rules";

export const procedureSheetAggregate = defineAggregate({
  type: "procedure_sheet",
  table: "procedure_sheets",
  unrecorded: ["code_key"],
  noun: "Fiche qualité",
  named: (name) => `Fiche qualité « ${name} »`,
  fields: {
    code: { label: "Code" },
    title: { label: "Titre" },
    review_months: { label: "Revue tous les (mois)", kind: "number" },
    reviewed_on: { label: "Dernière revue", kind: "day" },
    current_version: { label: "Version en vigueur", kind: "number" },
    // The version being written or published (procedure_versions), recorded under the sheet.
    version: { label: "Version", kind: "number" },
    status: { label: "État de la version", values: VERSION_STATUS_LABELS },
    domain: { label: "Domaine" },
    body: { label: "Contenu" },
    referent_person_id: { label: "Référent qualité", kind: "reference" },
    follow_up_person_id: { label: "Responsable du suivi de la fiche", kind: "reference" },
    concerned_text: { label: "Personnes concernées" },
    change_note: { label: "Objet de la modification" },
    updated_on: { label: "Date d'actualisation", kind: "day" },
    published_by_name: { label: "Publiée par" },
    draft_version: { label: "Version en préparation", kind: "number" },
    attachment: { label: "Fichier ajouté" },
  },
  names: { table: "procedure_sheets", column: "title" },
  url: (id) => `/fiches-qualite/${id}`,
});
