import * as z from "zod/mini";
import { password, requiredEmail, requiredText } from "../../domain/fields";

export const signInSchema = z.object({
  email: requiredEmail("E-mail"),
  password: z.string({ error: "Mot de passe : ce champ est obligatoire." }).check(z.minLength(1, { error: "Mot de passe : ce champ est obligatoire." })),
  redirectTo: z._default(z.string(), ""),
});
export type SignInInput = z.input<typeof signInSchema>;

/** The new password typed twice: the second must be the first. */
const sameConfirmation = z.refine<{ newPassword: string; confirmPassword: string }>((v) => v.newPassword === v.confirmPassword, {
  path: ["confirmPassword"],
  error: "Confirmation : les deux mots de passe ne sont pas identiques.",
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Mot de passe actuel : ce champ est obligatoire." })
      .check(z.minLength(1, { error: "Mot de passe actuel : ce champ est obligatoire." })),
    newPassword: password("Nouveau mot de passe"),
    confirmPassword: z.string({ error: "Confirmation : ce champ est obligatoire." }),
  })
  .check(sameConfirmation);
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

/** Accepting an invitation: a new account chooses a name and a password. */
export const acceptInvitationNewSchema = z
  .object({
    displayName: requiredText("Nom affiché", 200),
    newPassword: password("Mot de passe"),
    confirmPassword: z.string({ error: "Confirmation : ce champ est obligatoire." }),
  })
  .check(sameConfirmation);
export type AcceptInvitationNewInput = z.input<typeof acceptInvitationNewSchema>;

/** Accepting an invitation with an existing account: prove it is yours. */
export const acceptInvitationExistingSchema = z.object({
  currentPassword: z.string({ error: "Mot de passe : ce champ est obligatoire." }).check(z.minLength(1, { error: "Mot de passe : ce champ est obligatoire." })),
});
export type AcceptInvitationExistingInput = z.input<typeof acceptInvitationExistingSchema>;

/** A new password chosen through a reset link. */
export const resetPasswordSchema = z
  .object({
    newPassword: password("Nouveau mot de passe"),
    confirmPassword: z.string({ error: "Confirmation : ce champ est obligatoire." }),
  })
  .check(sameConfirmation);
export type ResetPasswordInput = z.input<typeof resetPasswordSchema>;
