// The minutes of a meeting as a Word document, for those who may see the meeting.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { minutesDocument } from "~/modules/meeting/document";
import { requireVisibleMeeting } from "~/modules/meeting/access.server";
import { renderDocument } from "~/modules/report/render.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, meeting } = await requireVisibleMeeting(request, params);
  const buffer = await renderDocument("minutes", minutesDocument(meeting, ctx.office.name));
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
