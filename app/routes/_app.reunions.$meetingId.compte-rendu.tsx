import { FieldError } from "~/modules/errors";
// Writing the minutes: each agenda point with its text and decisions, the summary, the closing
// time; and the actions decided, created straight into the action plan.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useBeforeUnload, useBlocker, useFetcher, useLoaderData } from "@remix-run/react";
import { FormTokenField } from "~/components/once-form";
import { useCallback, useEffect, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type Control, type Path } from "react-hook-form";
import { PrioritySelect, SiteChecks } from "~/components/action-form";
import { ChoiceSelect } from "~/components/choice-select";
import { Field, SubmitButton, ValidatedFormElement, lazyResolver, lazySchema, useValidatedForm } from "~/components/form";
import { MarkdownToolbar, onFormatShortcut } from "~/components/markdown-toolbar";
import { RICH_TEXT_HELP } from "~/components/rich-text";
import { TextPreview } from "~/components/text-preview";
import { ACTION_STATUS_LABELS } from "~/modules/action/rules";
import { formatClockTime, formatDate, formatLongDate } from "~/domain/dates";
import { REGISTER_KINDS, REGISTER_TITLES, type RegisterKind } from "~/modules/register/rules";
import { MAX_SECTIONS, meetingActionSchema, minutesIntentSchema, minutesSchema, type MinutesInput } from "~/modules/meeting/schema.server";
import { actionFormChoices } from "~/modules/action/choices.server";
import { createMeetingAction, getMeeting } from "~/modules/meeting/meetings.server";
import { MinutesConflictError, minutesProblem, saveMinutes } from "~/modules/meeting/minutes.server";
import { listSeasons } from "~/modules/indicator/queries.server";
import { CATEGORIES, CATEGORY_LABELS, monthName, type Category, type Season } from "~/modules/indicator/rules";
import { redirectWithToast } from "~/session.server";
import { requireEditableMeeting } from "~/modules/meeting/access.server";
import { can } from "~/auth.server";
import { badRequest, fieldError, formError, formRows, formValues, validate, readForm } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyMinutesSchema = lazySchema(() => import("~/modules/meeting/schema").then((m) => m.minutesSchema));
const lazyMeetingActionSchema = lazySchema(() => import("~/modules/meeting/schema").then((m) => m.meetingActionSchema));
const preloadMinutesSchema = () => void lazyMinutesSchema.load().catch(() => undefined);

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Compte rendu — ${data?.meeting.title ?? "Réunion"} — Cap Qualité` }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, meeting } = await requireEditableMeeting(request, params);
  const [choices, seasons] = await Promise.all([can(ctx.role, "actions:edit") ? actionFormChoices(ctx.scope) : null, listSeasons(ctx.scope)]);
  return json({ meeting, choices: choices ? { people: choices.people, sites: choices.sites } : null, seasons });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, meeting } = await requireEditableMeeting(request, params);
  const form = await readForm(request);
  const values = formValues(form, { lists: ["siteIds"] });
  const query = { meetingId: meeting.id };
  const back = `/reunions/${meeting.id}/compte-rendu`;
  const intent = minutesIntentSchema.safeParse(values.intent ?? "save");
  if (!intent.success) return formError("Ce formulaire n'est pas reconnu : rechargez la page et recommencez.", 400, "minutes");
  if (intent.data.kind === "action") {
    if (!can(ctx.role, "actions:edit")) return formError("Vous ne pouvez pas créer d'action.", 403, "action");
    const parsed = validate(meetingActionSchema, values);
    if (!parsed.ok) return badRequest(parsed.errors, "action");
    try {
      await createMeetingAction(ctx.scope, query, parsed.data);
    } catch (error) {
      if (error instanceof FieldError) return fieldError(error.field, error.message, "action");
      throw error;
    }
    // Back to the same page: the minutes being typed stay as they are in their form.
    return redirectWithToast(request, `${back}#actions`, { kind: "success", message: `Action « ${parsed.data.title} » ajoutée au plan d'actions.` });
  }
  const op = intent.data;
  // With JavaScript the page saves through a fetcher and stays as it is (the form then says
  // `inPlace`); without, the browser posts the page and is sent back to it.
  const fromScript = values.inPlace === "1";
  const parsed = validate(minutesSchema, { ...values, sections: formRows(form, "sections", MAX_SECTIONS + 1) });
  if (!parsed.ok) return badRequest(parsed.errors, "minutes");
  const problem = minutesProblem({ adding: op.kind === "add-section", sectionCount: parsed.data.sections.length, endTime: parsed.data.endTime || null, startTime: meeting.startTime }, MAX_SECTIONS);
  if (problem) return problem.field ? fieldError(problem.field, problem.message, "minutes") : formError(problem.message, 400, "minutes");
  let version: number | null;
  try {
    version = await saveMinutes(ctx.scope, query, parsed.data, op, parsed.data.version);
  } catch (error) {
    if (error instanceof MinutesConflictError) {
      const current = await getMeeting(ctx.scope, { ...query, userId: ctx.user.id });
      return json(
        {
          fieldErrors: {},
          intent: "minutes",
          // The page keeps what was typed and takes this version: saving again is on purpose.
          conflictVersion: current?.minutesVersion ?? 0,
          formError:
            "Le compte rendu a été enregistré entre-temps (dans un autre onglet ou par une autre personne). Votre texte est resté sur la page : relisez-le, puis enregistrez-le de nouveau pour qu'il remplace l'autre version (elle restera dans l'historique).",
        },
        { status: 409 },
      );
    }
    if (error instanceof FieldError) return fieldError(error.field, error.message, "minutes");
    throw error;
  }
  if (!fromScript) {
    const anchor = op.kind === "add-section" ? `#point-${parsed.data.sections.length + 1}` : op.kind === "save" ? "" : "#ordre-du-jour";
    return redirectWithToast(request, `${back}${anchor}`, { kind: "success", message: "Compte rendu enregistré." });
  }
  const saved = await getMeeting(ctx.scope, { ...query, userId: ctx.user.id });
  return json({
    savedVersion: version ?? 0,
    sectionIds: saved?.sections.map((x) => x.id) ?? [],
    minutes: saved ? savedMinutes(saved) : null,
    savedAt: new Date().toISOString(),
  } satisfies SavedAnswer);
}

export default function MinutesPage() {
  const { meeting, choices, seasons } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to={`/reunions/${meeting.id}`}>← {meeting.title}</Link>
      </p>
      <h1>Compte rendu</h1>
      <p className="muted">
        {meeting.title}, {formatLongDate(meeting.heldOn)}. Chaque bouton enregistre tout ce qui est écrit sur la page.
      </p>
      <MinutesForm meeting={meeting} seasons={seasons} />
      {choices ? <MeetingActions meeting={meeting} people={choices.people} sites={choices.sites} /> : null}
    </section>
  );
}

interface SavedAnswer {
  savedVersion: number;
  /** The points as saved, in order: when the page's differ (a point added, moved, removed, or one
   * that came back as new), the form takes the saved minutes (`minutes`) afresh. */
  sectionIds: number[];
  minutes: SavedMinutes | null;
  savedAt: string;
}

/** The minutes as the form holds them (every value a string). */
interface SavedMinutes {
  sections: Array<{
    id: string;
    title: string;
    body: string;
    decisions: string;
    register: RegisterKind | "";
    registerFrom: string;
    registerTo: string;
    indicatorPeriod: string;
    indicatorYear: string;
    indicatorCategory: Category | "";
  }>;
  summary: string;
  endTime: string;
  version: string;
}

type MinutesAnswer = Partial<SavedAnswer> & { fieldErrors?: Record<string, string>; formError?: string; conflictVersion?: number };

type MeetingData = ReturnType<typeof useLoaderData<typeof loader>>["meeting"];

function savedMinutes(meeting: Pick<MeetingData, "sections" | "summary" | "endTime" | "minutesVersion" | "heldOn">): SavedMinutes {
  // A point without indicators offers the year before the meeting's (the seed's March 2021
  // meeting reviews the season 2020 against 2019).
  const defaultYear = String(Number(meeting.heldOn.slice(0, 4)) - 1);
  return {
    sections: meeting.sections.map((s) => ({
      id: String(s.id),
      title: s.title,
      body: s.body,
      decisions: s.decisions.map((d) => d.text).join("\n"),
      register: s.register?.kind ?? "",
      registerFrom: s.register?.from ?? "",
      registerTo: s.register?.to ?? "",
      indicatorPeriod: s.indicators?.choice ?? "",
      indicatorYear: s.indicators ? String(s.indicators.year) : defaultYear,
      indicatorCategory: s.indicators?.category ?? "",
    })),
    summary: meeting.summary,
    endTime: meeting.endTime ?? "",
    version: String(meeting.minutesVersion),
  };
}

/**
 * The minutes as one form, saved through a fetcher: the page never reloads under the writer's
 * hands. After a save the form takes the saved minutes afresh only when the agenda changed;
 * otherwise it keeps what is on the page, and what was typed since the click stays "not saved".
 * A save made elsewhere is a conflict: the text stays, the page takes the newer version.
 */
function MinutesForm({ meeting, seasons }: { meeting: MeetingData; seasons: Season[] }) {
  const fetcher = useFetcher<MinutesAnswer>();
  const form = useForm<MinutesInput>({
    // Fetched on demand and parsed sync, as in useValidatedForm (decision 051).
    resolver: lazyResolver<MinutesInput>(lazyMinutesSchema),
    defaultValues: savedMinutes(meeting),
    mode: "onTouched",
  });
  const { register } = form;
  const { fields } = useFieldArray({ control: form.control, name: "sections" });
  const submitted = useRef<{ values: MinutesInput; intent: string } | null>(null);
  const handled = useRef<MinutesAnswer | null>(null);
  const [focusPoint, setFocusPoint] = useState<number | null>(null);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const submitting = fetcher.state !== "idle";
  // While a point is added, moved or removed, the texts wait: the answer redraws the agenda.
  const inFlight = fetcher.formData?.get("intent");
  const agendaBusy = submitting && typeof inFlight === "string" && inFlight !== "save";
  const answer = fetcher.state === "idle" ? fetcher.data : undefined;

  useEffect(() => {
    if (!answer || handled.current === answer) return;
    handled.current = answer;
    if (answer.conflictVersion !== undefined) {
      form.setValue("version", String(answer.conflictVersion));
      return;
    }
    const sent = submitted.current;
    if (answer.savedVersion === undefined || !sent) return;
    setSavedAt(answer.savedAt ?? null);
    const onPage = (form.getValues("sections") ?? []).map((s) => String(s.id ?? ""));
    const sameAgenda = onPage.length === answer.sectionIds?.length && onPage.every((id, i) => id === String(answer.sectionIds?.[i]));
    if (sameAgenda || !answer.minutes) {
      // What was sent is now the saved text; anything typed since stays marked as not saved.
      form.reset({ ...sent.values, version: String(answer.savedVersion) }, { keepValues: true });
      // shouldDirty: the field is compared with its new default again, and found clean.
      form.setValue("version", String(answer.savedVersion), { shouldDirty: true });
      return;
    }
    form.reset(answer.minutes);
    setFocusPoint(pointToFocus(sent.intent, answer.sectionIds?.length ?? 0));
  }, [answer, form]);

  // After the agenda changed, the keyboard stays where the user was: on the point concerned.
  useEffect(() => {
    if (focusPoint === null || focusPoint >= fields.length) return;
    form.setFocus(`sections.${focusPoint}.title`);
    document.getElementById(`point-${focusPoint + 1}`)?.scrollIntoView({ block: "center" });
    setFocusPoint(null);
  }, [focusPoint, fields, form]);

  const dirty = form.formState.isDirty;
  // Nothing typed is lost by leaving the page by mistake.
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        event.returnValue = "";
      },
      [dirty],
    ),
  );
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search));
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("Le compte rendu a des modifications non enregistrées. Quitter la page sans les enregistrer ?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    // One save at a time: a second one would race the first and look like a conflict.
    if (submitting) {
      event.preventDefault();
      return;
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    void form.handleSubmit(() => {
      submitted.current = { values: form.getValues(), intent: submitter?.value ?? "save" };
      fetcher.submit(submitter ?? event.currentTarget, { method: "post" });
    })(event);
  };
  // Written into the server's HTML too, so that the minutes show (and post back) without JavaScript.
  const valueOf = (name: Path<MinutesInput>): string => {
    const value = form.getValues(name);
    return value === null || value === undefined ? "" : String(value);
  };
  const errorFor = (name: Parameters<typeof form.getFieldState>[0]) => {
    const own = form.getFieldState(name, form.formState).error?.message;
    return typeof own === "string" ? own : answer?.fieldErrors?.[name];
  };
  const confirmRemoval = (index: number) => (event: React.MouseEvent<HTMLButtonElement>) => {
    const body = form.getValues(`sections.${index}.body`);
    const decisions = form.getValues(`sections.${index}.decisions`);
    if ((body || decisions) && !window.confirm("Ce point contient du texte. Le retirer du compte rendu ? (Son texte reste consultable dans l'historique.)")) {
      event.preventDefault();
    }
  };
  return (
    <fetcher.Form method="post" noValidate onSubmit={onSubmit} onFocus={preloadMinutesSchema} className="form minutes-form" aria-label="Compte rendu">
      <FormTokenField />
      {answer?.formError ? (
        <p className="form-error" role="alert">
          {answer.formError}
        </p>
      ) : null}
      {/* The form's first submit button is the one Enter presses in a field: it saves. */}
      <button type="submit" name="intent" value="save" className="visually-hidden" tabIndex={-1} aria-hidden="true" disabled={submitting}>
        Enregistrer
      </button>
      <input type="hidden" {...register("version")} defaultValue={valueOf("version")} />
      {hydrated ? <input type="hidden" name="inPlace" value="1" /> : null}
      <h2 id="ordre-du-jour">Ordre du jour</h2>
      <p className="small muted">{RICH_TEXT_HELP}</p>
      {fields.map((field, i) => (
        <fieldset key={field.id} className="fieldset fieldset--framed minutes-form__section" id={`point-${i + 1}`}>
          <legend>Point {i + 1}</legend>
          <input type="hidden" {...register(`sections.${i}.id`)} defaultValue={valueOf(`sections.${i}.id`)} />
          <Field label="Titre du point" error={errorFor(`sections.${i}.title`)} required>
            {(p) => <input type="text" {...p} {...register(`sections.${i}.title`)} defaultValue={valueOf(`sections.${i}.title`)} readOnly={agendaBusy} />}
          </Field>
          <div className="minutes-editor">
            <Field label="Compte rendu" error={errorFor(`sections.${i}.body`)}>
              {(p) => (
                <>
                  {hydrated ? <MarkdownToolbar targetId={p.id} label={`Mise en forme du point ${i + 1}`} disabled={agendaBusy} /> : null}
                  <textarea rows={8} {...p} {...register(`sections.${i}.body`)} defaultValue={valueOf(`sections.${i}.body`)} readOnly={agendaBusy} onKeyDown={onFormatShortcut} />
                </>
              )}
            </Field>
            <Preview control={form.control} name={`sections.${i}.body`} label={`Aperçu du point ${i + 1}`} />
          </div>
          <Field label="Décisions" hint="Une décision par ligne." error={errorFor(`sections.${i}.decisions`)}>
            {(p) => <textarea rows={2} {...p} {...register(`sections.${i}.decisions`)} defaultValue={valueOf(`sections.${i}.decisions`)} readOnly={agendaBusy} />}
          </Field>
          <fieldset className="fieldset minutes-form__register">
            <legend>Synthèse d'un registre sous ce point</legend>
            <Field label="Registre" hint="Le compte rendu montre ses entrées de la période et leurs actions ; le tableau est figé à la publication." error={errorFor(`sections.${i}.register`)}>
              {(p) => (
                <select {...p} {...register(`sections.${i}.register`)} defaultValue={valueOf(`sections.${i}.register`)} disabled={agendaBusy}>
                  <option value="">Aucun</option>
                  {REGISTER_KINDS.map((kind) => (
                    <option key={kind} value={kind}>
                      {REGISTER_TITLES[kind]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="minutes-form__register-days">
              <Field label="Du" hint="Vide : depuis la réunion précédente de la série." error={errorFor(`sections.${i}.registerFrom`)}>
                {(p) => <input type="date" {...p} {...register(`sections.${i}.registerFrom`)} defaultValue={valueOf(`sections.${i}.registerFrom`)} readOnly={agendaBusy} />}
              </Field>
              <Field label="Au" hint="Vide : le jour de la réunion." error={errorFor(`sections.${i}.registerTo`)}>
                {(p) => <input type="date" {...p} {...register(`sections.${i}.registerTo`)} defaultValue={valueOf(`sections.${i}.registerTo`)} readOnly={agendaBusy} />}
              </Field>
            </div>
            {meeting.sections[i]?.registerSummary && String(meeting.sections[i]?.id) === valueOf(`sections.${i}.id`) ? (
              <p className="small muted">
                Enregistré : {meeting.sections[i]!.registerSummary!.total} entrée{meeting.sections[i]!.registerSummary!.total > 1 ? "s" : ""} du {formatDate(meeting.sections[i]!.registerSummary!.from)} au{" "}
                {formatDate(meeting.sections[i]!.registerSummary!.to)}, à voir sur la page de la réunion.
              </p>
            ) : null}
          </fieldset>
          <fieldset className="fieldset minutes-form__register">
            <legend>Indicateurs sous ce point</legend>
            <div className="minutes-form__register-days">
              <Field label="Période" hint="Comparée à la même période de l'année précédente ; le tableau est figé à la publication." error={errorFor(`sections.${i}.indicatorPeriod`)}>
                {(p) => (
                  <select {...p} {...register(`sections.${i}.indicatorPeriod`)} defaultValue={valueOf(`sections.${i}.indicatorPeriod`)} disabled={agendaBusy}>
                    <option value="">Aucune</option>
                    <option value="annee">L'année entière</option>
                    {seasons.map((season) => (
                      <option key={season.id} value={`saison-${season.id}`}>
                        {season.name}
                      </option>
                    ))}
                    {Array.from({ length: 12 }, (_, m) => (
                      <option key={m} value={`mois-${String(m + 1).padStart(2, "0")}`}>
                        {monthName(m + 1)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field label="Année" error={errorFor(`sections.${i}.indicatorYear`)}>
                {(p) => <input type="number" min={1990} max={2100} inputMode="numeric" className="input--year" {...p} {...register(`sections.${i}.indicatorYear`)} defaultValue={valueOf(`sections.${i}.indicatorYear`)} readOnly={agendaBusy} />}
              </Field>
              <Field label="Catégorie" error={errorFor(`sections.${i}.indicatorCategory`)}>
                {(p) => (
                  <select {...p} {...register(`sections.${i}.indicatorCategory`)} defaultValue={valueOf(`sections.${i}.indicatorCategory`)} disabled={agendaBusy}>
                    <option value="">Toutes</option>
                    {CATEGORIES.map((c) => (
                      <option key={c} value={c}>
                        {CATEGORY_LABELS[c]}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {meeting.sections[i]?.indicatorTable && String(meeting.sections[i]?.id) === valueOf(`sections.${i}.id`) ? (
              <p className="small muted">
                Enregistré : {meeting.sections[i]!.indicatorTable!.title.replace(/^Indicateurs[^—]*— /, "")}
                {meeting.sections[i]!.indicatorTable!.table ? `, ${meeting.sections[i]!.indicatorTable!.table!.rows.length} indicateur${meeting.sections[i]!.indicatorTable!.table!.rows.length > 1 ? "s" : ""}` : ", aucun chiffre saisi"}, à voir sur la page de la réunion.
              </p>
            ) : null}
          </fieldset>
          <div className="actions-row">
            <button type="submit" name="intent" value={`move-up:${i}`} className="button button--small" disabled={i === 0 || submitting}>
              Monter
            </button>
            <button type="submit" name="intent" value={`move-down:${i}`} className="button button--small" disabled={i === fields.length - 1 || submitting}>
              Descendre
            </button>
            <button type="submit" name="intent" value={`remove-section:${i}`} className="button button--small button--danger" onClick={confirmRemoval(i)} disabled={submitting}>
              Retirer ce point
            </button>
          </div>
        </fieldset>
      ))}
      {errorFor("sections") ? <p className="field-error">{errorFor("sections")}</p> : null}
      <p>
        <button type="submit" name="intent" value="add-section" className="button button--secondary" disabled={submitting}>
          Ajouter un point à l'ordre du jour
        </button>
      </p>
      <h2>Conclusion</h2>
      <div className="minutes-editor">
        <Field label="En résumé" hint="Ce que le groupe retient, qui travaille sur quoi." error={errorFor("summary")}>
          {(p) => (
            <>
              {hydrated ? <MarkdownToolbar targetId={p.id} label="Mise en forme du résumé" disabled={agendaBusy} /> : null}
              <textarea rows={6} {...p} {...register("summary")} defaultValue={valueOf("summary")} readOnly={agendaBusy} onKeyDown={onFormatShortcut} />
            </>
          )}
        </Field>
        <Preview control={form.control} name="summary" label="Aperçu du résumé" />
      </div>
      <Field label="Fin de réunion" hint="hh:mm" error={errorFor("endTime")}>
        {(p) => <input type="time" {...p} {...register("endTime")} defaultValue={valueOf("endTime")} readOnly={agendaBusy} />}
      </Field>
      <div className="sticky-actions">
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={submitting}>
          {submitting ? "Enregistrement…" : "Enregistrer le compte rendu"}
        </button>
        <span className="small" role="status">
          {dirty ? "Modifications non enregistrées" : savedAt ? `Enregistré à ${formatClockTime(savedAt)}` : ""}
        </span>
      </div>
    </fetcher.Form>
  );
}

/** The point to put the keyboard on after an agenda change: the new one, the one moved, or the one now in place of the removed one. */
function pointToFocus(intent: string, count: number): number | null {
  if (intent === "add-section") return count - 1;
  const match = /^(move-up|move-down|remove-section):(\d+)$/.exec(intent);
  if (!match) return null;
  const index = Number(match[2]);
  const target = match[1] === "move-up" ? index - 1 : match[1] === "move-down" ? index + 1 : Math.min(index, count - 1);
  return target >= 0 && target < count ? target : null;
}

/** The point's text as it will read on the meeting page and in the Word document, as it is typed. */
function Preview({ control, name, label }: { control: Control<MinutesInput>; name: `sections.${number}.body` | "summary"; label: string }) {
  return <TextPreview text={useWatch({ control, name })} label={label} />;
}

function MeetingActions({
  meeting,
  people,
  sites,
}: {
  meeting: { id: number; sections: Array<{ id: number; title: string }>; actions: Array<{ id: number; title: string; ownerName: string; dueOn: string | null; status: keyof typeof ACTION_STATUS_LABELS; siteNames: string[] }> };
  people: Array<{ id: number; name: string }>;
  sites: Array<{ id: number; name: string }>;
}) {
  const { register, errorFor, formError: error, onSubmit, submitting } = useValidatedForm(
    lazyMeetingActionSchema,
    { title: "", description: "", sectionId: "", ownerId: "", siteIds: [], dueOn: "", priority: "normale" },
    { intent: "action", resetAfterSuccess: true },
  );
  return (
    <section className="card card--wide" aria-labelledby="actions">
      <h2 id="actions">Actions décidées</h2>
      {meeting.actions.length ? (
        <ul className="plain-list">
          {meeting.actions.map((a) => (
            <li key={a.id}>
              <Link to={`/plan-d-actions/${a.id}`}>{a.title}</Link> — {a.ownerName}
              {a.siteNames.length ? `, ${a.siteNames.join(", ")}` : ""}, {a.dueOn ? `pour le ${formatDate(a.dueOn)}` : "sans échéance"} ({ACTION_STATUS_LABELS[a.status].toLowerCase()})
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Aucune action pour l'instant.</p>
      )}
      <ValidatedFormElement onSubmit={onSubmit} formError={error} aria-label="Créer une action à partir de la réunion">
        <input type="hidden" name="intent" value="action" />
        <h3>Nouvelle action</h3>
        <p className="small muted">Elle entre directement dans le plan d'actions, avec cette réunion pour origine. Le texte du compte rendu déjà saisi reste sur la page.</p>
        <div className="grid-2">
          <Field label="Intitulé" error={errorFor("title")} required>
            {(p) => <input type="text" {...p} {...register("title")} />}
          </Field>
          <Field label="Point de l'ordre du jour" error={errorFor("sectionId")}>
            {(p) => (
              <select {...p} {...register("sectionId")}>
                <option value="">—</option>
                {meeting.sections.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.title}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
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
        <SiteChecks sites={sites} field={register("siteIds")} error={errorFor("siteIds")} />
        <Field label="Description" error={errorFor("description")}>
          {(p) => <textarea rows={2} {...p} {...register("description")} />}
        </Field>
        <SubmitButton submitting={submitting}>Créer l'action</SubmitButton>
      </ValidatedFormElement>
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
