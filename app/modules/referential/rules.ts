// A référentiel version: its rating scales, pillars, chapters and criteria, as loaded from a
// file under audits/. Plain data; the schema that checks files is in referential-schema.ts.

export interface ScaleLevel {
  code: string;
  label: string;
  points: number;
  /** whether this level meets the criterion (a mandatory criterion fails on a level that does not) */
  compliant: boolean;
}

export interface RatingScale {
  code: string;
  label: string;
  levels: ScaleLevel[];
}

export interface Pillar {
  code: string;
  label: string;
  /** minimum conformity rate in percent, at first labelling and at renewal */
  thresholds: { first: number; renewal: number };
}

export interface Chapter {
  code: string;
  title: string;
  parent: string | null;
}

export interface Criterion {
  code: string;
  text: string;
  chapter: string;
  scale: string;
  coefficient: number;
  mandatory: boolean;
  bonus: boolean;
  pillar: string;
  check: string;
  guidance: string;
}

export interface Referential {
  code: string;
  label: string;
  version: string;
  validFrom: string;
  validUntil: string | null;
  /**
   * How many years a label granted or renewed on this grid lasts (`validity` in the file); the
   * end date and next audit a decision proposes. Null when the file does not say (grids
   * imported before the field existed).
   */
  validityYears?: number | null;
  notice: string;
  scales: RatingScale[];
  pillars: Pillar[];
  chapters: Chapter[];
  criteria: Criterion[];
}

export function maxPoints(scale: RatingScale): number {
  return Math.max(...scale.levels.map((l) => l.points));
}

/** The chapter at the top of a (sub-)chapter's line. */
export function topChapter(chapters: readonly Chapter[], code: string): string {
  const byCode = new Map(chapters.map((c) => [c.code, c]));
  let current = byCode.get(code);
  const seen = new Set<string>();
  while (current?.parent && !seen.has(current.code)) {
    seen.add(current.code);
    current = byCode.get(current.parent);
  }
  return current?.code ?? code;
}

/** A référentiel version offered in a form, with its pillars. */
export interface ReferentialChoice {
  id: number;
  code: string;
  label: string;
  version: string;
  pillars: Array<{ code: string; label: string }>;
  /** Years a label granted on this version lasts, when its file says. */
  validityYears: number | null;
}
