// The one value every office query and write takes: which database, which office, who acts,
// with which role, and what time it is. Built once per request by `requireOffice`, or by a
// command-line loop over offices (`officeScope`), so that no query can forget the office.
import type { Knex } from "knex";
import { parisDay } from "../domain/dates";
import type { Role } from "../domain/roles";
import { SYSTEM_ACTOR, type Actor } from "./history/queries.server";

export interface Scope {
  db: Knex;
  officeId: number;
  actor: Actor;
  role: Role;
  /** The instant the request (or the command) began; the history and every rule use it. */
  now: Date;
  /** `now` as a calendar day in Paris (YYYY-MM-DD): what "today" means to the office. */
  today: string;
}

export function officeScope(db: Knex, input: { officeId: number; actor: Actor; role: Role; now?: Date }): Scope {
  const now = input.now ?? new Date();
  return { db, officeId: input.officeId, actor: input.actor, role: input.role, now, today: parisDay(now) };
}

/** The scope of a command-line loop over offices, or of the demo seed: the system acts. */
export function commandScope(db: Knex, officeId: number, now?: Date): Scope {
  return officeScope(db, { officeId, actor: SYSTEM_ACTOR, role: "admin", now });
}

/** The same scope on another calendar day (noon in Paris that day): rules and tests that pin a date. */
export function scopeOn(scope: Scope, day: string): Scope {
  return { ...scope, today: day, now: new Date(`${day}T12:00:00+02:00`) };
}
