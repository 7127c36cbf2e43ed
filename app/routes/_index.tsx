import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getSignedInUser } from "~/auth.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const signedIn = await getSignedInUser(request);
  return redirect(signedIn ? "/tableau-de-bord" : "/connexion");
}
