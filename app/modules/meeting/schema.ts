// The forms of meetings: series, planning a meeting, attendance, minutes, actions from minutes.
import * as z from "zod/mini";
import { PRIORITIES } from "../action/rules";
import { ATTENDEE_STATUSES, MEETING_KINDS, isTimeOfDay, listItems, minutesOfDay } from "./rules";
import { REGISTER_KINDS } from "../register/rules";
import { CATEGORIES, MAX_YEAR, MIN_YEAR } from "../indicator/rules";
import { checkbox, idList, isCalendarDay, optionalDay, optionalId, optionalText, preprocess, requiredDay, requiredId, requiredText } from "../../domain/fields";

const requiredTime = (label: string) =>
  z.string({ error: `${label} : heure attendue.` }).check(z.trim(), z.refine((v) => isTimeOfDay(v), { error: `${label} : heure attendue (hh:mm, exemple : 14:00).` }));

const optionalTime = (label: string) =>
  z.pipe(
    z
      ._default(z.string({ error: `${label} : heure attendue.` }).check(z.trim()), "")
      .check(z.refine((v) => v === "" || isTimeOfDay(v), { error: `${label} : heure attendue (hh:mm, exemple : 16:30).` })),
    z.transform((v) => (v === "" ? null : v)),
  );

/** An optional day that, when not sent at all, stays undefined (the value kept as it is); "" is none. */
const keptDay = (label: string) =>
  z.optional(
    z.pipe(
      z
        .string({ error: `${label} : date attendue.` })
        .check(z.trim(), z.refine((v) => v === "" || isCalendarDay(v), { error: `${label} : date attendue (jj/mm/aaaa).` })),
      z.transform((v) => (v === "" ? null : v)),
    ),
  );

export const seriesSchema = z.object({
  name: requiredText("Nom", 200),
  kind: z.enum(MEETING_KINDS, { error: "Type : choisissez dans la liste." }),
  cadenceMonths: z.coerce
    .number({ error: "Cadence : un nombre de mois entre 1 et 24." })
    .check(
      z.int({ error: "Cadence : un nombre entier de mois." }),
      z.minimum(1, { error: "Cadence : un nombre de mois entre 1 et 24." }),
      z.maximum(24, { error: "Cadence : un nombre de mois entre 1 et 24." }),
    ),
  firstDueOn: optionalDay("Première réunion attendue le"),
  description: optionalText("Description", 2000),
  // Days before the next meeting's due date when the director and the référente are reminded.
  reminderDays: z.pipe(
    z
      ._default(
        z.string({ error: "Rappels : des nombres de jours séparés par des virgules." }).check(z.trim(), z.maxLength(50, { error: "Rappels : 50 caractères au maximum." })),
        "30, 7",
      )
      .check(
        z.refine((v) => v === "" || /^\d{1,3}(\s*[,;]\s*\d{1,3})*$/.test(v), { error: "Rappels : des nombres de jours séparés par des virgules (exemple : 30, 7)." }),
        z.refine((v) => v.split(/[,;]/).every((d) => d.trim() === "" || Number(d) <= 365), { error: "Rappels : au plus 365 jours avant l'échéance." }),
        z.refine((v) => v.split(/[,;]/).filter((d) => d.trim() !== "").length <= 6, { error: "Rappels : six rappels au plus." }),
      ),
    z.transform((v) => [...new Set(v.split(/[,;]/).map((d) => d.trim()).filter(Boolean).map(Number))].sort((a, b) => b - a).join(",")),
  ),
});
export type SeriesInput = z.input<typeof seriesSchema>;
/** A series' values; `reminderDays` left out keeps the series' days (or the default, 30 and 7). */
export type SeriesValues = Omit<z.output<typeof seriesSchema>, "reminderDays"> & { reminderDays?: string };

export const MAX_AGENDA_ITEMS = 40;

/** The details of a meeting; the agenda and the invitations only when it is planned. */
const meetingFields = {
  seriesId: requiredId("Série de réunions"),
  title: requiredText("Titre", 300),
  heldOn: requiredDay("Date"),
  startTime: requiredTime("Heure de début"),
  endTime: optionalTime("Heure de fin"),
  place: optionalText("Lieu", 300),
  chairId: optionalId("Présidence"),
  writerId: optionalId("Rédaction du compte rendu"),
  referentId: optionalId("Référent qualité"),
  followUpId: optionalId("Responsable du suivi"),
  concerned: optionalText("Personnes concernées", 1000),
};

const endAfterStart = z.superRefine((v: { startTime: string; endTime: string | null }, ctx) => {
  if (v.endTime && isTimeOfDay(v.startTime) && minutesOfDay(v.endTime) <= minutesOfDay(v.startTime)) {
    ctx.addIssue({ code: "custom", path: ["endTime"], message: "Heure de fin : après l'heure de début." });
  }
});

export const meetingSchema = z.object(meetingFields).check(endAfterStart);
export type MeetingInput = z.input<typeof meetingSchema>;
export type MeetingValues = z.output<typeof meetingSchema>;

export const newMeetingSchema = z
  .object({
    ...meetingFields,
    agenda: optionalText("Ordre du jour", 8000).check(
      z.superRefine((v, ctx) => {
        const items = listItems(v);
        if (items.length > MAX_AGENDA_ITEMS) ctx.addIssue({ code: "custom", message: `Ordre du jour : ${MAX_AGENDA_ITEMS} points au maximum.` });
        if (items.some((item) => item.length > 200)) ctx.addIssue({ code: "custom", message: "Ordre du jour : 200 caractères au maximum par point." });
      }),
    ),
    inviteeIds: idList("Participants invités"),
  })
  .check(endAfterStart);
export type NewMeetingInput = z.input<typeof newMeetingSchema>;
export type NewMeetingValues = z.output<typeof newMeetingSchema>;

export const MAX_ATTENDEES = 200;

export const attendanceSchema = z
  .object({
    attendees: z._default(
      z
        .array(
          z.object({
            id: requiredId("Participant"),
            status: z.enum(ATTENDEE_STATUSES, { error: "Présence : choisissez dans la liste." }),
            // One line: a line break typed in the wrapping field (without JavaScript) becomes a space.
            role: z.pipe(
              optionalText("Qualité", 200),
              z.transform((v) => v.replace(/\s+/g, " ")),
            ),
            remove: checkbox(),
          }),
        )
        .check(z.maxLength(MAX_ATTENDEES, { error: `Participants : ${MAX_ATTENDEES} au maximum.` })),
      [],
    ),
    addPersonIds: idList("Personnes à ajouter"),
    guestName: optionalText("Nom de l'invité", 200),
    guestRole: optionalText("Qualité de l'invité", 200),
    guestStatus: z._default(z.enum(ATTENDEE_STATUSES, { error: "Présence : choisissez dans la liste." }), "invited"),
  })
  .check(
    z.superRefine((v, ctx) => {
      if (v.guestRole && !v.guestName) ctx.addIssue({ code: "custom", path: ["guestName"], message: "Nom de l'invité : obligatoire avec sa qualité." });
    }),
  );
export type AttendanceInput = z.input<typeof attendanceSchema>;
export type AttendanceValues = z.output<typeof attendanceSchema>;

export const MAX_SECTIONS = 40;
/**
 * What a button of the minutes page asks: save, add a point, move or remove the point at an
 * index ("move-up:3"), or create an action from the minutes.
 */
export const minutesIntentSchema = z.union([
  z.pipe(
    z.literal("save"),
    z.transform(() => ({ kind: "save" as const })),
  ),
  z.pipe(
    z.literal("add-section"),
    z.transform(() => ({ kind: "add-section" as const })),
  ),
  z.pipe(
    z.literal("action"),
    z.transform(() => ({ kind: "action" as const })),
  ),
  z.pipe(
    z.string().check(z.regex(/^(move-up|move-down|remove-section):\d{1,3}$/)),
    z.transform((intent) => {
      const [kind, index] = intent.split(":") as ["move-up" | "move-down" | "remove-section", string];
      return { kind, index: Number(index) };
    }),
  ),
]);

export const minutesSchema = z.object({
  sections: z._default(
    z
      .array(
        z
          .object({
            id: optionalId("Point"),
            title: requiredText("Titre du point", 200),
            body: optionalText("Compte rendu", 20_000),
            decisions: optionalText("Décisions", 5000).check(
              z.refine((v) => listItems(v).every((d) => d.length <= 1000), {
                error: "Décisions : 1000 caractères au maximum par décision.",
              }),
            ),
            // A register's summary under the point (decision 034). Not sent (an older page): kept as it is.
            register: z.pipe(
              z.optional(z.enum(["", ...REGISTER_KINDS], { error: "Synthèse d'un registre : choisissez dans la liste." })),
              z.transform((v) => (v === "" ? null : v)),
            ),
            registerFrom: keptDay("Synthèse : du"),
            registerTo: keptDay("Synthèse : au"),
            // The indicators of a period against the year before, under the point (decision 045):
            // "annee", "mois-07" or "saison-3" (the office's season, checked when saved) and a year.
            // Not sent (an older page): kept as they are.
            indicatorPeriod: z.optional(
              z.pipe(
                z
                  .string({ error: "Indicateurs : choisissez une période dans la liste." })
                  .check(
                    z.trim(),
                    z.refine((v) => v === "" || /^(annee|mois-(0[1-9]|1[0-2])|saison-\d{1,9})$/.test(v), { error: "Indicateurs : choisissez une période dans la liste." }),
                  ),
                z.transform((v) => (v === "" ? null : v)),
              ),
            ),
            indicatorYear: z.optional(
              z.pipe(
                z
                  .string({ error: "Indicateurs, année : une année sur quatre chiffres." })
                  .check(
                    z.trim(),
                    z.refine((v) => v === "" || (/^\d{4}$/.test(v) && Number(v) >= MIN_YEAR && Number(v) <= MAX_YEAR), {
                      error: `Indicateurs, année : une année entre ${MIN_YEAR} et ${MAX_YEAR}.`,
                    }),
                  ),
                z.transform((v) => (v === "" ? null : Number(v))),
              ),
            ),
            indicatorCategory: z.optional(
              z.pipe(
                z.enum(["", ...CATEGORIES], { error: "Indicateurs, catégorie : choisissez dans la liste." }),
                z.transform((v) => (v === "" ? null : v)),
              ),
            ),
          })
          .check(
            z.refine((s) => !s.registerFrom || !s.registerTo || s.registerFrom <= s.registerTo, {
              error: "Synthèse : au : la fin de la période précède son début.",
              path: ["registerTo"],
            }),
            z.refine((s) => !s.indicatorPeriod || typeof s.indicatorYear === "number", {
              error: "Indicateurs, année : indiquez l'année de la période.",
              path: ["indicatorYear"],
            }),
          ),
      )
      .check(z.maxLength(MAX_SECTIONS, { error: `Ordre du jour : ${MAX_SECTIONS} points au maximum.` })),
    [],
  ),
  summary: optionalText("En résumé", 20_000),
  endTime: optionalTime("Fin de réunion"),
  /** The version of the minutes the page showed (see saveMinutes). */
  version: z._default(
    preprocess((v) => (v === "" || v === undefined ? null : Number(v)), z.nullable(z.number().check(z.int(), z.minimum(0)))),
    null,
  ),
});
export type MinutesInput = z.input<typeof minutesSchema>;
type ParsedMinutes = z.output<typeof minutesSchema>;
type ParsedSection = ParsedMinutes["sections"][number];
type KeptFields = "register" | "registerFrom" | "registerTo" | "indicatorPeriod" | "indicatorYear" | "indicatorCategory";
/** A point of the minutes; its register and indicator fields are left out by callers that do not change them. */
export type MinutesSection = Omit<ParsedSection, KeptFields> & Partial<Pick<ParsedSection, KeptFields>>;
export type MinutesValues = Omit<ParsedMinutes, "sections"> & { sections: MinutesSection[] };

export const meetingActionSchema = z.object({
  title: requiredText("Intitulé", 300),
  description: optionalText("Description", 5000),
  sectionId: optionalId("Point de l'ordre du jour"),
  ownerId: requiredId("Pilote"),
  siteIds: idList("Bureaux"),
  dueOn: optionalDay("Échéance"),
  priority: z.enum(PRIORITIES, { error: "Priorité : choisissez dans la liste." }),
});
export type MeetingActionInput = z.input<typeof meetingActionSchema>;
export type MeetingActionValues = z.output<typeof meetingActionSchema>;
