import { FieldError } from "~/modules/errors";
// Planning a meeting: series, date and time, place, agenda, people invited.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireOffice } from "~/auth.server";
import { MeetingForm } from "~/components/meeting-form";
import { newMeetingSchema } from "~/modules/meeting/schema.server";
import { defaultAgenda } from "~/modules/meeting/rules";
import { createMeeting, meetingFormChoices } from "~/modules/meeting/meetings.server";
import { listSeries } from "~/modules/meeting/series.server";
import { redirectWithToast } from "~/session.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction = () => [{ title: "Planifier une réunion — Cap Qualité" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:edit");
  const today = ctx.scope.today;
  const [choices, series] = await Promise.all([meetingFormChoices(ctx.scope), listSeries(ctx.scope)]);
  const wanted = Number(new URL(request.url).searchParams.get("serie"));
  const chosen = series.find((s) => s.id === wanted) ?? series[0] ?? null;
  const me = ctx.membership.personId && choices.people.some((p) => p.id === ctx.membership.personId) ? String(ctx.membership.personId) : "";
  return json({
    choices,
    defaults: {
      seriesId: chosen ? String(chosen.id) : "",
      title: chosen ? chosen.name : "",
      // The due date of the cadence, when it is still ahead.
      heldOn: chosen?.schedule.dueOn && chosen.schedule.dueOn >= today ? chosen.schedule.dueOn : "",
      startTime: "14:00",
      endTime: "",
      place: "",
      chairId: "",
      writerId: me,
      referentId: me,
      followUpId: me,
      concerned: "",
      agenda: defaultAgenda(chosen?.kind ?? "quality_group").join("\n"),
      inviteeIds: choices.people.filter((p) => p.member).map((p) => String(p.id)),
    },
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const ctx = await requireOffice(request, "meetings:edit");
  const parsed = validate(newMeetingSchema, formValues(await readForm(request), { lists: ["inviteeIds"] }));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    const id = await createMeeting(ctx.scope, parsed.data);
    return redirectWithToast(request, `/reunions/${id}`, { kind: "success", message: "Réunion planifiée. Notez les présences le jour venu, puis rédigez le compte rendu." });
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
}

export default function NewMeetingPage() {
  const { choices, defaults } = useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p>
        <Link to="/reunions">← Réunions</Link>
      </p>
      <h1>Planifier une réunion</h1>
      {choices.series.length === 0 ? (
        <p className="notice">
          Créez d'abord une <Link to="/reunions/series/nouvelle">série de réunions</Link>.
        </p>
      ) : (
        <MeetingForm planning series={choices.series} people={choices.people} defaultValues={defaults} submitLabel="Planifier la réunion" />
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
