import * as z from "zod/mini";
import { optionalEmail, optionalPhone, optionalPostalCode, optionalText, optionalUrl, requiredText } from "../../domain/fields";

export const officeSchema = z.object({
  name: requiredText("Nom de l'office", 200),
  legalForm: optionalText("Forme juridique", 100),
  street: optionalText("Adresse", 300),
  postalCode: optionalPostalCode(),
  city: optionalText("Commune", 150),
  phone: optionalPhone(),
  email: optionalEmail(),
  website: optionalUrl(),
});
export type OfficeInput = z.input<typeof officeSchema>;
export type OfficeValues = z.output<typeof officeSchema>;
