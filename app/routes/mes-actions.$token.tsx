// A partner's actions, from the signed link of their weekly digest (decision 041): a person of
// the office without an account sees the open actions they own in that office — nothing else —
// until the link's day; the digest's other link (or this page's button) stops the digests.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { clientIp, notFound } from "~/auth.server";
import { AuthCard } from "~/components/auth-card";
import { getDb } from "~/db.server";
import { formatDate, parisDay } from "~/domain/dates";
import { ACTION_STATUS_LABELS, type ActionStatus } from "~/modules/action/rules";
import { readPersonLinkToken } from "~/modules/mail/links.server";
import { enforceRateLimit } from "~/modules/rate-limit/queries.server";
import { UNSUBSCRIBES_PER_ADDRESS } from "~/modules/rate-limit/rules";
import { formError, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Mes actions — Cap Qualité" }, { name: "robots", content: "noindex" }];

async function resolve(token: string | undefined) {
  const today = parisDay(new Date());
  const target = readPersonLinkToken(token ?? "", today);
  if (!target) throw notFound("Ce lien");
  const db = getDb();
  const person = await db("people as p").join("offices as o", "o.id", "p.office_id").where({ "p.id": target.personId, "p.office_id": target.officeId }).first("p.id", "p.full_name", "p.digest_unsubscribed_at", "o.name as office_name");
  if (!person) throw notFound("Ce lien");
  return { target, today, person: { id: Number(person.id), name: String(person.full_name), stopped: Boolean(person.digest_unsubscribed_at), officeName: String(person.office_name) } };
}

export async function loader({ params }: LoaderFunctionArgs) {
  const { target, today, person } = await resolve(params.token);
  const actions =
    target.purpose === "actions"
      ? await getDb()("actions")
          .where({ office_id: target.officeId, owner_person_id: person.id })
          .whereIn("status", ["a_faire", "en_cours", "bloquee"])
          .orderByRaw("due_on is null, due_on")
          .orderBy("id")
          .limit(200)
          .select("id", "title", "due_on", "status")
      : [];
  return json({
    purpose: target.purpose,
    until: target.until,
    person,
    actions: actions.map((a) => ({ id: Number(a.id), title: String(a.title), dueOn: a.due_on ? String(a.due_on) : null, status: ACTION_STATUS_LABELS[a.status as ActionStatus], late: Boolean(a.due_on && String(a.due_on) < today) })),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { person } = await resolve(params.token);
  // Anonymous posts count per address (decision 020).
  await enforceRateLimit(getDb(), UNSUBSCRIBES_PER_ADDRESS, `ip:${clientIp(context)}`);
  const form = await readForm(request);
  const oneClick = form.get("List-Unsubscribe") === "One-Click";
  if (!oneClick && form.get("intent") !== "stop") return formError("Ce formulaire n'est pas reconnu : rechargez la page et recommencez.");
  if (!person.stopped) await getDb()("people").where({ id: person.id }).update({ digest_unsubscribed_at: new Date().toISOString() });
  return json({ done: true });
}

export default function PartnerActions() {
  const { purpose, until, person, actions } = useLoaderData<typeof loader>();
  const answer = useActionData<{ done?: boolean; formError?: string }>();
  if (answer?.done || (purpose === "stop" && person.stopped)) {
    return (
      <AuthCard>
        <h1>C'est noté</h1>
        <p role="status">
          Vous ne recevrez plus le récapitulatif de vos actions de l'office <strong>{person.officeName}</strong>. Pour le recevoir à nouveau, dites-le à la référente qualité.
        </p>
      </AuthCard>
    );
  }
  const stop = (
    <Form method="post">
      <input type="hidden" name="intent" value="stop" />
      {answer?.formError ? <p className="form-error">{answer.formError}</p> : null}
      <button type="submit" className={purpose === "stop" ? "button button--primary" : "button button--secondary"}>
        Ne plus recevoir ce récapitulatif
      </button>
    </Form>
  );
  if (purpose === "stop") {
    return (
      <AuthCard>
        <h1>Ne plus recevoir le récapitulatif de vos actions</h1>
        <p>
          Office <strong>{person.officeName}</strong>, récapitulatif hebdomadaire adressé à {person.name}.
        </p>
        {stop}
      </AuthCard>
    );
  }
  return (
    <AuthCard>
      <h1>Vos actions en cours</h1>
      <p>
        {person.name}, voici les actions du plan de l'office <strong>{person.officeName}</strong> dont vous êtes le pilote. Pour en rendre compte, écrivez à la
        référente qualité. Ce lien fonctionne jusqu'au {formatDate(until)}.
      </p>
      {actions.length === 0 ? (
        <p className="empty">Aucune action en cours : merci !</p>
      ) : (
        <ul className="plain-list partner-actions">
          {actions.map((a) => (
            <li key={a.id}>
              <strong>{a.title}</strong>
              <br />
              <span className={a.late ? "partner-actions__late" : "muted"}>
                {a.status}
                {a.dueOn ? ` · ${a.late ? "en retard depuis le" : "échéance le"} ${formatDate(a.dueOn)}` : " · sans échéance"}
              </span>
            </li>
          ))}
        </ul>
      )}
      {stop}
    </AuthCard>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
