// A register's figures for the selection of its list (same filters in the address): entries per
// month, per site and per category, and one year against the one before, month by month, as the
// seed's minutes compare 2020 with 2019 — a chart with its table. Off the list page, so that the
// list reads one page of entries however long the register is (decision 043).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { BarChart } from "~/components/charts";
import { Form } from "~/components/once-form";
import { RegisterFilterForm, activeFilterCount } from "~/components/register-filters";
import { RegistersNav } from "~/components/register-nav";
import { notFound, requireOffice } from "~/auth.server";
import { listSites } from "~/modules/office/queries.server";
import { formatVariation } from "~/modules/indicator/rules";
import { categoriesOf, registerCounts, yearAgainstYear } from "~/modules/register/queries.server";
import { REGISTER_SLUGS, REGISTER_TITLES, kindOfSlug, monthLabel } from "~/modules/register/rules";
import { parseRegisterFilters } from "~/modules/register/schema.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? `Chiffres — ${REGISTER_TITLES[data.kind]}` : "Registres"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:view");
  const kind = kindOfSlug(params.register);
  if (!kind) throw notFound("Ce registre");
  const url = new URL(request.url);
  const { page: _page, ...filters } = parseRegisterFilters(kind, url.searchParams);
  // ?annee=2020 compares 2020 with 2019, as the seed's minutes do; this year by default.
  const asked = url.searchParams.get("annee");
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const year = asked && /^\d{4}$/.test(asked) && Number(asked) >= 2000 && Number(asked) <= thisYear ? Number(asked) : thisYear;
  const [counts, years, sites, categories] = await Promise.all([
    registerCounts(ctx.scope, kind, { ...filters, page: 1 }),
    yearAgainstYear(ctx.scope, kind, year, filters),
    listSites(ctx.scope),
    categoriesOf(ctx.scope, kind),
  ]);
  return json({
    kind,
    filters,
    counts,
    years,
    total: counts.bySite.reduce((n, s) => n + s.count, 0),
    late: counts.bySite.reduce((n, s) => n + s.late, 0),
    thisYear,
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    categories,
  });
}

/** The axis of the chart: the months as French abbreviates them. */
const SHORT_MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];

export default function RegisterFigures() {
  const { kind, filters, counts, years, total, late, thisYear, sites, categories } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const slug = REGISTER_SLUGS[kind];
  const selection = new URLSearchParams(params);
  selection.delete("annee");
  selection.delete("page");
  const query = selection.toString() ? `?${selection}` : "";
  const maxMonth = Math.max(1, ...counts.byMonth.map((m) => m.count));
  const chosen = activeFilterCount(filters) > 0;
  return (
    <section className="page">
      <RegistersNav current={kind} />
      <p>
        <Link to={`/registres/${slug}${query}`}>← {REGISTER_TITLES[kind]} : la liste{chosen ? " de cette sélection" : ""}</Link>
      </p>
      <div className="page-header">
        <h1>Chiffres — {REGISTER_TITLES[kind]}</h1>
      </div>
      <RegisterFilterForm kind={kind} filters={filters} sites={sites} categories={categories} clearTo={`/registres/${slug}/chiffres`} keep={params.get("annee") ? { annee: String(years.year) } : {}} />
      <p>
        <strong>{total}</strong> entrée{total > 1 ? "s" : ""}
        {chosen ? " dans cette sélection" : " dans le registre"}
        {kind === "complaint" ? (
          <>
            , dont <strong>{late}</strong> réclamation{late > 1 ? "s" : ""} en retard (répondue{late > 1 ? "s" : ""} après l'objectif, ou toujours en attente)
          </>
        ) : null}
        .
      </p>

      <section className="card card--wide" aria-labelledby="annee-titre">
        <h2 id="annee-titre">
          {years.year} comparé à {years.year - 1}
        </h2>
        <Form method="get" className="inline-form" aria-label="Année comparée">
          {[...selection.entries()].map(([k, v]) => (
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
          {years.previous > 0 ? ` (${formatVariation(((years.current - years.previous) / years.previous) * 100)})` : ""}.
        </p>
        <div className="chart-pair">
          <BarChart
            chart={{
              title: `Entrées par mois, ${years.year} et ${years.year - 1}`,
              unit: "",
              series: [String(years.year), String(years.year - 1)],
              categories: years.months.map((m) => ({ label: SHORT_MONTHS[Number(m.month) - 1]!, values: [m.current, m.previous] })),
            }}
          />
          <table className="table table--compact">
            <caption>Entrées par mois, {years.year} et {years.year - 1} : les chiffres</caption>
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
                  <th scope="row">{monthLabel(`${years.year}-${m.month}`).split(" ")[0]}</th>
                  <td>{m.current}</td>
                  <td>{m.previous}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">Total</th>
                <td>{years.current}</td>
                <td>{years.previous}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>

      <div className="cards">
        <section className="card" aria-labelledby="par-mois-titre">
          <h2 id="par-mois-titre">Par mois</h2>
          {counts.byMonth.length === 0 ? (
            <p className="muted">Aucune entrée.</p>
          ) : (
            <table className="table table--compact">
              <caption className="visually-hidden">Entrées par mois (les 36 derniers mois qui en ont)</caption>
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
                    <th scope="row">{monthLabel(m.month)}</th>
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
          {counts.bySite.length === 0 ? (
            <p className="muted">Aucune entrée.</p>
          ) : (
            <table className="table table--compact">
              <caption className="visually-hidden">Entrées par bureau</caption>
              <thead>
                <tr>
                  <th scope="col">Bureau</th>
                  <th scope="col">Entrées</th>
                  {kind === "complaint" ? <th scope="col">En retard</th> : null}
                </tr>
              </thead>
              <tbody>
                {counts.bySite.map((s) => (
                  <tr key={s.siteId ?? "office"}>
                    <th scope="row">{s.siteName ?? "Tout l'office"}</th>
                    <td>{s.count}</td>
                    {kind === "complaint" ? <td>{s.late}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="par-categorie-titre">
          <h2 id="par-categorie-titre">Par catégorie</h2>
          {counts.byCategory.length === 0 ? (
            <p className="muted">Aucune entrée.</p>
          ) : (
            <table className="table table--compact">
              <caption className="visually-hidden">Entrées par catégorie</caption>
              <thead>
                <tr>
                  <th scope="col">Catégorie</th>
                  <th scope="col">Entrées</th>
                </tr>
              </thead>
              <tbody>
                {counts.byCategory.map((c) => (
                  <tr key={c.category}>
                    <th scope="row">{c.category || "Sans catégorie"}</th>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
