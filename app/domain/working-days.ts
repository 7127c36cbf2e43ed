// Working days in France: Monday to Friday, without the French public holidays, which come from
// date-holidays (a maintained library: Easter, Ascension and Whit Monday are computed there, not
// by us; decision 022). Pure: the day is given, nothing is read from the clock.
import Holidays from "date-holidays";

const france = new Holidays("FR");
const publicByYear = new Map<number, Set<string>>();

/** The public holidays of metropolitan France in a year, as "YYYY-MM-DD". */
export function frenchPublicHolidays(year: number): Set<string> {
  let days = publicByYear.get(year);
  if (!days) {
    days = new Set(
      france
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    publicByYear.set(year, days);
  }
  return days;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !frenchPublicHolidays(Number(day.slice(0, 4))).has(day);
}

/** The `n`th working day after `day` (the day itself does not count): the last day of a delay. */
export function addWorkingDays(day: string, n: number): string {
  let current = day;
  let left = n;
  while (left > 0) {
    current = addDays(current, 1);
    if (isWorkingDay(current)) left -= 1;
  }
  return current;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let count = 0;
  // Bounded: a typo such as 2205 for 2025 must not make a request loop for centuries.
  for (let current = addDays(from, 1), i = 0; current <= to && i < 3700; current = addDays(current, 1), i += 1) {
    if (isWorkingDay(current)) count += 1;
  }
  return count;
}
