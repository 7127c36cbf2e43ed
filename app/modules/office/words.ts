// How an office and its sites (bureaux d'information) are named on screen.
import { defineAggregate, YES_NO } from "../descriptor";

const address = {
  street: { label: "Adresse" },
  postal_code: { label: "Code postal" },
  city: { label: "Commune" },
  phone: { label: "Téléphone" },
  email: { label: "E-mail" },
} as const;

export const officeAggregate = defineAggregate({
  type: "office",
  table: "offices",
  noun: "Office",
  // Raised by triggers at each change of the plan (decision 061), not by a person.
  unrecorded: ["plan_revision"],
  named: (name) => `Office « ${name} »`,
  fields: {
    name: { label: "Nom" },
    legal_form: { label: "Forme juridique" },
    ...address,
    website: { label: "Site web" },
    // The reports' look (decision 047); the logo itself is kept in office_logos.
    brand_color: { label: "Couleur des rapports" },
    logo: { label: "Logo des rapports" },
    // Kept in register_settings; recorded on the office (the registers' own settings).
    register_answer_days: { label: "Délai de réponse aux réclamations (jours ouvrés)", kind: "number" },
    register_retention_years: { label: "Conservation des données personnelles (années)", kind: "number" },
    // Kept in office_reminder_settings (decision 046); recorded on the office.
    reminder_label_expiry: { label: "Rappels de fin de validité d'un label (mois avant)" },
    reminder_audit_due: { label: "Rappels du prochain audit (mois avant)" },
    reminder_procedure_review: { label: "Rappels de revue d'une fiche qualité (jours avant)" },
    reminder_questionnaire_campaign: { label: "Rappel du début d'une campagne (jours avant)" },
    reminder_complaint_answer: { label: "Rappel de réponse à une réclamation (jours ouvrés avant)" },
  },
  names: { table: "offices", column: "name", officeColumn: "id" },
  url: () => "/administration",
});

export const siteAggregate = defineAggregate({
  type: "site",
  table: "sites",
  noun: "Bureau",
  named: (name) => `Bureau « ${name} »`,
  fields: {
    name: { label: "Nom" },
    ...address,
    is_headquarters: { label: "Siège", kind: "boolean", values: YES_NO },
    active: { label: "Actif", kind: "boolean", values: YES_NO },
  },
  names: { table: "sites", column: "name" },
  url: (id) => `/administration/bureaux/${id}`,
});
