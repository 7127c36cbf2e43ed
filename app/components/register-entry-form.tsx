// The form of an entry of one of the registers: the same component for a new entry and an edit,
// its fields chosen by the register. Works without JavaScript; validates with the shared schema.
import { ChoiceSelect, type Choice } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { useMemo } from "react";
import { CHANNELS, CHANNEL_LABELS, OCCURRED_LABELS, SOURCES, SOURCE_LABELS, STATUSES, STATUS_LABELS, type RegisterKind } from "~/modules/register/rules";

export interface EntryFormChoices {
  sites: Choice[];
  people: Choice[];
  categories: string[];
  earlier: Array<{ id: number; occurredOn: string; subject: string }>;
}

type FormValues = Record<string, string | null | undefined>;

export function RegisterEntryForm({
  kind,
  defaultValues,
  choices,
  submitLabel,
  intent,
  showPersonalData,
  showStatus,
}: {
  kind: RegisterKind;
  defaultValues: FormValues;
  choices: EntryFormChoices;
  submitLabel: string;
  intent?: string;
  /** the complainant's name and contact are asked only of those who may read them */
  showPersonalData: boolean;
  /** a new complaint at the desk needs no status: it is open, or answered when an answer is given */
  showStatus: boolean;
}) {
  // The browser fetches the schema (and zod) when the form is first used (decision 051).
  const schema = useMemo(() => lazySchema(() => import("~/modules/register/schema").then((m) => m.ENTRY_SCHEMAS[kind])), [kind]);
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(schema, defaultValues as never, { intent });
  const reg = register as unknown as (name: string) => ReturnType<typeof register>;
  const err = errorFor as unknown as (name: string) => string | undefined;
  const listId = `categories-${kind}`;
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label={submitLabel}>
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
      <div className="grid-2">
        <Field label={OCCURRED_LABELS[kind]} error={err("occurredOn")} required>
          {(p) => <input type="date" {...p} {...reg("occurredOn")} />}
        </Field>
        {kind === "complaint" ? (
          <Field label="Canal" error={err("channel")} required>
            {(p) => (
              <select {...p} {...reg("channel")}>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {CHANNEL_LABELS[c]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {kind === "suggestion" ? (
          <Field label="De la part de" error={err("source")} required>
            {(p) => (
              <select {...p} {...reg("source")}>
                {SOURCES.map((s) => (
                  <option key={s} value={s}>
                    {SOURCE_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
      </div>
      <Field
        label={kind === "dysfunction" ? "Dysfonctionnement" : kind === "complaint" ? "Objet" : "Suggestion"}
        hint={kind === "dysfunction" ? "En une phrase : ce qui n'a pas marché." : kind === "complaint" ? "En une phrase : de quoi la personne se plaint." : "En une phrase : l'idée proposée."}
        error={err("subject")}
        required
      >
        {(p) => <input type="text" {...p} {...reg("subject")} />}
      </Field>
      <Field label="Description" error={err("description")}>
        {(p) => <textarea rows={3} {...p} {...reg("description")} />}
      </Field>
      <div className="grid-2">
        <Field label="Bureau" error={err("siteId")}>
          {(p) => <ChoiceSelect choices={choices.sites} emptyLabel="Tout l'office" {...p} {...reg("siteId")} />}
        </Field>
        <Field label="Catégorie" hint="Choisissez ou tapez une nouvelle catégorie." error={err("category")}>
          {(p) => <input type="text" list={listId} autoComplete="off" {...p} {...reg("category")} />}
        </Field>
        <datalist id={listId}>
          {choices.categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      {kind === "complaint" ? <ComplaintFields reg={reg} err={err} choices={choices} showPersonalData={showPersonalData} /> : null}
      {kind === "dysfunction" ? (
        <>
          <div className="grid-2">
            <Field label="Constaté par" error={err("personId")}>
              {(p) => <ChoiceSelect choices={choices.people} emptyLabel="Non précisé" {...p} {...reg("personId")} />}
            </Field>
            <Field label="Déjà constaté (dysfonctionnement qui revient)" hint="Reliez-le à la fois précédente : le registre compte les occurrences." error={err("recurrenceOfId")}>
              {(p) => (
                <select {...p} {...reg("recurrenceOfId")}>
                  <option value="">Première fois</option>
                  {choices.earlier.map((e) => (
                    <option key={e.id} value={e.id}>
                      {e.occurredOn.split("-").reverse().join("/")} — {e.subject}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
          <Field label="Impact" error={err("impact")}>
            {(p) => <textarea rows={2} {...p} {...reg("impact")} />}
          </Field>
          <Field label="Correction immédiate" hint="Ce qui a été fait sur le moment." error={err("immediateFix")}>
            {(p) => <textarea rows={2} {...p} {...reg("immediateFix")} />}
          </Field>
        </>
      ) : null}
      {kind === "suggestion" ? (
        <div className="grid-2">
          <Field label="Personne de l'office" hint="Quand la suggestion vient d'une personne de l'annuaire." error={err("personId")}>
            {(p) => <ChoiceSelect choices={choices.people} emptyLabel="Aucune" {...p} {...reg("personId")} />}
          </Field>
          {showPersonalData ? (
            <Field label="Nom (facultatif)" error={err("contactName")}>
              {(p) => <input type="text" autoComplete="off" {...p} {...reg("contactName")} />}
            </Field>
          ) : null}
        </div>
      ) : null}
      {showStatus ? (
        <fieldset className="fieldset fieldset--framed">
          <legend>{kind === "suggestion" ? "Décision" : "Suivi"}</legend>
          <div className="grid-2">
            <Field label={kind === "suggestion" ? "Décision" : "Statut"} error={err("status")} required>
              {(p) => (
                <select {...p} {...reg("status")}>
                  {STATUSES[kind].map((s) => (
                    <option key={s} value={s}>
                      {STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {kind === "suggestion" ? (
              <Field label="Décidée le" hint="Aujourd'hui si vide." error={err("decidedOn")}>
                {(p) => <input type="date" {...p} {...reg("decidedOn")} />}
              </Field>
            ) : null}
          </div>
          {kind === "suggestion" ? (
            <Field label="Raison de la décision" error={err("decisionReason")}>
              {(p) => <textarea rows={2} {...p} {...reg("decisionReason")} />}
            </Field>
          ) : null}
          <Field label="Raison de la clôture" hint="Seulement pour clore alors que des actions liées sont encore ouvertes." error={err("closeReason")}>
            {(p) => <input type="text" {...p} {...reg("closeReason")} />}
          </Field>
        </fieldset>
      ) : (
        <input type="hidden" {...reg("status")} />
      )}
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}

function ComplaintFields({
  reg,
  err,
  choices,
  showPersonalData,
}: {
  reg: (name: string) => object;
  err: (name: string) => string | undefined;
  choices: EntryFormChoices;
  showPersonalData: boolean;
}) {
  return (
    <>
      <fieldset className="fieldset fieldset--framed">
        <legend>Avis en ligne</legend>
        <div className="grid-2">
          <Field label="Plateforme" hint="Obligatoire pour un avis en ligne : Google, TripAdvisor…" error={err("platform")}>
            {(p) => <input type="text" {...p} {...reg("platform")} />}
          </Field>
          <Field label="Lien vers l'avis" error={err("reviewUrl")}>
            {(p) => <input type="url" inputMode="url" {...p} {...reg("reviewUrl")} />}
          </Field>
        </div>
      </fieldset>
      {showPersonalData ? (
        <fieldset className="fieldset fieldset--framed">
          <legend>La personne (facultatif)</legend>
          <p className="field-hint">Données personnelles : effacées automatiquement après la durée de conservation de l'office.</p>
          <div className="grid-2">
            <Field label="Nom de la personne" error={err("contactName")}>
              {(p) => <input type="text" autoComplete="off" {...p} {...reg("contactName")} />}
            </Field>
            <Field label="Contact" hint="Téléphone, e-mail ou adresse." error={err("contactDetails")}>
              {(p) => <input type="text" autoComplete="off" {...p} {...reg("contactDetails")} />}
            </Field>
          </div>
        </fieldset>
      ) : null}
      <fieldset className="fieldset fieldset--framed">
        <legend>Traitement et réponse</legend>
        <Field label="Traitée par" error={err("personId")}>
          {(p) => <ChoiceSelect choices={choices.people} emptyLabel="Non attribuée" {...p} {...reg("personId")} />}
        </Field>
        <Field label="Réponse apportée" error={err("answer")}>
          {(p) => <textarea rows={3} {...p} {...reg("answer")} />}
        </Field>
        <div className="grid-2">
          <Field label="Répondue le" error={err("answeredOn")}>
            {(p) => <input type="date" {...p} {...reg("answeredOn")} />}
          </Field>
          <Field label="Répondue par" error={err("answeredBy")}>
            {(p) => <input type="text" {...p} {...reg("answeredBy")} />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
