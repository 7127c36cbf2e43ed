// The notification centre's buttons, one intent each.
import { z } from "zod";
import { requiredId } from "../../domain/fields";

export const notificationIntentSchema = z.discriminatedUnion(
  "intent",
  [
    // Marks it read and opens its page.
    z.object({ intent: z.literal("open"), notificationId: requiredId("Notification") }),
    z.object({ intent: z.literal("read"), notificationId: requiredId("Notification") }),
    z.object({ intent: z.literal("read_all") }),
  ],
  { error: "Action inconnue." },
);
