// Days of the demo counted back from the day it is loaded, so that what is recent stays recent.

/** The calendar day `days` before `day`. */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
