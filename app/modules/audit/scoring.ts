// Conformity rates as an auditor computes them (../shared/docs/domain.md):
// rate of a pillar = Σ(coefficient × points obtained) / Σ(coefficient × maximum points) over the
// measured, applicable criteria; bonus criteria add their points without raising the maximum;
// a mandatory criterion rated on a non-compliant level blocks the label whatever the rate.
import { maxPoints, topChapter, type Criterion, type Referential } from "../referential/rules";

export type CriterionResult =
  | { code: string; status: "rated"; level: string }
  | { code: string; status: "not_measured" }
  | { code: string; status: "not_applicable" };

export type LabellingStage = "first" | "renewal";

export interface RateLine {
  obtained: number;
  maximum: number;
  bonus: number;
  /** percentage (0–100 without bonus; bonus may push it above), null when nothing was measured */
  rate: number | null;
  rated: number;
  toRate: number;
  excluded: number;
}

export interface PillarRate extends RateLine {
  pillar: string;
  label: string;
  threshold: number;
  meetsThreshold: boolean | null;
}

export interface ChapterRate extends RateLine {
  chapter: string;
  title: string;
}

export type Verdict = "conforme" | "non_conforme" | "incomplet";

export interface Conformity {
  stage: LabellingStage;
  pillars: PillarRate[];
  chapters: ChapterRate[];
  /** mandatory criteria rated on a non-compliant level */
  blocking: string[];
  /** mandatory criteria not measured yet: the verdict cannot be final */
  mandatoryUnmeasured: string[];
  /** criteria rated on a non-compliant level (candidates for improvement points) */
  failing: string[];
  verdict: Verdict;
  rated: number;
  toRate: number;
}

export class ResultError extends Error {}

function emptyLine(): RateLine {
  return { obtained: 0, maximum: 0, bonus: 0, rate: null, rated: 0, toRate: 0, excluded: 0 };
}

function finish(line: RateLine): RateLine {
  const rate = line.maximum > 0 ? ((line.obtained + line.bonus) / line.maximum) * 100 : null;
  return { ...line, rate: rate === null ? null : Math.round(rate * 100) / 100 };
}

/**
 * Checks that a result fits its criterion: a known level of its scale, and never "non
 * concerné" on a mandatory criterion.
 */
export function checkResult(referential: Referential, result: CriterionResult): string | null {
  const criterion = referential.criteria.find((c) => c.code === result.code);
  if (!criterion) return `Critère ${result.code} : inconnu dans ce référentiel.`;
  if (result.status === "not_applicable" && criterion.mandatory) {
    return `Critère ${result.code} : un critère obligatoire ne peut pas être « non concerné ».`;
  }
  if (result.status === "rated") {
    const scale = referential.scales.find((s) => s.code === criterion.scale);
    if (!scale?.levels.some((l) => l.code === result.level)) {
      return `Critère ${result.code} : niveau « ${result.level} » inconnu pour cette échelle.`;
    }
  }
  return null;
}

export function computeConformity(
  referential: Referential,
  results: readonly CriterionResult[],
  stage: LabellingStage,
): Conformity {
  const scales = new Map(referential.scales.map((s) => [s.code, s]));
  const byCode = new Map(results.map((r) => [r.code, r]));
  const pillarLines = new Map(referential.pillars.map((p) => [p.code, emptyLine()]));
  const chapterTitles = new Map(referential.chapters.map((c) => [c.code, c.title]));
  const chapterLines = new Map<string, RateLine>();
  for (const c of referential.chapters.filter((ch) => ch.parent === null)) chapterLines.set(c.code, emptyLine());
  const blocking: string[] = [];
  const mandatoryUnmeasured: string[] = [];
  const failing: string[] = [];
  let rated = 0;
  let toRate = 0;
  let requiredToRate = 0;

  for (const result of results) {
    const problem = checkResult(referential, result);
    if (problem) throw new ResultError(problem);
  }
  for (const criterion of referential.criteria) {
    const result = byCode.get(criterion.code);
    const chapter = topChapter(referential.chapters, criterion.chapter);
    if (!chapterLines.has(chapter)) chapterLines.set(chapter, emptyLine());
    const lines = [pillarLines.get(criterion.pillar), chapterLines.get(chapter)].filter((l): l is RateLine => Boolean(l));
    if (!result) {
      toRate += 1;
      if (!criterion.bonus) requiredToRate += 1;
      for (const l of lines) l.toRate += 1;
      if (criterion.mandatory) mandatoryUnmeasured.push(criterion.code);
      continue;
    }
    rated += 1;
    for (const l of lines) l.rated += 1;
    if (result.status !== "rated") {
      for (const l of lines) l.excluded += 1;
      if (result.status === "not_measured" && criterion.mandatory) mandatoryUnmeasured.push(criterion.code);
      continue;
    }
    addRated(criterion, result.level, scales.get(criterion.scale)!, lines, { blocking, failing });
  }

  const pillars: PillarRate[] = referential.pillars.map((p) => {
    const raw = pillarLines.get(p.code)!;
    const line = finish(raw);
    const threshold = stage === "first" ? p.thresholds.first : p.thresholds.renewal;
    // Judged on the exact fraction, not on the rounded percentage shown.
    const meets = raw.maximum > 0 ? (raw.obtained + raw.bonus) * 100 >= threshold * raw.maximum : null;
    return { ...line, pillar: p.code, label: p.label, threshold, meetsThreshold: meets };
  });
  const chapters: ChapterRate[] = [...chapterLines.entries()].map(([chapter, line]) => ({
    ...finish(line),
    chapter,
    title: chapterTitles.get(chapter) ?? chapter,
  }));

  // A failed mandatory criterion is final; rates are judged only once everything is rated.
  let verdict: Verdict;
  if (blocking.length > 0) verdict = "non_conforme";
  // A pillar with nothing measurable once everything is rated (all "non concerné") has no rate
  // to judge: it does not hold the verdict back.
  // Bonus criteria left unrated do not hold it back either.
  else if (requiredToRate > 0 || mandatoryUnmeasured.length > 0) verdict = "incomplet";
  else if (pillars.some((p) => p.meetsThreshold === false)) verdict = "non_conforme";
  else verdict = "conforme";

  return { stage, pillars, chapters, blocking, mandatoryUnmeasured, failing, verdict, rated, toRate };
}

function addRated(
  criterion: Criterion,
  levelCode: string,
  scale: { levels: Array<{ code: string; points: number; compliant: boolean }> },
  lines: RateLine[],
  lists: { blocking: string[]; failing: string[] },
) {
  const level = scale.levels.find((l) => l.code === levelCode)!;
  const max = maxPoints(scale as Parameters<typeof maxPoints>[0]);
  for (const l of lines) {
    if (criterion.bonus) {
      l.bonus += criterion.coefficient * level.points;
    } else {
      l.obtained += criterion.coefficient * level.points;
      l.maximum += criterion.coefficient * max;
    }
  }
  if (!level.compliant && !criterion.bonus) {
    lists.failing.push(criterion.code);
    if (criterion.mandatory) lists.blocking.push(criterion.code);
  }
}
