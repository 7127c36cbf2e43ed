// Kinds of people an office deals with; a person need not have an account.
export const PERSON_KINDS = ["staff", "elected", "partner", "auditor", "guest"] as const;
export type PersonKind = (typeof PERSON_KINDS)[number];

export const PERSON_KIND_LABELS: Record<PersonKind, string> = {
  staff: "Salarié(e)",
  elected: "Élu(e)",
  partner: "Partenaire (prestataire)",
  auditor: "Auditeur / auditrice",
  guest: "Invité(e)",
};
