// Switches the current office among the user's own offices.
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser, safeRedirect } from "~/auth.server";
import { getDb } from "~/db.server";
import { listMemberships } from "~/modules/account/memberships.server";
import { commitSession, getSession } from "~/session.server";
import { readForm } from "~/utils/forms.server";

export async function loader() {
  return redirect("/tableau-de-bord");
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireUser(request);
  const form = await readForm(request);
  const officeId = Number(form.get("officeId"));
  const memberships = await listMemberships(getDb(), user.id);
  const target = memberships.find((m) => m.officeId === officeId);
  if (!target) {
    throw new Response("Vous n'appartenez pas à cet office.", { status: 403 });
  }
  const session = await getSession(request);
  session.set("officeId", target.officeId);
  session.flash("toast", { kind: "success", message: `Vous travaillez maintenant pour ${target.officeName}.` });
  // A page of the previous office may not exist in the new one: go back to the section's start.
  const back = safeRedirect(form.get("redirectTo"));
  const section = back.startsWith("/administration") ? "/administration" : "/tableau-de-bord";
  return redirect(section, { headers: { "Set-Cookie": await commitSession(session) } });
}
