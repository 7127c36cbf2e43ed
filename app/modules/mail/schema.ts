// The outbox page: its filter and its one button.
import * as z from "zod/mini";
import { requiredId } from "../../domain/fields";
import { OUTBOX_STATUSES } from "./rules";

export const outboxFilterSchema = z.object({ statut: z.catch(z.optional(z.enum(OUTBOX_STATUSES)), undefined) });

export const outboxIntentSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("retry"), mailId: requiredId("Courriel") })], {
  error: "Action inconnue.",
});
