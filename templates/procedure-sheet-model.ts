// What a procedure sheet's Word document shows: plain values built by
// app/modules/procedure/queries.server.ts (sheetDocument), so that the template knows nothing of
// HTTP or knex.
import type { QualityHeader } from "./quality-header";

export interface ProcedureSheetDocumentModel {
  officeName: string;
  /** "FQ-07" */
  code: string;
  title: string;
  domain: string;
  version: number;
  /** A draft's document says so in its header. */
  published: boolean;
  /** The version is the one in force (an older one says it has been replaced). */
  inForce: boolean;
  /** The quality-document header, as the seed shows it (templates/quality-header.ts). */
  header: QualityHeader;
  reviewMonths: number;
  /** The next review of the version in force (null for an older version or a draft). */
  nextReviewOn: string | null;
  /** In the Markdown subset of app/domain/markdown.ts. */
  body: string;
  attachments: string[];
  /** The published versions up to this one, oldest first: the sheet's revision table. */
  versions: Array<{ number: number; updatedOn: string; changeNote: string }>;
  /** The people the version concerns, each with the day they confirmed it in the product. */
  readers: Array<{ name: string; confirmedOn: string | null }>;
}
