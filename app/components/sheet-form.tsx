// A procedure sheet's form: code, title, domain, review interval, the quality-document header
// (référent, follow-up, people and groups concerned), the text with the minutes' formatting
// toolbar and live preview, and what changed. Two buttons: keep the version in preparation, or
// publish it. Works without JavaScript (named fields, checkboxes); validated in the browser with it.
import { useEffect, useState } from "react";
import { useWatch } from "react-hook-form";
import { ChoiceSelect, type Choice } from "~/components/choice-select";
import { Field, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { MarkdownToolbar, onFormatShortcut } from "~/components/markdown-toolbar";
import { RICH_TEXT_HELP } from "~/components/rich-text";
import { TextPreview } from "~/components/text-preview";
import { PROCEDURE_GROUPS, PROCEDURE_GROUP_HINTS, PROCEDURE_GROUP_LABELS } from "~/modules/procedure/rules";
import type { SheetInput } from "~/modules/procedure/schema";

// The browser fetches the schema (and zod) when the form is first used (decision 051).
const sheetSchema = lazySchema(() => import("~/modules/procedure/schema").then((m) => m.sheetSchema));

/** Domains offered as the user types (any other may be typed). */
const DOMAINS = ["Accueil", "Information", "Boutique et billetterie", "Numérique", "Démarche qualité", "Réclamations et avis", "Hygiène et sécurité", "Ressources humaines"];

export function SheetForm({
  defaultValues,
  people,
  version,
  saveLabel,
  publishLabel,
}: {
  defaultValues: SheetInput;
  people: Array<Choice & { staff: boolean; detail: string }>;
  /** The number of the version the form prepares: from 2 on, what changed is asked. */
  version: number;
  saveLabel: string;
  publishLabel: string;
}) {
  const { form, register, errorFor, formError, onSubmit, submitting } = useValidatedForm(sheetSchema, defaultValues);
  const body = useWatch({ control: form.control, name: "body" });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const checked = (list: unknown, value: string) => Array.isArray(list) && list.map(String).includes(value);
  const staff = people.filter((p) => p.staff);
  const others = people.filter((p) => !p.staff);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Fiche qualité">
      <Field label="Titre" hint="Exemple : Accueil des visiteurs au comptoir." error={errorFor("title")} required>
        {(p) => <input type="text" {...p} {...register("title")} />}
      </Field>
      <div className="grid-3">
        <Field label="Code" hint="Exemple : FQ-07. Unique dans l'office." error={errorFor("code")} required>
          {(p) => <input type="text" {...p} {...register("code")} />}
        </Field>
        <Field label="Domaine" hint="Exemple : Accueil, Boutique et billetterie." error={errorFor("domain")}>
          {(p) => <input type="text" list="domaines" {...p} {...register("domain")} />}
        </Field>
        <Field label="Revue tous les (mois)" hint="12 : la fiche est relue chaque année." error={errorFor("reviewMonths")} required>
          {(p) => <input type="number" min={1} max={60} inputMode="numeric" {...p} {...register("reviewMonths")} />}
        </Field>
      </div>
      <datalist id="domaines">
        {DOMAINS.map((d) => (
          <option key={d} value={d} />
        ))}
      </datalist>

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
        <fieldset className="fieldset">
          <legend>Personnes concernées</legend>
          <p className="small muted">Elles sont invitées à lire la fiche et à confirmer « lu et compris » à chaque nouvelle version.</p>
          {(
            [
              ["L'équipe salariée", staff],
              ["Élus, partenaires et autres personnes", others],
            ] as const
          ).map(([title, group]) =>
            group.length ? (
              <div key={title} className="sheet-form__people">
                <p className="small sheet-form__people-title">{title}</p>
                <div className="checks checks--columns">
                  {group.map((person) => (
                    <label key={person.id}>
                      <input type="checkbox" value={String(person.id)} defaultChecked={checked(defaultValues.personIds, String(person.id))} {...register("personIds")} />
                      <span>
                        {person.name}
                        {person.detail ? <span className="checks__detail small muted">{person.detail}</span> : null}
                      </span>
                    </label>
                  ))}
                </div>
              </div>
            ) : null,
          )}
          {errorFor("personIds") ? <p className="field-error">{errorFor("personIds")}</p> : null}
        </fieldset>
        <fieldset className="fieldset">
          <legend>Groupes concernés</legend>
          <p className="small muted">Chaque personne d'un groupe coché est invitée à lire la fiche, y compris celles qui arrivent après sa publication.</p>
          <div className="checks checks--columns">
            {PROCEDURE_GROUPS.map((group) => (
              <label key={group}>
                <input type="checkbox" value={group} defaultChecked={checked(defaultValues.groups, group)} {...register("groups")} />
                <span>
                  {PROCEDURE_GROUP_LABELS[group]}
                  <span className="checks__detail small muted">{PROCEDURE_GROUP_HINTS[group]}</span>
                </span>
              </label>
            ))}
          </div>
          {errorFor("groups") ? <p className="field-error">{errorFor("groups")}</p> : null}
        </fieldset>
        <p className="small muted">La date d'actualisation est celle de la publication de la version.</p>
      </fieldset>

      <div className="minutes-editor">
        <Field label="Contenu de la fiche" hint={RICH_TEXT_HELP} error={errorFor("body")}>
          {(p) => (
            <>
              {hydrated ? <MarkdownToolbar targetId={p.id} label="Mise en forme du contenu" /> : null}
              <textarea rows={16} {...p} {...register("body")} onKeyDown={onFormatShortcut} />
            </>
          )}
        </Field>
        <TextPreview text={body} label="Aperçu du contenu" />
      </div>

      {version > 1 ? (
        <Field label="Objet de la modification" hint={`Ce qui change dans la version ${version}, dit aux personnes concernées et repris dans l'historique des versions. Obligatoire pour publier.`} error={errorFor("changeNote")}>
          {(p) => <textarea rows={2} {...p} {...register("changeNote")} />}
        </Field>
      ) : null}

      <div className="sticky-actions">
        <button type="submit" name="intent" value="save" className="button button--secondary" disabled={submitting}>
          {saveLabel}
        </button>
        <button type="submit" name="intent" value="publish" className="button button--primary" disabled={submitting}>
          {publishLabel}
        </button>
      </div>
    </ValidatedFormElement>
  );
}
