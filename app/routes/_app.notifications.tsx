// The notification centre: every reminder sent to the signed-in account in this office, newest
// first; open one (marks it read), mark one or all as read.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { notFound, requireOffice, safeRedirect } from "~/auth.server";
import { formatDateTime } from "~/domain/dates";
import { listNotifications, markAllNotificationsRead, markNotificationRead } from "~/modules/notification/queries.server";
import { notificationIntentSchema } from "~/modules/notification/schema";
import { redirectWithToast } from "~/session.server";
import { formError, formValues, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Notifications — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "notifications:view");
  const notifications = await listNotifications(ctx.scope);
  return json({ notifications });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "notifications:view");
  const parsed = notificationIntentSchema.safeParse(formValues(await readForm(request)));
  if (!parsed.success) return formError(parsed.error.issues[0]?.message ?? "Action inconnue.");
  const command = parsed.data;
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
  const { notifications } = useLoaderData<typeof loader>();
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
        <p className="empty">Aucune notification pour l'instant. Les rappels de réunion à planifier apparaîtront ici.</p>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification notification--unread"}>
              <div className="notification__text">
                <p className="notification__title">
                  {n.readAt ? null : <span className="badge badge--warn">Non lue</span>} {n.title}
                </p>
                <p>{n.body}</p>
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
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
