// The campaign a route addresses, as the signed-in user may reach it: the permission first
// (403), then the record in the current office (404, like another office's).
import { notFound, requireOffice, type OfficeContext } from "~/auth.server";
import { can, type Permission } from "~/domain/roles";
import { parseId } from "../../utils/params";
import { getQuestionnaire, type QuestionnaireDetail } from "./queries.server";

export interface QuestionnaireRights {
  enter: boolean;
  edit: boolean;
}

export async function requireQuestionnaire(
  request: Request,
  params: { questionnaireId?: string },
  permission: Permission = "questionnaires:view",
): Promise<{ ctx: OfficeContext; questionnaire: QuestionnaireDetail; rights: QuestionnaireRights }> {
  const ctx = await requireOffice(request, permission);
  const id = parseId(params.questionnaireId);
  const questionnaire = id ? await getQuestionnaire(ctx.scope, id) : null;
  if (!questionnaire) throw notFound("Ce questionnaire");
  return { ctx, questionnaire, rights: { enter: can(ctx.role, "questionnaires:enter"), edit: can(ctx.role, "questionnaires:edit") } };
}

/** What the header of the campaign's pages shows. */
export function headOf(q: QuestionnaireDetail) {
  return { id: q.id, title: q.title, startsOn: q.startsOn, endsOn: q.endsOn, state: q.state, notHeld: q.notHeld };
}
