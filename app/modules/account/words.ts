// How accounts, their access to an office and invitations are named on screen.
import { ROLE_LABELS } from "../../domain/roles";
import { defineAggregate, YES_NO } from "../descriptor";

export const userAggregate = defineAggregate({
  type: "user",
  table: "users",
  noun: "Compte",
  named: (name) => `Compte de ${name}`,
  fields: {
    email: { label: "E-mail" },
    display_name: { label: "Nom affiché" },
    password: { label: "Mot de passe" },
    disabled: { label: "Désactivé", kind: "boolean", values: YES_NO },
    last_sign_in_at: { label: "Dernière connexion", kind: "instant" },
  },
  names: { table: "users as u", column: "u.display_name", idColumn: "u.id", officeColumn: "m.office_id", joins: [["memberships as m", "m.user_id", "u.id"]] },
});

export const membershipAggregate = defineAggregate({
  type: "membership",
  table: "memberships",
  unrecorded: ["user_id"],
  noun: "Accès à l'office",
  named: (name) => `Accès de ${name} à l'office`,
  fields: {
    role: { label: "Rôle", values: ROLE_LABELS },
    person_id: { label: "Personne", kind: "reference" },
    password: { label: "Mot de passe" },
  },
  names: { table: "memberships as m", column: "u.display_name", idColumn: "m.id", officeColumn: "m.office_id", joins: [["users as u", "u.id", "m.user_id"]] },
  url: (id) => `/administration/comptes/${id}`,
});

export const invitationAggregate = defineAggregate({
  type: "invitation",
  table: "invitations",
  unrecorded: ["created_by_user_id", "used_by_user_id"],
  noun: "Invitation",
  named: (name) => `Invitation de ${name}`,
  fields: {
    email: { label: "E-mail" },
    role: { label: "Rôle", values: ROLE_LABELS },
    person_id: { label: "Personne", kind: "reference" },
    expires_at: { label: "Expire le", kind: "instant" },
    used_at: { label: "Utilisée le", kind: "instant" },
    revoked_at: { label: "Retirée le", kind: "instant" },
  },
  names: { table: "invitations", column: "email" },
});
