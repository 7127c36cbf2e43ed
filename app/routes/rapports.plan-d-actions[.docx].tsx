// The action plan as a Word document, with the plan's filters and the report's options from the address.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireOffice } from "~/auth.server";
import { parsePlanFilters } from "~/modules/action/schema.server";
import { renderDocument } from "~/modules/report/render.server";
import { docxResponse, reportError } from "~/modules/report/download.server";
import { ForeignOptionError, actionPlanReport } from "~/modules/report/queries.server";
import { planReportOptions } from "~/modules/report/schema";

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireOffice(request, "actions:view");
  const params = new URL(request.url).searchParams;
  const options = planReportOptions(params);
  if (!options.success) return reportError(400, options.error.issues.map((i) => i.message).join(" "));
  const { page: _page, ...filters } = parsePlanFilters(params);
  try {
    const buffer = await renderDocument("plan", await actionPlanReport(scope, { filters, options: options.data }));
    return docxResponse(buffer, `plan-d-actions-${scope.today}.docx`);
  } catch (error) {
    if (error instanceof ForeignOptionError) return reportError(404, `${error.what} n’existe pas ou n’est pas accessible.`);
    throw error;
  }
}
