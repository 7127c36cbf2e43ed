import { describe, expect, it } from "vitest";
import { signInSchema, changePasswordSchema } from "~/modules/account/auth-schema";
import { officeSchema } from "~/modules/office/schema";
import { personSchema } from "~/modules/person/schema";
import { siteSchema } from "~/modules/office/site-schema";
import { invitationSchema } from "~/modules/account/schema";

function messages(result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) {
  return Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

describe("form schemas (shared by the browser and the server)", () => {
  it("normalises e-mails and explains bad ones in French", () => {
    expect(signInSchema.parse({ email: "  Directrice@Office.FR ", password: "x" }).email).toBe("directrice@office.fr");
    expect(messages(signInSchema.safeParse({ email: "directrice", password: "" }))).toEqual({
      email: "E-mail : adresse e-mail invalide (exemple : nom@office-tourisme.fr).",
      password: "Mot de passe : ce champ est obligatoire.",
    });
  });

  it("reads checkboxes from a plain form and from react-hook-form", () => {
    const base = { name: "Amou" };
    expect(siteSchema.parse({ ...base, active: "on" }).active).toBe(true);
    expect(siteSchema.parse({ ...base, active: true }).active).toBe(true);
    expect(siteSchema.parse({ ...base }).active).toBe(false);
  });

  it("reads an optional site id from a select", () => {
    expect(personSchema.parse({ fullName: "Président de la SPL", kind: "elected", siteId: "" }).siteId).toBeNull();
    expect(personSchema.parse({ fullName: "Directrice", kind: "staff", siteId: "3" }).siteId).toBe(3);
    expect(personSchema.safeParse({ fullName: "X", kind: "staff", siteId: "abc" }).success).toBe(false);
  });

  it("checks postcodes, phones and web addresses", () => {
    expect(messages(officeSchema.safeParse({ name: "OT", postalCode: "4050", phone: "abc", website: "office.fr" }))).toEqual({
      postalCode: "Code postal : cinq chiffres (exemple : 40500).",
      phone: "Téléphone : chiffres, espaces, points, tirets ou + uniquement.",
      website: "Site web : adresse commençant par https:// attendue.",
    });
    expect(officeSchema.safeParse({ name: "OT", postalCode: "40500", phone: "+33 5 58 76 00 00", website: "https://office.fr" }).success).toBe(true);
  });

  it("asks for a long password, typed twice", () => {
    expect(messages(changePasswordSchema.safeParse({ currentPassword: "a", newPassword: "court", confirmPassword: "court" }))).toEqual({
      newPassword: "Nouveau mot de passe : 12 caractères au minimum.",
    });
    expect(messages(changePasswordSchema.safeParse({ currentPassword: "a", newPassword: "assez longue phrase", confirmPassword: "autre" }))).toEqual({
      confirmPassword: "Confirmation : les deux mots de passe ne sont pas identiques.",
    });
  });

  it("accepts only known roles in an invitation", () => {
    expect(invitationSchema.safeParse({ email: "a@b.fr", role: "quality_referent", personId: "" }).success).toBe(true);
    expect(messages(invitationSchema.safeParse({ email: "a@b.fr", role: "superuser" }))).toEqual({
      role: "Rôle : choisissez un rôle dans la liste.",
    });
  });
});
