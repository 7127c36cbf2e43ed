import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { AGGREGATIONS, AGGREGATION_LABELS, BREAKDOWNS, BREAKDOWN_LABELS, CATEGORIES, CATEGORY_LABELS } from "~/modules/indicator/rules";
import type { IndicatorInput } from "~/modules/indicator/schema";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const indicatorSchema = lazySchema(() => import("~/modules/indicator/schema").then((m) => m.indicatorSchema));

export function IndicatorForm({ defaultValues, submitLabel, codeLocked }: { defaultValues: IndicatorInput; submitLabel: string; codeLocked?: boolean }) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(indicatorSchema, defaultValues, { intent: "save" });
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Indicateur">
      <input type="hidden" name="intent" value="save" />
      <div className="grid-2">
        <Field label="Nom" hint="Exemple : Visiteurs du musée" error={errorFor("name")} required>
          {(p) => <input type="text" {...p} {...register("name")} />}
        </Field>
        <Field
          label="Code"
          hint={codeLocked ? "Le code d'un indicateur du jeu standard ou calculé ne change pas." : "Pour les fichiers CSV : minuscules, chiffres et _ (exemple : visiteurs_musee)."}
          error={errorFor("code")}
          required
        >
          {(p) => <input type="text" readOnly={codeLocked} autoComplete="off" {...p} {...register("code")} />}
        </Field>
        <Field label="Unité" hint="Exemple : personnes, €, nuitées, %" error={errorFor("unit")}>
          {(p) => <input type="text" {...p} {...register("unit")} />}
        </Field>
        <Field label="Catégorie" error={errorFor("category")} required>
          {(p) => (
            <select {...p} {...register("category")}>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Cumul des mois" hint="Comment les mois font une saison ou une année." error={errorFor("aggregation")} required>
          {(p) => (
            <select {...p} {...register("aggregation")}>
              {AGGREGATIONS.map((a) => (
                <option key={a} value={a}>
                  {AGGREGATION_LABELS[a]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Détail" error={errorFor("breakdown")} required>
          {(p) => (
            <select {...p} {...register("breakdown")}>
              {BREAKDOWNS.map((b) => (
                <option key={b} value={b}>
                  {BREAKDOWN_LABELS[b]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Décimales" error={errorFor("decimals")} required>
          {(p) => <input type="number" min={0} max={3} step={1} inputMode="numeric" {...p} {...register("decimals")} />}
        </Field>
      </div>
      <Field
        label="Éléments du détail"
        hint="Un par ligne, pour un détail par provenance, produit ou catégorie d'hébergement (exemple : Île-de-France). Le détail par bureau reprend les bureaux de l'office."
        error={errorFor("items")}
      >
        {(p) => <textarea rows={5} {...p} {...register("items")} />}
      </Field>
      <Field label="Description" error={errorFor("description")}>
        {(p) => <textarea rows={2} {...p} {...register("description")} />}
      </Field>
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}
