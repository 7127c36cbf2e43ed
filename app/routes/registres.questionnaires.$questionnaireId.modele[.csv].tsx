// The CSV template of a campaign's import: its header row, the columns the import reads.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { toCsv } from "~/domain/csv";
import { requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { templateHeader } from "~/modules/questionnaire/import";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { questionnaire } = await requireQuestionnaire(request, params, "questionnaires:edit");
  return new Response(toCsv(templateHeader(questionnaire.questions), []), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="modele-reponses-${questionnaire.id}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
