import * as z from "zod/mini";
import { PERSON_CONTRACTS, PERSON_KINDS } from "./rules";
import { checkbox, optionalDay, optionalEmail, optionalId, optionalPhone, optionalText, requiredText } from "../../domain/fields";

export const personSchema = z.object({
  fullName: requiredText("Nom", 200),
  kind: z.enum(PERSON_KINDS, { error: "Catégorie : choisissez une catégorie dans la liste." }),
  jobTitle: optionalText("Fonction", 200),
  organisation: optionalText("Organisme", 200),
  email: optionalEmail(),
  phone: optionalPhone(),
  siteId: optionalId("Bureau de rattachement"),
  // For staff: a seasonal worker or an intern is asked to read the sheets of those groups.
  contract: z._default(z.enum(PERSON_CONTRACTS, { error: "Contrat : choisissez dans la liste." }), "permanent"),
  arrivedOn: optionalDay("Arrivée dans l'office le"),
  qualityGroupMember: checkbox(),
  active: checkbox(),
});
export type PersonInput = z.input<typeof personSchema>;
export type PersonValues = z.output<typeof personSchema>;
