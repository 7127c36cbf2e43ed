// The details of a meeting: when, where, who chairs and writes, the quality-document header;
// when it is planned, its agenda and the people invited.
import { ChoiceSelect, type Choice } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import type { NewMeetingInput } from "~/modules/meeting/schema";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const newMeetingSchema = lazySchema(() => import("~/modules/meeting/schema").then((m) => m.newMeetingSchema));

export function MeetingForm({
  defaultValues,
  series,
  people,
  planning,
  submitLabel,
}: {
  defaultValues: NewMeetingInput;
  series: Choice[];
  people: Array<Choice & { member: boolean; detail: string }>;
  /** A new meeting: its agenda and invitations are entered too. */
  planning: boolean;
  submitLabel: string;
}) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(newMeetingSchema, defaultValues);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Réunion">
      <div className="grid-2">
        <Field label="Série de réunions" error={errorFor("seriesId")} required>
          {(p) => <ChoiceSelect choices={series} emptyLabel="Choisir…" {...p} {...register("seriesId")} />}
        </Field>
        <Field label="Titre" hint="Exemple : Réunion du Groupe Local Qualité" error={errorFor("title")} required>
          {(p) => <input type="text" {...p} {...register("title")} />}
        </Field>
      </div>
      <div className="grid-3">
        <Field label="Date" error={errorFor("heldOn")} required>
          {(p) => <input type="date" {...p} {...register("heldOn")} />}
        </Field>
        <Field label="Heure de début" error={errorFor("startTime")} required>
          {(p) => <input type="time" {...p} {...register("startTime")} />}
        </Field>
        <Field label="Heure de fin" hint="Peut être notée dans le compte rendu." error={errorFor("endTime")}>
          {(p) => <input type="time" {...p} {...register("endTime")} />}
        </Field>
      </div>
      <div className="grid-3">
        <Field label="Lieu" hint="Exemple : bureau de Saint-Sever" error={errorFor("place")}>
          {(p) => <input type="text" {...p} {...register("place")} />}
        </Field>
        <Field label="Présidence" error={errorFor("chairId")}>
          {(p) => <ChoiceSelect choices={people} emptyLabel="—" {...p} {...register("chairId")} />}
        </Field>
        <Field label="Rédaction du compte rendu" error={errorFor("writerId")}>
          {(p) => <ChoiceSelect choices={people} emptyLabel="—" {...p} {...register("writerId")} />}
        </Field>
      </div>
      <fieldset className="fieldset fieldset--framed">
        <legend>En-tête du document qualité</legend>
        <div className="grid-2">
          <Field label="Référent qualité" error={errorFor("referentId")}>
            {(p) => <ChoiceSelect choices={people} emptyLabel="—" {...p} {...register("referentId")} />}
          </Field>
          <Field label="Responsable du suivi de la fiche" error={errorFor("followUpId")}>
            {(p) => <ChoiceSelect choices={people} emptyLabel="—" {...p} {...register("followUpId")} />}
          </Field>
        </div>
        <Field label="Personnes concernées" hint="Exemple : toute l'équipe – stagiaires – saisonniers – tout nouveau personnel." error={errorFor("concerned")}>
          {(p) => <textarea rows={2} {...p} {...register("concerned")} />}
        </Field>
        <p className="small muted">La date d'actualisation se met à jour à chaque modification.</p>
      </fieldset>
      {planning ? (
        <>
          <Field label="Ordre du jour" hint="Un point par ligne ; le compte rendu sera rédigé point par point." error={errorFor("agenda")}>
            {(p) => <textarea rows={8} {...p} {...register("agenda")} />}
          </Field>
          <fieldset className="fieldset fieldset--framed">
            <legend>Participants invités</legend>
            <p className="small muted">Les membres du groupe qualité sont cochés d'avance. Les invités extérieurs s'ajoutent ensuite, sur la page des participants.</p>
            <div className="checks checks--columns">
              {people.map((person) => (
                <label key={person.id}>
                  <input type="checkbox" value={String(person.id)} defaultChecked={(defaultValues.inviteeIds as unknown[] | undefined)?.map(String).includes(String(person.id))} {...register("inviteeIds")} />
                  <span>
                    {person.name}
                    {person.detail ? <span className="checks__detail small muted">{person.detail}</span> : null}
                  </span>
                </label>
              ))}
            </div>
            {errorFor("inviteeIds") ? <p className="field-error">{errorFor("inviteeIds")}</p> : null}
          </fieldset>
        </>
      ) : null}
      <SubmitButton submitting={submitting}>{submitLabel}</SubmitButton>
    </ValidatedFormElement>
  );
}
