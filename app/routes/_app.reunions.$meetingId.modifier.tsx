import { FieldError } from "~/modules/errors";
// The details of a meeting: series, title, date and times, place, chair, writer, document header.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MeetingForm } from "~/components/meeting-form";
import { meetingSchema } from "~/modules/meeting/schema.server";
import { meetingFormChoices, updateMeeting } from "~/modules/meeting/meetings.server";
import { redirectWithToast } from "~/session.server";
import { requireEditableMeeting } from "~/modules/meeting/access.server";
import { badRequest, fieldError, formValues, validate, readForm } from "~/utils/forms.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Modifier — ${data?.meeting.title ?? "Réunion"} — Cap Qualité` }];


export async function loader({ request, params }: LoaderFunctionArgs) {
  const { ctx, meeting } = await requireEditableMeeting(request, params);
  const chosen = [meeting.chair, meeting.writer, meeting.referent, meeting.followUp].map((p) => p?.id ?? null);
  return json({ meeting, choices: await meetingFormChoices(ctx.scope, chosen) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { ctx, meeting } = await requireEditableMeeting(request, params);
  const parsed = validate(meetingSchema, formValues(await readForm(request)));
  if (!parsed.ok) return badRequest(parsed.errors);
  try {
    await updateMeeting(ctx.scope, { meetingId: meeting.id }, parsed.data);
  } catch (error) {
    if (error instanceof FieldError) return fieldError(error.field, error.message);
    throw error;
  }
  return redirectWithToast(request, `/reunions/${meeting.id}`, { kind: "success", message: "Réunion enregistrée." });
}

export default function EditMeetingPage() {
  const { meeting, choices } = useLoaderData<typeof loader>();
  const id = (p: { id: number } | null) => (p ? String(p.id) : "");
  return (
    <section className="page">
      <p>
        <Link to={`/reunions/${meeting.id}`}>← {meeting.title}</Link>
      </p>
      <h1>Modifier la réunion</h1>
      <MeetingForm
        planning={false}
        series={choices.series}
        people={choices.people}
        submitLabel="Enregistrer"
        defaultValues={{
          seriesId: String(meeting.seriesId),
          title: meeting.title,
          heldOn: meeting.heldOn,
          startTime: meeting.startTime,
          endTime: meeting.endTime ?? "",
          place: meeting.place,
          chairId: id(meeting.chair),
          writerId: id(meeting.writer),
          referentId: id(meeting.referent),
          followUpId: id(meeting.followUp),
          concerned: meeting.concerned,
          agenda: "",
          inviteeIds: [],
        }}
      />
    </section>
  );
}

export { ErrorBoundary } from "~/components/error-boundary";
