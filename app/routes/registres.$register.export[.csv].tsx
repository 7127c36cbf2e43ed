// One register, with the list's filters, as a CSV file for a French Excel, streamed a batch at a
// time. Members get no names or contacts (the columns are not there at all).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireOffice } from "~/auth.server";
import type { CsvRow } from "~/domain/csv";
import { csvResponse } from "~/utils/csv-response.server";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { exportEntryBatches, type ExportEntry } from "~/modules/register/queries.server";
import { CHANNEL_LABELS, REGISTER_SLUGS, SOURCE_LABELS, STATUS_LABELS, kindOfSlug } from "~/modules/register/rules";
import { parseRegisterFilters } from "~/modules/register/schema.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:view");
  const found = kindOfSlug(params.register);
  if (!found) throw notFound("Ce registre");
  const kind = found;
  const filters = parseRegisterFilters(kind, new URL(request.url).searchParams);
  const personal = can(ctx.role, "registers:personal_data");
  const day = (d: string | null) => (d ? formatDate(d) : "");
  const common = ["N°", "Date", "Objet", "Description", "Bureau", "Catégorie", "Statut"];
  const header =
    kind === "dysfunction"
      ? [...common, "Constaté par", "Impact", "Correction immédiate", "Occurrence d'un précédent", "Actions", "Actions ouvertes"]
      : kind === "complaint"
        ? [...common, "Canal", "Plateforme", ...(personal ? ["Nom", "Contact"] : []), "Traitée par", "Réponse", "Répondue le", "Répondue par", "Délai (jours ouvrés)", "En retard", "Actions", "Actions ouvertes"]
        : [...common, "De la part de", "Personne de l'office", ...(personal ? ["Nom"] : []), "Raison de la décision", "Décidée le", "Actions", "Actions ouvertes"];
  const line = (e: ExportEntry): CsvRow => {
    const base = [e.id, day(e.occurredOn), e.subject, e.description, e.siteName ?? "Tout l'office", e.category, STATUS_LABELS[e.status]];
    if (kind === "dysfunction") return [...base, e.personName, e.impact, e.immediateFix, e.recurrenceOfId ? `n° ${e.recurrenceOfId}` : "", e.actionCount, e.openActionCount];
    if (kind === "complaint") {
      return [
        ...base,
        e.channel ? CHANNEL_LABELS[e.channel] : "",
        e.platform,
        ...(personal ? [e.contactName ?? "", e.contactDetails ?? ""] : []),
        e.personName,
        e.answer,
        day(e.answeredOn),
        e.answeredBy,
        e.delayDays,
        e.late ? "oui" : "non",
        e.actionCount,
        e.openActionCount,
      ];
    }
    return [...base, e.source ? SOURCE_LABELS[e.source] : "", e.personName, ...(personal ? [e.contactName ?? ""] : []), e.decisionReason, day(e.decidedOn), e.actionCount, e.openActionCount];
  };
  async function* batches() {
    for await (const batch of exportEntryBatches(ctx.scope, kind, filters)) yield batch.map(line);
  }
  return csvResponse({
    fileName: `registre-${REGISTER_SLUGS[kind]}-${ctx.scope.today}.csv`,
    header,
    batches: batches(),
  });
}
