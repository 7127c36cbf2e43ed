// The sheets of a campaign, the latest first, by site and with only the dissatisfied ones when
// asked, each opening on its answers.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { QuestionnaireHeader, TableWrap } from "~/components/questionnaire-parts";
import { formatDate } from "~/domain/dates";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { RESPONSES_PAGE_SIZE, listResponses } from "~/modules/questionnaire/queries.server";
import { CHANNEL_LABELS, SOURCE_LABELS } from "~/modules/questionnaire/rules";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Réponses${data ? ` — ${data.head.title}` : ""} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, questionnaire, rights } = await requireQuestionnaire(request, params);
  const url = new URL(request.url);
  const siteId = questionnaire.sites.find((s) => s.id === parseId(url.searchParams.get("bureau")))?.id ?? null;
  const dissatisfiedOnly = url.searchParams.get("insatisfaites") === "1";
  const page = Math.min(100_000, parseId(url.searchParams.get("page")) ?? 1);
  const result = await listResponses(ctx.scope, questionnaire.id, { page, siteId, dissatisfiedOnly });
  return json({ head: headOf(questionnaire), rights, sites: questionnaire.sites, siteId, dissatisfiedOnly, page, pages: Math.max(1, Math.ceil(result.total / RESPONSES_PAGE_SIZE)), result });
}

export default function ResponsesPage() {
  const { head, rights, sites, siteId, dissatisfiedOnly, page, pages, result } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const pageLink = (n: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <section className="page questionnaire-page">
      <QuestionnaireHeader campaign={head} rights={rights} />
      <Form method="get" className="inline-form" aria-label="Filtrer les réponses">
        {sites.length > 1 ? (
          <>
            <label htmlFor="f-bureau">Bureau</label>
            <select id="f-bureau" name="bureau" defaultValue={siteId ?? ""}>
              <option value="">Tous</option>
              {sites.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <label className="checks">
          <input type="checkbox" name="insatisfaites" value="1" defaultChecked={dissatisfiedOnly} /> Insatisfaites seulement
        </label>
        <button type="submit" className="button button--secondary button--small">
          Filtrer
        </button>
      </Form>
      {result.rows.length === 0 ? (
        <p className="empty">Aucune réponse ne correspond.</p>
      ) : (
        <TableWrap label="Réponses">
          <table className="table">
            <caption className="visually-hidden">Réponses ({result.total})</caption>
            <thead>
              <tr>
                <th scope="col">Réponse</th>
                <th scope="col">Date</th>
                <th scope="col">Bureau</th>
                <th scope="col">Canal</th>
                <th scope="col">Saisie</th>
                <th scope="col">Questions répondues</th>
                <th scope="col">Insatisfait</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/registres/questionnaires/reponses/${r.id}`}>n° {r.id}</Link>
                  </td>
                  <td className="nowrap">{formatDate(r.answeredOn)}</td>
                  <td>{r.siteName ?? "—"}</td>
                  <td>{CHANNEL_LABELS[r.channel]}</td>
                  <td>
                    {SOURCE_LABELS[r.source]}
                    {r.source === "staff" ? <span className="small muted"> ({r.createdByName})</span> : null}
                  </td>
                  <td>{r.answers}</td>
                  <td>
                    {r.dissatisfied ? <span className="badge badge--danger">{r.dissatisfied} réponse{r.dissatisfied > 1 ? "s" : ""} basse{r.dissatisfied > 1 ? "s" : ""}</span> : "—"}
                    {r.followUps ? <span className="badge badge--ok">suite donnée</span> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <nav className="pagination" aria-label="Pages des réponses">
        <span className="small">
          {result.total} réponse{result.total > 1 ? "s" : ""} — page {Math.min(page, pages)} sur {pages}
        </span>
        <span className="inline-form">
          {page > 1 ? <Link to={pageLink(page - 1)}>← Page précédente</Link> : null}
          {page < pages ? <Link to={pageLink(page + 1)}>Page suivante →</Link> : null}
        </span>
      </nav>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
