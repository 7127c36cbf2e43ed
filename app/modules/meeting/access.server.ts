// The meeting a route addresses, as the signed-in user may reach it. A draft does not exist for
// those who may not read drafts (404), like a meeting of another office.
import { notFound, requireOffice, type OfficeContext } from "~/auth.server";
import { canSeeMeeting } from "~/modules/meeting/rules";
import { getMeeting, type MeetingDetail } from "~/modules/meeting/meetings.server";
import { parseId } from "../../utils/params";

/** For reading: published minutes for everyone with `meetings:view`, drafts for those who write or chair. */
export async function requireVisibleMeeting(request: Request, params: { meetingId?: string }): Promise<{ ctx: OfficeContext; meeting: MeetingDetail }> {
  const ctx = await requireOffice(request, "meetings:view");
  const meeting = await findMeeting(ctx, params);
  if (!meeting || !canSeeMeeting(ctx.role, meeting.status)) throw notFound("Cette réunion");
  return { ctx, meeting };
}

/** For the pages that change a meeting: `meetings:edit` first (403), then the record (404). */
export async function requireEditableMeeting(request: Request, params: { meetingId?: string }): Promise<{ ctx: OfficeContext; meeting: MeetingDetail }> {
  const ctx = await requireOffice(request, "meetings:edit");
  const meeting = await findMeeting(ctx, params);
  if (!meeting) throw notFound("Cette réunion");
  return { ctx, meeting };
}

async function findMeeting(ctx: OfficeContext, params: { meetingId?: string }): Promise<MeetingDetail | null> {
  const id = parseId(params.meetingId);
  return id ? getMeeting(ctx.scope, { meetingId: id, userId: ctx.user.id }) : null;
}
