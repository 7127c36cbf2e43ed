// Rate-limit rules (decision 020): the sliding window and its French message.
import { describe, expect, it } from "vitest";
import { decideRateLimit, rateLimitMessage, UPLOADS_PER_ACCOUNT, windowIndex } from "~/modules/rate-limit/rules";

const policy = { name: "t", limit: 10, windowSeconds: 100, what: "essais" };
const at = (seconds: number) => new Date(seconds * 1000);

describe("rate limits", () => {
  it("allows up to the limit within one window", () => {
    expect(decideRateLimit(policy, { previous: 0, current: 9 }, at(1050))).toEqual({ allowed: true });
    const refused = decideRateLimit(policy, { previous: 0, current: 10 }, at(1050));
    expect(refused.allowed).toBe(false);
    // The 10 of this window still count for part of the next one: wait past its start.
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBe(50 + 10);
  });

  it("weighs the previous window by the part still inside the sliding window", () => {
    // 25% into the window: 75% of the previous window's 8 = 6, plus 3 now = 9, one more allowed.
    expect(decideRateLimit(policy, { previous: 8, current: 3 }, at(1025))).toEqual({ allowed: true });
    const refused = decideRateLimit(policy, { previous: 8, current: 4 }, at(1025));
    expect(refused.allowed).toBe(false);
    // It needs 8 × w + 4 + 1 ≤ 10, w ≤ 5/8: at 37.5 s into the window, 12.5 s from now.
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBe(13);
    expect(decideRateLimit(policy, { previous: 8, current: 4 }, at(1038))).toEqual({ allowed: true });
  });

  it("never answers a wait of zero", () => {
    const refused = decideRateLimit(policy, { previous: 10, current: 0 }, at(1009.9999));
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBe(1);
  });

  it("numbers windows from 1970", () => {
    expect(windowIndex(policy, at(1050))).toBe(10);
  });

  it("says in French what is limited and when to come back", () => {
    expect(rateLimitMessage(UPLOADS_PER_ACCOUNT, 90)).toBe(
      "Trop de fichiers envoyés en peu de temps (60 au plus en une heure). Réessayez dans 2 minutes ; rien n'a été enregistré.",
    );
    expect(rateLimitMessage({ ...policy, what: "enregistrements", windowSeconds: 600 }, 1)).toMatch(/^Trop d'enregistrements .* 10 minutes\)\. Réessayez dans 1 seconde ;/);
  });
});
