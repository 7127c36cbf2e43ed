import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { registerOverview } from "~/modules/register/queries.server";
import { formatDate, formatDateTime } from "~/domain/dates";
import { can, ROLE_LABELS } from "~/domain/roles";
import { listRecentOfficeHistory } from "~/modules/history/queries.server";
import { listLabels } from "~/modules/label/queries.server";
import { countdown } from "~/domain/dates";
import { CountdownText } from "~/components/countdown";
import { ProgressBar } from "~/components/progress-bar";
import { parsePlanFilters } from "~/modules/action/schema.server";
import { OPEN_STATUSES } from "~/modules/action/rules";
import { planProgress } from "~/modules/action/queries.server";
import { listSites } from "~/modules/office/queries.server";
import { listPeople } from "~/modules/person/queries.server";
import { countUnread } from "~/modules/meeting/reads.server";
import { listSeries } from "~/modules/meeting/series.server";
import { procedureOverview } from "~/modules/procedure/queries.server";
import { describeRecord, HISTORY_ACTION_LABELS, recordUrl } from "~/modules/history/words";
import { FigureText, VariationText } from "~/components/indicators";
import { loadIndicatorData } from "~/modules/indicator/queries.server";
import { latestSeasonFigures } from "~/modules/indicator/views";

export const meta: MetaFunction = () => [{ title: "Tableau de bord — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "dashboard:view");
  const [sites, people] = await Promise.all([
    listSites(ctx.scope, { activeOnly: true }),
    listPeople(ctx.scope, { activeOnly: true }),
  ]);
  const history = can(ctx.role, "history:view")
    ? (await listRecentOfficeHistory(ctx.scope, 8)).map((h) => ({
        id: h.id,
        at: h.at,
        actorName: h.actorName,
        action: HISTORY_ACTION_LABELS[h.action],
        what: describeRecord(h.entityType, h.entityName),
        url: h.action === "delete" || h.entityName === null ? null : recordUrl(h.entityType, h.entityId),
      }))
    : null;
  const today = ctx.scope.today;
  const noFilter = parsePlanFilters(new URLSearchParams());
  const personId = ctx.membership.personId;
  const [plan, mine] = await Promise.all([planProgress(ctx.scope, noFilter), personId ? planProgress(ctx.scope, { ...noFilter, ownerId: personId, statuses: [...OPEN_STATUSES] }) : null]);
  const labels = (await listLabels(ctx.scope)).map((l) => ({
    id: l.id,
    name: l.name,
    validUntil: l.validUntil,
    nextAuditDue: l.nextAuditDue,
    expiry: l.validUntil ? countdown(today, l.validUntil) : null,
    nextAudit: l.nextAuditDue ? countdown(today, l.nextAuditDue) : null,
  }));
  const meetings = can(ctx.role, "meetings:view")
    ? {
        series: (await listSeries(ctx.scope)).map((s) => ({ id: s.id, name: s.name, schedule: s.schedule })),
        unread: can(ctx.role, "meetings:edit") ? 0 : await countUnread(ctx.scope, { userId: ctx.user.id }),
      }
    : null;
  const registers = can(ctx.role, "registers:view") ? await registerOverview(ctx.scope) : null;
  // The latest finished season (or year) against the one before: the figures of three years at
  // most (a season across the new year reads the next year's months), not every year since 2019.
  const thisYear = Number(today.slice(0, 4));
  const indicators = can(ctx.role, "indicators:view") ? await loadIndicatorData(ctx.scope, { years: [thisYear - 2, thisYear - 1, thisYear] }) : null;
  const latest = indicators ? latestSeasonFigures(indicators.context, indicators.indicators, today) : null;
  const keyFigures = latest ? { ...latest, previousLabel: latest.figures[0]!.comparison.previousLabel, currentLabel: latest.figures[0]!.comparison.currentLabel } : null;
  const procedures = can(ctx.role, "procedures:view")
    ? await procedureOverview(ctx.scope, { userId: ctx.user.id, personId: ctx.membership.personId, includeReviews: can(ctx.role, "procedures:view_drafts") })
    : null;
  return json({
    procedures,
    registers,
    keyFigures,
    meetings,
    canPlanMeetings: can(ctx.role, "meetings:edit"),
    displayName: ctx.user.displayName,
    roleLabel: ROLE_LABELS[ctx.role],
    office: ctx.office,
    sites: sites.map((s) => ({ id: s.id, name: s.name, city: s.city, isHeadquarters: s.isHeadquarters })),
    groupMembers: people.filter((p) => p.qualityGroupMember).map((p) => ({ id: p.id, fullName: p.fullName, jobTitle: p.jobTitle })),
    peopleCount: people.length,
    canSeeAdministration: can(ctx.role, "sites:view"),
    history,
    labels,
    plan,
    mine: mine && personId ? { personId, open: mine.open, overdue: mine.overdue } : null,
  });
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <h1>Tableau de bord</h1>
      <p className="lead">
        Bonjour {data.displayName} — {data.roleLabel} à {data.office.name}.
      </p>
      <section className="card card--wide" aria-labelledby="labels-titre">
        <h2 id="labels-titre">Labels</h2>
        {data.labels.length === 0 ? (
          <p className="muted">
            Aucun label enregistré. <Link to="/audits">Audits et labels</Link>
          </p>
        ) : (
          <ul className="plain-list">
            {data.labels.map((l) => (
              <li key={l.id}>
                <Link to={`/audits/labels/${l.id}`}>{l.name}</Link> — valable jusqu'au{" "}
                {l.validUntil && l.expiry ? <CountdownText day={l.validUntil} countdown={l.expiry} /> : "—"}, prochain audit :{" "}
                {l.nextAuditDue && l.nextAudit ? <CountdownText day={l.nextAuditDue} countdown={l.nextAudit} /> : "non planifié"}
              </li>
            ))}
          </ul>
        )}
      </section>
      {data.meetings ? (
        <section className="card card--wide" aria-labelledby="reunions-titre">
          <h2 id="reunions-titre">Réunions</h2>
          {data.meetings.unread > 0 ? (
            <p>
              <Link to="/reunions">
                {data.meetings.unread} compte{data.meetings.unread > 1 ? "s" : ""} rendu{data.meetings.unread > 1 ? "s" : ""} publié{data.meetings.unread > 1 ? "s" : ""} à lire
              </Link>
            </p>
          ) : null}
          {data.meetings.series.length === 0 ? (
            <p className="muted">Aucune série de réunions (le groupe qualité se réunit tous les six mois).</p>
          ) : (
            <ul className="plain-list">
              {data.meetings.series.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> —{" "}
                  {s.schedule.plannedOn ? (
                    <>
                      prochaine réunion planifiée le {formatDate(s.schedule.plannedOn)}
                      {s.schedule.plannedLate && s.schedule.dueOn ? <span className="badge badge--warn"> après l'échéance du {formatDate(s.schedule.dueOn)}</span> : null}
                    </>
                  ) : s.schedule.dueOn && s.schedule.countdown ? (
                    <>
                      prochaine réunion attendue le <CountdownText day={s.schedule.dueOn} countdown={s.schedule.countdown} />
                      {s.schedule.state === "overdue" || s.schedule.state === "due_soon" ? (
                        <>
                          {" "}
                          <span className="badge badge--warn">à planifier</span>
                          {data.canPlanMeetings ? (
                            <>
                              {" "}
                              <Link to={`/reunions/nouvelle?serie=${s.id}`}>Planifier</Link>
                            </>
                          ) : null}
                        </>
                      ) : null}
                    </>
                  ) : (
                    "date de la première réunion non fixée"
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {data.keyFigures ? (
        <section className="card card--wide" aria-labelledby="chiffres-titre">
          <h2 id="chiffres-titre">Chiffres clés</h2>
          <p className="muted">{data.keyFigures.title}</p>
          <div className="table-wrap">
            <table className="table key-figures">
              <caption className="visually-hidden">{data.keyFigures.title}</caption>
              <thead>
                <tr>
                  <th scope="col">Indicateur</th>
                  <th scope="col" className="num">
                    {data.keyFigures.previousLabel}
                  </th>
                  <th scope="col" className="num">
                    {data.keyFigures.currentLabel}
                  </th>
                  <th scope="col" className="num">
                    Évolution
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.keyFigures.figures.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">
                      <Link to={`/indicateurs/${f.id}${data.keyFigures!.href.slice("/indicateurs".length)}`}>{f.name}</Link>
                    </th>
                    <td className="num" data-label={data.keyFigures!.previousLabel}>
                      <FigureText cell={f.comparison.previous} />
                    </td>
                    <td className="num" data-label={data.keyFigures!.currentLabel}>
                      <FigureText cell={f.comparison.current} />
                    </td>
                    <td className="num" data-label="Évolution">
                      <VariationText text={f.comparison.variation} value={f.comparison.variationValue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>
            <Link to={data.keyFigures.href}>Tous les indicateurs</Link>
          </p>
        </section>
      ) : null}
      <section className="card card--wide" aria-labelledby="plan-titre">
        <h2 id="plan-titre">Plan d'actions</h2>
        <ProgressBar progress={data.plan} label="Avancement du plan d'actions" />
        <p className="inline-form">
          <Link to="/plan-d-actions">Voir le plan</Link>
          {data.plan.overdue > 0 ? <Link to="/plan-d-actions?en-retard=1">Voir les {data.plan.overdue} actions en retard</Link> : null}
          {data.mine ? (
            <Link to={`/plan-d-actions?pilote=${data.mine.personId}&statut=a_faire&statut=en_cours&statut=bloquee`}>
              Mes actions : {data.mine.open} ouverte{data.mine.open > 1 ? "s" : ""}
              {data.mine.overdue > 0 ? `, dont ${data.mine.overdue} en retard` : ""}
            </Link>
          ) : null}
        </p>
      </section>
      {data.registers ? (
        <section className="card card--wide" aria-labelledby="registres-titre">
          <h2 id="registres-titre">Registres</h2>
          <p className="inline-form">
            <Link to="/registres/reclamations">
              Réclamations : {data.registers.complaint.open} en cours
            </Link>
            {data.registers.lateComplaints > 0 ? (
              <Link to="/registres/reclamations?en-retard=1" className="badge badge--danger">
                {data.registers.lateComplaints} réclamation{data.registers.lateComplaints > 1 ? "s" : ""} en retard
              </Link>
            ) : null}
            <Link to="/registres/dysfonctionnements">Dysfonctionnements : {data.registers.dysfunction.open} ouverts</Link>
            <Link to="/registres/suggestions">Suggestions : {data.registers.suggestion.open} à l'étude</Link>
          </p>
        </section>
      ) : null}
      {data.procedures && (data.procedures.toConfirm.length > 0 || data.procedures.late > 0 || data.procedures.soon > 0) ? (
        <section className="card card--wide" aria-labelledby="fiches-titre">
          <h2 id="fiches-titre">Fiches qualité</h2>
          {data.procedures.toConfirm.length > 0 ? (
            <>
              <p>
                {data.procedures.toConfirm.length > 1
                  ? `${data.procedures.toConfirm.length} fiches vous concernent : lisez-les et confirmez « lu et compris ».`
                  : "Une fiche vous concerne : lisez-la et confirmez « lu et compris »."}
              </p>
              <ul className="plain-list">
                {data.procedures.toConfirm.map((s) => (
                  <li key={s.id}>
                    <Link to={`/fiches-qualite/${s.id}`}>
                      {s.code} — {s.title}
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {data.procedures.late > 0 || data.procedures.soon > 0 ? (
            <p className="inline-form">
              {data.procedures.late > 0 ? (
                <Link to="/fiches-qualite?filtre=a-revoir" className="badge badge--danger">
                  {data.procedures.late} revue{data.procedures.late > 1 ? "s" : ""} en retard
                </Link>
              ) : null}
              {data.procedures.soon > 0 ? (
                <Link to="/fiches-qualite?filtre=a-revoir" className="badge badge--warn">
                  {data.procedures.soon} à revoir dans les 30 jours
                </Link>
              ) : null}
            </p>
          ) : null}
        </section>
      ) : null}
      <div className="cards">
        <article className="card">
          <h2>L'office</h2>
          <p>
            <strong>{data.office.name}</strong>
            {data.office.legalForm ? (
              <>
                <br />
                <span className="muted">{data.office.legalForm}</span>
              </>
            ) : null}
          </p>
          <p className="muted">
            {[data.office.street, [data.office.postalCode, data.office.city].filter(Boolean).join(" ")].filter(Boolean).join(", ") ||
              "Adresse non renseignée"}
          </p>
          <p className="stat">
            <span className="stat__value">{data.peopleCount}</span> personnes enregistrées
          </p>
        </article>
        <article className="card">
          <h2>Bureaux d'information</h2>
          {data.sites.length === 0 ? (
            <p className="muted">Aucun bureau enregistré.</p>
          ) : (
            <ul className="plain-list">
              {data.sites.map((s) => (
                <li key={s.id}>
                  {data.canSeeAdministration ? <Link to={`/administration/bureaux/${s.id}`}>{s.name}</Link> : s.name}
                  {s.isHeadquarters ? <span className="badge">siège</span> : null}
                </li>
              ))}
            </ul>
          )}
        </article>
        <article className="card">
          <h2>Groupe qualité</h2>
          {data.groupMembers.length === 0 ? (
            <p className="muted">Aucun membre désigné.</p>
          ) : (
            <ul className="plain-list">
              {data.groupMembers.map((p) => (
                <li key={p.id}>
                  {p.fullName}
                  {p.jobTitle && p.jobTitle !== p.fullName ? <span className="muted"> — {p.jobTitle}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </article>
      </div>
      {data.history ? (
        <section className="card card--wide" aria-labelledby="activite-titre">
          <h2 id="activite-titre">Dernières modifications</h2>
          {data.history.length === 0 ? (
            <p className="muted">Aucune modification pour l'instant.</p>
          ) : (
            // Wider than a phone: it scrolls sideways, and the keyboard can scroll it too.
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Dernières modifications, à faire défiler">
              <table className="table">
                <caption className="visually-hidden">Dernières modifications dans l'office</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Élément</th>
                    <th scope="col">Action</th>
                    <th scope="col">Par</th>
                  </tr>
                </thead>
                <tbody>
                  {data.history.map((h) => (
                    <tr key={h.id}>
                      <td>{formatDateTime(h.at)}</td>
                      <td>{h.url ? <Link to={h.url}>{h.what}</Link> : h.what}</td>
                      <td>{h.action}</td>
                      <td>{h.actorName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
