import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { SeriesForm } from "~/components/series-form";
import { seriesSchema } from "~/modules/meeting/schema.server";
import { DEFAULT_CADENCE_MONTHS } from "~/modules/meeting/rules";
import { createSeries } from "~/modules/meeting/series.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouvelle série de réunions — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request, "meetings:edit");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:edit");
  const parsed = validate(seriesSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    await createSeries(ctx.scope, parsed.data);
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, "/reunions", { kind: "success", message: `Série « ${parsed.data.name} » créée.` });
}

export default function NewSeriesPage() {
  return (
    <section className="page">
      <p>
        <Link to="/reunions">← Réunions</Link>
      </p>
      <h1>Nouvelle série de réunions</h1>
      <p className="muted">Une série regroupe des réunions qui reviennent à intervalle régulier : le groupe qualité, la revue de direction…</p>
      <SeriesForm
        submitLabel="Créer la série"
        defaultValues={{ name: "Groupe Local Qualité", kind: "quality_group", cadenceMonths: String(DEFAULT_CADENCE_MONTHS), firstDueOn: "", description: "", reminderDays: "30, 7" }}
      />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
