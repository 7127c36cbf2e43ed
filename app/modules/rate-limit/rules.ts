// Rate limits beyond sign-in (decision 020): how many requests of one kind a subject (an
// account, an office, an address) may make in a sliding window. Pure: counts and time are given.

export interface RateLimitPolicy {
  /** the first part of the stored key: "writes", "uploads"… */
  name: string;
  /** requests allowed in any window of `windowSeconds` */
  limit: number;
  windowSeconds: number;
  /** what is limited, in French, for the message: "enregistrements", "fichiers envoyés"… */
  what: string;
}

/** Every form post of a signed-in account (saves, notes, status changes…). */
export const WRITES_PER_ACCOUNT: RateLimitPolicy = { name: "writes", limit: 300, windowSeconds: 600, what: "enregistrements" };
/** Files sent by one account (action proofs, meeting attachments). */
export const UPLOADS_PER_ACCOUNT: RateLimitPolicy = { name: "uploads", limit: 60, windowSeconds: 3600, what: "fichiers envoyés" };
/** Invitations (and new links) sent by one account. */
export const INVITATIONS_PER_ACCOUNT: RateLimitPolicy = { name: "invitations", limit: 30, windowSeconds: 3600, what: "invitations" };
/** Anonymous posts from one address (the public questionnaire page, when it comes). */
export const PUBLIC_POSTS_PER_ADDRESS: RateLimitPolicy = { name: "public", limit: 20, windowSeconds: 600, what: "réponses envoyées" };
/** Unsubscribe links posted from one address (the page's button, or a mail client's one-click POST). */
export const UNSUBSCRIBES_PER_ADDRESS: RateLimitPolicy = { name: "unsubscribe", limit: 20, windowSeconds: 600, what: "désabonnements" };

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The fixed window `now` falls in (its index since 1970). */
export function windowIndex(policy: RateLimitPolicy, now: Date): number {
  return Math.floor(now.getTime() / (policy.windowSeconds * 1000));
}

/**
 * Sliding-window estimate from two fixed windows: the previous window's count, weighted by
 * the part of it still inside the sliding window, plus the current window's count. One more
 * request is allowed while the estimate stays within the limit; otherwise the answer says
 * when it will be.
 */
export function decideRateLimit(policy: RateLimitPolicy, counts: { previous: number; current: number }, now: Date): RateLimitVerdict {
  const windowMs = policy.windowSeconds * 1000;
  const elapsed = now.getTime() - windowIndex(policy, now) * windowMs;
  const weight = 1 - elapsed / windowMs;
  if (counts.previous * weight + counts.current + 1 <= policy.limit) return { allowed: true };
  const untilNextWindow = windowMs - elapsed;
  let waitMs: number;
  if (counts.current + 1 > policy.limit || counts.previous === 0) {
    // Even with the previous window gone, this one is full: wait for the next window, and then
    // for the part of this window that still counts.
    const nextWeightNeeded = (policy.limit - 1) / Math.max(counts.current, 1);
    waitMs = untilNextWindow + Math.max(0, windowMs * (1 - Math.min(1, nextWeightNeeded)));
  } else {
    // Wait until the previous window's share has shrunk enough.
    const weightNeeded = (policy.limit - 1 - counts.current) / counts.previous;
    waitMs = windowMs * (1 - weightNeeded) - elapsed;
  }
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
}

/** "Trop de … : réessayez dans 3 minutes." */
export function rateLimitMessage(policy: RateLimitPolicy, retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 60
      ? `${retryAfterSeconds} seconde${retryAfterSeconds > 1 ? "s" : ""}`
      : `${Math.ceil(retryAfterSeconds / 60)} minute${Math.ceil(retryAfterSeconds / 60) > 1 ? "s" : ""}`;
  const of = /^[aeiouyéèêh]/i.test(policy.what) ? "d'" : "de ";
  return `Trop ${of}${policy.what} en peu de temps (${policy.limit} au plus en ${describeWindow(policy.windowSeconds)}). Réessayez dans ${wait} ; rien n'a été enregistré.`;
}

function describeWindow(seconds: number): string {
  if (seconds % 3600 === 0) return seconds === 3600 ? "une heure" : `${seconds / 3600} heures`;
  if (seconds % 60 === 0) return `${seconds / 60} minutes`;
  return `${seconds} secondes`;
}
