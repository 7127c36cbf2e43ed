// A desk's QR code as a PNG to print (?bureau=ID: the answers then say which desk).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { publicBase, publicUrl, qrPng } from "~/modules/questionnaire/links.server";
import { parseId } from "~/utils/params";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { questionnaire } = await requireQuestionnaire(request, params);
  const site = questionnaire.sites.find((s) => s.id === parseId(new URL(request.url).searchParams.get("bureau")));
  const png = await qrPng(publicUrl(publicBase(request), questionnaire.publicToken, { siteId: site?.id ?? null, via: "qr" }), 1000);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="qr-questionnaire-${questionnaire.id}${site ? `-bureau-${site.id}` : ""}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
}
