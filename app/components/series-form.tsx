import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { MEETING_KINDS, MEETING_KIND_LABELS } from "~/modules/meeting/rules";
import type { SeriesInput } from "~/modules/meeting/schema";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const seriesSchema = lazySchema(() => import("~/modules/meeting/schema").then((m) => m.seriesSchema));

export function SeriesForm({ defaultValues, submitLabel }: { defaultValues: SeriesInput; submitLabel: string }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(seriesSchema, defaultValues);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Série de réunions">
      <div className="grid-2">
        <Field label="Nom" hint="Exemple : Groupe Local Qualité" error={errorFor("name")} required>
          {(p) => <input type="text" {...p} {...register("name")} />}
        </Field>
        <Field label="Type" error={errorFor("kind")} required>
          {(p) => (
            <select {...p} {...register("kind")}>
              {MEETING_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MEETING_KIND_LABELS[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Cadence (en mois)" hint="Le groupe qualité se réunit tous les 6 mois." error={errorFor("cadenceMonths")} required>
          {(p) => <input type="number" min={1} max={24} step={1} inputMode="numeric" {...p} {...register("cadenceMonths")} />}
        </Field>
        <Field label="Première réunion attendue le" hint="Tant qu'aucune réunion n'a eu lieu ; ensuite l'échéance suit la dernière réunion." error={errorFor("firstDueOn")}>
          {(p) => <input type="date" {...p} {...register("firstDueOn")} />}
        </Field>
      </div>
      <Field label="Rappels (jours avant l'échéance)" hint="La directrice et la référente qualité sont prévenues ces jours-là tant qu'aucune réunion n'est planifiée, puis chaque semaine de retard. Exemple : 30, 7 ; vide : aucun rappel avant l'échéance." error={errorFor("reminderDays")}>
        {(p) => <input type="text" inputMode="numeric" className="input--short" {...p} {...register("reminderDays")} />}
      </Field>
      <Field label="Description" error={errorFor("description")}>
        {(p) => <textarea rows={2} {...p} {...register("description")} />}
      </Field>
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}
