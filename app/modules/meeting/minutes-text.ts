// The minutes as the history keeps them: one text for every version of every word, with the
// lines that tell a point's register summary and indicator table. Pure; apart from ./rules, so
// that the pages using the meetings' rules do not link to the registers' and indicators' words
// (decision 051).
import { formatDate } from "../../domain/dates";
import { CATEGORY_LABELS, type Category } from "../indicator/rules";
import { REGISTER_TITLES } from "../register/rules";
import type { PointRegister } from "./rules";

/** The whole minutes as one text, so that the history keeps every version of every word. */
export function minutesText(points: ReadonlyArray<{ title: string; body: string; decisions: readonly string[]; register: PointRegister | null; indicators: string | null }>): string {
  return points
    .map(
      (s) =>
        `## ${s.title}\n${s.body}${s.register ? `\n${registerLine(s.register)}` : ""}${s.indicators ? `\n${s.indicators}` : ""}${s.decisions.length ? `\nDécisions :\n${s.decisions.join("\n")}` : ""}`,
    )
    .join("\n\n");
}

/** How the history tells a point's indicator table: "Indicateurs : s3:2020 (fréquentation)". */
export function indicatorLine(key: string | null, category: string | null): string | null {
  if (!key) return null;
  return `Indicateurs : ${key}${category && category in CATEGORY_LABELS ? ` (${CATEGORY_LABELS[category as Category].toLowerCase()})` : ""}`;
}

/** How the history tells a point's register summary: "Synthèse : Réclamations, depuis la réunion précédente". */
export function registerLine(r: PointRegister): string {
  const days = r.from || r.to ? `${r.from ? `du ${formatDate(r.from)}` : "depuis la réunion précédente"}${r.to ? ` au ${formatDate(r.to)}` : ""}` : "depuis la réunion précédente";
  return `Synthèse : ${REGISTER_TITLES[r.kind]}, ${days}`;
}
