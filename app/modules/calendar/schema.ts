// The "Mon agenda" page's buttons.
import * as z from "zod/mini";

export const feedIntentSchema = z.discriminatedUnion("intent", [z.object({ intent: z.literal("create") }), z.object({ intent: z.literal("revoke") })], {
  error: "Action inconnue.",
});
