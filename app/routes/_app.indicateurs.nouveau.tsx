import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { IndicatorForm } from "~/components/indicator-form";
import { createIndicator } from "~/modules/indicator/queries.server";
import { indicatorSchema } from "~/modules/indicator/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, readForm, validate } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouvel indicateur — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOffice(request, "indicators:edit");
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "indicators:edit");
  const parsed = validate(indicatorSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors, "save");
  let id: number;
  try {
    id = await createIndicator(ctx.scope, parsed.data);
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message, "save");
    throw error;
  }
  return redirectWithToast(request, `/indicateurs/${id}`, { kind: "success", message: `Indicateur « ${parsed.data.name} » créé.` });
}

export default function NewIndicatorPage() {
  return (
    <section className="page">
      <p>
        <Link to="/indicateurs">← Indicateurs</Link>
      </p>
      <h1>Nouvel indicateur</h1>
      <IndicatorForm
        submitLabel="Créer l'indicateur"
        defaultValues={{ code: "", name: "", unit: "", category: "frequentation", aggregation: "sum", breakdown: "none", items: "", decimals: "0", description: "" }}
      />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
