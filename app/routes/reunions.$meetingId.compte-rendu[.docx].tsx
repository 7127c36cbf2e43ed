// The minutes of a meeting as a Word document, for those who may see the meeting.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireOffice } from "~/auth.server";
import { getDb } from "~/db.server";
import { canSeeMeeting } from "~/domain/meetings";
import { getMeeting, minutesDocument } from "~/models/meeting.server";
import { parseId } from "~/utils/params";
import { renderMinutesDocx } from "../../templates/minutes";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:view");
  const id = parseId(params.meetingId);
  const meeting = id ? await getMeeting(getDb(), { officeId: ctx.office.id, meetingId: id, userId: ctx.user.id }) : null;
  if (!meeting || !canSeeMeeting(ctx.role, meeting.status)) throw notFound("Cette réunion");
  const buffer = await renderMinutesDocx(minutesDocument(meeting, ctx.office.name));
  const name = `compte-rendu-${meeting.heldOn}${meeting.status === "draft" ? "-brouillon" : ""}.docx`;
  return new Response(new Uint8Array(buffer), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Content-Length": String(buffer.byteLength),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
