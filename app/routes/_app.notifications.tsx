// The notification centre: every reminder sent to the signed-in account in this office, newest
// first; open one (marks it read), mark one or all as read.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { forbidden, notFound, requireOffice, safeRedirect } from "~/auth.server";
import { emailPreferences, saveEmailPreferences } from "~/modules/notification/preferences.server";
import { DIGEST_WEEKDAY, DIGEST_WEEKDAYS, REMINDER_KIND_LABELS, reminderKindsFor } from "~/modules/reminder/rules";
import { formatDateTime } from "~/domain/dates";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/modules/notification/queries.server";
import { notificationIntentSchema } from "~/modules/notification/schema";
import { redirectWithToast } from "~/session.server";
import { fieldError, formError, formValues, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Notifications — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "notifications:view");
  const [notifications, preferences] = await Promise.all([listNotifications(ctx.scope), emailPreferences(ctx.scope)]);
  return json({ notifications, preferences: preferences.map((p) => ({ ...p, label: REMINDER_KIND_LABELS[p.kind] })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "notifications:view");
  const values = formValues(await readForm(request), { lists: ["byEmail"] });
  const parsed = notificationIntentSchema.safeParse(values);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? "Action inconnue.";
    // A choice that is not a kind of reminder: said beside the boxes.
    if (values.intent === "preferences") return fieldError(String(parsed.error.issues[0]?.path[0] ?? "byEmail") === "digestWeekday" ? "digestWeekday" : "byEmail", message, "preferences");
    return formError(message);
  }
  const command = parsed.data;
  if (command.intent === "preferences") {
    // Only the kinds this person may receive; nobody else's choices are touched.
    if (reminderKindsFor(ctx.role).length === 0) throw forbidden();
    await saveEmailPreferences(ctx.scope, new Set(command.byEmail), command.digestWeekday);
    return redirectWithToast(request, "/notifications#preferences", { kind: "success", message: "Vos choix de rappels par courriel sont enregistrés." });
  }
  if (command.intent === "read_all") {
    const count = await markAllNotificationsRead(ctx.scope);
    return redirectWithToast(request, "/notifications", { kind: "success", message: count > 0 ? "Toutes les notifications sont marquées comme lues." : "Aucune notification non lue." });
  }
  const target = await markNotificationRead(ctx.scope, command.notificationId);
  if (!target) throw notFound("Cette notification");
  if (command.intent === "open") return redirectWithToast(request, safeRedirect(target.url, "/notifications"), { kind: "info", message: target.title });
  return redirectWithToast(request, "/notifications", { kind: "success", message: "Notification marquée comme lue." });
}

export default function NotificationsPage() {
  const { notifications, preferences } = useLoaderData<typeof loader>();
  const answer = useActionData<{ fieldErrors?: Record<string, string>; formError?: string }>();
  const preferenceError = answer?.fieldErrors?.byEmail;
  const weekdayError = answer?.fieldErrors?.digestWeekday;
  const digest = preferences.find((p) => p.kind === "action_digest");
  const unread = notifications.filter((n) => !n.readAt).length;
  return (
    <section className="page">
      <div className="page-header">
        <h1>Notifications</h1>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read_all" />
            <button type="submit" className="button button--secondary">
              Tout marquer comme lu
            </button>
          </Form>
        ) : null}
      </div>
      <p className="muted">
        {unread > 0 ? `${unread} non lue${unread > 1 ? "s" : ""} sur ${notifications.length}.` : "Tout est lu."} Les rappels arrivent ici et, sauf si vous l'avez
        refusé, par courriel.
      </p>
      {notifications.length === 0 ? (
        <p className="empty">Aucune notification pour l'instant. Les rappels (réunion à planifier, échéances des labels, comptes rendus à lire) apparaîtront ici.</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification notification--unread"}>
              <div className="notification__text">
                <p className="notification__title">
                  {n.readAt ? null : <span className="badge badge--warn">Non lue</span>} {n.title}
                </p>
                <p className="notification__body">{n.body}</p>
                <p className="muted small">
                  Reçue le {formatDateTime(n.createdAt)}
                  {n.readAt ? ` · lue le ${formatDateTime(n.readAt)}` : ""}
                </p>
              </div>
              <div className="notification__buttons">
                <Form method="post">
                  <input type="hidden" name="intent" value="open" />
                  <input type="hidden" name="notificationId" value={n.id} />
                  <button type="submit" className="button button--primary button--small">
                    Ouvrir<span className="visually-hidden"> : {n.title}</span>
                  </button>
                </Form>
                {n.readAt ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="notificationId" value={n.id} />
                    <button type="submit" className="button button--secondary button--small">
                      Marquer comme lue<span className="visually-hidden"> : {n.title}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {preferences.length > 0 ? (
        <section className="card" id="preferences" aria-labelledby="preferences-titre">
          <h2 id="preferences-titre">Vos rappels par courriel</h2>
          <p className="muted small">Chaque rappel arrive toujours ici. Décochez ceux que vous ne voulez plus recevoir aussi par courriel.</p>
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="preferences" />
            <fieldset className="fieldset" aria-describedby={preferenceError ? "preferences-erreur" : undefined}>
              <legend>Recevoir par courriel</legend>
              {preferenceError ? (
                <p className="field-error" id="preferences-erreur">
                  {preferenceError}
                </p>
              ) : null}
              <div className="checks checks--columns">
                {preferences.map((p) => (
                  <label key={p.kind}>
                    <input type="checkbox" name="byEmail" value={p.kind} defaultChecked={p.byEmail} /> {p.label}
                  </label>
                ))}
              </div>
            </fieldset>
            {digest ? (
              <div className="field">
                <label htmlFor="digest-weekday">Jour du récapitulatif de mes actions</label>
                <p className="field-hint" id="digest-weekday-aide">
                  Vos actions en retard ou à échéance dans les 7 jours, une fois par semaine ; un jour manqué, le récapitulatif part le lendemain.
                </p>
                {weekdayError ? (
                  <p className="field-error" id="digest-weekday-erreur">
                    {weekdayError}
                  </p>
                ) : null}
                <select
                  id="digest-weekday"
                  name="digestWeekday"
                  defaultValue={String(digest.digestWeekday ?? DIGEST_WEEKDAY)}
                  aria-describedby={weekdayError ? "digest-weekday-aide digest-weekday-erreur" : "digest-weekday-aide"}
                  aria-invalid={weekdayError ? true : undefined}
                  className="select--auto"
                >
                  {DIGEST_WEEKDAYS.map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </select>
              </div>
            ) : null}
            <button type="submit" className="button button--primary">
              Enregistrer mes choix
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
