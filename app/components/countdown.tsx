import type { Countdown } from "~/domain/dates";
import { formatDate } from "~/domain/dates";

/** "30/07/2023 — dans 2 ans et 8 mois", coloured when close or past. */
export function CountdownText({ day, countdown }: { day: string; countdown: Countdown }) {
  const badge = countdown.urgency === "passe" ? "badge--danger" : countdown.urgency === "proche" ? "badge--warn" : "badge--ok";
  return (
    <span>
      {formatDate(day)} <span className={`badge ${badge}`}>{countdown.text}</span>
    </span>
  );
}
