// Password hashing (scrypt, Node's own) and random tokens.
import crypto from "node:crypto";
import { promisify } from "node:util";
import { getEnv } from "./env.server";
import { createLimiter, type Limiter } from "./utils/limiter";

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

const KEY_LENGTH = 32;

/**
 * Hashes run SCRYPT_CONCURRENCY at a time (default 1, decision 054): each takes 128 × 2^N bytes
 * (128 MiB at N = 17), so a burst of twenty sign-ins would otherwise hold up to four of them at
 * once (libuv's four threads) and the process's memory would jump by half a gigabyte.
 */
let limiter: Limiter | undefined;
function hashing(): Limiter {
  limiter ??= createLimiter(getEnv().SCRYPT_CONCURRENCY);
  return limiter;
}

/** "scrypt$<logN>$<r>$<p>$<salt>$<hash>": the parameters travel with the hash, so they can grow. */
export async function hashPassword(password: string, logN = getEnv().SCRYPT_LOG_N): Promise<string> {
  const salt = crypto.randomBytes(16);
  const r = 8;
  const p = 1;
  const key = await hashing().run(() => scrypt(password.normalize("NFC"), salt, KEY_LENGTH, options(logN, r, p)));
  return ["scrypt", logN, r, p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, logNs, rs, ps, saltB64, keyB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !keyB64) return false;
  const logN = Number(logNs);
  const r = Number(rs);
  const p = Number(ps);
  const expected = Buffer.from(keyB64, "base64url");
  const actual = await hashing().run(() => scrypt(password.normalize("NFC"), Buffer.from(saltB64, "base64url"), expected.length, options(logN, r, p)));
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}

function options(logN: number, r: number, p: number): crypto.ScryptOptions {
  const N = 2 ** logN;
  return { N, r, p, maxmem: 256 * N * r };
}

/** A hash with the current parameters, checked when an e-mail is unknown so timing reveals nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("cap-qualite-dummy-password");
  return dummyHash;
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

export function sha256(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}
