import { FieldError } from "~/modules/errors";
// A campaign's results: answers and the overall satisfaction rate against the previous campaign
// held, each question's figures (distribution, mean, satisfaction rate = share of the two best
// levels) with a chart and its table, the sites side by side, the free-text answers, and the
// sheets with a dissatisfied answer (each may become a complaint or an action); an action of
// the plan from the results.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { forbidden } from "~/auth.server";
import { QuickActionForm } from "~/components/quick-action-form";
import { HorizontalBars } from "~/components/charts";
import { HistoryPanel } from "~/components/history-panel";
import { Form } from "~/components/once-form";
import { QuestionnaireHeader, TableWrap } from "~/components/questionnaire-parts";
import { formatDate } from "~/domain/dates";
import { can } from "~/domain/roles";
import { ACTION_STATUS_LABELS, type ActionStatus } from "~/modules/action/rules";
import { actionFormChoices } from "~/modules/action/choices.server";
import { historyFor } from "~/modules/history/queries.server";
import { headOf, requireQuestionnaire } from "~/modules/questionnaire/access.server";
import { actionFromQuestionnaire, questionnaireResults, type QuestionFigures, type QuestionResult } from "~/modules/questionnaire/queries.server";
import { CHANNEL_LABELS, CHANNELS, SCALE_WORDS, campaignYear, channelsText, formatMean, formatRate, rateChange, type ScaleSize } from "~/modules/questionnaire/rules";
import { followUpActionSchema } from "~/modules/questionnaire/schema.server";
import { STATUS_LABELS, type EntryStatus } from "~/modules/register/rules";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, readForm, unknownIntent, validate } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? data.head.title : "Questionnaire"} — résultats — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, questionnaire, rights } = await requireQuestionnaire(request, params);
  const siteParam = new URL(request.url).searchParams.get("bureau");
  const siteId = questionnaire.sites.find((s) => s.id === parseId(siteParam))?.id ?? null;
  const canAct = can(ctx.role, "actions:edit");
  const [results, actionChoices, history] = await Promise.all([
    questionnaire.notHeld ? Promise.resolve(null) : questionnaireResults(ctx.scope, questionnaire, { siteId }),
    canAct ? actionFormChoices(ctx.scope) : Promise.resolve(null),
    historyFor(ctx.scope, "questionnaire", questionnaire.id),
  ]);
  return json({
    head: headOf(questionnaire),
    rights,
    questionnaire,
    results,
    siteId,
    canAct,
    people: actionChoices?.people ?? [],
    history,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, questionnaire } = await requireQuestionnaire(request, params);
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, ["action"]);
  if (!intent) return unknownIntent();
  if (!can(ctx.role, "actions:edit")) throw forbidden();
  const parsed = validate(followUpActionSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, "action");
  try {
    await actionFromQuestionnaire(ctx.scope, { questionnaireId: questionnaire.id, responseId: null }, parsed.data);
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message, "action");
    throw error;
  }
  return redirectWithToast(request, `/registres/questionnaires/${questionnaire.id}`, { kind: "success", message: `Action « ${parsed.data.title} » ajoutée au plan.` });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Results = NonNullable<Data["results"]>;

export default function QuestionnaireResultsPage() {
  const { head, rights, questionnaire, results, siteId, canAct, people, history } = useLoaderData<typeof loader>();
  return (
    <section className="page questionnaire-page">
      <QuestionnaireHeader campaign={head} rights={rights} />
      <dl className="facts">
        <dt>Bureaux</dt>
        <dd>{questionnaire.sites.length ? questionnaire.sites.map((s) => s.name).join(", ") : "Tout l'office"}</dd>
        <dt>Canaux</dt>
        <dd>{channelsText(questionnaire.channels)}</dd>
        <dt>Questions</dt>
        <dd>{questionnaire.questions.length}</dd>
        {questionnaire.copiedFromId && questionnaire.copiedFromTitle ? (
          <>
            <dt>Reprise de</dt>
            <dd>
              <Link to={`/registres/questionnaires/${questionnaire.copiedFromId}`}>{questionnaire.copiedFromTitle}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {questionnaire.notHeld ? (
        <p className="callout">
          <strong>Campagne non réalisée.</strong> {questionnaire.notHeldReason}
        </p>
      ) : results ? (
        <Results results={results} questionnaire={questionnaire} siteId={siteId} />
      ) : null}
      {questionnaire.followUps.length ? <FollowUps followUps={questionnaire.followUps} /> : null}
      {canAct && !questionnaire.notHeld ? <ActionCard people={people} results={results} /> : null}
      {history ? <HistoryPanel entries={history} references={{ copied_from_id: questionnaire.copiedFromId && questionnaire.copiedFromTitle ? { [questionnaire.copiedFromId]: questionnaire.copiedFromTitle } : {} }} /> : null}
    </section>
  );
}

function seriesNames(head: { startsOn: string }, previous: Results["previous"]): [string, string] {
  const current = String(campaignYear(head));
  if (!previous) return [current, ""];
  const before = String(campaignYear(previous));
  return before === current ? ["Cette campagne", "La précédente"] : [current, before];
}

function Results({ results, questionnaire, siteId }: { results: Results; questionnaire: Data["questionnaire"]; siteId: number | null }) {
  const [now, before] = seriesNames(questionnaire, results.previous);
  const scaleResults = results.questions.filter((r) => r.current.kind === "scale");
  const siteName = questionnaire.sites.find((s) => s.id === siteId)?.name;
  return (
    <>
      <div className="cards">
        <section className="card" aria-labelledby="reponses-titre">
          <h2 id="reponses-titre">Réponses{siteName ? ` — ${siteName}` : ""}</h2>
          <p>
            <span className="stat__value">{results.responses}</span>
            {results.previous ? <span className="muted">contre {results.previous.responses} en {before}</span> : null}
          </p>
          <p className="small">
            {CHANNELS.filter((c) => results.byChannel[c])
              .map((c) => `${CHANNEL_LABELS[c]} : ${results.byChannel[c]}`)
              .join(" · ") || "Aucune réponse pour l'instant."}
          </p>
        </section>
        <section className="card" aria-labelledby="satisfaction-titre">
          <h2 id="satisfaction-titre">Visiteurs satisfaits</h2>
          <p>
            <span className="stat__value">{formatRate(results.rate)}</span>
            {results.previous ? (
              <span className="muted">
                {formatRate(results.previous.rate)} en {before}
                {rateChange(results.rate, results.previous.rate) ? ` (${rateChange(results.rate, results.previous.rate)})` : ""}
              </span>
            ) : null}
          </p>
          <p className="small">Part des deux meilleures réponses (« Satisfait » et « Très satisfait ») sur toutes les questions à échelle.</p>
        </section>
        <section className="card" aria-labelledby="comparaison-titre">
          <h2 id="comparaison-titre">Comparée à</h2>
          {results.previous ? (
            <p>
              <Link to={`/registres/questionnaires/${results.previous.id}`}>{results.previous.title}</Link>
            </p>
          ) : (
            <p className="muted">Aucune campagne précédente.</p>
          )}
          {results.skipped.map((s) => (
            <p key={s.id} className="small">
              {campaignYear(s)} : <Link to={`/registres/questionnaires/${s.id}`}>campagne non réalisée</Link>
              {s.reason ? ` — ${s.reason}` : ""}
            </p>
          ))}
        </section>
      </div>

      {questionnaire.sites.length > 1 ? (
        <Form method="get" className="inline-form" aria-label="Résultats d'un bureau">
          <label htmlFor="f-bureau">Résultats de</label>
          <select id="f-bureau" name="bureau" defaultValue={siteId ?? ""}>
            <option value="">Tous les bureaux</option>
            {questionnaire.sites.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--secondary button--small">
            Afficher
          </button>
        </Form>
      ) : null}

      {scaleResults.length ? (
        <section className="card" aria-labelledby="par-question-titre">
          <h2 id="par-question-titre">Satisfaction par question</h2>
          <div className="chart-pair chart-pair--stacked">
            <HorizontalBars
              title={`Visiteurs satisfaits par question${siteName ? ` — ${siteName}` : ""}`}
              groups={scaleResults.map((r) => ({ label: `${r.question.position}. ${r.question.text}`, values: [rateOf(r.current), ...(before ? [rateOf(r.previous)] : [])] }))}
              series={before ? [now, before] : [now]}
            />
            <TableWrap label="Visiteurs satisfaits par question : les chiffres">
              <table className="table table--compact">
                <caption>Les chiffres du graphique</caption>
                <thead>
                  <tr>
                    <th scope="col">Question</th>
                    <th scope="col">{now}</th>
                    {before ? <th scope="col">{before}</th> : null}
                    {before ? <th scope="col">Évolution</th> : null}
                    <th scope="col">Moyenne</th>
                    <th scope="col">Réponses</th>
                  </tr>
                </thead>
                <tbody>
                  {scaleResults.map((r) => (
                    <tr key={r.question.id}>
                      <th scope="row">
                        {r.question.position}. {r.question.text}
                      </th>
                      <td className="nowrap">{formatRate(rateOf(r.current))}</td>
                      {before ? <td className="nowrap">{formatRate(rateOf(r.previous))}</td> : null}
                      {before ? <td className="nowrap">{rateChange(rateOf(r.current), rateOf(r.previous)) ?? "—"}</td> : null}
                      <td className="nowrap">{r.current.kind === "scale" ? formatMean(r.current.stats.mean, r.current.stats.levels) : "—"}</td>
                      <td>{r.current.kind === "scale" ? r.current.stats.answered : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </div>
        </section>
      ) : null}

      {results.sites.length > 1 || (results.sites.length === 1 && results.sites[0]!.siteId !== null) ? <SitesCard results={results} now={now} before={before} /> : null}

      <section className="card" aria-labelledby="detail-titre">
        <h2 id="detail-titre">Question par question</h2>
        <div className="question-results">
          {results.questions.map((r) => (
            <QuestionCard key={r.question.id} result={r} now={now} before={before} responses={results.responses} />
          ))}
        </div>
      </section>

      {results.texts.length ? (
        <section className="card" aria-labelledby="textes-titre">
          <h2 id="textes-titre">Réponses libres</h2>
          {results.texts.map((t) => (
            <div key={t.question.id} className="free-texts">
              <h3>
                {t.question.position}. {t.question.text}
              </h3>
              {t.answers.length === 0 ? (
                <p className="muted">Aucune réponse.</p>
              ) : (
                <ul className="free-texts__list">
                  {t.answers.map((a) => (
                    <li key={a.responseId}>
                      <p className="free-texts__text">{a.text}</p>
                      <p className="small muted">
                        <Link to={`/registres/questionnaires/reponses/${a.responseId}`}>Réponse n° {a.responseId}</Link> — {formatDate(a.answeredOn)}
                        {a.siteName ? `, ${a.siteName}` : ""}
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              {t.more ? <p className="small muted">Et {t.more} autre{t.more > 1 ? "s" : ""} : voyez la liste des réponses.</p> : null}
            </div>
          ))}
        </section>
      ) : null}

      <section className="card" aria-labelledby="insatisfaits-titre">
        <h2 id="insatisfaits-titre">Réponses insatisfaites ({results.dissatisfied.total})</h2>
        <p className="small">Les feuilles où au moins une réponse est « Peu satisfait » ou « Pas du tout satisfait ». Ouvrez-en une pour en faire une réclamation du registre ou une action du plan.</p>
        {results.dissatisfied.rows.length === 0 ? (
          <p className="muted">Aucune.</p>
        ) : (
          <TableWrap label="Réponses insatisfaites">
            <table className="table table--compact">
              <caption className="visually-hidden">Réponses insatisfaites</caption>
              <thead>
                <tr>
                  <th scope="col">Réponse</th>
                  <th scope="col">Date</th>
                  <th scope="col">Bureau</th>
                  <th scope="col">Réponses basses</th>
                  <th scope="col">Suite donnée</th>
                </tr>
              </thead>
              <tbody>
                {results.dissatisfied.rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link to={`/registres/questionnaires/reponses/${r.id}`}>Réponse n° {r.id}</Link>
                    </td>
                    <td className="nowrap">{formatDate(r.answeredOn)}</td>
                    <td>{r.siteName ?? "—"}</td>
                    <td>{r.dissatisfied}</td>
                    <td>{r.followUps ? `${r.followUps} suite${r.followUps > 1 ? "s" : ""}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
        {results.dissatisfied.total > results.dissatisfied.rows.length ? (
          <p className="small">
            <Link to={`/registres/questionnaires/${questionnaire.id}/reponses?insatisfaites=1`}>Toutes les réponses insatisfaites</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}

function rateOf(figures: QuestionFigures | null | undefined): number | null {
  return figures?.kind === "scale" ? figures.stats.satisfactionRate : null;
}

function SitesCard({ results, now, before }: { results: Results; now: string; before: string }) {
  const scale = results.questions.filter((r) => r.current.kind === "scale");
  return (
    <section className="card" aria-labelledby="bureaux-titre">
      <h2 id="bureaux-titre">Par bureau</h2>
      <div className="chart-pair">
        <HorizontalBars title="Visiteurs satisfaits par bureau" groups={results.sites.map((s) => ({ label: s.siteName, values: [s.rate, ...(before ? [s.previousRate] : [])] }))} series={before ? [now, before] : [now]} />
        <TableWrap label="Visiteurs satisfaits par bureau : les chiffres">
          <table className="table table--compact">
            <caption>Les chiffres du graphique</caption>
            <thead>
              <tr>
                <th scope="col">Bureau</th>
                <th scope="col">Réponses</th>
                <th scope="col">{now}</th>
                {before ? <th scope="col">{before}</th> : null}
              </tr>
            </thead>
            <tbody>
              {results.sites.map((s) => (
                <tr key={s.siteId ?? "none"}>
                  <th scope="row">{s.siteName}</th>
                  <td>{s.responses}</td>
                  <td className="nowrap">{formatRate(s.rate)}</td>
                  {before ? <td className="nowrap">{formatRate(s.previousRate)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </div>
      {scale.length ? (
        <TableWrap label={`Visiteurs satisfaits par question et par bureau (${now})`}>
          <table className="table table--compact">
            <caption>
              Visiteurs satisfaits par question et par bureau ({now}) <span className="small muted">— en rouge : moins de 70 %</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Question</th>
                {results.sites.map((s) => (
                  <th key={s.siteId ?? "none"} scope="col">
                    {s.siteName}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {scale.map((r) => (
                <tr key={r.question.id}>
                  <th scope="row">
                    {r.question.position}. {r.question.text}
                  </th>
                  {results.sites.map((s) => {
                    const rate = s.rates[r.question.id] ?? null;
                    return (
                      <td key={s.siteId ?? "none"} className={`nowrap${rate !== null && rate < 70 ? " rate--low" : ""}`}>
                        {formatRate(rate)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </section>
  );
}

/**
 * A question's answers as bars and, beside them, the same figures in a table: each answer's count
 * and share this campaign, and its share in the previous one when there is one ("—" when that
 * campaign had no such answer).
 */
function AnswerShares({ chartTitle, caption, now, before, rows }: { chartTitle: string; caption: string; now: string; before: string; rows: Array<{ label: string; count: number; share: number | null; previous: number | null }> }) {
  return (
    <div className="chart-pair">
      <HorizontalBars title={chartTitle} groups={rows.map((r) => ({ label: r.label, values: [r.share, ...(before ? [r.previous] : [])] }))} series={before ? [now, before] : [now]} />
      <TableWrap label={caption}>
        <table className="table table--compact">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Réponse</th>
              <th scope="col">{now}</th>
              <th scope="col">%</th>
              {before ? <th scope="col">{before} (%)</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                <td>{r.count}</td>
                <td className="nowrap">{formatRate(r.share)}</td>
                {before ? <td className="nowrap">{formatRate(r.previous)}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableWrap>
    </div>
  );
}

function QuestionCard({ result, now, before, responses }: { result: QuestionResult; now: string; before: string; responses: number }) {
  const { question: q, current, previous } = result;
  const heading = (
    <h3>
      {q.position}. {q.text}
    </h3>
  );
  if (current.kind === "scale") {
    const levels = current.stats.levels as ScaleSize;
    const prev = previous?.kind === "scale" ? previous.stats : null;
    const share = (n: number, total: number) => (total > 0 ? Math.round((n / total) * 1000) / 10 : null);
    // The best level first, as the questionnaire shows them.
    const rows = SCALE_WORDS[levels].map((word, i) => ({ word, level: i + 1, n: current.stats.counts[i] ?? 0, p: prev ? (prev.counts[i] ?? 0) : null })).reverse();
    return (
      <article className="question-result" aria-label={`Question ${q.position}`}>
        {heading}
        <p className="small">
          <strong>{formatRate(current.stats.satisfactionRate)}</strong> de satisfaits · moyenne {formatMean(current.stats.mean, levels)} · {current.stats.answered} réponse{current.stats.answered > 1 ? "s" : ""}
          {prev ? ` · ${before} : ${formatRate(prev.satisfactionRate)}` : ""}
        </p>
        <AnswerShares
          chartTitle={`Répartition des réponses — question ${q.position}`}
          caption={`Répartition des réponses à la question ${q.position}`}
          now={now}
          before={before}
          rows={rows.map((r) => ({ label: r.word, count: r.n, share: share(r.n, current.stats.answered), previous: prev ? share(r.p ?? 0, prev.answered) : null }))}
        />
      </article>
    );
  }
  if (current.kind === "single" || current.kind === "multiple") {
    const prev = previous?.kind === current.kind ? previous.stats : null;
    const previousShare = (label: string) => prev?.options.find((o) => o.label.toLocaleLowerCase("fr") === label.toLocaleLowerCase("fr"))?.share ?? null;
    return (
      <article className="question-result" aria-label={`Question ${q.position}`}>
        {heading}
        <p className="small">
          {current.stats.respondents} personne{current.stats.respondents > 1 ? "s ont" : " a"} répondu{current.kind === "multiple" ? " (plusieurs réponses possibles : les parts dépassent 100 % ensemble)" : ""}.
        </p>
        <AnswerShares
          chartTitle={`Réponses à la question ${q.position}`}
          caption={`Réponses à la question ${q.position}`}
          now={now}
          before={before}
          rows={current.stats.options.map((o) => ({ label: o.label, count: o.count, share: o.share, previous: previousShare(o.label) }))}
        />
      </article>
    );
  }
  if (current.kind === "number") {
    const s = current.stats;
    const prev = previous?.kind === "number" ? previous.stats : null;
    const n = (v: number | null) => (v === null ? "—" : v.toLocaleString("fr-FR"));
    return (
      <article className="question-result" aria-label={`Question ${q.position}`}>
        {heading}
        <TableWrap label={`Chiffres de la question ${q.position}`}>
        <table className="table table--compact">
          <caption className="visually-hidden">Chiffres de la question {q.position}</caption>
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">Réponses</th>
              <th scope="col">Moyenne</th>
              <th scope="col">Médiane</th>
              <th scope="col">Plus petite</th>
              <th scope="col">Plus grande</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{now}</th>
              <td>{s.count}</td>
              <td>{n(s.mean)}</td>
              <td>{n(s.median)}</td>
              <td>{n(s.min)}</td>
              <td>{n(s.max)}</td>
            </tr>
            {prev ? (
              <tr>
                <th scope="row">{before}</th>
                <td>{prev.count}</td>
                <td>{n(prev.mean)}</td>
                <td>{n(prev.median)}</td>
                <td>{n(prev.min)}</td>
                <td>{n(prev.max)}</td>
              </tr>
            ) : null}
          </tbody>
        </table>
        </TableWrap>
      </article>
    );
  }
  if (current.kind !== "text") return null;
  return (
    <article className="question-result" aria-label={`Question ${q.position}`}>
      {heading}
      <p className="small">
        {current.count} réponse{current.count > 1 ? "s" : ""} écrite{current.count > 1 ? "s" : ""} sur {responses} feuille{responses > 1 ? "s" : ""}
        {q.personal ? " : des coordonnées, laissées avec l'accord de la personne, lisibles sur chaque feuille" : " : voyez « Réponses libres »"}.
      </p>
    </article>
  );
}

function FollowUps({ followUps }: { followUps: Data["questionnaire"]["followUps"] }) {
  return (
    <section className="card" aria-labelledby="suites-titre">
      <h2 id="suites-titre">Suites données</h2>
      <ul className="plain-list">
        {followUps.map((f) => (
          <li key={f.id}>
            {f.kind === "action" ? (
              <>
                Action <Link to={`/plan-d-actions/${f.targetId}`}>{f.title}</Link> — {ACTION_STATUS_LABELS[f.status as ActionStatus] ?? f.status}
              </>
            ) : (
              <>
                Réclamation <Link to={`/registres/entrees/${f.targetId}`}>{f.title}</Link> — {STATUS_LABELS[f.status as EntryStatus] ?? f.status}
              </>
            )}
            {f.responseId ? (
              <>
                {" "}
                (<Link to={`/registres/questionnaires/reponses/${f.responseId}`}>réponse n° {f.responseId}</Link>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActionCard({ people, results }: { people: Array<{ id: number; name: string }>; results: Results | null }) {
  const lowest = results?.questions
    .filter((r) => r.current.kind === "scale" && r.current.stats.answered > 0)
    .sort((a, b) => (rateOf(a.current) ?? 100) - (rateOf(b.current) ?? 100))[0];
  const title = lowest ? `Améliorer : ${lowest.question.text.toLocaleLowerCase("fr")}`.slice(0, 300) : "";
  return (
    <section className="card" aria-labelledby="action-titre">
      <h2 id="action-titre">Une action à partir des résultats</h2>
      <QuickActionForm title={title} people={people} label="Créer une action à partir des résultats" resetAfterSuccess />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
