// The action plan: filters kept in the address (a view can be bookmarked and shared), sorting,
// search, pagination, progress of the filtered set, export.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useFetcher, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { useEffect } from "react";
import { requireOffice } from "~/auth.server";
import { ProgressBar } from "~/components/progress-bar";
import { ACTION_STATUSES, ACTION_STATUS_LABELS, ORIGINS, ORIGIN_LABELS, PRIORITIES, PRIORITY_LABELS, isOverdue } from "~/modules/action/rules";
import { formatDate } from "~/domain/dates";
import { parsePlanFilters } from "~/modules/action/schema.server";
import { can, canUpdateAction } from "~/domain/roles";
import { PAGE_SIZE, listActions } from "~/modules/action/queries.server";
import { SiteProgress } from "~/components/site-progress";
import type { loader as progressLoader } from "./_app.plan-d-actions.avancement";
import { listAudits } from "~/modules/audit/queries.server";
import { listLabels } from "~/modules/label/queries.server";
import { listSites } from "~/modules/office/queries.server";
import { listPeople } from "~/modules/person/queries.server";

export const meta: MetaFunction = () => [{ title: "Plan d'actions — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:view");
  const filters = parsePlanFilters(new URL(request.url).searchParams);
  const today = ctx.scope.today;
  const [result, people, sites, audits, labels] = await Promise.all([
    listActions(ctx.scope, { filters, page: filters.page }),
    listPeople(ctx.scope),
    listSites(ctx.scope),
    listAudits(ctx.scope),
    listLabels(ctx.scope),
  ]);
  return json({
    filters,
    today,
    result: {
      ...result,
      rows: result.rows.map((r) => ({ ...r, overdue: isOverdue(r, today), canUpdate: canUpdateAction(ctx.role, ctx.membership.personId, r.ownerId) })),
    },
    pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
    people: people.map((p) => ({ id: p.id, name: p.fullName })),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),

    audits: audits.map((a) => ({ id: a.id, title: a.title })),
    labels: labels.map((l) => ({ id: l.id, name: l.name })),
    canEdit: can(ctx.role, "actions:edit"),
    myPersonId: ctx.membership.personId,
  });
}

export default function PlanPage() {
  const { filters, result, pages, people, sites, audits, labels, canEdit, myPersonId } = useLoaderData<typeof loader>();
  // Loaded after the list: counting a large plan per site must not delay the list itself.
  const progress = useFetcher<typeof progressLoader>();
  useEffect(() => {
    if (progress.state === "idle" && !progress.data) progress.load("/plan-d-actions/avancement");
  }, [progress]);
  const [params] = useSearchParams();
  const location = useLocation();
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  const sortLink = (sort: string) => {
    const next = new URLSearchParams(params);
    next.set("tri", sort);
    next.set("ordre", filters.sort === sort && filters.dir === "asc" ? "desc" : "asc");
    next.delete("page");
    return `?${next}`;
  };
  const activeFilters = [
    filters.q,
    filters.ownerId,
    filters.siteId,
    filters.origin,
    filters.priority,
    filters.labelId,
    filters.auditId,
    filters.findingId,
    filters.dueWithinDays,
    filters.overdue || null,
    filters.statuses.length || null,
  ].filter(Boolean).length;
  const sortMark = (sort: string) => (filters.sort === sort ? (filters.dir === "asc" ? " ▲" : " ▼") : "");
  const ariaSort = (sort: string) => (filters.sort === sort ? (filters.dir === "asc" ? "ascending" : "descending") : undefined);
  return (
    <section className="page">
      <div className="page-header">
        <h1>Plan d'actions</h1>
        <div className="inline-form">
          {myPersonId ? (
            <Link to={`?pilote=${myPersonId}&statut=a_faire&statut=en_cours&statut=bloquee`} className="button button--secondary">
              Mes actions
            </Link>
          ) : null}
          <Link to={`/plan-d-actions/tableau${location.search}`} className="button button--secondary">
            Tableau
          </Link>
          <a href={`/plan-d-actions/export.csv${location.search}`} className="button button--secondary" download>
            Exporter (CSV)
          </a>
          <a href={`/rapports/plan-d-actions.docx${location.search}`} className="button button--secondary" download>
            Rapport (Word)
          </a>
          {canEdit ? (
            <Link to="/plan-d-actions/nouvelle" className="button button--primary">
              Nouvelle action
            </Link>
          ) : null}
        </div>
      </div>
      <details className="card card--wide" open={activeFilters > 0}>
        <summary>Filtrer et rechercher{activeFilters > 0 ? ` (${activeFilters} filtre${activeFilters > 1 ? "s" : ""} actif${activeFilters > 1 ? "s" : ""})` : ""}</summary>
      {/* Keyed by the address: a link that changes the filters (Mes actions) redraws the panel with them. */}
      <Form key={location.search} method="get" aria-label="Filtrer le plan d'actions" className="form">
        <div className="filters">
          <div className="field">
            <label htmlFor="f-q">Rechercher</label>
            <input id="f-q" type="search" name="q" defaultValue={filters.q} placeholder="Mot du titre ou des notes" />
          </div>
          <FilterSelect name="pilote" label="Pilote" value={filters.ownerId} all="Tous" options={people.map((p) => ({ value: p.id, label: p.name }))} />
          <FilterSelect name="bureau" label="Bureau" value={filters.siteId} all="Tous" options={sites.map((x) => ({ value: x.id, label: x.name }))} />
          <FilterSelect name="origine" label="Origine" value={filters.origin} all="Toutes" options={ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))} />
          <FilterSelect name="priorite" label="Priorité" value={filters.priority} all="Toutes" options={PRIORITIES.map((x) => ({ value: x, label: PRIORITY_LABELS[x] }))} />
          <FilterSelect name="label" label="Label" value={filters.labelId} all="Tous" options={labels.map((l) => ({ value: l.id, label: l.name }))} />
          <FilterSelect name="audit" label="Audit" value={filters.auditId} all="Tous" options={audits.map((a) => ({ value: a.id, label: a.title }))} />
          <div className="field">
            <label htmlFor="f-sous">Échéance dans les (jours)</label>
            <input id="f-sous" type="number" min={1} name="sous" defaultValue={filters.dueWithinDays ?? ""} />
          </div>
        </div>
        <fieldset className="fieldset">
          <legend className="small">Statuts</legend>
          <div className="checks">
            {ACTION_STATUSES.map((s) => (
              <label key={s}>
                <input type="checkbox" name="statut" value={s} defaultChecked={filters.statuses.includes(s)} /> {ACTION_STATUS_LABELS[s]}
              </label>
            ))}
            <label>
              <input type="checkbox" name="en-retard" value="1" defaultChecked={filters.overdue} /> En retard seulement
            </label>
          </div>
        </fieldset>
        <div className="inline-form">
          <button type="submit" className="button button--primary button--small">
            Filtrer
          </button>
          <Link to="/plan-d-actions">Effacer les filtres</Link>
        </div>
      </Form>
      </details>
      <ProgressBar progress={result.progress} label="Avancement des actions affichées" />
      {result.rows.length === 0 ? (
        <p className="empty">Aucune action ne correspond.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Actions ({result.total})</caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort("title")}>
                  <Link to={sortLink("title")}>Action{sortMark("title")}</Link>
                </th>
                <th scope="col">Pilote</th>
                <th scope="col">Bureaux</th>
                <th scope="col" aria-sort={ariaSort("due_on")}>
                  <Link to={sortLink("due_on")}>Échéance{sortMark("due_on")}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort("priority")}>
                  <Link to={sortLink("priority")}>Priorité{sortMark("priority")}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort("status")}>
                  <Link to={sortLink("status")}>Statut{sortMark("status")}</Link>
                </th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((a) => (
                <tr key={a.id} className={a.overdue ? "row--overdue" : undefined}>
                  <td>
                    <Link to={`/plan-d-actions/${a.id}`}>{a.title}</Link>
                    <br />
                    <span className="small muted">{ORIGIN_LABELS[a.origin]}</span>
                  </td>
                  <td>{a.ownerName}</td>
                  <td>{a.siteNames.length ? a.siteNames.join(", ") : "Tout l'office"}</td>
                  <td>
                    {a.dueOn ? formatDate(a.dueOn) : "—"}
                    {a.overdue ? <span className="badge badge--danger">en retard</span> : null}
                  </td>
                  <td>{PRIORITY_LABELS[a.priority]}</td>
                  <td className="status-badge">
                    {ACTION_STATUS_LABELS[a.status]}
                    {a.completedOn ? <span className="small muted"> le {formatDate(a.completedOn)}</span> : null}
                    {a.canUpdate ? (
                      <details className="quick">
                        <summary>
                          Mise à jour rapide<span className="visually-hidden"> de « {a.title} »</span>
                        </summary>
                        <Form method="post" action={`/plan-d-actions/${a.id}`} className="quick__form">
                          <input type="hidden" name="intent" value="quick" />
                          <input type="hidden" name="back" value={`${location.pathname}${location.search}`} />
                          <label htmlFor={`quick-status-${a.id}`}>Statut</label>
                          <select id={`quick-status-${a.id}`} name="status" defaultValue={a.status}>
                            {ACTION_STATUSES.map((s) => (
                              <option key={s} value={s}>
                                {ACTION_STATUS_LABELS[s]}
                              </option>
                            ))}
                          </select>
                          <label htmlFor={`quick-note-${a.id}`}>Note de suivi</label>
                          <textarea id={`quick-note-${a.id}`} name="note" rows={2} />
                          <button type="submit" className="button button--small">
                            Enregistrer
                          </button>
                        </Form>
                      </details>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label="Pages du plan d'actions">
        <span className="small">
          {result.total} action{result.total > 1 ? "s" : ""} — page {Math.min(filters.page, pages)} sur {pages}
        </span>
        <span className="inline-form">
          {filters.page > 1 ? <Link to={pageLink(filters.page - 1)}>← Page précédente</Link> : null}
          {filters.page < pages ? <Link to={pageLink(filters.page + 1)}>Page suivante →</Link> : null}
        </span>
      </nav>
      <section className="card card--wide" aria-labelledby="par-bureau-titre">
        <h2 id="par-bureau-titre">Avancement par bureau</h2>
        {progress.data ? <SiteProgress siteProgress={progress.data.siteProgress} /> : <Link to="/plan-d-actions/avancement">Voir l'avancement par bureau</Link>}
      </section>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";

/** One filter of the plan: a labelled select whose empty choice means "any". */
function FilterSelect({ name, label, value, all, options }: { name: string; label: string; value: string | number | null; all: string; options: Array<{ value: string | number; label: string }> }) {
  return (
    <div className="field">
      <label htmlFor={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
