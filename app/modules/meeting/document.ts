// The Word minutes' view model: one meeting as templates/minutes.ts lays it out.
import { ACTION_STATUS_LABELS } from "~/modules/action/rules";
import { type AttendeeStatus } from "./rules";
import type { MinutesDocumentModel } from "../../../templates/minutes-model";
import type { MeetingDetail } from "./meetings.server";

// ---------------------------------------------------------------------------------------------
// The Word document's view model

export function minutesDocument(meeting: MeetingDetail, officeName: string): MinutesDocumentModel {
  const byStatus = (status: AttendeeStatus) => meeting.attendees.filter((a) => a.status === status).map((a) => ({ name: a.name, role: a.role }));
  return {
    officeName,
    seriesName: meeting.seriesName,
    title: meeting.title,
    date: meeting.heldOn,
    startTime: meeting.startTime,
    endTime: meeting.endTime,
    place: meeting.place,
    header: {
      updatedOn: meeting.docUpdatedOn,
      referent: meeting.referent?.name ?? "",
      followUp: meeting.followUp?.name ?? "",
      concerned: meeting.concerned,
    },
    chair: meeting.chair?.name ?? null,
    writer: meeting.writer?.name ?? null,
    present: byStatus("present"),
    excused: byStatus("excused"),
    absent: byStatus("absent"),
    sections: meeting.sections.map((s) => ({ title: s.title, body: s.body, decisions: s.decisions.map((d) => d.text), register: s.registerSummary, indicators: s.indicatorTable })),
    actions: meeting.actions.map((a) => ({
      title: a.title,
      owner: a.ownerName,
      sites: a.siteNames.length ? a.siteNames.join(", ") : "Tout l'office",
      dueOn: a.dueOn,
      status: ACTION_STATUS_LABELS[a.status],
    })),
    summary: meeting.summary,
    attachments: meeting.attachments.map((a) => a.originalName),
    published: meeting.status === "published",
  };
}
