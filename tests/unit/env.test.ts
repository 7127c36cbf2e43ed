import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, assertServerEnv, parseEnv } from "~/env.server";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "cq-env-"));

describe("environment", () => {
  it("names the wrong variable in French and English", () => {
    expect(() => parseEnv({ PORT: "abc", DATABASE_URL: "mysql://x" }, tmp())).toThrow(EnvError);
    try {
      parseEnv({ PORT: "abc", DATABASE_URL: "mysql://x" }, tmp());
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toContain("PORT : PORT doit être un nombre / PORT must be a number");
      expect(text).toContain("DATABASE_URL : DATABASE_URL doit commencer par postgres://, sqlite: ou file:");
    }
  });

  it("requires a session secret in production, except for the demo", () => {
    expect(() => parseEnv({ NODE_ENV: "production" }, tmp())).toThrow(/SESSION_SECRET : obligatoire en production/);
    expect(parseEnv({ NODE_ENV: "production", CAP_QUALITE_DEMO: "1" }, tmp()).SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("requires APP_URL to start the server in production, except for the demo, and only an http(s) one", () => {
    const secret = "s".repeat(40);
    const prod = { NODE_ENV: "production", SESSION_SECRET: secret };
    expect(() => assertServerEnv(parseEnv(prod, tmp()), prod)).toThrow(/APP_URL : obligatoire en production/);
    const demo = { ...prod, CAP_QUALITE_DEMO: "1" };
    expect(() => assertServerEnv(parseEnv(demo, tmp()), demo)).not.toThrow();
    const set = { ...prod, APP_URL: "https://qualite.office.fr" };
    expect(() => assertServerEnv(parseEnv(set, tmp()), set)).not.toThrow();
    expect(() => parseEnv({ APP_URL: "javascript:alert(1)" }, tmp())).toThrow(/APP_URL doit être une adresse http\(s\) complète/);
    const dev = {};
    expect(() => assertServerEnv(parseEnv(dev, tmp()), dev)).not.toThrow();
  });

  it("takes an idle timeout for sessions, two hours by default", () => {
    expect(parseEnv({}, tmp()).SESSION_IDLE_MINUTES).toBe(120);
    expect(parseEnv({ SESSION_IDLE_MINUTES: "30" }, tmp()).SESSION_IDLE_MINUTES).toBe(30);
    expect(() => parseEnv({ SESSION_IDLE_MINUTES: "0" }, tmp())).toThrow(/SESSION_IDLE_MINUTES entre 5 et 720/);
  });

  it("keeps the demo's generated secret under data/ across restarts", () => {
    const dir = tmp();
    const first = parseEnv({}, dir).SESSION_SECRET;
    expect(parseEnv({}, dir).SESSION_SECRET).toBe(first);
    expect(fs.readFileSync(path.join(dir, "session-secret"), "utf8").trim()).toBe(first);
  });

  it("marks cookies Secure in production unless told otherwise", () => {
    const secret = "x".repeat(32);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret }, tmp()).COOKIE_SECURE).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret, COOKIE_SECURE: "false" }, tmp()).COOKIE_SECURE).toBe(false);
    expect(parseEnv({ SESSION_SECRET: secret }, tmp()).COOKIE_SECURE).toBe(false);
  });
  it("checks the mail and reminder settings", () => {
    expect(() => parseEnv({ SMTP_URL: "mail.office.fr" }, tmp())).toThrow(/SMTP_URL : SMTP_URL commence par smtp:\/\/ ou smtps:\/\//);
    expect(() => parseEnv({ MAIL_FROM: "pas une adresse" }, tmp())).toThrow(/MAIL_FROM : MAIL_FROM est une adresse/);
    expect(() => parseEnv({ REMINDERS_SCHEDULE: "tous les matins" }, tmp())).toThrow(/REMINDERS_SCHEDULE : REMINDERS_SCHEDULE est une expression cron/);
    const env = parseEnv({ SMTP_URL: "smtp://user:pass@127.0.0.1:2525", MAIL_FROM: "Office <qualite@office.fr>", REMINDERS_SCHEDULE: "0 7 * * 1-5" }, tmp());
    expect(env).toMatchObject({ SMTP_URL: "smtp://user:pass@127.0.0.1:2525", MAIL_FROM: "Office <qualite@office.fr>", REMINDERS_SCHEDULE: "0 7 * * 1-5" });
    expect(parseEnv({}, tmp()).MAIL_FROM).toBe("Cap Qualité <ne-pas-repondre@cap-qualite.invalid>");
  });
});
