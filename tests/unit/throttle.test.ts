import { describe, expect, it } from "vitest";
import { ADDRESS_POLICY, EMAIL_POLICY, PAIR_POLICY, checkInFlight, checkThrottle, delayAfter, describeWait, recordFailure, startsLock, type ThrottleState } from "~/modules/account/throttle";

const t0 = new Date("2026-03-25T13:00:00Z");
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function fail(times: number, policy = PAIR_POLICY, start = t0): ThrottleState {
  let state: ThrottleState | null = null;
  for (let i = 0; i < times; i += 1) state = recordFailure(state, policy, start);
  return state!;
}

describe("sign-in throttling policy", () => {
  it("lets the first three failures through without waiting", () => {
    expect(checkThrottle(null, PAIR_POLICY, t0)).toEqual({ allowed: true });
    expect(checkThrottle(fail(2), PAIR_POLICY, t0)).toEqual({ allowed: true });
  });

  it("doubles the wait after each further failure, up to a minute", () => {
    expect([3, 4, 5, 6, 9].map((n) => delayAfter(n, PAIR_POLICY))).toEqual([1, 2, 4, 8, 60]);
    expect(checkThrottle(fail(5), PAIR_POLICY, at(3))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(checkThrottle(fail(5), PAIR_POLICY, at(4))).toEqual({ allowed: true });
  });

  it("locks for fifteen minutes at the tenth failure", () => {
    const state = fail(10);
    expect(state.lockedUntil).toBe(at(15 * 60).toISOString());
    expect(checkThrottle(state, PAIR_POLICY, at(14 * 60))).toEqual({ allowed: false, retryAfterSeconds: 60 });
    expect(checkThrottle(state, PAIR_POLICY, at(15 * 60 + 1))).toEqual({ allowed: true });
  });

  it("forgets failures after a quiet quarter of an hour", () => {
    const state = fail(8);
    const later = at(16 * 60);
    expect(checkThrottle(state, PAIR_POLICY, later)).toEqual({ allowed: true });
    expect(recordFailure(state, PAIR_POLICY, later).failures).toBe(1);
  });

  it("allows more failures per address than per e-mail (staff share one address)", () => {
    expect(checkThrottle(fail(9, ADDRESS_POLICY), ADDRESS_POLICY, t0)).toEqual({ allowed: true });
    expect(checkThrottle(fail(11, ADDRESS_POLICY), ADDRESS_POLICY, t0).allowed).toBe(false);
  });

  it("never locks an e-mail across addresses: ten free failures, then a wait of at most a minute", () => {
    expect(checkThrottle(fail(9, EMAIL_POLICY), EMAIL_POLICY, t0)).toEqual({ allowed: true });
    const many = fail(500, EMAIL_POLICY);
    expect(many.lockedUntil).toBeNull();
    expect(checkThrottle(many, EMAIL_POLICY, at(59)).allowed).toBe(false);
    expect(checkThrottle(many, EMAIL_POLICY, at(60))).toEqual({ allowed: true });
  });

  it("lets an address have attempts in flight within its free failures, then makes the next wait for one to come back", () => {
    // Colleagues at one address, nothing failed: nine in flight, a tenth may start.
    expect(checkInFlight(9, null, ADDRESS_POLICY, t0)).toEqual({ allowed: true });
    // Ten in flight: the eleventh waits a second (served) for a result.
    expect(checkInFlight(10, null, ADDRESS_POLICY, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Failures and attempts in flight together stay within the ten free ones.
    expect(checkInFlight(4, fail(5, ADDRESS_POLICY), ADDRESS_POLICY, t0)).toEqual({ allowed: true });
    expect(checkInFlight(5, fail(5, ADDRESS_POLICY), ADDRESS_POLICY, t0)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Nothing in flight: the failures' own delays decide (checkThrottle), not this.
    expect(checkInFlight(0, fail(12, ADDRESS_POLICY), ADDRESS_POLICY, t0)).toEqual({ allowed: true });
    // Failures forgotten after a quiet quarter of an hour leave the whole room again.
    expect(checkInFlight(9, fail(9, ADDRESS_POLICY), ADDRESS_POLICY, at(16 * 60))).toEqual({ allowed: true });
  });

  it("says which failure starts a lock, once", () => {
    const nine = fail(9);
    const ten = recordFailure(nine, PAIR_POLICY, t0);
    expect(startsLock(nine, ten, t0)).toBe(true);
    expect(startsLock(fail(8), nine, t0)).toBe(false);
    expect(startsLock(ten, recordFailure(ten, PAIR_POLICY, at(1)), at(1))).toBe(false);
  });

  it("words the wait in French", () => {
    expect(describeWait(1)).toBe("1 seconde");
    expect(describeWait(45)).toBe("45 secondes");
    expect(describeWait(61)).toBe("2 minutes");
    expect(describeWait(900)).toBe("15 minutes");
  });
});
