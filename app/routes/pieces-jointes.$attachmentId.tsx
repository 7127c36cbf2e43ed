// Downloads an attached file, only to the office it belongs to and to those who may see its record.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requireOffice } from "~/auth.server";
import { canSeeMeeting } from "~/modules/meeting/rules";
import { canSeeSheet } from "~/modules/procedure/rules";
import { can } from "~/domain/roles";
import { getAttachment } from "~/modules/attachment/queries.server";
import { fileStore } from "~/storage.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request);
  const id = parseId(params.attachmentId);
  const attachment = id ? await getAttachment(ctx.scope, { attachmentId: id }) : null;
  if (!attachment) throw notFound("Ce fichier");
  // A file is seen by those who see what it is attached to: an action, a meeting or a procedure
  // sheet (drafts only by those who write or direct them).
  if (attachment.procedureSheetId !== null) {
    // A sheet never published does not exist for those who may not read drafts.
    if (!canSeeSheet(ctx.role, attachment.sheetCurrentVersion ?? 0)) throw can(ctx.role, "procedures:view") ? notFound("Ce fichier") : forbidden();
  } else if (attachment.meetingStatus ? !canSeeMeeting(ctx.role, attachment.meetingStatus) : !can(ctx.role, "actions:view")) {
    // A draft's files do not exist for those who may not see the draft.
    throw attachment.meetingStatus ? notFound("Ce fichier") : forbidden();
  }
  const bytes = await fileStore().get(attachment.storageKey);
  if (!bytes) throw notFound("Ce fichier");
  const ascii = attachment.originalName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "");
  const encoded = encodeURIComponent(attachment.originalName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
      "Content-Security-Policy": "sandbox",
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
