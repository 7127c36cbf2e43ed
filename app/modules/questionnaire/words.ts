// How a satisfaction questionnaire (a campaign) and one of its answer sheets are named on screen.
import { defineAggregate } from "../descriptor";
import { CHANNEL_LABELS, SOURCE_LABELS } from "./rules";

export const questionnaireAggregate = defineAggregate({
  type: "questionnaire",
  table: "questionnaires",
  unrecorded: ["public_token", "created_by_user_id", "created_by_name"],
  noun: "Questionnaire",
  named: (name) => `Questionnaire « ${name} »`,
  fields: {
    title: { label: "Titre" },
    starts_on: { label: "Début de la campagne", kind: "day" },
    ends_on: { label: "Fin de la campagne", kind: "day" },
    channels: { label: "Canaux" },
    intro: { label: "Introduction" },
    thanks: { label: "Remerciements" },
    not_held: { label: "Campagne non réalisée", kind: "boolean" },
    not_held_reason: { label: "Raison de la non-réalisation" },
    copied_from_id: { label: "Copié de", kind: "reference" },
    sites: { label: "Bureaux" },
    question_added: { label: "Question ajoutée" },
    question_changed: { label: "Question modifiée" },
    question_removed: { label: "Question retirée" },
    questions_order: { label: "Ordre des questions" },
    responses_imported: { label: "Réponses importées", kind: "number" },
    action_added: { label: "Action créée" },
  },
  names: { table: "questionnaires", column: "title" },
  url: (id) => `/registres/questionnaires/${id}`,
});

export const questionnaireResponseAggregate = defineAggregate({
  type: "questionnaire_response",
  table: "questionnaire_responses",
  unrecorded: ["questionnaire_id", "created_by_user_id", "created_by_name"],
  noun: "Réponse à un questionnaire",
  named: (name) => `Réponse au questionnaire « ${name} »`,
  fields: {
    site_id: { label: "Bureau", kind: "reference" },
    answered_on: { label: "Date de la réponse", kind: "day" },
    channel: { label: "Canal", values: CHANNEL_LABELS },
    source: { label: "Saisie", values: SOURCE_LABELS },
    consent: { label: "Accord pour garder les coordonnées", kind: "boolean" },
    answers: { label: "Réponses" },
    complaint_added: { label: "Réclamation créée" },
    action_added: { label: "Action créée" },
    personal_data: { label: "Données personnelles" },
  },
  names: { table: "questionnaire_responses as r", column: "q.title", idColumn: "r.id", officeColumn: "r.office_id", joins: [["questionnaires as q", "q.id", "r.questionnaire_id"]] },
  url: (id) => `/registres/questionnaires/reponses/${id}`,
});
