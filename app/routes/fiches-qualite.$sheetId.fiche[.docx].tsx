// A procedure sheet as a Word document: the version in force by default, an earlier published
// version (?version=2), or the version in preparation (?version=brouillon) for those who read drafts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth.server";
import { can } from "~/domain/roles";
import { requireVisibleSheet } from "~/modules/procedure/access.server";
import { getVersion, sheetDocument } from "~/modules/procedure/queries.server";
import { renderDocument } from "~/modules/report/render.server";
import { docxResponse } from "~/modules/report/download.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, sheet } = await requireVisibleSheet(request, params);
  const asked = new URL(request.url).searchParams.get("version");
  const drafts = can(ctx.role, "procedures:view_drafts");
  let version;
  if (asked === "brouillon" || (asked === null && sheet.currentVersion === 0)) version = drafts ? sheet.draft : null;
  else if (asked === null) version = sheet.current;
  else {
    const number = parseId(asked);
    version = number ? await getVersion(ctx.scope, { sheetId: sheet.id, number }) : null;
  }
  if (!version) throw notFound("Cette version");
  const model = await sheetDocument(ctx.scope, sheet, version, ctx.office.name);
  const buffer = await renderDocument("sheet", model);
  const name = `fiche-${sheet.code}-v${version.number}${version.status === "draft" ? "-brouillon" : ""}.docx`;
  return docxResponse(buffer, name);
}
