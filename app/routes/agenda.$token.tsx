// The private calendar feed (/agenda/SECRET.ics) that Outlook, Google Agenda or Thunderbird
// subscribe to. The secret is the proof, as calendar apps cannot sign in; it shows only what its
// account sees in its office, and stops working once revoked or once the account loses access.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/db.server";
import { calendarText } from "~/modules/calendar/ics.server";
import { feedEvents, openFeed } from "~/modules/calendar/queries.server";
import { appUrl } from "~/modules/mail/links.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const now = new Date();
  const owner = await openFeed(getDb(), token, now);
  if (!owner) {
    return new Response("Ce lien d'agenda n'existe pas ou a été révoqué.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const base = appUrl();
  const events = (await feedEvents(owner)).map((e) => ({ ...e, url: e.url ? `${base}${e.url}` : null }));
  const text = calendarText({ name: `Cap Qualité — ${owner.officeName}`, events, now });
  return new Response(text, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="cap-qualite.ics"',
      "Cache-Control": "no-store",
      "X-Robots-Tag": "noindex",
    },
  });
}
