import { CheckboxField, Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import type { SiteInput } from "~/modules/office/site-schema";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const siteSchema = lazySchema(() => import("~/modules/office/site-schema").then((m) => m.siteSchema));

export function SiteForm({ defaultValues, submitLabel, readOnly }: { defaultValues: SiteInput; submitLabel: string; readOnly?: boolean }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(siteSchema, defaultValues);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Bureau d'information">
      <fieldset disabled={readOnly} className="fieldset">
        <legend className="visually-hidden">Bureau d'information</legend>
        <Field label="Nom du bureau" hint="Exemple : Bureau d'information de Hagetmau" error={errorFor("name")} required>
          {(p) => <input type="text" {...p} {...register("name")} />}
        </Field>
        <Field label="Adresse" error={errorFor("street")}>
          {(p) => <input type="text" {...p} {...register("street")} />}
        </Field>
        <div className="grid-2">
          <Field label="Code postal" error={errorFor("postalCode")}>
            {(p) => <input type="text" inputMode="numeric" {...p} {...register("postalCode")} />}
          </Field>
          <Field label="Commune" error={errorFor("city")}>
            {(p) => <input type="text" {...p} {...register("city")} />}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="Téléphone" error={errorFor("phone")}>
            {(p) => <input type="tel" {...p} {...register("phone")} />}
          </Field>
          <Field label="E-mail" error={errorFor("email")}>
            {(p) => <input type="email" {...p} {...register("email")} />}
          </Field>
        </div>
        <CheckboxField label="Siège de l'office" error={errorFor("isHeadquarters")}>
          {(p) => <input type="checkbox" {...p} {...register("isHeadquarters")} />}
        </CheckboxField>
        <CheckboxField label="Bureau ouvert" hint="Décochez pour un bureau fermé : il reste dans l'historique." error={errorFor("active")}>
          {(p) => <input type="checkbox" {...p} {...register("active")} />}
        </CheckboxField>
        {readOnly ? null : <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>}
      </fieldset>
    </ValidatedFormElement>
  );
}
