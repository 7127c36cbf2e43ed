import { FieldError } from "~/modules/errors";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { AuditForm } from "~/components/audit-form";
import { auditSchema } from "~/modules/audit/schema.server";
import { createAudit } from "~/modules/audit/queries.server";
import { auditFormChoices } from "~/modules/audit/choices.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Nouvel audit — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  return json({ ...(await auditFormChoices(ctx.scope)), today: ctx.scope.today });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "audits:edit");
  const parsed = validate(auditSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createAudit(ctx.scope, parsed.data);
    const next = parsed.data.mode === "rated" ? `/audits/${id}/grille` : `/audits/${id}`;
    return redirectWithToast(request, next, { kind: "success", message: `Audit « ${parsed.data.title} » enregistré.` });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewAuditPage() {
  const { labels, referentials, today } = useLoaderData<typeof loader>();
  const first = labels[0];
  return (
    <section className="page">
      <p>
        <Link to="/audits">← Audits</Link>
      </p>
      <h1>Enregistrer un audit</h1>
      {first ? (
        <AuditForm
          labels={labels}
          referentials={referentials}
          submitLabel="Enregistrer l'audit"
          defaultValues={{
            title: "",
            labelId: String(first.id),
            referentialId: first.referentialId ? String(first.referentialId) : "",
            kind: "audit_complet",
            mode: "rated",
            stage: "renewal",
            startsOn: today,
            endsOn: "",
            auditor: "",
            status: "planifie",
            decision: "en_attente",
            labelValidUntil: "",
            nextAuditDue: "",
            summary: "",
            reportedRates: {},
          }}
        />
      ) : (
        <p className="notice">
          Ajoutez d'abord un <Link to="/audits/labels/nouveau">label</Link>.
        </p>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
