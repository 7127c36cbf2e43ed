import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { LabelForm } from "~/components/label-form";
import { labelSchema } from "~/modules/audit/schema.server";
import { createLabel } from "~/modules/label/queries.server";
import { listReferentials } from "~/modules/referential/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouveau label — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  const referentials = await listReferentials(ctx.scope);
  return json({ referentials: referentials.map((r) => ({ id: r.id, label: r.label, version: r.version })) });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  const parsed = validate(labelSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createLabel(ctx.scope, parsed.data);
    return redirectWithToast(request, `/audits/labels/${id}`, { kind: "success", message: `Label « ${parsed.data.name} » enregistré.` });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewLabelPage() {
  const { referentials } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/audits">← Audits</Link>
      </p>
      <h1>Nouveau label</h1>
      {referentials.length === 0 ? (
        <p className="notice">
          Importez d'abord le <Link to="/referentiels">référentiel</Link> du label.
        </p>
      ) : null}
      <LabelForm
        referentials={referentials}
        submitLabel="Enregistrer le label"
        defaultValues={{ name: "", referentialId: referentials[0] ? String(referentials[0].id) : "", status: "actif", grantedOn: "", validUntil: "", nextAuditDue: "", notes: "" }}
      />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
