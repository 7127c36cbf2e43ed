// The report of one audit as a Word document.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { renderDocument } from "~/modules/report/render.server";
import { docxResponse, reportError } from "~/modules/report/download.server";
import { auditReport } from "~/modules/report/queries.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireOffice(request, "audits:view");
  const auditId = parseId(params.auditId);
  const model = auditId ? await auditReport(scope, auditId) : null;
  if (!model) return reportError(404, "Cet audit n’existe pas ou n’est pas accessible.");
  const buffer = await renderDocument("audit", model);
  return docxResponse(buffer, `rapport-d-audit-${model.audit.startsOn}.docx`);
}
