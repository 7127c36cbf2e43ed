import * as z from "zod/mini";
import { ROLES } from "../../domain/roles";
import { optionalId, requiredEmail } from "../../domain/fields";

const role = z.enum(ROLES, { error: "Rôle : choisissez un rôle dans la liste." });

export const invitationSchema = z.object({
  email: requiredEmail("E-mail"),
  role,
  personId: optionalId("Personne"),
});
export type InvitationInput = z.input<typeof invitationSchema>;

export const membershipSchema = z.object({
  role,
  personId: optionalId("Personne"),
});
export type MembershipInput = z.input<typeof membershipSchema>;
