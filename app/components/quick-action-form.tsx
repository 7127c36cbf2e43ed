import { PrioritySelect } from "~/components/action-form";
import { ChoiceSelect, type Choice } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const entryActionSchema = lazySchema(() => import("~/modules/register/schema").then((m) => m.entryActionSchema));

/**
 * The short form that turns a record into an action of the plan (a register entry, a
 * questionnaire's answer or its results): what to do, who leads it, by when, how urgent. Posted
 * with the intent "action"; the route parses it with `entryActionSchema` too.
 */
export function QuickActionForm({ title, people, label, resetAfterSuccess }: { title: string; people: readonly Choice[]; label: string; resetAfterSuccess?: boolean }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(entryActionSchema, { title, description: "", ownerId: "", dueOn: "", priority: "normale" }, { intent: "action", resetAfterSuccess });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label={label}>
      <input type="hidden" name="intent" value="action" />
      <Field label="Intitulé de l'action" error={errorFor("title")} required>
        {(p) => <input type="text" {...p} {...register("title")} />}
      </Field>
      <Field label="Description" error={errorFor("description")}>
        {(p) => <textarea rows={2} {...p} {...register("description")} />}
      </Field>
      <div className="grid-3">
        <Field label="Pilote" error={errorFor("ownerId")} required>
          {(p) => <ChoiceSelect choices={people} emptyLabel="Choisir…" {...p} {...register("ownerId")} />}
        </Field>
        <Field label="Échéance" error={errorFor("dueOn")}>
          {(p) => <input type="date" {...p} {...register("dueOn")} />}
        </Field>
        <Field label="Priorité" error={errorFor("priority")} required>
          {(p) => <PrioritySelect {...p} {...register("priority")} />}
        </Field>
      </div>
      <SubmitButton submitting={submitting}>Ajouter l'action au plan</SubmitButton>
    </ValidatedFormElement>
  );
}
