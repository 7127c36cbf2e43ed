// Roles an account holds in an office, and what each role may do. The single source of truth
// for authorisation: routes ask `can(role, permission)`, never compare role names themselves.

export const ROLES = ["admin", "director", "quality_referent", "staff", "quality_group_member"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrateur",
  director: "Directeur / directrice",
  quality_referent: "Référent(e) qualité",
  staff: "Salarié(e)",
  quality_group_member: "Membre du groupe qualité",
};

export const PERMISSIONS = [
  "dashboard:view",
  "office:view",
  "office:edit",
  "sites:view",
  "sites:edit",
  "people:view",
  "people:edit",
  "accounts:manage",
  "security_log:view",
  "history:view",
  "audits:view",
  "audits:edit",
  "referentials:manage",
  "actions:view",
  "actions:edit",
  "meetings:view",
  "meetings:view_drafts",
  "meetings:edit",
  "notifications:view",
  "calendar:view",
  "outbox:view",
  "reminders:settings",
  "registers:view",
  "registers:log",
  "registers:edit",
  "registers:personal_data",
  "indicators:view",
  "indicators:edit",
  "procedures:view",
  "procedures:view_drafts",
  "procedures:edit",
  "questionnaires:view",
  "questionnaires:enter",
  "questionnaires:edit",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    "dashboard:view",
    "office:view",
    "reminders:settings",
    "office:edit",
    "sites:view",
    "sites:edit",
    "people:view",
    "people:edit",
    "accounts:manage",
    "security_log:view",
    "history:view",
    "audits:view",
    "audits:edit",
    "referentials:manage",
    "actions:view",
    "actions:edit",
    "meetings:view",
    "meetings:view_drafts",
    "meetings:edit",
    "notifications:view",
    "calendar:view",
    "outbox:view",
    "registers:view",
    "registers:log",
    "registers:edit",
    "registers:personal_data",
    "indicators:view",
    "indicators:edit",
    "procedures:view",
    "procedures:view_drafts",
    "procedures:edit",
    "questionnaires:view",
    "questionnaires:enter",
    "questionnaires:edit",
  ],
  director: [
    "dashboard:view",
    "office:view",
    "reminders:settings",
    "sites:view",
    "people:view",
    "history:view",
    "audits:view",
    "actions:view",
    "meetings:view",
    "meetings:view_drafts",
    "notifications:view",
    "calendar:view",
    "registers:view",
    "registers:personal_data",
    "indicators:view",
    "procedures:view",
    "procedures:view_drafts",
    "questionnaires:view",
  ],
  quality_referent: [
    "dashboard:view",
    "office:view",
    "reminders:settings",
    "sites:view",
    "people:view",
    "people:edit",
    "history:view",
    "audits:view",
    "audits:edit",
    "referentials:manage",
    "actions:view",
    "actions:edit",
    "meetings:view",
    "meetings:view_drafts",
    "meetings:edit",
    "notifications:view",
    "calendar:view",
    "registers:view",
    "registers:log",
    "registers:edit",
    "registers:personal_data",
    "indicators:view",
    "indicators:edit",
    "procedures:view",
    "procedures:view_drafts",
    "procedures:edit",
    "questionnaires:view",
    "questionnaires:enter",
    "questionnaires:edit",
  ],
  // Staff log entries at the desk and edit their own until handled (canEditEntry), and type the
  // paper questionnaires handed in at the desk.
  staff: ["dashboard:view", "audits:view", "actions:view", "meetings:view", "notifications:view", "calendar:view", "registers:view", "registers:log", "registers:personal_data", "indicators:view", "procedures:view", "questionnaires:view", "questionnaires:enter"],
  // Members see the registers and the questionnaires' results without anyone's name or contact (decision 023).
  quality_group_member: ["dashboard:view", "audits:view", "actions:view", "meetings:view", "notifications:view", "calendar:view", "registers:view", "indicators:view", "procedures:view", "questionnaires:view"],
};

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** An office must always keep at least one administrator, or nobody could manage its accounts. */
export function wouldLeaveOfficeWithoutAdmin(
  memberships: ReadonlyArray<{ id: number; role: Role }>,
  change: { membershipId: number; newRole: Role | null },
): boolean {
  const adminsAfter = memberships.filter((m) =>
    m.id === change.membershipId ? change.newRole === "admin" : m.role === "admin",
  );
  return adminsAfter.length === 0;
}

/**
 * Who may record progress on an action (status, notes, proof): the référent and administrators,
 * and the person who owns it, whatever their role.
 */
export function canUpdateAction(role: Role, membershipPersonId: number | null, ownerPersonId: number): boolean {
  return can(role, "actions:edit") || (membershipPersonId !== null && membershipPersonId === ownerPersonId);
}
