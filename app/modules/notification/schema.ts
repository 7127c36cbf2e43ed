// The notification centre's buttons, one intent each.
import * as z from "zod/mini";
import { preprocess, requiredId } from "../../domain/fields";
import { DIGEST_WEEKDAYS, REMINDER_KINDS } from "../reminder/rules";

export const notificationIntentSchema = z.discriminatedUnion(
  "intent",
  [
    // Marks it read and opens its page.
    z.object({ intent: z.literal("open"), notificationId: requiredId("Notification") }),
    z.object({ intent: z.literal("read"), notificationId: requiredId("Notification") }),
    z.object({ intent: z.literal("read_all") }),
    // The e-mail choices: one box per kind ("byEmail" repeated); unknown kinds are refused.
    z.object({
      intent: z.literal("preferences"),
      byEmail: preprocess(
        (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]),
        z
          .array(z.enum(REMINDER_KINDS, { error: "Rappels par courriel : choix invalide." }), { error: "Rappels par courriel : choix invalide." })
          .check(z.maxLength(REMINDER_KINDS.length)),
      ),
      // The day of the digest of actions (decision 046); not sent (a person without actions to
      // follow, an older page): kept as it is.
      digestWeekday: z.optional(
        z.pipe(
          z
            .string({ error: "Jour du récapitulatif : choisissez un jour de la semaine." })
            .check(z.refine((v) => DIGEST_WEEKDAYS.some((d) => String(d.value) === v), { error: "Jour du récapitulatif : choisissez un jour, du lundi au vendredi." })),
          z.transform(Number),
        ),
      ),
    }),
  ],
  { error: "Action inconnue." },
);
