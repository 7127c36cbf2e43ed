// Sign-in throttling policy: pure rules over a stored state, with time injected.
// A few failures are free; then each attempt must wait longer; then the key is locked a while.

export interface ThrottleState {
  failures: number;
  lastFailureAt: string; // ISO instant
  lockedUntil: string | null;
}

export interface ThrottlePolicy {
  /** failures allowed with no wait */
  freeFailures: number;
  /** failures after which the key is locked */
  lockAfter: number;
  lockMinutes: number;
  /** a quiet period after which failures are forgotten */
  resetAfterMinutes: number;
  maxDelaySeconds: number;
}

/**
 * Per e-mail at one address (decision 017): a person mistyping gets 3 free tries, then waits,
 * then this e-mail is locked a while — but only from that address, so a stranger elsewhere
 * cannot lock the owner out.
 */
export const PAIR_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  lockAfter: 10,
  lockMinutes: 15,
  resetAfterMinutes: 15,
  maxDelaySeconds: 60,
};

/**
 * Per e-mail, whatever the address: a wider slow-down against guessers spread over many
 * addresses (at most about one guess a minute after ten), never a lock.
 */
export const EMAIL_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  lockAfter: Number.POSITIVE_INFINITY,
  lockMinutes: 0,
  resetAfterMinutes: 15,
  maxDelaySeconds: 60,
};

/** Per address: a tourist office's staff often share one public address, so allow more. */
export const ADDRESS_POLICY: ThrottlePolicy = {
  freeFailures: 10,
  lockAfter: 30,
  lockMinutes: 15,
  resetAfterMinutes: 15,
  maxDelaySeconds: 60,
};

/**
 * A wait this short is served rather than refused: attempts sent together (a double click,
 * ten tabs) queue behind the first ones instead of getting "too many attempts" while the
 * first ones are still being checked.
 */
export const QUEUE_WAIT_SECONDS = 3;

/**
 * How long in all an attempt may queue so: on a busy server ten password checks at once take
 * seconds, and the last of a double click's attempts must not be refused for it. Each single
 * wait is still at most QUEUE_WAIT_SECONDS, so guesses get no more tries by queueing longer.
 */
export const QUEUE_MAX_SECONDS = 15;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

function effectiveFailures(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): number {
  if (!state) return 0;
  const quietMs = now.getTime() - new Date(state.lastFailureAt).getTime();
  if (quietMs >= policy.resetAfterMinutes * 60_000 && !isLocked(state, now)) return 0;
  return state.failures;
}

function isLocked(state: ThrottleState, now: Date): boolean {
  return state.lockedUntil !== null && new Date(state.lockedUntil).getTime() > now.getTime();
}

/** Seconds one must wait after `failures` failures before trying again (0 while free). */
export function delayAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(2 ** (failures - policy.freeFailures), policy.maxDelaySeconds);
}

export function checkThrottle(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  if (!state) return { allowed: true };
  if (isLocked(state, now)) {
    return { allowed: false, retryAfterSeconds: secondsUntil(state.lockedUntil as string, now) };
  }
  const failures = effectiveFailures(state, policy, now);
  const delay = delayAfter(failures, policy);
  if (delay === 0) return { allowed: true };
  const allowedAt = new Date(new Date(state.lastFailureAt).getTime() + delay * 1000);
  if (allowedAt.getTime() <= now.getTime()) return { allowed: true };
  return { allowed: false, retryAfterSeconds: secondsUntil(allowedAt.toISOString(), now) };
}

/**
 * Attempts whose password is still being checked, at one address (decision 017, addendum): they
 * count as failures only once proved wrong, so colleagues signing in together are not slowed
 * down as guessers. But an address may have attempts in flight only within its free failures:
 * past them, the next attempt waits (a second, served) until one of them has come back, and then
 * `checkThrottle`'s delays apply to the failures as before. A guesser firing many attempts at once
 * therefore gets no more quick tries than one trying one after the other.
 */
export function checkInFlight(inFlight: number, state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleVerdict {
  if (inFlight === 0) return { allowed: true };
  return effectiveFailures(state, policy, now) + inFlight < policy.freeFailures ? { allowed: true } : { allowed: false, retryAfterSeconds: 1 };
}

/** True when this failure is the one that starts a lock. */
export function startsLock(before: ThrottleState | null, after: ThrottleState, now: Date): boolean {
  return after.lockedUntil !== null && !(before && isLocked(before, now));
}

export function recordFailure(state: ThrottleState | null, policy: ThrottlePolicy, now: Date): ThrottleState {
  const failures = effectiveFailures(state, policy, now) + 1;
  const lockedUntil =
    failures >= policy.lockAfter ? new Date(now.getTime() + policy.lockMinutes * 60_000).toISOString() : null;
  return { failures, lastFailureAt: now.toISOString(), lockedUntil };
}

function secondsUntil(iso: string, now: Date): number {
  return Math.max(1, Math.ceil((new Date(iso).getTime() - now.getTime()) / 1000));
}

/** "Réessayez dans 2 minutes." — French wording of a wait, rounded up. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${seconds} seconde${seconds > 1 ? "s" : ""}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes > 1 ? "s" : ""}`;
}
