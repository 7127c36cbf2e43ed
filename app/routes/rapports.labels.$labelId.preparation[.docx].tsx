// The audit-readiness file of one label as a Word document.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { renderDocument } from "~/modules/report/render.server";
import { docxResponse, reportError } from "~/modules/report/download.server";
import { readinessReport } from "~/modules/report/queries.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOffice(request, "audits:view");
  const labelId = parseId(params.labelId);
  const model = labelId ? await readinessReport(scope, labelId) : null;
  if (!model) return reportError(404, "Ce label n’existe pas ou n’est pas accessible.");
  const buffer = await renderDocument("readiness", model);
  return docxResponse(buffer, `dossier-de-preparation-${scope.today}.docx`);
}
