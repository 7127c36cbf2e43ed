// The "Historique" panel shown on each record page: who changed what, when, before → after.
import { formatDate, formatDateTime } from "~/domain/dates";
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS } from "~/modules/meeting/rules";
import type { FieldValue } from "~/modules/history/diff";
import { PERSON_KIND_LABELS } from "~/modules/person/rules";
import { ACTION_STATUS_LABELS, EFFECTIVENESS_LABELS, ORIGIN_LABELS, PRIORITY_LABELS } from "~/modules/action/rules";
import {
  AUDIT_DECISION_LABELS,
  AUDIT_KIND_LABELS,
  AUDIT_STATUS_LABELS,
  FINDING_KIND_LABELS,
  LABEL_STATUS_LABELS,
  STAGE_LABELS,
} from "~/modules/audit/rules";
import { ROLE_LABELS, isRole } from "~/domain/roles";

export interface HistoryRow {
  id: number;
  action: "create" | "update" | "delete";
  actorName: string;
  at: string;
  changes: Record<string, { before: FieldValue; after: FieldValue }>;
}

const FIELD_LABELS: Record<string, string> = {
  name: "Nom",
  legal_form: "Forme juridique",
  street: "Adresse",
  postal_code: "Code postal",
  city: "Commune",
  phone: "Téléphone",
  email: "E-mail",
  website: "Site web",
  is_headquarters: "Siège",
  active: "Actif",
  full_name: "Nom",
  kind: "Catégorie",
  job_title: "Fonction",
  organisation: "Organisme",
  site_id: "Bureau",
  quality_group_member: "Membre du groupe qualité",
  role: "Rôle",
  person_id: "Personne",
  user_id: "Compte",
  office_id: "Office",
  display_name: "Nom affiché",
  password: "Mot de passe",
  disabled: "Désactivé",
  expires_at: "Expire le",
  used_at: "Utilisée le",
  used_by_user_id: "Utilisée par",
  revoked_at: "Retirée le",
  created_by_user_id: "Créée par",
  last_sign_in_at: "Dernière connexion",
  referential_id: "Version du référentiel",
  referential_code: "Référentiel",
  status: "État",
  granted_on: "Obtenu le",
  valid_until: "Valable jusqu'au",
  next_audit_due: "Prochain audit",
  notes: "Notes",
  label_id: "Label",
  stage: "Étape",
  mode: "Mode de saisie",
  title: "Intitulé",
  starts_on: "Début",
  ends_on: "Fin",
  auditor: "Auditeur",
  decision: "Décision",
  label_valid_until: "Label valable jusqu'au",
  reported_rates: "Taux rapportés",
  summary: "Synthèse",
  text: "Texte",
  criterion_code: "Critère",
  level: "Niveau",
  comment: "Commentaire",
  needs_review: "À revoir",
  position: "Ordre",
  version: "Version",
  label: "Libellé",
  valid_from: "Applicable à partir du",
  criteria_count: "Nombre de critères",
  source: "Source",
  carried_results: "Résultats repris",
  description: "Description",
  origin: "Origine",
  finding_id: "Constat d'origine",
  origin_detail: "Précision sur l'origine",
  owner_person_id: "Pilote",
  due_on: "Échéance",
  priority: "Priorité",
  status_reason: "Raison",
  completed_on: "Réalisée le",
  proof: "Preuve",
  effectiveness: "Efficacité",
  effectiveness_by: "Efficacité vérifiée par",
  effectiveness_on: "Efficacité vérifiée le",
  effectiveness_comment: "Commentaire sur l'efficacité",
  sites: "Bureaux",
  note: "Note de suivi",
  attachment: "Fichier ajouté",
  cadence_months: "Cadence (mois)",
  first_due_on: "Première réunion attendue le",
  series_id: "Série",
  held_on: "Date",
  start_time: "Début",
  end_time: "Fin",
  place: "Lieu",
  chair_person_id: "Présidence",
  writer_person_id: "Rédaction",
  published_at: "Publié le",
  published_by_name: "Publié par",
  doc_updated_on: "Date d'actualisation",
  doc_referent_person_id: "Référent qualité",
  doc_follow_up_person_id: "Responsable du suivi",
  doc_concerned: "Personnes concernées",
  participants: "Participants",
  compte_rendu: "Compte rendu",
  ordre_du_jour: "Ordre du jour",
  invites: "Invités",
};

const VALUE_LABELS: Record<string, string> = {
  ...PERSON_KIND_LABELS,
  ...AUDIT_KIND_LABELS,
  ...AUDIT_STATUS_LABELS,
  ...AUDIT_DECISION_LABELS,
  ...LABEL_STATUS_LABELS,
  ...FINDING_KIND_LABELS,
  ...STAGE_LABELS,
  ...ACTION_STATUS_LABELS,
  ...PRIORITY_LABELS,
  ...ORIGIN_LABELS,
  ...EFFECTIVENESS_LABELS,
  ...MEETING_KIND_LABELS,
  ...MEETING_STATUS_LABELS,
  reported: "Taux rapporté",
  rated: "Grille notée",
  not_measured: "Non mesuré",
  not_applicable: "Non concerné",
};

const ACTION_LABELS = { create: "Création", update: "Modification", delete: "Suppression" } as const;

export type References = Partial<Record<string, Record<number, string>>>;

function display(field: string, value: FieldValue, references: References): string {
  if (value === null || value === "") return "—";
  if (typeof value === "boolean" || ["active", "is_headquarters", "quality_group_member", "disabled", "needs_review"].includes(field)) {
    return value === true || value === 1 || value === "1" ? "Oui" : "Non";
  }
  if (field === "role" && isRole(value)) return ROLE_LABELS[value];
  if (["kind", "status", "decision", "stage", "mode", "priority", "origin", "effectiveness"].includes(field) && typeof value === "string" && value in VALUE_LABELS) {
    return VALUE_LABELS[value]!;
  }
  if (field.endsWith("_at") && typeof value === "string") return formatDateTime(value);
  if (/_(on|until|due|from)$/.test(field) && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  if (field === "reported_rates" && typeof value === "string") {
    const rates = Object.entries(JSON.parse(value) as Record<string, number | null>).filter(([, v]) => v !== null);
    return rates.length ? rates.map(([k, v]) => `${k} ${String(v).replace(".", ",")} %`).join(", ") : "—";
  }
  const ref = references[field];
  if (ref && typeof value === "number") return ref[value] ?? `n° ${value}`;
  return String(value);
}

/** A long text (minutes, descriptions) folds to its first words; every word stays readable. */
function Value({ text }: { text: string }) {
  if (text.length <= 240) return <span className="history__value">{text}</span>;
  return (
    <details className="history__value">
      <summary>{text.slice(0, 120).trimEnd()}… ({text.length} caractères)</summary>
      <div className="history__long">{text}</div>
    </details>
  );
}

export function HistoryPanel({ entries, references = {} }: { entries: HistoryRow[]; references?: References }) {
  return (
    <section className="history" aria-labelledby="historique-titre">
      <h2 id="historique-titre">Historique</h2>
      {entries.length === 0 ? (
        <p className="muted">Aucune modification enregistrée.</p>
      ) : (
        <ol className="history__list">
          {entries.map((entry) => (
            <li key={entry.id} className="history__entry">
              <p className="history__meta">
                <strong>{ACTION_LABELS[entry.action]}</strong> le {formatDateTime(entry.at)} par {entry.actorName}
              </p>
              {entry.action === "update" && Object.keys(entry.changes).length > 0 ? (
                <table className="history__changes">
                  <caption className="visually-hidden">Champs modifiés</caption>
                  <thead>
                    <tr>
                      <th scope="col">Champ</th>
                      <th scope="col">Avant</th>
                      <th scope="col">Après</th>
                    </tr>
                  </thead>
                  <tbody>
                    {Object.entries(entry.changes).map(([field, change]) => (
                      <tr key={field}>
                        <th scope="row">{FIELD_LABELS[field] ?? field}</th>
                        <td>
                          <Value text={display(field, change.before, references)} />
                        </td>
                        <td>
                          <Value text={display(field, change.after, references)} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
