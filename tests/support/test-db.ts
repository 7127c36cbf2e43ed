// A real database per test file: a fresh SQLite file, or a fresh PostgreSQL database when
// TEST_DB=postgres (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test).
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import knexFactory from "knex";

export const TEST_ENGINE = process.env.TEST_DB === "postgres" ? "postgres" : "sqlite";
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const suffix = `${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  if (TEST_ENGINE === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cq-test-"));
    const file = path.join(dir, `${label}-${suffix}.sqlite`);
    return {
      url: `sqlite:${file}`,
      async drop() {
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `cq_test_${suffix}`;
  const admin = knexFactory({ client: "pg", connection: POSTGRES_ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`CREATE DATABASE ${name}`);
  await admin.destroy();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const admin2 = knexFactory({ client: "pg", connection: POSTGRES_ADMIN_URL, pool: { min: 0, max: 1 } });
      await admin2.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin2.destroy();
    },
  };
}
