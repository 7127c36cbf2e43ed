// How meeting series and meetings are named on screen.
import { defineAggregate } from "../descriptor";
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from "./rules";

export const meetingSeriesAggregate = defineAggregate({
  type: "meeting_series",
  table: "meeting_series",
  noun: "Série de réunions",
  named: (name) => `Série « ${name} »`,
  fields: {
    name: { label: "Nom" },
    kind: { label: "Type de réunion", values: MEETING_KIND_LABELS },
    cadence_months: { label: "Cadence (mois)", kind: "number" },
    first_due_on: { label: "Première réunion attendue le", kind: "day" },
    description: { label: "Description" },
    reminder_days: { label: "Rappels (jours avant l'échéance)" },
  },
  names: { table: "meeting_series", column: "name" },
  url: (id) => `/reunions/series/${id}`,
});

export const meetingAggregate = defineAggregate({
  type: "meeting",
  table: "meetings",
  unrecorded: ["minutes_version", "published_by_user_id", "ics_sequence"],
  noun: "Réunion",
  named: (name) => `Réunion « ${name} »`,
  fields: {
    series_id: { label: "Série", kind: "reference" },
    title: { label: "Intitulé" },
    held_on: { label: "Date", kind: "day" },
    start_time: { label: "Début" },
    end_time: { label: "Fin" },
    place: { label: "Lieu" },
    chair_person_id: { label: "Présidence", kind: "reference" },
    writer_person_id: { label: "Rédaction", kind: "reference" },
    summary: { label: "Synthèse" },
    status: { label: "État", values: MEETING_STATUS_LABELS },
    published_at: { label: "Publié le", kind: "instant" },
    published_by_name: { label: "Publié par" },
    doc_updated_on: { label: "Date d'actualisation", kind: "day" },
    doc_referent_person_id: { label: "Référent qualité", kind: "reference" },
    doc_follow_up_person_id: { label: "Responsable du suivi", kind: "reference" },
    doc_concerned: { label: "Personnes concernées" },
    participants: { label: "Participants" },
    compte_rendu: { label: "Compte rendu" },
    ordre_du_jour: { label: "Ordre du jour" },
    invites: { label: "Invités" },
    attachment: { label: "Fichier ajouté" },
  },
  names: { table: "meetings", column: "title" },
  url: (id) => `/reunions/${id}`,
});
