// States of a mail in the outbox and their French words.
export const OUTBOX_STATUSES = ["pending", "sent", "failed", "kept"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "En attente d'envoi",
  sent: "Envoyé",
  failed: "Échec : abandonné",
  kept: "Conservé, non envoyé",
};
