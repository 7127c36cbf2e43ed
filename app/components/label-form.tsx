import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { LABEL_STATUSES, LABEL_STATUS_LABELS } from "~/modules/audit/rules";
import type { LabelInput } from "~/modules/audit/schema";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const labelSchema = lazySchema(() => import("~/modules/audit/schema").then((m) => m.labelSchema));

export function LabelForm({
  defaultValues,
  referentials,
  submitLabel,
}: {
  defaultValues: LabelInput;
  referentials: Array<{ id: number; label: string; version: string }>;
  submitLabel: string;
}) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(labelSchema, defaultValues);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Label">
      <fieldset className="fieldset">
        <legend className="visually-hidden">Label</legend>
        <div className="grid-2">
          <Field label="Nom du label" hint="Exemple : Marque Qualité Tourisme" error={errorFor("name")} required>
            {(p) => <input type="text" {...p} {...register("name")} />}
          </Field>
          <Field label="Référentiel suivi" hint="La version utilisée pour les prochains audits." error={errorFor("referentialId")} required>
            {(p) => (
              <select {...p} {...register("referentialId")}>
                <option value="">Choisir…</option>
                {referentials.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.label} — version {r.version}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="grid-2">
          <Field label="État" error={errorFor("status")} required>
            {(p) => (
              <select {...p} {...register("status")}>
                {LABEL_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {LABEL_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Obtenu le" error={errorFor("grantedOn")}>
            {(p) => <input type="date" {...p} {...register("grantedOn")} />}
          </Field>
          <Field label="Valable jusqu'au" error={errorFor("validUntil")}>
            {(p) => <input type="date" {...p} {...register("validUntil")} />}
          </Field>
          <Field label="Prochain audit prévu" hint="Par exemple l'audit complet de renouvellement." error={errorFor("nextAuditDue")}>
            {(p) => <input type="date" {...p} {...register("nextAuditDue")} />}
          </Field>
        </div>
        <Field label="Notes" error={errorFor("notes")}>
          {(p) => <textarea rows={3} {...p} {...register("notes")} />}
        </Field>
        <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
      </fieldset>
    </ValidatedFormElement>
  );
}
