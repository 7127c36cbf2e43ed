// Environment variables, parsed once at boot. A wrong value stops the server with a message
// in French and English naming the variable.
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { Cron } from "croner";
import * as z from "zod";

function isCronPattern(value: string): boolean {
  try {
    new Cron(value, { paused: true, timezone: "Europe/Paris" });
    return true;
  } catch {
    return false;
  }
}

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce
    .number({ error: "PORT doit être un nombre / PORT must be a number" })
    .int()
    .min(1, { error: "PORT doit être entre 1 et 65535 / PORT must be between 1 and 65535" })
    .max(65535, { error: "PORT doit être entre 1 et 65535 / PORT must be between 1 and 65535" })
    .default(3000),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres(ql)?:\/\/|sqlite:|file:)/.test(v), {
      error:
        "DATABASE_URL doit commencer par postgres://, sqlite: ou file: / DATABASE_URL must start with postgres://, sqlite: or file:",
    })
    .optional(),
  SESSION_SECRET: z
    .string()
    .min(32, {
      error: "SESSION_SECRET doit faire au moins 32 caractères / SESSION_SECRET must be at least 32 characters",
    })
    .optional(),
  APP_URL: z
    .url({ protocol: /^https?$/, error: "APP_URL doit être une adresse http(s) complète / APP_URL must be a full http(s) URL" })
    .optional(),
  COOKIE_SECURE: z
    .enum(["true", "false"], { error: "COOKIE_SECURE vaut true ou false / COOKIE_SECURE is true or false" })
    .optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|[1-9])$/, {
      error:
        "TRUST_PROXY vaut false ou le nombre de proxys devant l'application (1 à 9) / TRUST_PROXY is false or the number of proxies in front (1 to 9)",
    })
    .default("false"),
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: "SESSION_IDLE_MINUTES doit être un nombre / SESSION_IDLE_MINUTES must be a number" })
    .int({ error: "SESSION_IDLE_MINUTES doit être un nombre entier / SESSION_IDLE_MINUTES must be a whole number" })
    .min(5, { error: "SESSION_IDLE_MINUTES entre 5 et 720 / SESSION_IDLE_MINUTES between 5 and 720" })
    .max(720, { error: "SESSION_IDLE_MINUTES entre 5 et 720 / SESSION_IDLE_MINUTES between 5 and 720" })
    .default(120),
  FILES_DIR: z.string().min(1, { error: "FILES_DIR ne peut pas être vide / FILES_DIR cannot be empty" }).optional(),
  SCRYPT_LOG_N: z.coerce
    .number({ error: "SCRYPT_LOG_N doit être un nombre / SCRYPT_LOG_N must be a number" })
    .int()
    .min(10, { error: "SCRYPT_LOG_N entre 10 et 20 / SCRYPT_LOG_N between 10 and 20" })
    .max(20, { error: "SCRYPT_LOG_N entre 10 et 20 / SCRYPT_LOG_N between 10 and 20" })
    .default(17),
  SQLITE_READERS: z.coerce
    .number({ error: "SQLITE_READERS doit être un nombre / SQLITE_READERS must be a number" })
    .int({ error: "SQLITE_READERS doit être un nombre entier / SQLITE_READERS must be a whole number" })
    .min(0, { error: "SQLITE_READERS entre 0 et 8 / SQLITE_READERS between 0 and 8" })
    .max(8, { error: "SQLITE_READERS entre 0 et 8 / SQLITE_READERS between 0 and 8" })
    .default(3),
  SCRYPT_CONCURRENCY: z.coerce
    .number({ error: "SCRYPT_CONCURRENCY doit être un nombre / SCRYPT_CONCURRENCY must be a number" })
    .int({ error: "SCRYPT_CONCURRENCY doit être un nombre entier / SCRYPT_CONCURRENCY must be a whole number" })
    .min(1, { error: "SCRYPT_CONCURRENCY entre 1 et 4 / SCRYPT_CONCURRENCY between 1 and 4" })
    .max(4, { error: "SCRYPT_CONCURRENCY entre 1 et 4 / SCRYPT_CONCURRENCY between 1 and 4" })
    .default(1),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, { error: "SMTP_URL commence par smtp:// ou smtps:// / SMTP_URL must start with smtp:// or smtps://" })
    .optional(),
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<)?[^\s@<>]+@[^\s@<>]+>?$/, {
      error: "MAIL_FROM est une adresse (« Cap Qualité <qualite@office.fr> ») / MAIL_FROM must be an address",
    })
    .default("Cap Qualité <ne-pas-repondre@cap-qualite.invalid>"),
  // A cron expression (Paris time): when set, the server itself runs the reminders (decision 027).
  REMINDERS_SCHEDULE: z
    .string()
    .refine(isCronPattern, { error: "REMINDERS_SCHEDULE est une expression cron (« 0 7 * * * ») / REMINDERS_SCHEDULE must be a cron expression" })
    .optional(),
});

export type Env = Omit<z.output<typeof envSchema>, "SESSION_SECRET" | "COOKIE_SECURE"> & { SESSION_SECRET: string; COOKIE_SECURE: boolean };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>, dataDir = path.resolve("data")): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "?"} : ${i.message}`);
    throw new EnvError(
      `Configuration invalide / Invalid configuration:\n${lines.join("\n")}`,
    );
  }
  const env = result.data;
  let secret = env.SESSION_SECRET;
  if (!secret) {
    if (env.NODE_ENV === "production" && source.CAP_QUALITE_DEMO !== "1") {
      throw new EnvError(
        "Configuration invalide / Invalid configuration:\n  - SESSION_SECRET : obligatoire en production (32 caractères au moins) / required in production (at least 32 characters)",
      );
    }
    secret = demoSessionSecret(dataDir);
  }
  return {
    ...env,
    SESSION_SECRET: secret,
    COOKIE_SECURE: env.COOKIE_SECURE ? env.COOKIE_SECURE === "true" : env.NODE_ENV === "production",
  };
}

/** The demo keeps a generated secret under data/ so sessions survive a restart. */
function demoSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, "session-secret");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // first start: generate below
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

/**
 * What the web server needs beyond the rest (scripts run without it): in production, APP_URL,
 * since without it invitation and reset links would follow the request's Host header. The demo
 * (CAP_QUALITE_DEMO=1) runs on whatever address it is opened at.
 */
export function assertServerEnv(env: Env, source: Record<string, string | undefined>): void {
  if (env.NODE_ENV === "production" && !env.APP_URL && source.CAP_QUALITE_DEMO !== "1") {
    throw new EnvError(
      "Configuration invalide / Invalid configuration:\n  - APP_URL : obligatoire en production, l'adresse publique du site (https://qualite.office.fr) / required in production, the site's public address",
    );
  }
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
