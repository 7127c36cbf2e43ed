// The plan, with the list's current filters, as a CSV file for Excel, streamed a batch at a time.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { ACTION_STATUS_LABELS, EFFECTIVENESS_LABELS, ORIGIN_LABELS, PRIORITY_LABELS, isOverdue } from "~/modules/action/rules";
import type { CsvRow } from "~/domain/csv";
import { csvResponse } from "~/utils/csv-response.server";
import { formatDate } from "~/domain/dates";
import { parsePlanFilters } from "~/modules/action/schema.server";
import { exportActionBatches, type ExportRow } from "~/modules/action/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const filters = parsePlanFilters(new URL(request.url).searchParams);
  const today = ctx.scope.today;
  const line = (a: ExportRow): CsvRow => [
    a.id,
    a.title,
    a.description,
    ORIGIN_LABELS[a.origin],
    a.originDetail,
    a.findingText ? `${a.findingText}${a.auditTitle ? ` (${a.auditTitle})` : ""}` : "",
    a.ownerName,
    a.contributorNames.join(", "),
    a.siteNames.length ? a.siteNames.join(", ") : "Tout l'office",
    a.dueOn ? formatDate(a.dueOn) : "",
    PRIORITY_LABELS[a.priority],
    ACTION_STATUS_LABELS[a.status],
    a.statusReason,
    a.completedOn ? formatDate(a.completedOn) : "",
    a.proof,
    a.fileNames.join(", "),
    a.lastNote?.text ?? "",
    a.lastNote ? formatDate(a.lastNote.createdAt) : "",
    a.effectiveness ? EFFECTIVENESS_LABELS[a.effectiveness] : "",
    a.effectivenessOn ? formatDate(a.effectivenessOn) : "",
    a.effectivenessBy ?? "",
    a.effectivenessComment,
    isOverdue(a, today) ? "oui" : "non",
  ];
  async function* batches() {
    for await (const batch of exportActionBatches(ctx.scope, { filters })) yield batch.map(line);
  }
  return csvResponse({
    fileName: `plan-d-actions-${today}.csv`,
    batches: batches(),
    // Every field a référente keeps in her spreadsheet; "En retard" stays last, as before.
    header: [
      "N°",
      "Action",
      "Description",
      "Origine",
      "Précision sur l'origine",
      "Constat d'audit",
      "Pilote",
      "Contributeurs",
      "Bureaux",
      "Échéance",
      "Priorité",
      "Statut",
      "Raison (bloquée, abandonnée)",
      "Réalisée le",
      "Preuve de réalisation",
      "Pièces jointes",
      "Dernière note",
      "Date de la dernière note",
      "Efficacité",
      "Vérifiée le",
      "Vérifiée par",
      "Commentaire sur l'efficacité",
      "En retard",
    ],
  });
}
