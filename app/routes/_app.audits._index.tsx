// Audits: the office's labels with their countdowns, every audit, and the comparison of two.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { requireOffice } from "~/auth.server";
import { CountdownText } from "~/components/countdown";
import { AUDIT_DECISION_LABELS, AUDIT_KIND_LABELS, AUDIT_STATUS_LABELS, LABEL_STATUS_LABELS } from "~/modules/audit/rules";
import { countdown } from "~/domain/dates";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { listAudits, pillarRates } from "~/modules/audit/queries.server";
import { listLabels } from "~/modules/label/queries.server";
import { listReferentials } from "~/modules/referential/queries.server";

export const meta: MetaFunction = () => [{ title: "Audits — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:view");
  const today = ctx.scope.today;
  const [labels, audits, referentials] = await Promise.all([listLabels(ctx.scope), listAudits(ctx.scope), listReferentials(ctx.scope)]);
  return json({
    canEdit: can(ctx.role, "audits:edit"),
    hasReferentials: referentials.length > 0,
    labels: labels.map((l) => ({
      ...l,
      expiry: l.validUntil ? countdown(today, l.validUntil) : null,
      nextAudit: l.nextAuditDue ? countdown(today, l.nextAuditDue) : null,
    })),
    audits: audits.map((a) => ({
      id: a.id,
      title: a.title,
      labelId: a.labelId,
      labelName: a.labelName,
      kind: AUDIT_KIND_LABELS[a.kind],
      mode: a.mode,
      status: AUDIT_STATUS_LABELS[a.status],
      decision: a.decision ? AUDIT_DECISION_LABELS[a.decision] : null,
      startsOn: a.startsOn,
      endsOn: a.endsOn,
      rates: Object.entries(pillarRates(a)).filter((e): e is [string, number] => e[1] !== null),
      progress: a.snapshot ? { rated: a.snapshot.rated, total: a.snapshot.rated + a.snapshot.toRate } : null,
    })),
  });
}

export default function AuditsPage() {
  const { labels, audits, canEdit, hasReferentials } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <div className="page-header">
        <h1>Audits et labels</h1>
        <div className="inline-form">
          <Link to="/referentiels" className="button button--secondary">
            Référentiels
          </Link>
          {canEdit && labels.length > 0 ? (
            <Link to="/audits/nouveau" className="button button--primary">
              Enregistrer un audit
            </Link>
          ) : null}
        </div>
      </div>

      <section aria-labelledby="labels-titre" className="page">
        <div className="page-header">
          <h2 id="labels-titre">Labels de l'office</h2>
          {canEdit ? (
            <Link to="/audits/labels/nouveau" className="button button--small">
              Ajouter un label
            </Link>
          ) : null}
        </div>
        {!hasReferentials && canEdit ? (
          <p className="notice">
            Commencez par <Link to="/referentiels">importer un référentiel</Link> : la grille de votre label.
          </p>
        ) : null}
        {labels.length === 0 ? (
          <p className="empty">Aucun label enregistré.</p>
        ) : (
          <div className="cards">
            {labels.map((l) => (
              <article className="card" key={l.id}>
                <h3>
                  <Link to={`/audits/labels/${l.id}`}>{l.name}</Link>
                </h3>
                <p className="muted small">
                  {LABEL_STATUS_LABELS[l.status]} — {l.referentialLabel ?? l.referentialCode}
                  {l.referentialVersion ? `, version ${l.referentialVersion}` : ""}
                </p>
                <dl className="facts">
                  <dt>Valable jusqu'au</dt>
                  <dd>{l.validUntil && l.expiry ? <CountdownText day={l.validUntil} countdown={l.expiry} /> : "—"}</dd>
                  <dt>Prochain audit</dt>
                  <dd>{l.nextAuditDue && l.nextAudit ? <CountdownText day={l.nextAuditDue} countdown={l.nextAudit} /> : "—"}</dd>
                </dl>
              </article>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="audits-titre" className="page">
        <h2 id="audits-titre">Audits</h2>
        {audits.length === 0 ? (
          <p className="empty">Aucun audit enregistré.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Audits de l'office, du plus récent au plus ancien</caption>
              <thead>
                <tr>
                  <th scope="col">Audit</th>
                  <th scope="col">Label</th>
                  <th scope="col">Dates</th>
                  <th scope="col">Statut</th>
                  <th scope="col">Taux</th>
                </tr>
              </thead>
              <tbody>
                {audits.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/audits/${a.id}`}>{a.title}</Link>
                      <br />
                      <span className="small muted">
                        {a.kind} — {a.mode === "reported" ? "taux rapporté" : "grille notée"}
                      </span>
                    </td>
                    <td>{a.labelName}</td>
                    <td>{a.startsOn === a.endsOn ? formatDate(a.startsOn) : `du ${formatDate(a.startsOn)} au ${formatDate(a.endsOn)}`}</td>
                    <td>
                      {a.status}
                      {a.decision && a.decision !== "En attente" ? <span className="badge">{a.decision}</span> : null}
                      {a.progress && a.progress.rated < a.progress.total ? (
                        <span className="small muted">
                          <br />
                          {a.progress.rated} / {a.progress.total} critères notés
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {a.rates.length
                        ? a.rates.map(([pillar, rate]) => (
                            <span key={pillar} className="nowrap">
                              {a.rates.length > 1 ? `${pillar} : ` : ""}
                              {rate.toLocaleString("fr-FR")} %
                              <br />
                            </span>
                          ))
                        : "—"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {audits.length >= 2 ? (
          <Form method="get" action="/audits/comparer" className="card card--wide inline-form" aria-label="Comparer deux audits">
            <h3 className="visually-hidden">Comparer deux audits</h3>
            <label htmlFor="cmp-a">Comparer</label>
            <select id="cmp-a" name="a" defaultValue={audits[1]?.id}>
              {audits.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} ({formatDate(a.startsOn)})
                </option>
              ))}
            </select>
            <label htmlFor="cmp-b">avec</label>
            <select id="cmp-b" name="b" defaultValue={audits[0]?.id}>
              {audits.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title} ({formatDate(a.startsOn)})
                </option>
              ))}
            </select>
            <button type="submit" className="button button--small">
              Comparer
            </button>
          </Form>
        ) : null}
      </section>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
