// The forms of a questionnaire's campaign (title, period, sites, channels, texts, not held) and
// of one question (its kind, wording, scale or choices, bounds).
import { SiteChecks } from "~/components/action-form";
import { CheckboxField, Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { CHANNELS, CHANNEL_LABELS, QUESTION_KINDS, QUESTION_KIND_LABELS } from "~/modules/questionnaire/rules";
import type { QuestionInput, QuestionnaireInput } from "~/modules/questionnaire/schema";

// The browser fetches the schemas (and zod) when a form is first used (decision 051).
const questionSchema = lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.questionSchema));
const questionnaireSchema = lazySchema(() => import("~/modules/questionnaire/schema").then((m) => m.questionnaireSchema));

export function QuestionnaireForm({
  defaultValues,
  sites,
  submitLabel,
  intent,
  isNew,
}: {
  defaultValues: QuestionnaireInput;
  sites: Array<{ id: number; name: string }>;
  submitLabel: string;
  intent: string;
  isNew: boolean;
}) {
  const { form, register, errorFor, formError, onSubmit, submitting } = useValidatedForm(questionnaireSchema, defaultValues, { intent });
  const notHeld = form.watch("notHeld");
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Campagne">
      <input type="hidden" name="intent" value={intent} />
      <Field label="Titre" hint="Tel que les visiteurs le liront (exemple : Votre avis sur notre accueil — été 2021)." error={errorFor("title")} required>
        {(p) => <input type="text" {...p} {...register("title")} />}
      </Field>
      <div className="grid-2">
        <Field label="Début de la campagne" error={errorFor("startsOn")} required>
          {(p) => <input type="date" {...p} {...register("startsOn")} />}
        </Field>
        <Field label="Fin de la campagne" hint="Dernier jour où les réponses sont acceptées en ligne." error={errorFor("endsOn")} required>
          {(p) => <input type="date" {...p} {...register("endsOn")} />}
        </Field>
      </div>
      <SiteChecks sites={sites} field={register("siteIds")} error={errorFor("siteIds")} checked={(defaultValues.siteIds as unknown[] | undefined)?.map(String)} />
      <fieldset className="fieldset fieldset--framed">
        <legend>Canaux</legend>
        <p className="field-hint">Par où les visiteurs répondent. En ligne, par e-mail ou par QR code : la page publique reçoit les réponses pendant la campagne.</p>
        <div className="checks">
          {CHANNELS.map((c) => (
            <label key={c}>
              <input type="checkbox" value={c} defaultChecked={(defaultValues.channels as string[] | undefined)?.includes(c)} {...form.register("channels")} /> {CHANNEL_LABELS[c]}
            </label>
          ))}
        </div>
        {errorFor("channels") ? <p className="field-error">{errorFor("channels")}</p> : null}
      </fieldset>
      <Field label="Introduction" hint="En tête du questionnaire : pourquoi vous le demandez, combien de temps il prend." error={errorFor("intro")}>
        {(p) => <textarea rows={3} {...p} {...register("intro")} />}
      </Field>
      <Field label="Remerciements" hint="Affichés après l'envoi, et en bas du questionnaire papier." error={errorFor("thanks")}>
        {(p) => <textarea rows={2} {...p} {...register("thanks")} />}
      </Field>
      {isNew ? (
        <CheckboxField label="Commencer avec les questions habituelles (accueil, information, documentation, horaires, signalétique, satisfaction générale, origine, remarques)" hint="Vous pourrez les modifier, en retirer ou en ajouter ensuite." error={errorFor("starter")}>
          {(p) => <input type="checkbox" {...p} {...register("starter")} />}
        </CheckboxField>
      ) : null}
      <CheckboxField label="Campagne non réalisée" hint="Prévue mais pas menée (2020 : pas de questionnaires papier pendant la crise sanitaire). Elle reste dans la liste avec sa raison." error={errorFor("notHeld")}>
        {(p) => <input type="checkbox" {...p} {...register("notHeld")} />}
      </CheckboxField>
      {notHeld ? (
        <Field label="Raison" error={errorFor("notHeldReason")} required>
          {(p) => <textarea rows={2} {...p} {...register("notHeldReason")} />}
        </Field>
      ) : (
        <input type="hidden" name="notHeldReason" value="" />
      )}
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}

export function QuestionForm({ defaultValues, intent, questionId, submitLabel, locked }: { defaultValues: QuestionInput; intent: string; questionId?: number; submitLabel: string; locked: boolean }) {
  // Each question's form shows only its own errors: the action names them after the question.
  const { form, register, errorFor, formError, onSubmit, submitting } = useValidatedForm(questionSchema, defaultValues, { intent: questionId ? `${intent}:${questionId}` : intent, resetAfterSuccess: !questionId });
  const kind = form.watch("kind");
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label={questionId ? "Modifier la question" : "Nouvelle question"}>
      <input type="hidden" name="intent" value={intent} />
      {questionId ? <input type="hidden" name="questionId" value={questionId} /> : null}
      {locked ? (
        <p className="small">
          <strong>{QUESTION_KIND_LABELS[kind as keyof typeof QUESTION_KIND_LABELS] ?? ""}</strong>
          {kind === "scale" ? ` en ${String(defaultValues.levels ?? "4")} niveaux` : ""} — des réponses sont enregistrées : le type, les niveaux et les choix ne changent plus.
          <input type="hidden" {...register("kind")} />
          <input type="hidden" {...register("levels")} />
        </p>
      ) : (
        <div className="grid-2">
          <Field label="Type de question" error={errorFor("kind")} required>
            {(p) => (
              <select {...p} {...register("kind")}>
                {QUESTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {QUESTION_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {kind === "scale" ? (
            <Field label="Niveaux" error={errorFor("levels")} required hint="4 : de « Pas du tout satisfait » à « Très satisfait » ; 5 ajoute « Ni satisfait ni insatisfait ».">
              {(p) => (
                <select {...p} {...register("levels")}>
                  <option value="4">4 niveaux</option>
                  <option value="5">5 niveaux</option>
                </select>
              )}
            </Field>
          ) : null}
        </div>
      )}
      <Field label="Question" error={errorFor("text")} required>
        {(p) => <input type="text" {...p} {...register("text")} />}
      </Field>
      <Field label="Précision" hint="Facultative, sous la question (exemple : amabilité, temps d'attente)." error={errorFor("help")}>
        {(p) => <input type="text" {...p} {...register("help")} />}
      </Field>
      {kind === "single" || kind === "multiple" ? (
        <Field label="Choix proposés" hint="Un par ligne, deux au moins." error={errorFor("choices")} required>
          {(p) => <textarea rows={4} {...p} {...register("choices")} readOnly={locked} />}
        </Field>
      ) : null}
      {kind === "number" ? (
        <div className="grid-2">
          <Field label="Minimum" error={errorFor("minValue")}>
            {(p) => <input type="text" inputMode="decimal" {...p} {...register("minValue")} readOnly={locked} />}
          </Field>
          <Field label="Maximum" error={errorFor("maxValue")}>
            {(p) => <input type="text" inputMode="decimal" {...p} {...register("maxValue")} readOnly={locked} />}
          </Field>
        </div>
      ) : null}
      <div className="checks">
        <CheckboxField label="Réponse obligatoire" error={errorFor("required")}>
          {(p) => <input type="checkbox" {...p} {...register("required")} />}
        </CheckboxField>
        {kind === "text" && !locked ? (
          <CheckboxField label="Demande des données personnelles (e-mail, téléphone…) : gardées seulement si la personne coche son accord" error={errorFor("personal")}>
            {(p) => <input type="checkbox" {...p} {...register("personal")} />}
          </CheckboxField>
        ) : null}
      </div>
      {locked && defaultValues.personal ? <input type="hidden" name="personal" value="on" /> : null}
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}
