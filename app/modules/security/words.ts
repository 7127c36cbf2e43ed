// French words of the security log's events, for the Administration page (decision 018).
export const SECURITY_EVENTS = [
  "sign_in",
  "sign_in_failed",
  "sign_in_locked",
  "sign_out",
  "password_changed",
  "password_reset_created",
  "password_reset_used",
  "invitation_created",
  "invitation_revoked",
  "invitation_accepted",
  "role_changed",
  "membership_removed",
] as const;
export type SecurityEvent = (typeof SECURITY_EVENTS)[number];

export const SECURITY_EVENT_LABELS: Record<SecurityEvent, string> = {
  sign_in: "Connexion",
  sign_in_failed: "Échec de connexion",
  sign_in_locked: "Connexions bloquées",
  sign_out: "Déconnexion",
  password_changed: "Mot de passe changé",
  password_reset_created: "Lien de réinitialisation créé",
  password_reset_used: "Mot de passe réinitialisé",
  invitation_created: "Invitation envoyée",
  invitation_revoked: "Invitation révoquée",
  invitation_accepted: "Invitation acceptée",
  role_changed: "Rôle changé",
  membership_removed: "Accès retiré",
};

export function isSecurityEvent(value: unknown): value is SecurityEvent {
  return typeof value === "string" && (SECURITY_EVENTS as readonly string[]).includes(value);
}

/** Events that tell an account's owner someone tried their password. */
export const WARNING_EVENTS: readonly SecurityEvent[] = ["sign_in_failed", "sign_in_locked"];
