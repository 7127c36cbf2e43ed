import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { Field, SubmitButton, ValidatedFormElement, useValidatedForm } from "~/components/form";
import { HistoryPanel } from "~/components/history-panel";
import { officeSchema } from "~/modules/office/schema";
import { can } from "~/domain/roles";
import { historyFor } from "~/modules/history/queries.server";
import { updateOffice } from "~/modules/office/queries.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Office — Administration — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "office:view");
  const history = await historyFor(ctx.scope, "office", ctx.office.id);
  return json({ office: ctx.office, canEdit: can(ctx.role, "office:edit"), history });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "office:edit");
  const parsed = validate(officeSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  await updateOffice(ctx.scope, parsed.data);
  return redirectWithToast(request, "/administration", { kind: "success", message: "Informations de l'office enregistrées." });
}

export default function OfficePage() {
  const { office, canEdit, history } = useLoaderData<typeof loader>();
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(officeSchema, {
    name: office.name,
    legalForm: office.legalForm,
    street: office.street,
    postalCode: office.postalCode,
    city: office.city,
    phone: office.phone,
    email: office.email,
    website: office.website,
  });
  return (
    <section className="page">
      <h1>L'office</h1>
      {!canEdit ? <p className="notice">Seul un administrateur peut modifier ces informations.</p> : null}
      <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Informations de l'office">
        <fieldset disabled={!canEdit} className="fieldset">
          <legend className="visually-hidden">Informations de l'office</legend>
          <div className="grid-2">
            <Field label="Nom de l'office" error={errorFor("name")} required>
              {(p) => <input type="text" {...p} {...register("name")} />}
            </Field>
            <Field label="Forme juridique" hint="SPL, EPIC, association, régie…" error={errorFor("legalForm")}>
              {(p) => <input type="text" {...p} {...register("legalForm")} />}
            </Field>
          </div>
          <Field label="Adresse" error={errorFor("street")}>
            {(p) => <input type="text" autoComplete="street-address" {...p} {...register("street")} />}
          </Field>
          <div className="grid-2">
            <Field label="Code postal" error={errorFor("postalCode")}>
              {(p) => <input type="text" inputMode="numeric" autoComplete="postal-code" {...p} {...register("postalCode")} />}
            </Field>
            <Field label="Commune" error={errorFor("city")}>
              {(p) => <input type="text" {...p} {...register("city")} />}
            </Field>
          </div>
          <div className="grid-3">
            <Field label="Téléphone" error={errorFor("phone")}>
              {(p) => <input type="tel" {...p} {...register("phone")} />}
            </Field>
            <Field label="E-mail" error={errorFor("email")}>
              {(p) => <input type="email" {...p} {...register("email")} />}
            </Field>
            <Field label="Site web" error={errorFor("website")}>
              {(p) => <input type="url" {...p} {...register("website")} />}
            </Field>
          </div>
          {canEdit ? <SubmitButton submitting={submitting}>Enregistrer</SubmitButton> : null}
        </fieldset>
      </ValidatedFormElement>
      {history ? <HistoryPanel entries={history} /> : null}
    </section>
  );
}
