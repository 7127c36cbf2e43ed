// How a person of the office (with or without an account) is named on screen.
import { defineAggregate, YES_NO } from "../descriptor";
import { PERSON_CONTRACT_LABELS, PERSON_KIND_LABELS } from "./rules";

export const personAggregate = defineAggregate({
  type: "person",
  table: "people",
  noun: "Personne",
  // Set by the person from their digest's link, not an edit of the record (decision 041).
  unrecorded: ["digest_unsubscribed_at"],
  named: (name) => `Fiche de ${name}`,
  fields: {
    full_name: { label: "Nom" },
    kind: { label: "Catégorie", values: PERSON_KIND_LABELS },
    job_title: { label: "Fonction" },
    organisation: { label: "Organisme" },
    email: { label: "E-mail" },
    phone: { label: "Téléphone" },
    site_id: { label: "Bureau", kind: "reference" },
    contract: { label: "Contrat", values: PERSON_CONTRACT_LABELS },
    arrived_on: { label: "Arrivée dans l'office le", kind: "day" },
    quality_group_member: { label: "Membre du groupe qualité", kind: "boolean", values: YES_NO },
    active: { label: "Actif", kind: "boolean", values: YES_NO },
  },
  names: { table: "people", column: "full_name" },
  url: (id) => `/administration/personnes/${id}`,
});
