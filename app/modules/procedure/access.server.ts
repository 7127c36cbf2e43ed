// The procedure sheet a route addresses, as the signed-in user may reach it. A sheet never
// published does not exist for those who may not read drafts (404), like another office's.
import { notFound, requireOffice, type OfficeContext } from "~/auth.server";
import { canSeeSheet } from "~/modules/procedure/rules";
import { getSheet, type SheetDetail } from "~/modules/procedure/queries.server";
import { parseId } from "../../utils/params";

/** For reading: published sheets for everyone with `procedures:view`, the others for those who read drafts. */
export async function requireVisibleSheet(request: Request, params: { sheetId?: string }): Promise<{ ctx: OfficeContext; sheet: SheetDetail }> {
  const ctx = await requireOffice(request, "procedures:view");
  const sheet = await findSheet(ctx, params);
  if (!sheet || !canSeeSheet(ctx.role, sheet.currentVersion)) throw notFound("Cette fiche");
  return { ctx, sheet };
}

/** For the pages that change a sheet: `procedures:edit` first (403), then the record (404). */
export async function requireEditableSheet(request: Request, params: { sheetId?: string }): Promise<{ ctx: OfficeContext; sheet: SheetDetail }> {
  const ctx = await requireOffice(request, "procedures:edit");
  const sheet = await findSheet(ctx, params);
  if (!sheet) throw notFound("Cette fiche");
  return { ctx, sheet };
}

async function findSheet(ctx: OfficeContext, params: { sheetId?: string }): Promise<SheetDetail | null> {
  const id = parseId(params.sheetId);
  return id ? getSheet(ctx.scope, { sheetId: id, userId: ctx.user.id, personId: ctx.membership.personId }) : null;
}
