// The audit-readiness file of one label as a Word document.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { docxResponse, oneAtATime, reportError } from "~/modules/report/download.server";
import { readinessReport } from "~/modules/report/queries.server";
import { parseId } from "~/utils/params";
import { renderReadinessDocx } from "../../templates/readiness";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOffice(request, "audits:view");
  const labelId = parseId(params.labelId);
  const model = labelId ? await readinessReport(scope, labelId) : null;
  if (!model) return reportError(404, "Ce label n’existe pas ou n’est pas accessible.");
  const buffer = await oneAtATime(() => renderReadinessDocx(model));
  return docxResponse(buffer, `dossier-de-preparation-${scope.today}.docx`);
}
