// "Réunions": each series with the date its next meeting is due, and the meetings, newest first
// (drafts only for those who write or chair them).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { CountdownText } from "~/components/countdown";
import { formatDate, formatTime } from "~/domain/dates";
import { MEETING_KIND_LABELS, MEETING_STATUS_LABELS, type Schedule } from "~/modules/meeting/rules";
import { can } from "~/domain/roles";
import { listMeetings } from "~/modules/meeting/meetings.server";
import { listSeries } from "~/modules/meeting/series.server";

export const meta: MetaFunction = () => [{ title: "Réunions — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:view");
  const today = ctx.scope.today;
  const includeDrafts = can(ctx.role, "meetings:view_drafts");
  const [series, meetings] = await Promise.all([
    listSeries(ctx.scope),
    listMeetings(ctx.scope, { userId: ctx.user.id, includeDrafts }),
  ]);
  return json({ series, meetings, today, canEdit: can(ctx.role, "meetings:edit") });
}

function ScheduleText({ schedule }: { schedule: Schedule }) {
  return (
    <dl className="facts">
      <dt>Dernière réunion</dt>
      <dd>{schedule.lastHeldOn ? formatDate(schedule.lastHeldOn) : "aucune pour l'instant"}</dd>
      <dt>Prochaine réunion</dt>
      <dd>
        {schedule.plannedOn ? (
          <>
            planifiée le {formatDate(schedule.plannedOn)}
            {schedule.plannedLate ? <span className="badge badge--warn"> après l'échéance</span> : null}
          </>
        ) : (
          <span className="badge badge--warn">à planifier</span>
        )}
      </dd>
      <dt>Échéance de la cadence</dt>
      <dd>{schedule.dueOn && schedule.countdown ? <CountdownText day={schedule.dueOn} countdown={schedule.countdown} /> : "non fixée"}</dd>
    </dl>
  );
}

export default function MeetingsPage() {
  const { series, meetings, canEdit } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <div className="page-header">
        <h1>Réunions</h1>
        {canEdit ? (
          <div className="actions-row">
            {series.length ? (
              <Link className="button button--primary" to="/reunions/nouvelle">
                Planifier une réunion
              </Link>
            ) : null}
            <Link className="button button--secondary" to="/reunions/series/nouvelle">
              Nouvelle série
            </Link>
          </div>
        ) : null}
      </div>

      {series.length === 0 ? (
        <p className="notice">
          Aucune série de réunions.{" "}
          {canEdit ? "Créez d'abord la série « Groupe Local Qualité » : sa cadence (tous les 6 mois) dira quand la prochaine réunion est due." : "La référente qualité la créera."}
        </p>
      ) : (
        <div className="cards">
          {series.map((s) => (
            <section key={s.id} className="card" aria-labelledby={`serie-${s.id}`}>
              <h2 id={`serie-${s.id}`}>{s.name}</h2>
              <p className="small muted">
                {MEETING_KIND_LABELS[s.kind]} — tous les {s.cadenceMonths} mois
              </p>
              <ScheduleText schedule={s.schedule} />
              {canEdit ? (
                <p className="actions-row">
                  <Link to={`/reunions/nouvelle?serie=${s.id}`}>Planifier la prochaine réunion</Link>
                  <Link to={`/reunions/series/${s.id}`}>Modifier la série</Link>
                </p>
              ) : null}
            </section>
          ))}
        </div>
      )}

      <section className="card card--wide" aria-labelledby="reunions-titre">
        <h2 id="reunions-titre">Réunions et comptes rendus</h2>
        {meetings.length === 0 ? (
          <p className="muted">{canEdit ? "Aucune réunion pour l'instant." : "Aucun compte rendu publié pour l'instant."}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Réunion</th>
                <th scope="col">Série</th>
                <th scope="col">Compte rendu</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.id}>
                  <td>
                    {formatDate(m.heldOn)} à {formatTime(m.startTime)}
                  </td>
                  <td>
                    <Link to={`/reunions/${m.id}`}>{m.title}</Link>
                  </td>
                  <td>{m.seriesName}</td>
                  <td>
                    <span className={`badge ${m.status === "published" ? "badge--ok" : "badge--muted"}`}>{MEETING_STATUS_LABELS[m.status]}</span>{" "}
                    {m.status === "published" && !canEdit ? (
                      m.readAt ? (
                        <span className="small muted">lu le {formatDate(m.readAt)}</span>
                      ) : (
                        <span className="badge badge--warn">à lire</span>
                      )
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
