import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireOffice } from "~/auth.server";
import { HistoryPanel } from "~/components/history-panel";
import { SeriesForm } from "~/components/series-form";
import { seriesSchema } from "~/modules/meeting/schema.server";
import { getSeries, updateSeries } from "~/modules/meeting/series.server";
import { historyFor, wordHistory } from "~/modules/history/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.series.name ?? "Série"} — Cap Qualité` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:edit");
  const id = parseId(params.seriesId);
  const series = id ? await getSeries(ctx.scope, { seriesId: id }) : null;
  if (!series) throw notFound("Cette série de réunions");
  const history = await historyFor(ctx.scope, "meeting_series", series.id);
  return json({ series, history: wordHistory(history) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:edit");
  const id = parseId(params.seriesId);
  const series = id ? await getSeries(ctx.scope, { seriesId: id }) : null;
  if (!series) throw notFound("Cette série de réunions");
  const parsed = validate(seriesSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    await updateSeries(ctx.scope, { seriesId: series.id }, parsed.data);
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, "/reunions", { kind: "success", message: `Série « ${parsed.data.name} » enregistrée.` });
}

export default function SeriesPage() {
  const { series, history } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/reunions">← Réunions</Link>
      </p>
      <h1>{series.name}</h1>
      <SeriesForm
        submitLabel="Enregistrer la série"
        defaultValues={{ name: series.name, kind: series.kind, cadenceMonths: String(series.cadenceMonths), firstDueOn: series.firstDueOn ?? "", description: series.description, reminderDays: series.reminderDays.split(",").filter(Boolean).join(", ") }}
      />
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
