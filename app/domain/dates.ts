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

/** "25/03/2021 14:00" (Paris time). */
export function formatDateTime(value: string | Date): string {
  return dateTimeFmt.format(toInstant(value)).replace(",", "");
}

/** "jeudi 25 mars 2021". */
export function formatLongDate(value: string | Date): string {
  return longDateFmt.format(toInstant(value));
}

/** A calendar day is read at noon UTC so that no time zone moves it to another day. */
function toInstant(value: string | Date): Date {
  if (value instanceof Date) return value;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00Z`);
  return new Date(value);
}

/** "14 h", "16 h 30": a time of day "HH:MM" as written in French. */
export function formatTime(time: string): string {
  const [h, m] = time.split(":");
  return m === "00" ? `${Number(h)} h` : `${Number(h)} h ${m}`;
}
