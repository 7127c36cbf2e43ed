// Common and guessable passwords refused with a French explanation (decision 017).
import { describe, expect, it } from "vitest";
import { passwordWeakness } from "~/modules/account/password-strength.server";

const account = ["claire.martin@office-tourisme.fr", "Claire Martin", "Office de tourisme de Saint-Sever"];

describe("password strength", { timeout: 30_000 }, () => {
  it.each(["motdepasse123", "azertyuiop123", "123456789abc", "jetaime123456", "soleil123456", "marseille1234"])("refuses the common or French-guessable %j", async (password) => {
    const message = await passwordWeakness(password, "Mot de passe", account);
    expect(message).toMatch(/^Mot de passe : trop facile à deviner\./);
    expect(message).toMatch(/Une phrase de plusieurs mots inattendus/);
  });

  it("refuses a password made of the account's own words, and says why in French", async () => {
    expect(await passwordWeakness("claire.martin@office-tourisme.fr", "Mot de passe", account)).toMatch(/données personnelles/);
    expect(await passwordWeakness("ClaireMartin", "Mot de passe", account)).toMatch(/trop facile à deviner/);
  });

  it.each(["girafe violette sous la pluie", "une autre phrase de passe solide", "Vélo, rillettes & marées basses"])("accepts the passphrase %j", async (password) => {
    expect(await passwordWeakness(password, "Mot de passe", account)).toBeNull();
  });
});
