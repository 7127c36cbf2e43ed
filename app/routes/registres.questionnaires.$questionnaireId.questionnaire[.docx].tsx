// The questionnaire to print for the desk, as a Word document with the office's name.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { questionnaireDocument } from "~/modules/questionnaire/document.server";
import { publicBase } from "~/modules/questionnaire/links.server";
import { renderDocument } from "~/modules/report/render.server";
import { docxResponse } from "~/modules/report/download.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, questionnaire } = await requireQuestionnaire(request, params);
  const buffer = await renderDocument("questionnaire", await questionnaireDocument(ctx.scope, questionnaire, publicBase(request)));
  return docxResponse(buffer, `questionnaire-${headOf(questionnaire).startsOn.slice(0, 4)}-${questionnaire.id}.docx`);
}
