import * as z from "zod/mini";
import { checkbox, optionalEmail, optionalPhone, optionalPostalCode, optionalText, requiredText } from "../../domain/fields";

export const siteSchema = z.object({
  name: requiredText("Nom du bureau", 200),
  street: optionalText("Adresse", 300),
  postalCode: optionalPostalCode(),
  city: optionalText("Commune", 150),
  phone: optionalPhone(),
  email: optionalEmail(),
  isHeadquarters: checkbox(),
  active: checkbox(),
});
export type SiteInput = z.input<typeof siteSchema>;
export type SiteValues = z.output<typeof siteSchema>;
