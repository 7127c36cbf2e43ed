// The security log's filters, read from the address (Administration › Journal de sécurité); a
// wrong value is ignored rather than refused (a bookmarked link). Server only: the page then
// downloads no zod (decision 051).
import * as z from "zod/mini";
import { isSecurityEvent } from "./words";

const filterSchema = z.object({
  evenement: z.pipe(
    z.optional(z.string()),
    z.transform((v) => (isSecurityEvent(v) ? v : null)),
  ),
  compte: z.pipe(
    z.optional(z.string()),
    z.transform((v) => (v && v.length <= 254 && v.includes("@") ? v.trim().toLowerCase() : null)),
  ),
  avant: z.pipe(
    z.optional(z.string()),
    z.transform((v) => (v && /^\d{1,12}$/.test(v) ? Number(v) : null)),
  ),
});

export type SecurityLogFilters = z.output<typeof filterSchema>;

export function parseSecurityLogFilters(params: URLSearchParams): SecurityLogFilters {
  return filterSchema.parse(Object.fromEntries(params));
}
