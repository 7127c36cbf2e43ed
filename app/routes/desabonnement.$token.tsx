// One-click unsubscribe from a kind of reminder mail, from the link (and the List-Unsubscribe
// header) of each reminder. The signed link is the proof; no sign-in. A GET only asks (mail
// scanners follow links); the POST — the page's button, or a mail client's one-click POST
// (RFC 8058) — turns the mails off. Notifications in the app go on.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { clientIp, notFound } from "~/auth.server";
import { AuthCard } from "~/components/auth-card";
import { getDb } from "~/db.server";
import { readUnsubscribeToken } from "~/modules/mail/links.server";
import { setEmailPreference } from "~/modules/notification/preferences.server";
import { enforceRateLimit } from "~/modules/rate-limit/queries.server";
import { UNSUBSCRIBES_PER_ADDRESS } from "~/modules/rate-limit/rules";
import { REMINDER_KIND_LABELS } from "~/modules/reminder/rules";
import { getOffice } from "~/modules/office/queries.server";
import { formError, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Ne plus recevoir ce rappel — Cap Qualité" }];

async function resolve(token: string | undefined) {
  const target = readUnsubscribeToken(token ?? "");
  if (!target) throw notFound("Ce lien de désabonnement");
  const db = getDb();
  const [office, member] = await Promise.all([getOffice(db, target.officeId), db("memberships").where({ user_id: target.userId, office_id: target.officeId }).first()]);
  if (!office || !member) throw notFound("Ce lien de désabonnement");
  return { target, officeName: office.name };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { target, officeName } = await resolve(params.token);
  return json({ kindLabel: REMINDER_KIND_LABELS[target.kind], officeName });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { target, officeName } = await resolve(params.token);
  // Anonymous posts count per address (decision 020).
  await enforceRateLimit(getDb(), UNSUBSCRIBES_PER_ADDRESS, `ip:${clientIp(context)}`);
  const form = await readForm(request);
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  if (!oneClick && form.get("intent") !== "unsubscribe") return formError("Action inconnue.");
  if (!(await setEmailPreference(getDb(), target, false, new Date()))) throw notFound("Ce lien de désabonnement");
  return json({ kindLabel: REMINDER_KIND_LABELS[target.kind], officeName, done: true });
}

export default function Unsubscribe() {
  const { kindLabel, officeName } = useLoaderData<typeof loader>();
  const answer = useActionData<{ done?: boolean; formError?: string }>();
  if (answer?.done) {
    return (
      <AuthCard>
        <h1>C'est noté</h1>
        <p role="status">
          Vous ne recevrez plus le rappel « {kindLabel} » de l'office <strong>{officeName}</strong> par courriel. Il reste visible dans les notifications de Cap
          Qualité.
        </p>
        <p>
          <Link to="/connexion">Aller à Cap Qualité</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard>
      <h1>Ne plus recevoir ce rappel par courriel</h1>
      <p>
        Rappel « {kindLabel} » de l'office <strong>{officeName}</strong>. Vous continuerez à le voir dans les notifications de Cap Qualité.
      </p>
      <Form method="post">
        <input type="hidden" name="intent" value="unsubscribe" />
        <button type="submit" className="button button--primary">
          Ne plus le recevoir par courriel
        </button>
      </Form>
      <p>
        <Link to="/connexion">Aller à Cap Qualité</Link>
      </p>
    </AuthCard>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
