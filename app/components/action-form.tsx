import { forwardRef, type SelectHTMLAttributes } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { ChoiceSelect, type Choice } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { ORIGINS, ORIGIN_LABELS, PRIORITIES, PRIORITY_LABELS } from "~/modules/action/rules";
import type { ActionInput } from "~/modules/action/schema";

const actionSchema = lazySchema(() => import("~/modules/action/schema").then((m) => m.actionSchema));

export function ActionForm({
  defaultValues,
  people,
  sites,
  findings,
  submitLabel,
  intent,
}: {
  defaultValues: ActionInput;
  people: Array<{ id: number; name: string }>;
  sites: Array<{ id: number; name: string }>;
  findings: Array<{ id: number; label: string }>;
  submitLabel: string;
  intent?: string;
}) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(actionSchema, defaultValues, { intent });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Action">
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <Field label="Intitulé" hint="Ce qu'il faut faire, en une phrase." error={errorFor("title")} required>
        {(p) => <input type="text" {...p} {...register("title")} />}
      </Field>
      <Field label="Description" error={errorFor("description")}>
        {(p) => <textarea rows={3} {...p} {...register("description")} />}
      </Field>
      <div className="grid-3">
        <Field label="Pilote" hint="Salarié, élu ou partenaire : un compte n'est pas nécessaire." error={errorFor("ownerId")} required>
          {(p) => <ChoiceSelect choices={people} emptyLabel="Choisir…" {...p} {...register("ownerId")} />}
        </Field>
        <Field label="Échéance" error={errorFor("dueOn")}>
          {(p) => <input type="date" {...p} {...register("dueOn")} />}
        </Field>
        <Field label="Priorité" error={errorFor("priority")} required>
          {(p) => <PrioritySelect {...p} {...register("priority")} />}
        </Field>
        <Field label="Origine" error={errorFor("origin")} required>
          {(p) => (
            <select {...p} {...register("origin")}>
              {ORIGINS.map((o) => (
                <option key={o} value={o}>
                  {ORIGIN_LABELS[o]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Constat d'audit d'origine" error={errorFor("findingId")}>
          {(p) => (
            <select {...p} {...register("findingId")}>
              <option value="">Aucun</option>
              {findings.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Précision sur l'origine" hint="Exemple : réunion du 25/03/2021, réclamation n° 12." error={errorFor("originDetail")}>
          {(p) => <input type="text" {...p} {...register("originDetail")} />}
        </Field>
      </div>
      <SiteChecks sites={sites} field={register("siteIds")} error={errorFor("siteIds")} checked={(defaultValues.siteIds as unknown[] | undefined)?.map(String)} />
      <fieldset className="fieldset fieldset--framed">
        <legend>Contributeurs</legend>
        <div className="checks">
          {people.map((person) => (
            <label key={person.id}>
              <input
                type="checkbox"
                value={String(person.id)}
                defaultChecked={(defaultValues.contributorIds as unknown[] | undefined)?.map(String).includes(String(person.id))}
                {...register("contributorIds")}
              />{" "}
              {person.name}
            </label>
          ))}
        </div>
        {errorFor("contributorIds") ? <p className="field-error">{errorFor("contributorIds")}</p> : null}
      </fieldset>
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}

/** The priorities of an action, high to low as the plan sorts them. The ref is forwarded for react-hook-form. */
export const PrioritySelect = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function PrioritySelect(props, ref) {
  return (
    <select ref={ref} {...props}>
      {PRIORITIES.map((x) => (
        <option key={x} value={x}>
          {PRIORITY_LABELS[x]}
        </option>
      ))}
    </select>
  );
});

/** The sites an action concerns, as checkboxes; none ticked means the whole office. */
export function SiteChecks({ sites, field, error, checked }: { sites: readonly Choice[]; field: UseFormRegisterReturn; error?: string; checked?: readonly string[] }) {
  return (
    <fieldset className="fieldset fieldset--framed">
      <legend>Bureaux concernés (aucun coché : tout l'office)</legend>
      <div className="checks">
        {sites.map((s) => (
          <label key={s.id}>
            <input type="checkbox" value={String(s.id)} defaultChecked={checked?.includes(String(s.id))} {...field} /> {s.name}
          </label>
        ))}
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
