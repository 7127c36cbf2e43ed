// The outbox page: its filter and its one button.
import * as z from "zod";
import { requiredId } from "../../domain/fields";
import { OUTBOX_STATUSES } from "./rules";

export const outboxFilterSchema = z.object({ statut: z.enum(OUTBOX_STATUSES).optional().catch(undefined) });

export const outboxIntentSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("retry"), mailId: requiredId("Courriel") })], {
  error: "Action inconnue.",
});
