import { ChoiceSelect } from "~/components/choice-select";
import { CheckboxField, Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import type { PersonInput } from "~/modules/person/schema";
import { PERSON_CONTRACTS, PERSON_CONTRACT_LABELS, PERSON_KINDS, PERSON_KIND_LABELS } from "~/modules/person/rules";
import { NEWCOMER_MONTHS } from "~/modules/procedure/rules";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const personSchema = lazySchema(() => import("~/modules/person/schema").then((m) => m.personSchema));

export function PersonForm({
  defaultValues,
  sites,
  submitLabel,
  readOnly,
}: {
  defaultValues: PersonInput;
  sites: Array<{ id: number; name: string }>;
  submitLabel: string;
  readOnly?: boolean;
}) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(personSchema, defaultValues);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Personne">
      <fieldset disabled={readOnly} className="fieldset">
        <legend className="visually-hidden">Personne</legend>
        <div className="grid-2">
          <Field label="Nom" hint="Prénom et nom, ou la fonction seule (exemple : Président de la SPL)." error={errorFor("fullName")} required>
            {(p) => <input type="text" {...p} {...register("fullName")} />}
          </Field>
          <Field label="Catégorie" error={errorFor("kind")} required>
            {(p) => (
              <select {...p} {...register("kind")}>
                {PERSON_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {PERSON_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="Fonction" hint="Exemple : Référente qualité, conseillère en séjour." error={errorFor("jobTitle")}>
            {(p) => <input type="text" {...p} {...register("jobTitle")} />}
          </Field>
          <Field label="Organisme" hint="Pour un partenaire ou un élu : son entreprise, sa commune." error={errorFor("organisation")}>
            {(p) => <input type="text" {...p} {...register("organisation")} />}
          </Field>
        </div>
        <div className="grid-3">
          <Field label="E-mail" error={errorFor("email")}>
            {(p) => <input type="email" {...p} {...register("email")} />}
          </Field>
          <Field label="Téléphone" error={errorFor("phone")}>
            {(p) => <input type="tel" {...p} {...register("phone")} />}
          </Field>
          <Field label="Bureau de rattachement" error={errorFor("siteId")}>
            {(p) => <ChoiceSelect choices={sites} emptyLabel="Tout l'office" {...p} {...register("siteId")} />}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="Contrat" hint="Pour un(e) salarié(e) : les fiches qualité destinées aux saisonniers ou aux stagiaires lui sont demandées." error={errorFor("contract")}>
            {(p) => (
              <select {...p} {...register("contract")}>
                {PERSON_CONTRACTS.map((c) => (
                  <option key={c} value={c}>
                    {PERSON_CONTRACT_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Arrivée dans l'office le" hint={`Pendant ${NEWCOMER_MONTHS} mois, un(e) salarié(e) fait partie du « nouveau personnel » : les fiches qualité qui le concernent lui sont demandées.`} error={errorFor("arrivedOn")}>
            {(p) => <input type="date" {...p} {...register("arrivedOn")} />}
          </Field>
        </div>
        <CheckboxField label="Membre du groupe qualité" error={errorFor("qualityGroupMember")}>
          {(p) => <input type="checkbox" {...p} {...register("qualityGroupMember")} />}
        </CheckboxField>
        <CheckboxField label="Personne active" hint="Décochez quand la personne quitte l'office : elle reste dans l'historique." error={errorFor("active")}>
          {(p) => <input type="checkbox" {...p} {...register("active")} />}
        </CheckboxField>
        {readOnly ? null : <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>}
      </fieldset>
    </ValidatedFormElement>
  );
}
