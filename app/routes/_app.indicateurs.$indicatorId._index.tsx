// One indicator: over the years for a period (the year, a season, a month), the chosen period
// against the same period a year earlier, and its breakdown (by site, origin…) with shares.
// Every chart has its data table beside it.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { BarChart } from "~/components/charts/bar-chart";
import { ShareChart } from "~/components/charts/share-chart";
import { HistoryPanel } from "~/components/history-panel";
import { FigureText, PeriodPicker, VariationText } from "~/components/indicators";
import { can } from "~/domain/roles";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { getIndicator, loadIndicatorData } from "~/modules/indicator/queries.server";
import {
  AGGREGATION_LABELS,
  BREAKDOWN_ITEM_LABELS,
  BREAKDOWN_LABELS,
  CATEGORY_LABELS,
  periodChoice,
  periodChoices,
  periodFromSearch,
  periodKindLabel,
  yearsBetween,
} from "~/modules/indicator/rules";
import { breakdownRows, compareWithPreviousYear, overYears, yearsChart, yearsWithFigures } from "~/modules/indicator/views";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.indicator.name ?? "Indicateur"} — Cap Qualité` }];

const FIRST_YEAR = 2000;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "indicators:view");
  const id = parseId(params.indicatorId);
  const indicator = id ? await getIndicator(ctx.scope, id) : null;
  if (!indicator) throw notFound("Cet indicateur");
  const data = await loadIndicatorData(ctx.scope);
  const def = data.context.indicators.get(indicator.code) ?? indicator;
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const search = new URL(request.url).searchParams;
  const period = periodFromSearch(search, data.seasons, { choice: "annee", year: thisYear - 1 });
  const span = yearsWithFigures(data.context, def, period, FIRST_YEAR, thisYear);
  const years = span ? overYears(data.context, def, period, span.first, Math.max(span.last, period.year)) : [];
  const kindLabel = periodKindLabel(period, data.seasons);
  const chart = years.length > 0 ? yearsChart(indicator, years, `${indicator.name} — ${kindLabel.toLowerCase()}, d'une année à l'autre`, period.year) : null;
  const history = wordHistory(await historyFor(ctx.scope, "indicator", indicator.id));
  return json({
    indicator: {
      id: indicator.id,
      name: indicator.name,
      unit: indicator.unit,
      code: indicator.code,
      description: indicator.description,
      category: CATEGORY_LABELS[indicator.category],
      aggregation: AGGREGATION_LABELS[indicator.aggregation],
      breakdown: indicator.breakdown,
      breakdownLabel: BREAKDOWN_LABELS[indicator.breakdown],
      itemLabel: BREAKDOWN_ITEM_LABELS[indicator.breakdown],
      computed: indicator.formula !== null,
    },
    canEdit: can(ctx.role, "indicators:edit"),
    period: { choice: periodChoice(period), year: period.year, kindLabel },
    choices: periodChoices(data.seasons),
    pickerYears: yearsBetween(2015, thisYear).reverse(),
    years,
    chart,
    comparison: compareWithPreviousYear(data.context, def, period),
    breakdown: indicator.breakdown === "none" ? [] : breakdownRows(data.context, indicator, period),
    search: new URL(request.url).search,
    history,
  });
}

export default function IndicatorPage() {
  const data = useLoaderData<typeof loader>();
  const { indicator, comparison } = data;
  return (
    <section className="page">
      <p className="no-print">
        <Link to={`/indicateurs${data.search}`}>← Indicateurs</Link>
      </p>
      <div className="page-header">
        <h1>{indicator.name}</h1>
        <div className="actions-row no-print">
          {data.canEdit && !indicator.computed ? (
            <Link className="button button--primary" to={`/indicateurs/saisie${data.search}`}>
              Saisir des chiffres
            </Link>
          ) : null}
          {data.canEdit ? (
            <Link className="button" to={`/indicateurs/${indicator.id}/modifier`}>
              Modifier
            </Link>
          ) : null}
          <button type="button" className="button" onClick={() => window.print()}>
            Imprimer
          </button>
        </div>
      </div>
      <p className="muted">
        {indicator.category} · {indicator.unit || "sans unité"} · {indicator.computed ? "calculé" : indicator.aggregation} · détail : {indicator.breakdownLabel.toLowerCase()} · code{" "}
        <code>{indicator.code}</code>
      </p>
      {indicator.description ? <p>{indicator.description}</p> : null}
      <PeriodPicker choices={data.choices} choice={data.period.choice} year={data.period.year} years={data.pickerYears} />

      <section className="card card--wide" aria-labelledby="comparaison-titre">
        <h2 id="comparaison-titre">
          {comparison.currentLabel} par rapport à {comparison.previousLabel}
        </h2>
        <div className="cards">
          <div className="key-figure">
            <span className="muted">{comparison.currentLabel}</span>
            <span className="key-figure__value">
              <FigureText cell={comparison.current} unit={indicator.unit} />
            </span>
          </div>
          <div className="key-figure">
            <span className="muted">{comparison.previousLabel}</span>
            <span className="key-figure__value">
              <FigureText cell={comparison.previous} unit={indicator.unit} />
            </span>
          </div>
          <div className="key-figure">
            <span className="muted">Évolution</span>
            <span className="key-figure__value" data-testid="variation">
              <VariationText text={comparison.variation} value={comparison.variationValue} />
            </span>
          </div>
        </div>
      </section>

      <section className="card card--wide" aria-labelledby="annees-titre">
        <h2 id="annees-titre">{data.period.kindLabel} : d'une année à l'autre</h2>
        {data.years.length === 0 ? (
          <p className="muted">Aucun chiffre pour cette période.</p>
        ) : (
          <>
            {data.chart ? <BarChart chart={data.chart} /> : null}
            <div className="table-wrap">
              <table className="table">
                <caption>Chiffres du graphique</caption>
                <thead>
                  <tr>
                    <th scope="col">Période</th>
                    <th scope="col" className="num">
                      {indicator.name}
                    </th>
                    <th scope="col" className="num">
                      Évolution sur un an
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.years.map((y) => (
                    <tr key={y.year}>
                      <th scope="row">{y.label}</th>
                      <td className="num">
                        <FigureText cell={y.figure} unit={indicator.unit} />
                      </td>
                      <td className="num">
                        <VariationText text={y.variation} value={y.variationValue} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      {data.breakdown.length > 0 ? (
        <section className="card card--wide" aria-labelledby="detail-titre">
          <h2 id="detail-titre">
            {indicator.breakdownLabel} — {comparison.currentLabel}
          </h2>
          {data.breakdown.every((b) => b.current.state === "none") ? (
            <p className="muted">Aucun chiffre détaillé pour cette période.</p>
          ) : (
            <ShareChart
              title={`${indicator.name} — ${indicator.breakdownLabel.toLowerCase()}, ${comparison.currentLabel}`}
              items={data.breakdown.map((b) => ({ label: b.label, value: b.current.value, text: b.current.text, share: b.share }))}
            />
          )}
          <div className="table-wrap">
            <table className="table">
              <caption>Détail {indicator.breakdownLabel.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{indicator.itemLabel}</th>
                  <th scope="col" className="num">
                    {comparison.currentLabel}
                  </th>
                  <th scope="col" className="num">
                    Part
                  </th>
                  <th scope="col" className="num">
                    {comparison.previousLabel}
                  </th>
                  <th scope="col" className="num">
                    Évolution
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.breakdown.map((b) => (
                  <tr key={b.item}>
                    <th scope="row">{b.label}</th>
                    <td className="num">
                      <FigureText cell={b.current} />
                    </td>
                    <td className="num">{b.shareText}</td>
                    <td className="num">
                      <FigureText cell={b.previous} />
                    </td>
                    <td className="num">{b.variation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {data.history ? <HistoryPanel entries={data.history} /> : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
