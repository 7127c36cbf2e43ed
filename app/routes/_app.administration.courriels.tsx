// "Courriels envoyés": every mail of the office as it went out (or would have: without SMTP_URL
// mail is kept here), its state, its attempts and its last error; a failed one can be sent again.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { notFound, requireOffice } from "~/auth.server";
import { formatDateTime } from "~/domain/dates";
import { getEnv } from "~/env.server";
import { countOutboxByStatus, listOutbox, retryMail } from "~/modules/mail/queries.server";
import { OUTBOX_STATUSES, OUTBOX_STATUS_LABELS, type OutboxStatus } from "~/modules/mail/rules";
import { outboxFilterSchema, outboxIntentSchema } from "~/modules/mail/schema";
import { redirectWithToast } from "~/session.server";
import { formError, formValues, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Courriels envoyés — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "outbox:view");
  const filter = outboxFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [mails, counts] = await Promise.all([listOutbox(ctx.scope, { status: filter.statut }), countOutboxByStatus(ctx.scope)]);
  return json({ mails, counts, status: filter.statut ?? null, smtpConfigured: Boolean(getEnv().SMTP_URL) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "outbox:view");
  const parsed = outboxIntentSchema.safeParse(formValues(await readForm(request)));
  if (!parsed.success) return formError(parsed.error.issues[0]?.message ?? "Action inconnue.");
  if (!(await retryMail(ctx.scope, parsed.data.mailId))) throw notFound("Ce courriel en échec");
  return redirectWithToast(request, "/administration/courriels?statut=pending", { kind: "success", message: "Le courriel repart : il sera envoyé au prochain passage des rappels." });
}

const STATUS_BADGES: Record<OutboxStatus, string> = { pending: "badge badge--warn", sent: "badge badge--ok", failed: "badge badge--danger", kept: "badge badge--muted" };

export default function OutboxPage() {
  const { mails, counts, status, smtpConfigured } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const total = OUTBOX_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  return (
    <section className="page">
      <h1>Courriels envoyés</h1>
      {smtpConfigured ? (
        <p className="muted">Les courriels partent par le serveur d'envoi réglé (SMTP_URL). Un envoi refusé est réessayé après 5 minutes, 30 minutes, 2 heures puis 12 heures, puis abandonné.</p>
      ) : (
        <p className="callout">
          Aucun serveur d'envoi n'est réglé (SMTP_URL) : les courriels ne partent pas, ils sont conservés ici pour que vous voyiez ce qui serait envoyé.
        </p>
      )}
      <nav aria-label="Filtrer par état" className="subnav">
        <ul>
          <li>
            <Link to="/administration/courriels" aria-current={status === null ? "page" : undefined} className={status === null ? "active" : undefined}>
              Tous ({total})
            </Link>
          </li>
          {OUTBOX_STATUSES.filter((s) => counts[s] > 0 || s === params.get("statut")).map((s) => (
            <li key={s}>
              <Link to={`/administration/courriels?statut=${s}`} aria-current={status === s ? "page" : undefined} className={status === s ? "active" : undefined}>
                {OUTBOX_STATUS_LABELS[s]} ({counts[s]})
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {mails.length === 0 ? (
        <p className="empty">Aucun courriel{status ? " dans cet état" : " pour l'instant"}.</p>
      ) : (
        <ul className="mail-list">
          {mails.map((m) => (
            <li key={m.id} className="card mail">
              <div className="mail__head">
                <p className="mail__subject">{m.subject}</p>
                <span className={STATUS_BADGES[m.status]}>{OUTBOX_STATUS_LABELS[m.status]}</span>
              </div>
              <p className="muted small">
                À {m.toName ? `${m.toName} <${m.to}>` : m.to} · créé le {formatDateTime(m.createdAt)}
                {m.sentAt ? ` · envoyé le ${formatDateTime(m.sentAt)}` : ""}
                {m.attempts > 0 ? ` · ${m.attempts} tentative${m.attempts > 1 ? "s" : ""}` : ""}
                {m.status === "pending" && m.attempts > 0 ? ` · prochain essai le ${formatDateTime(m.nextAttemptAt)}` : ""}
              </p>
              {m.lastError ? <p className="field-error">Dernière erreur : {m.lastError}</p> : null}
              <details>
                <summary>Lire le courriel</summary>
                <pre className="mail__text">{m.text}</pre>
              </details>
              {m.status === "failed" ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="retry" />
                  <input type="hidden" name="mailId" value={m.id} />
                  <button type="submit" className="button button--secondary button--small">
                    Renvoyer<span className="visually-hidden"> le courriel « {m.subject} » à {m.to}</span>
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
