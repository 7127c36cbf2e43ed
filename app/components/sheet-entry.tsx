// Typing paper questionnaires by keyboard, one sheet in a few seconds: a digit per scale or
// single-choice question (the number printed beside each box), the cursor moving on by itself
// once a digit is typed, Entrée to save; the day, desk and channel stay for the next sheet.
import { useMemo, useRef, type KeyboardEvent } from "react";
import { CheckboxField, Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { CHANNELS, CHANNEL_LABELS, SCALE_WORDS, answerField, type Question } from "~/modules/questionnaire/rules";

type SheetQuestion = Omit<Question, "copiedFromId">;

/** "4 Très satisfait · 3 Satisfait · …" or "1 Internet · 2 Guide · …": what each digit means. */
function digitHint(q: SheetQuestion): string {
  // A digit and its words stay on one line.
  if (q.kind === "scale") return SCALE_WORDS[q.levels ?? 4].map((w, i) => `${i + 1}\u00a0${w.replace(/ /g, "\u00a0")}`).reverse().join(" · ");
  return q.choices.map((c, i) => `${i + 1}\u00a0${c}`).join(" · ");
}

export function SheetEntryForm({
  questions,
  sites,
  campaign,
  today,
  defaults,
}: {
  questions: SheetQuestion[];
  sites: Array<{ id: number; name: string }>;
  campaign: { startsOn: string; endsOn: string };
  today: string;
  defaults: { answeredOn: string; siteId: string; channel: string };
}) {
  // The browser fetches the schema (and zod) when the form is first used (decision 051).
  const schema = useMemo(
    () => lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.answerSheetSchema(questions as Question[], { siteIds: sites.map((s) => s.id), mode: "staff", campaign, today }))),
    [questions, sites, campaign, today],
  );
  const initial = useMemo(
    () => Object.fromEntries([["answeredOn", defaults.answeredOn], ["siteId", defaults.siteId], ["channel", defaults.channel], ["consent", false], ...questions.map((q) => [answerField(q.id), q.kind === "multiple" ? [] : ""])]),
    [questions, defaults],
  );
  const { form, register, errorFor, formError, onSubmit, submitting } = useValidatedForm(schema, initial, { intent: "sheet" });
  const error = (name: string) => errorFor(name as never);
  const formRef = useRef<HTMLDivElement>(null);
  // Once a digit is typed in a one-digit field, the cursor goes to the next question.
  const advance = (event: React.FormEvent<HTMLInputElement>, q: SheetQuestion) => {
    const max = q.kind === "scale" ? (q.levels ?? 4) : q.choices.length;
    const value = event.currentTarget.value;
    if (max > 9 || !/^\d$/.test(value) || Number(value) < 1 || Number(value) > max) return;
    const fields = [...(formRef.current?.querySelectorAll<HTMLElement>("[data-sheet-field]") ?? [])];
    const next = fields[fields.indexOf(event.currentTarget) + 1];
    next?.focus();
  };
  // Ctrl+Entrée saves from a text area too (Entrée alone starts a new line there).
  const saveFromText = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };
  const personal = questions.some((q) => q.personal);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} className="form sheet" aria-label="Saisir une feuille">
      <input type="hidden" name="intent" value="sheet" />
      <div className="grid-3">
        <Field label="Date de la réponse" error={error("answeredOn")} required>
          {(p) => <input type="date" min={campaign.startsOn} max={campaign.endsOn < today ? campaign.endsOn : today} {...p} {...register("answeredOn" as never)} />}
        </Field>
        {sites.length ? (
          <Field label="Bureau" error={error("siteId")}>
            {(p) => (
              <select {...p} {...register("siteId" as never)}>
                <option value="">Non précisé</option>
                {sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label="Reçue par" error={error("channel")} required>
          {(p) => (
            <select {...p} {...register("channel" as never)}>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {CHANNEL_LABELS[c]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="sheet__questions" ref={formRef}>
        {questions.map((q, i) => {
          const name = answerField(q.id);
          const label = `${q.position}. ${q.text}`;
          if (q.kind === "scale" || q.kind === "single") {
            const field = register(name as never);
            return (
              <Field key={q.id} label={label} hint={digitHint(q)} error={error(name)} required={q.required}>
                {(p) => (
                  <input
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    maxLength={2}
                    className="sheet__digit"
                    data-sheet-field
                    autoFocus={i === 0}
                    {...p}
                    {...field}
                    onInput={(e) => advance(e, q)}
                  />
                )}
              </Field>
            );
          }
          if (q.kind === "multiple") {
            return (
              <fieldset key={q.id} className="fieldset fieldset--framed" aria-describedby={error(name) ? `${name}-error` : undefined}>
                <legend>
                  {label} <span className="small muted">(plusieurs réponses possibles)</span>
                </legend>
                <div className="checks">
                  {q.choices.map((c, ci) => (
                    <label key={c}>
                      <input type="checkbox" value={String(ci + 1)} data-sheet-field={ci === 0 ? true : undefined} {...form.register(name as never)} /> {c}
                    </label>
                  ))}
                </div>
                {error(name) ? (
                  <p className="field-error" id={`${name}-error`}>
                    {error(name)}
                  </p>
                ) : null}
              </fieldset>
            );
          }
          return (
            <Field key={q.id} label={label} hint={q.kind === "number" ? (q.minValue !== null || q.maxValue !== null ? `Un nombre de ${q.minValue ?? "…"} à ${q.maxValue ?? "…"}.` : "Un nombre.") : q.personal ? "Données personnelles : gardées seulement si la case d'accord est cochée sur la feuille." : "Ctrl+Entrée enregistre la feuille."} error={error(name)} required={q.required}>
              {(p) =>
                q.kind === "number" ? (
                  <input type="text" inputMode="decimal" autoComplete="off" data-sheet-field className="sheet__number" {...p} {...register(name as never)} />
                ) : (
                  <textarea rows={q.personal ? 1 : 2} maxLength={2000} data-sheet-field onKeyDown={saveFromText} {...p} {...register(name as never)} />
                )
              }
            </Field>
          );
        })}
        {personal ? (
          <CheckboxField label="La personne a coché la case d'accord pour que ses coordonnées soient gardées" error={error("consent")}>
            {(p) => <input type="checkbox" {...p} {...register("consent" as never)} />}
          </CheckboxField>
        ) : null}
      </div>
      <div className="sticky-actions">
        <SubmitButton submitting={submitting}>Enregistrer la feuille</SubmitButton>
        <span className="small muted">Entrée enregistre ; une question laissée vide n'a pas de réponse.</span>
      </div>
    </ValidatedFormElement>
  );
}
