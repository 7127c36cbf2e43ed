// One register: its entries with filters in the address (period, site, status, category, late
// complaints, search), pagination, counts per month, site and category, this year against last,
// and the CSV export of the same view.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { RegistersNav } from "~/components/register-nav";
import { notFound, requireOffice } from "~/auth.server";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { listSites } from "~/modules/office/queries.server";
import { REGISTER_PAGE_SIZE, categoriesOf, getRegisterSettings, listEntries, registerCounts, yearAgainstYear } from "~/modules/register/queries.server";
import { CHANNEL_LABELS, ENTRY_NOUNS, REGISTER_SLUGS, REGISTER_TITLES, SOURCE_LABELS, STATUSES, STATUS_LABELS, kindOfSlug, monthLabel } from "~/modules/register/rules";
import { parseRegisterFilters } from "~/modules/register/schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? REGISTER_TITLES[data.kind] : "Registres"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:view");
  const kind = kindOfSlug(params.register);
  if (!kind) throw notFound("Ce registre");
  const url = new URL(request.url);
  const filters = parseRegisterFilters(kind, url.searchParams);
  // ?annee=2020 compares 2020 with 2019, as the seed's minutes do; this year by default.
  const asked = url.searchParams.get("annee");
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const year = asked && /^\d{4}$/.test(asked) && Number(asked) >= 2000 && Number(asked) <= thisYear ? Number(asked) : thisYear;
  const [result, counts, years, sites, categories, settings] = await Promise.all([
    listEntries(ctx.scope, kind, filters),
    registerCounts(ctx.scope, kind, filters),
    yearAgainstYear(ctx.scope, kind, year, filters),
    listSites(ctx.scope),
    categoriesOf(ctx.scope, kind),
    getRegisterSettings(ctx.scope),
  ]);
  return json({
    kind,
    filters,
    result,
    counts,
    years,
    pages: Math.max(1, Math.ceil(result.total / REGISTER_PAGE_SIZE)),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    categories,
    answerDays: settings.answerDays,
    thisYear,
    canLog: can(ctx.role, "registers:log"),
    personal: can(ctx.role, "registers:personal_data"),
  });
}

export default function RegisterPage() {
  const { kind, filters, result, counts, years, thisYear, pages, sites, categories, answerDays, canLog, personal } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const location = useLocation();
  const slug = REGISTER_SLUGS[kind];
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  const active = [filters.from, filters.to, filters.siteId || filters.wholeOffice || null, filters.status, filters.category, filters.late || null, filters.q].filter(Boolean).length;
  const maxMonth = Math.max(1, ...counts.byMonth.map((m) => m.count));
  return (
    <section className="page">
      <RegistersNav current={kind} />
      <div className="page-header">
        <h1>{REGISTER_TITLES[kind]}</h1>
        <div className="inline-form">
          <a href={`/registres/${slug}/export.csv${location.search}`} className="button button--secondary" download>
            Exporter (CSV)
          </a>
          {canLog ? (
            <Link to={`/registres/${slug}/nouveau`} className="button button--primary">
              {kind === "dysfunction" ? "Nouveau dysfonctionnement" : kind === "complaint" ? "Nouvelle réclamation" : "Nouvelle suggestion"}
            </Link>
          ) : null}
        </div>
      </div>
      {kind === "complaint" ? (
        <p className="small">
          Objectif de réponse : {answerDays} jours ouvrés (jours fériés exclus).{" "}
          {result.late > 0 ? (
            <Link to={`?en-retard=1`} className="badge badge--danger">
              {result.late} en retard
            </Link>
          ) : (
            "Aucune réclamation en retard."
          )}
        </p>
      ) : null}
      <details className="card card--wide" open={active > 0}>
        <summary>Filtrer et rechercher{active > 0 ? ` (${active} filtre${active > 1 ? "s" : ""} actif${active > 1 ? "s" : ""})` : ""}</summary>
        <Form method="get" aria-label={`Filtrer le registre ${REGISTER_TITLES[kind]}`} className="form">
          <div className="filters">
            <div className="field">
              <label htmlFor="f-q">Rechercher</label>
              <input id="f-q" type="search" name="q" defaultValue={filters.q} placeholder="Mot de l'objet, de la description…" />
            </div>
            <div className="field">
              <label htmlFor="f-du">Du</label>
              <input id="f-du" type="date" name="du" defaultValue={filters.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="f-au">Au</label>
              <input id="f-au" type="date" name="au" defaultValue={filters.to ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="f-bureau">Bureau</label>
              <select id="f-bureau" name="bureau" defaultValue={filters.wholeOffice ? "office" : (filters.siteId ?? "")}>
                <option value="">Tous</option>
                <option value="office">Tout l'office (sans bureau)</option>
                {sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-statut">{kind === "suggestion" ? "Décision" : "Statut"}</label>
              <select id="f-statut" name="statut" defaultValue={filters.status ?? ""}>
                <option value="">Tous</option>
                {STATUSES[kind].map((s) => (
                  <option key={s} value={s}>
                    {STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="f-categorie">Catégorie</label>
              <select id="f-categorie" name="categorie" defaultValue={filters.category}>
                <option value="">Toutes</option>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          </div>
          {kind === "complaint" ? (
            <div className="checks">
              <label>
                <input type="checkbox" name="en-retard" value="1" defaultChecked={filters.late} /> En retard seulement
              </label>
            </div>
          ) : null}
          <div className="inline-form">
            <button type="submit" className="button button--primary button--small">
              Filtrer
            </button>
            <Link to={`/registres/${slug}`}>Effacer les filtres</Link>
          </div>
        </Form>
      </details>

      {result.rows.length === 0 ? (
        <p className="empty">Aucune entrée ne correspond.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">
              {REGISTER_TITLES[kind]} ({result.total})
            </caption>
            <thead>
              <tr>
                <th scope="col">N°</th>
                <th scope="col">Date</th>
                <th scope="col">{ENTRY_NOUNS[kind]}</th>
                <th scope="col">Bureau</th>
                {kind === "complaint" ? <th scope="col">Canal</th> : null}
                {kind === "complaint" && personal ? <th scope="col">Personne</th> : null}
                {kind === "suggestion" ? <th scope="col">De la part de</th> : null}
                <th scope="col">{kind === "suggestion" ? "Décision" : "Statut"}</th>
                {kind === "complaint" ? <th scope="col">Délai</th> : null}
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((e) => (
                <tr key={e.id} className={e.late ? "row--overdue" : undefined}>
                  <td>{e.id}</td>
                  <td className="nowrap">{formatDate(e.occurredOn)}</td>
                  <td>
                    <Link to={`/registres/entrees/${e.id}`}>{e.subject}</Link>
                    {e.category ? (
                      <>
                        <br />
                        <span className="small muted">{e.category}</span>
                      </>
                    ) : null}
                  </td>
                  <td>{e.siteName ?? "Tout l'office"}</td>
                  {kind === "complaint" ? <td>{e.channel ? CHANNEL_LABELS[e.channel] : "—"}</td> : null}
                  {kind === "complaint" && personal ? <td>{e.anonymised ? <span className="muted">anonymisée</span> : e.contactName || "—"}</td> : null}
                  {kind === "suggestion" ? <td>{e.source ? SOURCE_LABELS[e.source] : "—"}</td> : null}
                  <td>{STATUS_LABELS[e.status]}</td>
                  {kind === "complaint" ? (
                    <td className="nowrap">
                      {e.delayDays} j. ouvré{(e.delayDays ?? 0) > 1 ? "s" : ""}
                      {e.answeredOn ? "" : " (en attente)"}
                      {e.late ? <span className="badge badge--danger">en retard</span> : null}
                    </td>
                  ) : null}
                  <td>{e.actionCount ? `${e.actionCount - e.openActionCount}/${e.actionCount} faite${e.actionCount - e.openActionCount > 1 ? "s" : ""}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label={`Pages du registre ${REGISTER_TITLES[kind]}`}>
        <span className="small">
          {result.total} entrée{result.total > 1 ? "s" : ""} — page {Math.min(filters.page, pages)} sur {pages}
        </span>
        <span className="inline-form">
          {filters.page > 1 ? <Link to={pageLink(filters.page - 1)}>← Page précédente</Link> : null}
          {filters.page < pages ? <Link to={pageLink(filters.page + 1)}>Page suivante →</Link> : null}
        </span>
      </nav>

      <div className="cards">
        <section className="card" aria-labelledby="par-mois-titre">
          <h2 id="par-mois-titre">Par mois</h2>
          {counts.byMonth.length === 0 ? (
            <p className="muted">Aucune entrée.</p>
          ) : (
            <table className="table table--compact">
              <caption className="visually-hidden">Entrées par mois</caption>
              <thead>
                <tr>
                  <th scope="col">Mois</th>
                  <th scope="col">Entrées</th>
                  {kind === "complaint" ? <th scope="col">En retard</th> : null}
                </tr>
              </thead>
              <tbody>
                {counts.byMonth.map((m) => (
                  <tr key={m.month}>
                    <td>{monthLabel(m.month)}</td>
                    <td className="nowrap">
                      <span className="register-bar" style={{ width: `${Math.round((m.count / maxMonth) * 6)}rem` }} aria-hidden="true" /> {m.count}
                    </td>
                    {kind === "complaint" ? <td>{m.late}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="par-bureau-titre">
          <h2 id="par-bureau-titre">Par bureau</h2>
          <table className="table table--compact">
            <caption className="visually-hidden">Entrées par bureau</caption>
            <thead>
              <tr>
                <th scope="col">Bureau</th>
                <th scope="col">Entrées</th>
              </tr>
            </thead>
            <tbody>
              {counts.bySite.map((s) => (
                <tr key={s.siteId ?? "office"}>
                  <td>{s.siteName ?? "Tout l'office"}</td>
                  <td>{s.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Par catégorie</h3>
          <ul className="plain-list">
            {counts.byCategory.map((c) => (
              <li key={c.category}>
                {c.category || "Sans catégorie"} : {c.count}
              </li>
            ))}
          </ul>
        </section>
        <section className="card" aria-labelledby="annee-titre">
          <h2 id="annee-titre">
            {years.year} comparé à {years.year - 1}
          </h2>
          <Form method="get" className="inline-form" aria-label="Année comparée">
            {[...params.entries()].filter(([k]) => k !== "annee" && k !== "page").map(([k, v]) => (
              <input key={`${k}-${v}`} type="hidden" name={k} value={v} />
            ))}
            <label htmlFor="f-annee">Année</label>
            <input id="f-annee" type="number" name="annee" min={2000} max={thisYear} defaultValue={years.year} className="input--year" />
            <button type="submit" className="button button--secondary button--small">
              Comparer
            </button>
          </Form>
          <p>
            <strong>{years.current}</strong> entrée{years.current > 1 ? "s" : ""} en {years.year}, <strong>{years.previous}</strong> en {years.year - 1}
          </p>
          <table className="table table--compact">
            <caption className="visually-hidden">Entrées par mois, {years.year} et {years.year - 1}</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">{years.year}</th>
                <th scope="col">{years.year - 1}</th>
              </tr>
            </thead>
            <tbody>
              {years.months.map((m) => (
                <tr key={m.month}>
                  <td>{monthLabel(`${years.year}-${m.month}`).split(" ")[0]}</td>
                  <td>{m.current}</td>
                  <td>{m.previous}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
