// What the minutes' Word document shows: plain values built by app/modules/meeting/queries.server.ts,
// so that the template knows nothing of HTTP or knex.
import type { RegisterSummary } from "~/modules/register/rules";
import type { QualityHeader } from "./quality-header";
import type { YearOnYearTable } from "./report-models";

/** The office's indicators for a period against the year before, under an agenda point (decision 045). */
export interface MinutesIndicatorTable {
  /** "Indicateurs « Fréquentation » — Saison d'été 2020 par rapport à Saison d'été 2019" */
  title: string;
  /** null: no figure for the period */
  table: YearOnYearTable | null;
}

export interface MinutesAttendee {
  name: string;
  /** "Président de la SPL", "directrice", "élu", "partenaire"…; may be empty. */
  role: string;
}

export interface MinutesDocumentModel {
  officeName: string;
  /** Name of the meeting series, e.g. "Groupe Local Qualité". */
  seriesName: string;
  title: string;
  /** Calendar day "2021-03-25" (Paris). */
  date: string;
  /** "14:00" */
  startTime: string;
  /** Closing time "16:30", or null when not recorded. */
  endTime: string | null;
  place: string;
  /** The quality-document header, as the seed shows it (templates/quality-header.ts). */
  header: QualityHeader;
  chair: string | null;
  writer: string | null;
  present: MinutesAttendee[];
  excused: MinutesAttendee[];
  absent: MinutesAttendee[];
  /** Agenda sections in order; body and summary are in the Markdown subset of app/domain/markdown.ts. */
  sections: Array<{ title: string; body: string; decisions: string[]; /** a register's summary under the point (decision 034) */ register?: RegisterSummary | null; /** the indicators' table under the point */ indicators?: MinutesIndicatorTable | null }>;
  actions: Array<{ title: string; owner: string; sites: string; dueOn: string | null; status: string }>;
  summary: string;
  attachments: string[];
  /** A draft's document says so in its header. */
  published: boolean;
}
