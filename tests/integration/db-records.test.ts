// db/records.ts types every table's rows (decision 053). It is generated from the migrated
// schema; on each engine the schema must give the very same file, or a migration forgot it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { columnType, recordName, recordsSource } from "../../db/records-source";
import { getDb } from "~/db.server";

describe("db/records.ts", () => {
  it("is the schema the migrations build, on this engine (regenerate with npx tsx scripts/db-records.mts)", async () => {
    const committed = fs.readFileSync(path.resolve("db/records.ts"), "utf8");
    expect(await recordsSource(getDb())).toBe(committed);
  });

  it("types each column as both drivers return it", () => {
    expect(columnType("integer")).toBe("number");
    expect(columnType("varchar(200)")).toBe("string");
    expect(columnType("character varying")).toBe("string");
    expect(columnType("text")).toBe("string");
    expect(columnType("boolean")).toBe("boolean | number");
    expect(columnType("bigint")).toBe("number | string");
    expect(columnType("double precision")).toBe("number");
    expect(() => columnType("jsonb")).toThrow(/inconnu/);
    expect(recordName("meeting_sections")).toBe("MeetingSectionsRecord");
  });
});
