// Dates as shown in France: always in Europe/Paris, whatever the server's time zone.
export const PARIS = "Europe/Paris";

const dateFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, day: "2-digit", month: "2-digit", year: "numeric" });
const dateTimeFmt = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS,
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const longDateFmt = new Intl.DateTimeFormat("fr-FR", {
  timeZone: PARIS,
  weekday: "long",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "25/03/2021" from an ISO instant, or from a calendar day "2021-03-25". */
export function formatDate(value: string | Date): string {
  return dateFmt.format(toInstant(value));
}

const clockFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, hour: "2-digit", minute: "2-digit" });

/** "21:45": the time of an instant in Paris. */
export function formatClockTime(value: string | Date): string {
  return clockFmt.format(toInstant(value));
}

/** "25/03/2021 14:00" (Paris time). */
export function formatDateTime(value: string | Date): string {
  return dateTimeFmt.format(toInstant(value)).replace(",", "");
}

const dayFmt = new Intl.DateTimeFormat("fr-FR", { timeZone: PARIS, day: "numeric", month: "long", year: "numeric" });

/** "jeudi 25 mars 2021", "jeudi 1er avril 2021". */
export function formatLongDate(value: string | Date): string {
  return withFirstOfMonth(longDateFmt.format(toInstant(value)));
}

/** "26 mars 2021", "1er août 2021". */
export function formatDay(value: string | Date): string {
  return withFirstOfMonth(dayFmt.format(toInstant(value)));
}

function withFirstOfMonth(date: string): string {
  return date.replace(/(^|\s)1(?=\s)/, "$11er");
}

/** A calendar day is read at noon UTC so that no time zone moves it to another day. */
function toInstant(value: string | Date): Date {
  if (value instanceof Date) return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  return new Date(value);
}

const NBSP = "\u00a0";

/**
 * "14 h", "16 h 30", "9 h 05" from "14:00", "16:30", "09:05", with no-break spaces so that a
 * time is never cut at the end of a line. Anything else is returned as it is.
 */
export function formatTime(time: string): string {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!match) return time;
  const hours = `${Number(match[1])}${NBSP}h`;
  return match[2] === "00" ? hours : `${hours}${NBSP}${match[2]}`;
}

const DAY_MS = 86_400_000;

/** Whole days from `today` to `day` (both "YYYY-MM-DD"); negative when past. */
export function daysBetween(today: string, day: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
}

/** The calendar day in Paris for an instant: what "today" means to the office. */
// Built once: a formatter takes longer to build than to use, and every request asks today.
const isoDayFmt = new Intl.DateTimeFormat("en-CA", { timeZone: PARIS, year: "numeric", month: "2-digit", day: "2-digit" });

export function parisDay(now: Date): string {
  return isoDayFmt.format(now);
}

export type Urgency = "passe" | "proche" | "a_venir";

export interface Countdown {
  days: number;
  urgency: Urgency;
  text: string;
}

/** "dans 2 ans et 8 mois", "dans 45 jours", "aujourd'hui", "dépassé depuis 12 jours". */
export function countdown(today: string, day: string, soonDays = 180): Countdown {
  const days = daysBetween(today, day);
  const urgency: Urgency = days < 0 ? "passe" : days <= soonDays ? "proche" : "a_venir";
  return { days, urgency, text: describeDays(days) };
}

function describeDays(days: number): string {
  if (days === 0) return "aujourd'hui";
  if (days < 0) return `dépassé depuis ${span(-days)}`;
  return `dans ${span(days)}`;
}

/** "45 jours", "8 mois", "2 ans et 3 mois": a duration rounded to the nearest month past 60 days. */
function span(days: number): string {
  if (days < 60) return plural(days, "jour");
  let months = Math.round(days / 30.44);
  const years = Math.floor(months / 12);
  months -= years * 12;
  if (years === 0) return `${months} mois`;
  return months === 0 ? plural(years, "an") : `${plural(years, "an")} et ${months} mois`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n > 1 ? "s" : ""}`;
}

/** A calendar day plus whole days ("2020-12-31" + 1 → "2021-01-01"); days may be negative. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * `day` plus whole months, kept on the same day of the month, or on the month's last day when
 * it has fewer days (31 August + 6 months = 28 or 29 February).
 */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}
