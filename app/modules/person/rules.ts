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

/** What a member of staff is to the office: sheets for "Saisonniers" or "Stagiaires" are theirs (decision 036). */
export const PERSON_CONTRACTS = ["permanent", "seasonal", "intern"] as const;
export type PersonContract = (typeof PERSON_CONTRACTS)[number];

export const PERSON_CONTRACT_LABELS: Record<PersonContract, string> = {
  permanent: "Permanent(e)",
  seasonal: "Saisonnier / saisonnière",
  intern: "Stagiaire",
};
