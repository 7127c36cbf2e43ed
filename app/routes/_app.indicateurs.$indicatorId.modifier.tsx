import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Form } from "~/components/once-form";
import { notFound, requireOffice } from "~/auth.server";
import { IndicatorForm } from "~/components/indicator-form";
import { deleteIndicator, getIndicator, updateIndicator } from "~/modules/indicator/queries.server";
import { indicatorSchema } from "~/modules/indicator/schema.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, parseIntent, unknownIntent, validate, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

const INTENTS = ["save", "delete"] as const;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Modifier ${data?.indicator.name ?? "l'indicateur"} — Cap Qualité` }];

async function findIndicator(request: Request, indicatorId: string | undefined) {
  const ctx = await requireOffice(request, "indicators:edit");
  const id = parseId(indicatorId);
  const indicator = id ? await getIndicator(ctx.scope, id) : null;
  if (!indicator) throw notFound("Cet indicateur");
  return { ctx, indicator };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { indicator } = await findIndicator(request, params.indicatorId);
  return json({
    indicator: {
      id: indicator.id,
      name: indicator.name,
      computed: indicator.formula !== null,
      codeLocked: indicator.formula !== null || indicator.standardCode !== null,
      values: {
        code: indicator.code,
        name: indicator.name,
        unit: indicator.unit,
        category: indicator.category,
        aggregation: indicator.aggregation,
        breakdown: indicator.breakdown,
        items: indicator.breakdown === "site" ? "" : indicator.items.join("\n"),
        decimals: String(indicator.decimals),
        description: indicator.description,
      },
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, indicator } = await findIndicator(request, params.indicatorId);
  const values = formValues(await readForm(request));
  const intent = parseIntent(values, INTENTS);
  if (intent === null) return unknownIntent();
  if (intent === "delete") {
    const name = await deleteIndicator(ctx.scope, indicator.id);
    if (name === null) throw notFound("Cet indicateur");
    return redirectWithToast(request, "/indicateurs", { kind: "success", message: `Indicateur « ${name} » supprimé avec ses chiffres.` });
  }
  const parsed = validate(indicatorSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors, "save");
  try {
    if (!(await updateIndicator(ctx.scope, indicator.id, parsed.data))) throw notFound("Cet indicateur");
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message, "save");
    throw error;
  }
  return redirectWithToast(request, `/indicateurs/${indicator.id}`, { kind: "success", message: `Indicateur « ${parsed.data.name} » enregistré.` });
}

export default function EditIndicatorPage() {
  const { indicator } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to={`/indicateurs/${indicator.id}`}>← {indicator.name}</Link>
      </p>
      <h1>Modifier l'indicateur</h1>
      {indicator.computed ? <p className="notice">Indicateur calculé à partir d'autres indicateurs : il ne se saisit pas, sa formule ne change pas.</p> : null}
      <IndicatorForm submitLabel="Enregistrer" defaultValues={indicator.values} codeLocked={indicator.codeLocked} />
      <Form method="post" className="card card--wide danger-zone">
        <h2>Supprimer l'indicateur</h2>
        <p className="muted">Ses chiffres sont supprimés avec lui ; l'historique les garde.</p>
        <input type="hidden" name="intent" value="delete" />
        <button
          type="submit"
          className="button button--danger"
          onClick={(e) => {
            if (!window.confirm(`Supprimer « ${indicator.name} » et tous ses chiffres ?`)) e.preventDefault();
          }}
        >
          Supprimer
        </button>
      </Form>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
