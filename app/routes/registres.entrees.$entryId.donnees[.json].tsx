// The right of access (RGPD): what the office holds about the person of one entry, as a file
// to hand over. Only for those who may erase it too.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requireOffice } from "~/auth.server";
import { can } from "~/domain/roles";
import { personalDataOf } from "~/modules/register/queries.server";
import { CHANNEL_LABELS, ENTRY_NOUNS, type Channel } from "~/modules/register/rules";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:edit");
  if (!can(ctx.role, "registers:personal_data")) throw forbidden();
  const entryId = parseId(params.entryId);
  const data = entryId ? await personalDataOf(ctx.scope, entryId) : null;
  if (!data) throw notFound("Cette entrée du registre");
  const channel = data.channel ? CHANNEL_LABELS[data.channel as Channel] : null;
  const body = {
    office: ctx.office.name,
    exportedOn: ctx.scope.today,
    entry: `${ENTRY_NOUNS[data.kind]} n° ${data.entryId}`,
    receivedOn: data.occurredOn,
    channel,
    subject: data.subject,
    description: data.description,
    name: data.contactName,
    contact: data.contactDetails,
    answer: data.answer,
    answeredOn: data.answeredOn,
    anonymisedAt: data.anonymisedAt,
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="donnees-personnelles-entree-${data.entryId}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
