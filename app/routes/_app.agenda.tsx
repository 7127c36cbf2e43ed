// "Mon agenda": the account's private calendar address, to subscribe to from Outlook, Google
// Agenda or Thunderbird. Shown once when created (only its hash is kept); a new one, or
// revoking, stops the previous one.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { requireOffice } from "~/auth.server";
import { formatDateTime } from "~/domain/dates";
import { activeFeed, createFeed, revokeFeed } from "~/modules/calendar/queries.server";
import { feedIntentSchema } from "~/modules/calendar/schema";
import { appUrl } from "~/modules/mail/links.server";
import { redirectWithToast } from "~/session.server";
import { formError, formValues, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Mon agenda — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "calendar:view");
  return json({ feed: await activeFeed(ctx.scope), officeName: ctx.office.name });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "calendar:view");
  const parsed = feedIntentSchema.safeParse(formValues(await readForm(request)));
  if (!parsed.success) return formError(parsed.error.issues[0]?.message ?? "Action inconnue.");
  if (parsed.data.intent === "revoke") {
    const revoked = await revokeFeed(ctx.scope);
    return redirectWithToast(request, "/agenda", { kind: "success", message: revoked > 0 ? "Lien d'agenda révoqué : il ne montre plus rien." : "Aucun lien d'agenda à révoquer." });
  }
  const token = await createFeed(ctx.scope);
  return json({ feedUrl: `${appUrl()}/agenda/${token}.ics` });
}

export default function AgendaPage() {
  const { feed, officeName } = useLoaderData<typeof loader>();
  const answer = useActionData<{ feedUrl?: string; formError?: string }>();
  return (
    <section className="page agenda-page">
      <h1>Mon agenda</h1>
      <p>
        Un lien privé à ajouter à votre agenda (Outlook, Google Agenda, Thunderbird, l'agenda du téléphone) : il y fait apparaître vos réunions, les échéances
        de vos actions, les audits et les dates des labels de {officeName}, et se met à jour tout seul.
      </p>
      {answer?.feedUrl ? (
        <div className="callout" role="status">
          <h2>Votre lien d'agenda</h2>
          <p>Copiez-le maintenant : il ne sera plus affiché. Ne le partagez pas, il donne accès à votre agenda sans mot de passe.</p>
          <label htmlFor="feed-url">Adresse de l'agenda</label>
          <input id="feed-url" className="copy-field" readOnly value={answer.feedUrl} onFocus={(e) => e.currentTarget.select()} />
          <ul className="small">
            <li>Outlook : Ajouter un calendrier → À partir d'Internet, puis collez l'adresse.</li>
            <li>Google Agenda : Autres agendas → + → À partir de l'URL.</li>
            <li>Thunderbird : Nouvel agenda → Sur le réseau.</li>
          </ul>
        </div>
      ) : null}
      {answer?.formError ? <p className="field-error">{answer.formError}</p> : null}
      <div className="card">
        {feed ? (
          <p>
            Un lien est actif depuis le {formatDateTime(feed.createdAt)}
            {feed.lastReadAt ? ` ; votre agenda l'a lu pour la dernière fois le ${formatDateTime(feed.lastReadAt)}.` : " ; aucun agenda ne l'a encore lu."}
          </p>
        ) : (
          <p>Vous n'avez pas de lien d'agenda actif.</p>
        )}
        <div className="button-row">
          <Form method="post">
            <input type="hidden" name="intent" value="create" />
            <button type="submit" className="button button--primary">
              {feed ? "Créer un nouveau lien (l'ancien cessera de fonctionner)" : "Créer mon lien d'agenda"}
            </button>
          </Form>
          {feed ? (
            <Form method="post">
              <input type="hidden" name="intent" value="revoke" />
              <button type="submit" className="button button--danger">
                Révoquer le lien
              </button>
            </Form>
          ) : null}
        </div>
      </div>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
