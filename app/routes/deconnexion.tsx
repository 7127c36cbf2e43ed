import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clientIp } from "~/auth.server";
import { getDb } from "~/db.server";
import { recordSecurityEvent } from "~/modules/security/queries.server";
import { destroySession, getSession } from "~/session.server";

export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  const session = await getSession(request);
  const userId = session.get("userId");
  if (userId) await recordSecurityEvent(getDb(), { event: "sign_out", userId, ip: clientIp(context) });
  return redirect("/connexion?deconnecte=1", { headers: { "Set-Cookie": await destroySession(session) } });
}
