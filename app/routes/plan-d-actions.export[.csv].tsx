// The plan, with the list's current filters, as a CSV file for Excel.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { ACTION_STATUS_LABELS, ORIGIN_LABELS, PRIORITY_LABELS, isOverdue } from "~/modules/action/rules";
import { toCsv } from "~/domain/csv";
import { formatDate } from "~/domain/dates";
import { parsePlanFilters } from "~/modules/action/schema";
import { exportActions } from "~/modules/action/queries.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const filters = parsePlanFilters(new URL(request.url).searchParams);
  const today = ctx.scope.today;
  const rows = await exportActions(ctx.scope, { filters });
  const csv = toCsv(
    ["N°", "Action", "Origine", "Pilote", "Bureaux", "Échéance", "Priorité", "Statut", "Réalisée le", "En retard"],
    rows.map((a) => [
      a.id,
      a.title,
      ORIGIN_LABELS[a.origin],
      a.ownerName,
      a.siteNames.length ? a.siteNames.join(", ") : "Tout l'office",
      a.dueOn ? formatDate(a.dueOn) : "",
      PRIORITY_LABELS[a.priority],
      ACTION_STATUS_LABELS[a.status],
      a.completedOn ? formatDate(a.completedOn) : "",
      isOverdue(a, today) ? "oui" : "non",
    ]),
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="plan-d-actions-${today}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
