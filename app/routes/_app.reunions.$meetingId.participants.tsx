import { FieldError } from "~/modules/errors";
// Attendance: who is invited, present, excused or absent, in what role; people of the office
// and guests typed in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Field, ValidatedFormElement, lazySchema, useValidatedForm } from "~/components/form";
import { formatLongDate } from "~/domain/dates";
import { attendanceSchema, type AttendanceInput } from "~/modules/meeting/schema.server";
import { ATTENDEE_STATUSES, ATTENDEE_STATUS_LABELS } from "~/modules/meeting/rules";
import { meetingFormChoices, saveAttendance } from "~/modules/meeting/meetings.server";
import { redirectWithToast } from "~/session.server";
import { requireEditableMeeting } from "~/modules/meeting/access.server";
import { badRequest, fieldError, formRows, formValues, validate, parseIntent, unknownIntent, readForm } from "~/utils/forms.server";

// The browser fetches the form schemas (and zod) when a form is first used (decision 051).
const lazyAttendanceSchema = lazySchema(() => import("~/modules/meeting/schema").then((m) => m.attendanceSchema));

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Participants — ${data?.meeting.title ?? "Réunion"} — Cap Qualité` }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, meeting } = await requireEditableMeeting(request, params);
  const choices = await meetingFormChoices(ctx.scope);
  const invited = new Set(meeting.attendees.map((a) => a.personId));
  return json({ meeting, others: choices.people.filter((p) => !invited.has(p.id)) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, meeting } = await requireEditableMeeting(request, params);
  const form = await readForm(request);
  const values = { ...formValues(form, { lists: ["addPersonIds"] }), attendees: formRows(form, "attendees", 200) };
  const intent = parseIntent(values, ["save", "all-present"], "save");
  if (!intent) return unknownIntent();
  const parsed = validate(attendanceSchema, values);
  if (!parsed.ok) return badRequest(parsed.errors);
  // On the day, most of those invited are there: one click, then mark the excused.
  const attendance =
    intent === "all-present"
      ? { ...parsed.data, attendees: parsed.data.attendees.map((a) => (a.status === "invited" ? { ...a, status: "present" as const } : a)) }
      : parsed.data;
  try {
    await saveAttendance(ctx.scope, { meetingId: meeting.id }, attendance);
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, `/reunions/${meeting.id}/participants`, { kind: "success", message: "Participants enregistrés." });
}

export default function AttendancePage() {
  const { meeting, others } = useLoaderData<typeof loader>();
  const defaults: AttendanceInput = {
    attendees: meeting.attendees.map((a) => ({ id: String(a.id), status: a.status, role: a.role, remove: false })),
    addPersonIds: [],
    guestName: "",
    guestRole: "",
    guestStatus: "invited",
  };
  return (
    <section className="page">
      <p>
        <Link to={`/reunions/${meeting.id}`}>← {meeting.title}</Link>
      </p>
      <h1>Participants et présences</h1>
      <p className="muted">
        {meeting.title}, {formatLongDate(meeting.heldOn)}. Le jour de la réunion, notez pour chacun s'il est présent, excusé ou absent : le compte rendu
        en reprend les listes.
      </p>
      <AttendanceForm key={meeting.minutesUpdatedAt} defaults={defaults} meeting={meeting} others={others} />
    </section>
  );
}

function AttendanceForm({
  defaults,
  meeting,
  others,
}: {
  defaults: AttendanceInput;
  meeting: { attendees: Array<{ id: number; name: string; isGuest: boolean }> };
  others: Array<{ id: number; name: string; detail: string }>;
}) {
  const { register, errorFor, formError, onSubmit, submitting } = useValidatedForm(lazyAttendanceSchema, defaults);
  return (
    <ValidatedFormElement onSubmit={onSubmit} formError={formError} aria-label="Participants">
      {meeting.attendees.length === 0 ? (
        <p className="muted">Personne n'est encore invité.</p>
      ) : (
        <table className="table attendance">
          <caption className="visually-hidden">Participants invités</caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Présence</th>
              <th scope="col">Qualité</th>
              <th scope="col">Retirer</th>
            </tr>
          </thead>
          <tbody>
            {meeting.attendees.map((a, i) => (
              <tr key={a.id}>
                <th scope="row">
                  {a.name}
                  {a.isGuest ? <span className="small muted"> (invité extérieur)</span> : null}
                  <input type="hidden" {...register(`attendees.${i}.id`)} />
                </th>
                <td data-label="Présence">
                  <select aria-label={`Présence de ${a.name}`} {...register(`attendees.${i}.status`)}>
                    {ATTENDEE_STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {ATTENDEE_STATUS_LABELS[s]}
                      </option>
                    ))}
                  </select>
                  {errorFor(`attendees.${i}.status`) ? <p className="field-error">{errorFor(`attendees.${i}.status`)}</p> : null}
                </td>
                <td data-label="Qualité">
                  {/* A text that wraps: long qualities ("Vice-présidente de la communauté de communes…") stay readable. Entrée still saves. */}
                  <textarea
                    className="attendance__role"
                    rows={Math.max(1, Math.ceil(String(defaults.attendees?.[i]?.role ?? "").length / 38))}
                    aria-label={`Qualité de ${a.name}`}
                    placeholder="Président de la SPL, élu, partenaire…"
                    {...register(`attendees.${i}.role`)}
                    onKeyDown={(event) => {
                      if (event.key === "Enter" && !event.shiftKey) {
                        event.preventDefault();
                        event.currentTarget.form?.requestSubmit();
                      }
                    }}
                  />
                  {errorFor(`attendees.${i}.role`) ? <p className="field-error">{errorFor(`attendees.${i}.role`)}</p> : null}
                </td>
                <td data-label="Retirer">
                  <input type="checkbox" aria-label={`Retirer ${a.name}`} {...register(`attendees.${i}.remove`)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {errorFor("attendees") ? <p className="field-error">{errorFor("attendees")}</p> : null}

      {others.length ? (
        <fieldset className="fieldset fieldset--framed">
          <legend>Inviter d'autres personnes de l'office</legend>
          <div className="checks checks--columns">
            {others.map((p) => (
              <label key={p.id}>
                <input type="checkbox" value={String(p.id)} {...register("addPersonIds")} />
                <span>
                  {p.name}
                  {p.detail ? <span className="checks__detail small muted">{p.detail}</span> : null}
                </span>
              </label>
            ))}
          </div>
          {errorFor("addPersonIds") ? <p className="field-error">{errorFor("addPersonIds")}</p> : null}
        </fieldset>
      ) : null}

      <fieldset className="fieldset fieldset--framed">
        <legend>Ajouter un invité extérieur</legend>
        <p className="small muted">Une personne qui n'est pas dans l'annuaire de l'office (un journaliste, un intervenant…).</p>
        <div className="grid-3">
          <Field label="Nom de l'invité" error={errorFor("guestName")}>
            {(p) => <input type="text" {...p} {...register("guestName")} />}
          </Field>
          <Field label="Qualité de l'invité" error={errorFor("guestRole")}>
            {(p) => <input type="text" {...p} {...register("guestRole")} />}
          </Field>
          <Field label="Présence de l'invité" error={errorFor("guestStatus")}>
            {(p) => (
              <select {...p} {...register("guestStatus")}>
                {ATTENDEE_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {ATTENDEE_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      {/* "Enregistrer" comes first: it is the button Enter presses in a field. */}
      <div className="actions-row">
        <button type="submit" name="intent" value="save" className="button button--primary" disabled={submitting}>
          {submitting ? "Envoi en cours…" : "Enregistrer les participants"}
        </button>
        {meeting.attendees.length ? (
          <button type="submit" name="intent" value="all-present" className="button button--secondary" disabled={submitting}>
            Marquer présents tous ceux encore « invités »
          </button>
        ) : null}
      </div>
    </ValidatedFormElement>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
