// One register: its entries with filters in the address (period, site, status, category, late
// complaints, search), pagination and the CSV export of the same view. Its figures (per month,
// site and category, this year against last) are on their own page, « Chiffres », with the same
// filters: the list reads one page of entries, however long the register (decision 043).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { RegisterFilterForm, activeFilterCount } from "~/components/register-filters";
import { RegistersNav } from "~/components/register-nav";
import { notFound, requireOffice } from "~/auth.server";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { listSites } from "~/modules/office/queries.server";
import { REGISTER_PAGE_SIZE, categoriesOf, getRegisterSettings, listEntries } from "~/modules/register/queries.server";
import { CHANNEL_LABELS, ENTRY_NOUNS, REGISTER_SLUGS, REGISTER_TITLES, SOURCE_LABELS, STATUS_LABELS, kindOfSlug } from "~/modules/register/rules";
import { parseRegisterFilters } from "~/modules/register/schema.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? REGISTER_TITLES[data.kind] : "Registres"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "registers:view");
  const kind = kindOfSlug(params.register);
  if (!kind) throw notFound("Ce registre");
  const url = new URL(request.url);
  const filters = parseRegisterFilters(kind, url.searchParams);
  const [result, sites, categories, settings] = await Promise.all([
    listEntries(ctx.scope, kind, filters),
    listSites(ctx.scope),
    categoriesOf(ctx.scope, kind),
    getRegisterSettings(ctx.scope),
  ]);
  return json({
    kind,
    filters,
    result,
    pages: Math.max(1, Math.ceil(result.total / REGISTER_PAGE_SIZE)),
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    categories,
    answerDays: settings.answerDays,
    canLog: can(ctx.role, "registers:log"),
    personal: can(ctx.role, "registers:personal_data"),
  });
}

export default function RegisterPage() {
  const { kind, filters, result, pages, sites, categories, answerDays, canLog, personal } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const slug = REGISTER_SLUGS[kind];
  const pageLink = (page: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(page));
    return `?${next}`;
  };
  const selection = new URLSearchParams(params);
  selection.delete("page");
  const query = selection.toString() ? `?${selection}` : "";
  return (
    <section className="page">
      <RegistersNav current={kind} />
      <div className="page-header">
        <h1>{REGISTER_TITLES[kind]}</h1>
        <div className="inline-form">
          <Link to={`/registres/${slug}/chiffres${query}`} className="button button--secondary">
            Chiffres
          </Link>
          <a href={`/registres/${slug}/export.csv${query}`} className="button button--secondary" download>
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
      <RegisterFilterForm kind={kind} filters={filters} sites={sites} categories={categories} clearTo={`/registres/${slug}`} />

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

      <p className="small">
        Par mois, par bureau, par catégorie et d'une année sur l'autre :{" "}
        <Link to={`/registres/${slug}/chiffres${query}`}>les chiffres de {activeFilterCount(filters) > 0 ? "cette sélection" : "ce registre"}</Link>.
      </p>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
