import { FieldError } from "~/modules/errors";
// "Indicateurs": the office's key figures for a period against the same period a year earlier,
// by category; the standard set to switch on, the office's seasons.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { notFound, requireOffice } from "~/auth.server";
import { Field } from "~/components/form";
import { FigureText, PeriodPicker, VariationText } from "~/components/indicators";
import { can } from "~/domain/roles";
import { createSeason, deleteSeason, enableStandardSet, loadIndicatorData, standardSet } from "~/modules/indicator/queries.server";
import { CATEGORIES, CATEGORY_LABELS, monthName, periodChoice, periodChoices, periodFromSearch, periodKindLabel, periodLabel, previousYear, seasonMonths, yearsBetween } from "~/modules/indicator/rules";
import { seasonSchema } from "~/modules/indicator/schema.server";
import { keyFigures } from "~/modules/indicator/views";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, unknownIntent, validate, type FormErrors, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

const INTENTS = ["enable-standard", "add-season", "delete-season"] as const;

export const meta: MetaFunction = () => [{ title: "Indicateurs — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "indicators:view");
  const data = await loadIndicatorData(ctx.scope);
  const thisYear = Number(ctx.scope.today.slice(0, 4));
  const period = periodFromSearch(new URL(request.url).searchParams, data.seasons, { choice: "annee", year: thisYear - 1 });
  const figures = keyFigures(data.context, data.indicators, period);
  const byCategory = CATEGORIES.map((category) => ({
    category,
    label: CATEGORY_LABELS[category],
    rows: figures.filter((f) => data.indicators.find((i) => i.id === f.id)?.category === category),
  })).filter((c) => c.rows.length > 0);
  const standardCodes = new Set(data.indicators.map((i) => i.code));
  return json({
    canEdit: can(ctx.role, "indicators:edit"),
    period: { choice: periodChoice(period), year: period.year, label: periodLabel(period, data.seasons), previousLabel: periodLabel(previousYear(period), data.seasons), kindLabel: periodKindLabel(period, data.seasons) },
    choices: periodChoices(data.seasons),
    years: yearsBetween(2015, thisYear).reverse(),
    byCategory,
    standardMissing: standardSet().indicators.filter((i) => !standardCodes.has(i.code)).length,
    seasons: data.seasons.map((s) => ({ ...s, months: seasonMonths(s) })),
    search: new URL(request.url).search,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "indicators:edit");
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, INTENTS);
  if (intent === "enable-standard") {
    const added = await enableStandardSet(ctx.scope);
    const message =
      added.indicators === 0 && added.seasons === 0
        ? "Le jeu standard est déjà en place."
        : `Jeu standard activé : ${added.indicators} indicateur${added.indicators > 1 ? "s" : ""}${added.seasons ? ` et ${added.seasons} saison${added.seasons > 1 ? "s" : ""}` : ""} ajoutés.`;
    return redirectWithToast(request, "/indicateurs", { kind: "success", message });
  }
  if (intent === "add-season") {
    const season = validate(seasonSchema, values);
    if (!season.ok) return badRequest(season.errors, "add-season");
    try {
      await createSeason(ctx.scope, season.data);
    } catch (error) {
      if (error instanceof FieldError) return fieldError(error.field, error.message, "add-season");
      throw error;
    }
    return redirectWithToast(request, "/indicateurs", { kind: "success", message: `Saison « ${season.data.name} » ajoutée.` });
  }
  if (intent === "delete-season") {
    const seasonId = parseId(values.seasonId);
    const name = seasonId ? await deleteSeason(ctx.scope, seasonId) : null;
    if (name === null) throw notFound("Cette saison");
    return redirectWithToast(request, "/indicateurs", { kind: "success", message: `Saison « ${name} » supprimée avec ses chiffres.` });
  }
  return unknownIntent();
}

export default function IndicatorsPage() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<FormErrors>();
  const seasonErrors = answer?.intent === "add-season" ? answer.fieldErrors : {};
  return (
    <section className="page">
      <div className="page-header">
        <h1>Indicateurs</h1>
        <div className="actions-row no-print">
          {data.canEdit && data.byCategory.length > 0 ? (
            <Link className="button button--primary" to={`/indicateurs/saisie${data.search}`}>
              Saisir des chiffres
            </Link>
          ) : null}
          {data.canEdit ? (
            <Link className="button" to="/indicateurs/nouveau">
              Nouvel indicateur
            </Link>
          ) : null}
          <button type="button" className="button" onClick={() => window.print()}>
            Imprimer
          </button>
        </div>
      </div>
      {answer?.formError ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      {data.canEdit && data.standardMissing > 0 ? (
        <Form method="post" className="card card--wide no-print">
          <p>
            {data.byCategory.length === 0 ? "Aucun indicateur pour l'instant. " : ""}
            Le jeu standard d'un office de tourisme (contacts et personnes renseignées, provenance, site internet et réseaux sociaux, visites guidées,
            billetterie, sites gérés, taxe de séjour, satisfaction) compte {data.standardMissing} indicateur{data.standardMissing > 1 ? "s" : ""} que l'office n'a pas encore.
          </p>
          <input type="hidden" name="intent" value="enable-standard" />
          <button type="submit" className="button button--primary">
            Activer le jeu standard
          </button>
        </Form>
      ) : null}
      {data.byCategory.length === 0 ? (
        <p className="muted">Aucun indicateur suivi par l'office.</p>
      ) : (
        <>
          <PeriodPicker choices={data.choices} choice={data.period.choice} year={data.period.year} years={data.years} />
          <h2>
            {data.period.label} par rapport à {data.period.previousLabel}
          </h2>
          {data.byCategory.map((c) => (
            <div className="table-wrap" key={c.category}>
              <table className="table key-figures">
                <caption>{c.label}</caption>
                <thead>
                  <tr>
                    <th scope="col">Indicateur</th>
                    <th scope="col" className="num">
                      {data.period.previousLabel}
                    </th>
                    <th scope="col" className="num">
                      {data.period.label}
                    </th>
                    <th scope="col" className="num">
                      Évolution
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/indicateurs/${r.id}${data.search}`}>{r.name}</Link>
                        {r.unit ? <span className="muted"> ({r.unit})</span> : null}
                      </th>
                      <td className="num" data-label={data.period.previousLabel}>
                        <FigureText cell={r.comparison.previous} />
                      </td>
                      <td className="num" data-label={data.period.label}>
                        <FigureText cell={r.comparison.current} />
                      </td>
                      <td className="num" data-label="Évolution">
                        <VariationText text={r.comparison.variation} value={r.comparison.variationValue} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      )}
      <section className="card card--wide" aria-labelledby="saisons-titre">
        <h2 id="saisons-titre">Saisons de l'office</h2>
        <p className="muted">Une saison se compare d'une année à l'autre comme une année entière (la saison d'été 2020 avec celle de 2019).</p>
        {data.seasons.length === 0 ? (
          <p className="muted">Aucune saison définie.</p>
        ) : (
          <ul className="plain-list">
            {data.seasons.map((s) => (
              <li key={s.id}>
                <strong>{s.name}</strong> : {s.months}
                {data.canEdit ? (
                  <Form method="post" className="inline-form no-print" style={{ display: "inline-flex", marginLeft: "0.75rem" }}>
                    <input type="hidden" name="intent" value="delete-season" />
                    <input type="hidden" name="seasonId" value={s.id} />
                    <button
                      type="submit"
                      className="button button--small"
                      aria-label={`Supprimer la saison ${s.name}`}
                      onClick={(e) => {
                        if (!window.confirm(`Supprimer la saison « ${s.name} » et les chiffres saisis pour elle ?`)) e.preventDefault();
                      }}
                    >
                      Supprimer
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {data.canEdit ? (
          <Form method="post" className="form no-print" aria-label="Nouvelle saison" noValidate>
            <input type="hidden" name="intent" value="add-season" />
            <div className="grid-3">
              <Field label="Nom de la saison" hint="Exemple : Saison d'été, Vacances d'hiver" error={seasonErrors.name} required>
                {(p) => <input type="text" name="name" maxLength={100} {...p} />}
              </Field>
              <Field label="Premier mois" error={seasonErrors.startMonth} required>
                {(p) => <MonthSelect name="startMonth" defaultValue={7} {...p} />}
              </Field>
              <Field label="Dernier mois" hint="Avant le premier : la saison finit l'année suivante." error={seasonErrors.endMonth} required>
                {(p) => <MonthSelect name="endMonth" defaultValue={8} {...p} />}
              </Field>
            </div>
            <button type="submit" className="button">
              Ajouter la saison
            </button>
          </Form>
        ) : null}
      </section>
    </section>
  );
}

function MonthSelect({ name, defaultValue, ...props }: { name: string; defaultValue: number; id: string; "aria-invalid": boolean; "aria-describedby": string | undefined }) {
  return (
    <select name={name} defaultValue={defaultValue} {...props}>
      {Array.from({ length: 12 }, (_, i) => (
        <option key={i} value={i + 1}>
          {monthName(i + 1)}
        </option>
      ))}
    </select>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
