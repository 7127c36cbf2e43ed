import { FieldError } from "~/modules/errors";
// A new action, possibly from an audit's improvement point (?constat=ID carries its text, sites
// and criterion over).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { ActionForm } from "~/components/action-form";
import { actionSchema } from "~/modules/action/schema.server";
import { createAction } from "~/modules/action/queries.server";
import { actionFormChoices } from "~/modules/action/choices.server";
import { getImprovementFinding } from "~/modules/audit/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";
import { parseId } from "~/utils/params";

export const meta: MetaFunction = () => [{ title: "Nouvelle action — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "actions:edit");
  const findingId = parseId(new URL(request.url).searchParams.get("constat") ?? undefined);
  const finding = findingId ? await getImprovementFinding(ctx.scope, findingId) : null;
  return json({
    ...(await actionFormChoices(ctx.scope)),
    finding: finding ? { id: finding.id, text: finding.text, siteIds: finding.sites.map((s) => String(s.id)), criterionCode: finding.criterionCode ?? "" } : null,
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "actions:edit");
  const parsed = validate(actionSchema, formValues(await readForm(request), { lists: ["siteIds", "contributorIds"] }));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createAction(ctx.scope, parsed.data);
    return redirectWithToast(request, `/plan-d-actions/${id}`, { kind: "success", message: "Action ajoutée au plan." });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewActionPage() {
  const { people, sites, findings, finding } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/plan-d-actions">← Plan d'actions</Link>
      </p>
      <h1>Nouvelle action</h1>
      {finding ? <p className="notice">À partir du point à améliorer : « {finding.text} »</p> : null}
      <ActionForm
        people={people}
        sites={sites}
        findings={findings}
        submitLabel="Ajouter l'action"
        defaultValues={{
          title: finding ? finding.text : "",
          description: finding?.criterionCode ? `Critère ${finding.criterionCode} du référentiel.` : "",
          origin: finding ? "finding" : "other",
          findingId: finding ? String(finding.id) : "",
          originDetail: "",
          ownerId: "",
          contributorIds: [],
          siteIds: finding?.siteIds ?? [],
          dueOn: "",
          priority: "normale",
        }}
      />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
